"""Every URL of the Spendenlauf, requested as every kind of account and with
every kind of token.

The tables below are the contract: for each URL name the exact status a GET and an
empty POST get, per role (token URLs with the right token). They are checked
against the URL conf, so a new URL without a row fails — whoever adds a page
decides who may open it. Refused POSTs change nothing: the module's rows are
compared before and after. A token opens its own record only: another runner's or
counter's token shows that record (never this one's data), a garbage token 404.
"""

import uuid

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import URLPattern, reverse

from events import roles
from subevents.charity_run import services, urls
from subevents.charity_run.models import Counter, LapEntry, Pledge, Run, Runner, Team
from tests.charity_run.factories import make_run, pledge, runner, team
from tests.events.factories import EventFactory, PartnerFactory, SubEventFactory

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "staff",  # a staff account in no organiser group
    "partner",  # a partner organisation's coordinator (events.roles.PARTNER)
    "lead",  # module lead of the Spendenlauf sub-event
    "lead_other",  # module lead of another sub-event
    "coordination",  # volunteer coordination
    "orga",
)

L = "login"  # a redirect to the login page

# URL name: (GET statuses, empty-POST statuses), in the order of ROLES.
# 302 after a POST: handled (an action redirects back, also after an empty form
# with a message); 400: the empty form or JSON body is refused; 405: wrong method.
# The run is finished (certificates exist), so counting is closed.
EVERYONE_200 = (200,) * 7
EVERYONE_400 = (400,) * 7
EVERYONE_405 = (405,) * 7
ORGA_ONLY = (L, 403, 403, 200, 403, 403, 200)
ORGA_ONLY_400 = (L, 403, 403, 400, 403, 403, 400)
JSON_ORGA_400 = (403, 403, 403, 400, 403, 403, 400)  # JSON: no login redirect

MATRIX: dict[str, tuple[tuple, tuple]] = {
    # GET: anon, staff, partner, lead, lead_other, coordination, orga
    # POST: the same order
    "run": (EVERYONE_200, EVERYONE_400),
    "join": (EVERYONE_200, EVERYONE_400),
    "board": (EVERYONE_200, EVERYONE_405),
    "board-data": (EVERYONE_200, EVERYONE_405),
    "runner": (EVERYONE_200, EVERYONE_400),
    "runner-certificate": (EVERYONE_200, EVERYONE_405),
    "count": (EVERYONE_200, EVERYONE_200),  # the page shows again on a POST
    "count-tap": (EVERYONE_405, EVERYONE_400),
    "count-undo": (EVERYONE_405, EVERYONE_400),
    "api-tap": (EVERYONE_405, EVERYONE_400),
    "api-undo": (EVERYONE_405, EVERYONE_400),
    "orga-runs": (ORGA_ONLY, ORGA_ONLY),
    "orga-run": (ORGA_ONLY, (L, 403, 403, 302, 403, 403, 302)),
    "orga-settings": (ORGA_ONLY, ORGA_ONLY_400),
    "orga-runners": (ORGA_ONLY, ORGA_ONLY),
    "orga-teams": (ORGA_ONLY, ORGA_ONLY_400),
    "orga-pledges": (ORGA_ONLY, ORGA_ONLY_400),
    "orga-counters": (ORGA_ONLY, ORGA_ONLY),  # the empty form shown again
    "orga-flagged": (ORGA_ONLY, (L, 403, 403, 404, 403, 403, 404)),  # no entry
    "staff-count": (ORGA_ONLY, ORGA_ONLY),
    "staff-tap": (EVERYONE_405, JSON_ORGA_400),
    "staff-undo": (EVERYONE_405, JSON_ORGA_400),
    "orga-certificates": (ORGA_ONLY, EVERYONE_405),
    "orga-certificate": (ORGA_ONLY, EVERYONE_405),
    "orga-letters": (ORGA_ONLY, EVERYONE_405),
    "orga-export": (ORGA_ONLY, EVERYONE_405),
}

# Token URLs: (GET, empty POST) as anonymous with the right token, another
# record's token and a garbage token.
TOKENS = ("right", "other", "garbage")
TOKEN_MATRIX: dict[str, tuple[tuple, tuple]] = {
    # GET: right, other, garbage; POST: the same order
    "join": ((200, 404, 404), (400, 404, 404)),
    "runner": ((200, 200, 404), (400, 400, 404)),
    "runner-certificate": ((200, 200, 404), (405, 405, 405)),
    "count": ((200, 200, 404), (200, 200, 404)),
    "count-tap": ((405, 405, 405), (400, 400, 404)),
    "count-undo": ((405, 405, 405), (400, 400, 404)),
    "api-tap": ((405, 405, 405), (400, 400, 404)),
    "api-undo": ((405, 405, 405), (400, 400, 404)),
}


@pytest.fixture
def world():
    cache.clear()
    run = make_run(slug="familienlauf")
    other_run = make_run(slug="abendlauf")
    klasse = team(run)
    mia = runner(run, team=klasse)
    ben = runner(run, "Ben", "Okafor", team=None)
    stranger = runner(other_run, "Lotta", "Weiß")
    pledge(run, runner=mia)
    pledge(run, team=klasse, sponsor_name="Bäckerei Korn", fixed_cents=5000)
    counter = Counter.objects.create(run=run, name="Ziel 1")
    other_counter = Counter.objects.create(run=other_run, name="Ziel Abend")
    run.state = Run.State.FINISHED
    run.save()
    other_sub = SubEventFactory(festival=run.event.sub_event.festival, name="Kino")
    users = {
        "staff": staff("staff"),
        "partner": staff("partner", roles.PARTNER),
        "lead": staff("lead", roles.MODULE_LEAD),
        "lead_other": staff("lead_other", roles.MODULE_LEAD),
        "coordination": staff("coordination", roles.VOLUNTEER_COORDINATION),
        "orga": staff("orga", roles.ORGA),
    }
    PartnerFactory(name="Kita Sonnenschein").members.add(users["partner"])
    run.event.sub_event.leads.add(users["lead"])
    other_sub.leads.add(users["lead_other"])
    return {
        "run": run,
        "users": users,
        "team": klasse,
        "runner": mia,
        "other_runner": ben,
        "stranger": stranger,
        "counter": counter,
        "other_counter": other_counter,
    }


def staff(username: str, *groups: str) -> User:
    """A staff account in the given groups (no password: logged in by force)."""
    roles.roles_ensure()
    user = User.objects.create(username=username, is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def patterns() -> list[URLPattern]:
    return list(urls.urlpatterns)


def url_names() -> list[str]:
    return [p.name for p in patterns()]


def token_of(world, name: str, which: str) -> str:
    if which == "garbage":
        return "kein-gueltiges-token-" + "x" * 20
    if name.startswith("runner"):
        return world["runner" if which == "right" else "other_runner"].token
    if name.startswith("count") or name.startswith("api"):
        return world["counter" if which == "right" else "other_counter"].token
    if name == "join":
        return world["team"].join_code if which == "right" else "andere-klasse"
    raise AssertionError(name)


def request_kwargs(world, pattern: URLPattern, which: str = "right"):
    """The URL and the extra headers for a pattern (api paths: token header)."""
    run = world["run"]
    values = {
        "slug": run.slug,
        "pk": world["runner"].pk,
        "what": "runners",
        "fmt": "csv",
    }
    kwargs = {}
    headers = {}
    for key in pattern.pattern.converters:
        if key in ("token", "code"):
            kwargs[key] = token_of(world, pattern.name, which)
        else:
            kwargs[key] = values[key]
    if pattern.name.startswith("api-"):
        headers["HTTP_X_COUNTER_TOKEN"] = token_of(world, pattern.name, which)
    return reverse(f"charity_run:{pattern.name}", kwargs=kwargs), headers


def is_token_url(pattern: URLPattern) -> bool:
    converters = set(pattern.pattern.converters)
    return bool({"token", "code"} & converters) or pattern.name.startswith("api-")


def status_of(response) -> int | str:
    if response.status_code == 302 and response["Location"].startswith(
        reverse("login")
    ):
        return L
    return response.status_code


def fingerprint() -> tuple:
    """Everything an action of the module could change."""
    return (
        sorted(Run.objects.values_list("pk", "state", "lap_length_m", "cause")),
        sorted(Team.objects.values_list("pk", "name", "block")),
        sorted(Runner.objects.values_list("pk", "start_number", "team_id")),
        sorted(
            Pledge.objects.values_list("pk", "per_lap_cents", "received_cents", "kind")
        ),
        sorted(Counter.objects.values_list("pk", "revoked_at")),
        LapEntry.objects.count(),
    )


def observe(client, world, method: str) -> dict[str, tuple]:
    seen: dict[str, tuple] = {}
    for pattern in patterns():
        url, headers = request_kwargs(world, pattern)
        row = []
        for role in ROLES:
            client.logout()
            cache.clear()  # rate limits and the board's cache
            if role != "anonymous":
                client.force_login(world["users"][role])
            response = getattr(client, method)(url, **headers)
            row.append(status_of(response))
        seen[pattern.name] = tuple(row)
    return seen


def observe_tokens(client, world, method: str) -> dict[str, tuple]:
    seen: dict[str, tuple] = {}
    for pattern in patterns():
        if not is_token_url(pattern):
            continue
        row = []
        for which in TOKENS:
            cache.clear()
            url, headers = request_kwargs(world, pattern, which)
            response = getattr(client, method)(url, **headers)
            row.append(status_of(response))
        seen[pattern.name] = tuple(row)
    return seen


def test_every_url_of_the_module_has_a_row():
    assert sorted(url_names()) == sorted(MATRIX)
    token_urls = [p.name for p in patterns() if is_token_url(p)]
    assert sorted(token_urls) == sorted(TOKEN_MATRIX)


@pytest.mark.parametrize("method", ["get", "post"])
def test_each_role_gets_exactly_its_status(client, world, method):
    column = 0 if method == "get" else 1
    expected = {name: rows[column] for name, rows in MATRIX.items()}

    assert observe(client, world, method) == expected


@pytest.mark.parametrize("method", ["get", "post"])
def test_each_token_opens_exactly_its_record(client, world, method):
    column = 0 if method == "get" else 1
    expected = {name: rows[column] for name, rows in TOKEN_MATRIX.items()}

    assert observe_tokens(client, world, method) == expected


# A POST body that would change something if the view let it through.
ACTION = {
    "state": Run.State.LIVE,
    "name": "Neue Klasse",
    "kind": Team.Kind.SCHOOL_CLASS,
    "action": "revoke",
    "counter": "",
    "sponsor_name": "Fremder Sponsor",
    "per_lap": "5",
    "start_number": "1",
    "lap_length_m": "999",
    "min_lap_seconds": "10",
}


def test_refused_posts_change_nothing(client, world):
    ACTION["counter"] = str(world["counter"].pk)
    checked = 0
    for pattern in patterns():
        url, headers = request_kwargs(world, pattern)
        for index, role in enumerate(ROLES):
            if MATRIX[pattern.name][1][index] not in (L, 403, 404, 405):
                continue
            client.logout()
            if role != "anonymous":
                client.force_login(world["users"][role])
            before = fingerprint()
            client.post(url, ACTION, **headers)
            assert fingerprint() == before, (pattern.name, role)
            checked += 1
    assert checked == 106


def test_a_runners_token_shows_only_that_runner(client, world):
    mia, ben = world["runner"], world["other_runner"]

    page = client.get(reverse("charity_run:runner", kwargs={"token": mia.token}))
    other = client.get(reverse("charity_run:runner", kwargs={"token": ben.token}))

    assert "Mia" in page.content.decode() and "Oma Gül" in page.content.decode()
    assert "Okafor" not in page.content.decode()
    assert "Okafor" in other.content.decode()
    assert "Oma Gül" not in other.content.decode()  # Mia's sponsor


def test_a_token_is_no_prefix_or_case_match(client, world):
    token = world["runner"].token
    for wrong in (token[:-1], token + "x", token.swapcase()):
        url = reverse("charity_run:runner", kwargs={"token": wrong})
        assert client.get(url).status_code == 404, wrong


def test_the_organisers_certificate_of_another_runs_runner_is_not_found(client, world):
    client.force_login(world["users"]["orga"])
    url = reverse(
        "charity_run:orga-certificate",
        kwargs={"slug": world["run"].slug, "pk": world["stranger"].pk},
    )

    assert client.get(url).status_code == 404


def test_a_counting_link_counts_only_its_own_run(client, world):
    run = world["run"]
    run.state = Run.State.LIVE
    run.save()
    stranger = world["stranger"]  # start number in the other run only
    if Runner.objects.filter(run=run, start_number=stranger.start_number).exists():
        stranger.start_number = 4711
        stranger.save()
    url = reverse("charity_run:count-tap", kwargs={"token": world["counter"].token})

    response = client.post(
        url,
        {"key": str(uuid.uuid4()), "start_number": stranger.start_number},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "unknown_start_number"
    assert LapEntry.objects.count() == 0


def test_a_revoked_counting_link_opens_nothing(client, world):
    counter = world["counter"]
    counter.revoked_at = world["run"].updated_at
    counter.save()
    token = counter.token

    page = client.get(reverse("charity_run:count", kwargs={"token": token}))
    tap = client.post(
        reverse("charity_run:api-tap"),
        {"key": str(uuid.uuid4()), "start_number": 1},
        content_type="application/json",
        HTTP_X_COUNTER_TOKEN=token,
    )

    assert page.status_code == 403
    assert (tap.status_code, tap.json()["code"]) == (403, "counter_revoked")


@pytest.mark.parametrize("role", ["lead_other", "orga"])
def test_no_other_sub_events_event_becomes_a_run(client, world, role):
    """A lead of the cinema may change the cinema's events, but not turn one of
    them into a run with a public sign-up for children; nor may the Orga-Team by
    mistake."""
    kino = world["users"]["lead_other"].led_sub_events.get()
    film = EventFactory(sub_event=kino, slug="kinderkino")
    client.force_login(world["users"][role])
    url = reverse("charity_run:orga-settings", kwargs={"slug": "kinderkino"})
    data = {"lap_length_m": "400", "min_lap_seconds": "60", "team_block_size": "100"}

    assert client.get(url).status_code == 404
    assert client.post(url, data).status_code == 404
    assert not Run.objects.filter(event=film).exists()
    with pytest.raises(ValidationError) as refused:
        services.run_setup(event=film, lap_length_m=400)
    assert refused.value.code == "not_a_run"
    assert not Run.objects.filter(event=film).exists()


@pytest.mark.parametrize(
    ("page", "data"),
    [
        ("orga-pledges", {"action": "received", "pledge": "PLEDGE", "received": "5"}),
        ("orga-counters", {"action": "revoke", "counter": "COUNTER"}),
        ("orga-flagged", {"action": "confirm", "entry": "ENTRY"}),
    ],
)
def test_another_runs_rows_are_not_found_through_this_run(client, world, page, data):
    other_run = world["stranger"].run
    other_run.state = Run.State.LIVE
    other_run.save()
    rows = {
        "PLEDGE": pledge(other_run, runner=world["stranger"]).pk,
        "COUNTER": world["other_counter"].pk,
        "ENTRY": services.lap_tap(
            run=other_run, start_number=world["stranger"].start_number, key=uuid.uuid4()
        ).entry.pk,
    }
    client.force_login(world["users"]["lead"])  # the lead of both runs' sub-event
    url = reverse(f"charity_run:{page}", kwargs={"slug": world["run"].slug})
    before = fingerprint()

    response = client.post(url, {k: rows.get(v, v) for k, v in data.items()})

    assert response.status_code == 404
    assert fingerprint() == before


@pytest.mark.parametrize("who", ["not_a_module_lead", "not_staff"])
def test_being_listed_as_lead_is_not_enough_without_the_role(client, world, who):
    """A person entered as a lead of the Spendenlauf who is not (or no longer) a
    staff member of the Modulleitung gets no organiser page, as in the market."""
    run = world["run"]
    if who == "not_a_module_lead":
        person = staff("listed", roles.PARTNER)
    else:
        person = User.objects.create(username="listed", is_staff=False)
        person.groups.add(Group.objects.get(name=roles.MODULE_LEAD))
    run.event.sub_event.leads.add(person)
    client.force_login(person)

    pages = [
        reverse("charity_run:orga-runs"),
        reverse("charity_run:orga-run", kwargs={"slug": run.event.slug}),
    ]

    assert [client.get(url).status_code for url in pages] == [403, 403]


def test_a_lead_lists_only_the_runs_they_lead(client, world):
    other_kind = SubEventFactory(
        festival=world["run"].event.sub_event.festival,
        name="Zweiter Lauf",
        kind=world["run"].event.sub_event.kind,
    )
    EventFactory(sub_event=other_kind, title="Nachtlauf", slug="nachtlauf")
    client.force_login(world["users"]["lead"])

    response = client.get(reverse("charity_run:orga-runs"))

    assert sorted(e.slug for e in response.context["events"]) == [
        "abendlauf",
        "familienlauf",
    ]
