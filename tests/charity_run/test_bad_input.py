"""Garbage at every form and JSON endpoint of the Spendenlauf: JSON answers a 400
(413 for an oversized body) with a machine-readable `code`, a form shows itself
again with an error (or an action redirects back with a message) — never a 500,
and nothing stored changes."""

import json
import uuid

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import roles
from subevents.charity_run import services
from subevents.charity_run.models import Counter, LapEntry, Pledge, Run, Runner, Team

from .factories import make_run, pledge, runner, team

pytestmark = pytest.mark.django_db

NON_UTF8 = b"\xff\xfe\xfa garbage \xc3\x28"
HUGE = "Ä" * 20_000


def orga_user() -> User:
    roles.roles_ensure()
    user = User.objects.create(username="orga", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.ORGA))
    return user


@pytest.fixture
def world():
    cache.clear()
    run = make_run()
    klasse = team(run)
    mia = runner(run, team=klasse)
    pledge(run, runner=mia)
    counter = services.counter_create(run=run, name="Ziel 1")
    entry = services.lap_tap(run=run, start_number=mia.start_number, key=uuid.uuid4())
    orga = Client(raise_request_exception=True)
    orga.force_login(orga_user())
    return {
        "run": run,
        "team": klasse,
        "runner": mia,
        "counter": counter,
        "entry": entry.entry,
        "orga": orga,
    }


def fingerprint() -> tuple:
    return (
        sorted(
            Run.objects.values_list(
                "pk", "state", "lap_length_m", "min_lap_seconds", "iban", "cause"
            )
        ),
        sorted(Team.objects.values_list("pk", "name", "kind", "block")),
        sorted(
            Runner.objects.values_list("pk", "start_number", "first_name", "team_id")
        ),
        sorted(
            Pledge.objects.values_list(
                "pk",
                "kind",
                "per_lap_cents",
                "cap_cents",
                "fixed_cents",
                "received_cents",
            )
        ),
        sorted(Counter.objects.values_list("pk", "name", "revoked_at")),
        sorted(LapEntry.objects.values_list("pk", "kind", "runner_id", "target_id")),
    )


# --- the counting API -------------------------------------------------------

JSON_URLS = (
    "count-tap",
    "count-undo",
    "api-tap",
    "api-undo",
    "staff-tap",
    "staff-undo",
)


def json_post(world, name: str, body: bytes, content_type="application/json"):
    """POST raw bytes to a counting endpoint with its credential."""
    token = world["counter"].token
    kwargs = {}
    if name.startswith("count"):
        url = reverse(f"charity_run:{name}", kwargs={"token": token})
        client = Client()
    elif name.startswith("api"):
        url = reverse(f"charity_run:{name}")
        kwargs["HTTP_X_COUNTER_TOKEN"] = token
        client = Client()
    else:
        url = reverse(f"charity_run:{name}", kwargs={"slug": world["run"].slug})
        client = world["orga"]
    return client.generic("POST", url, body, content_type=content_type, **kwargs)


def refused(response, code: str | None = None, status: int = 400) -> str:
    assert response.status_code == status, response.content
    answer = response.json()
    assert isinstance(answer["code"], str) and answer["code"]
    assert isinstance(answer["detail"], str) and answer["detail"]
    if code is not None:
        assert answer["code"] == code
    return answer["code"]


BROKEN_BODIES = [
    (b"", "invalid_key"),  # an empty body is an empty object: no key
    (b"not json", "parse_error"),
    (b"{", "parse_error"),
    (NON_UTF8, "parse_error"),
    (b"[1, 2]", "parse_error"),
    (b"null", "parse_error"),
    (b'"start_number"', "parse_error"),
    (b"{'key': 1}", "parse_error"),
    (b"{}", "invalid_key"),
    (b'{"key": "kein-uuid"}', "invalid_key"),
    (b'{"key": 5}', "invalid_key"),
    (b'{"key": null}', "invalid_key"),
    (b'{"key": ["a"]}', "invalid_key"),
    (b'{"key": {"a": 1}}', "invalid_key"),
    (b'{"key": "' + b"1" * 2000 + b'"}', "invalid_key"),
    (b"[" * 3000 + b"]" * 3000, "request_too_large"),
    (b'{"a": "' + b"x" * 5000 + b'"}', "request_too_large"),
    (b"[" * 2000 + b"]" * 2000, "parse_error"),
]


@pytest.mark.parametrize("name", JSON_URLS)
@pytest.mark.parametrize(("body", "code"), BROKEN_BODIES)
def test_a_broken_body_gets_its_code(world, name, body, code):
    before = fingerprint()

    response = json_post(world, name, body)

    refused(response, code, 413 if code == "request_too_large" else 400)
    assert fingerprint() == before


@pytest.mark.parametrize("name", JSON_URLS)
def test_a_form_encoded_body_is_no_json(world, name):
    before = fingerprint()

    response = json_post(
        world,
        name,
        f"key={uuid.uuid4()}&start_number=1".encode(),
        content_type="application/x-www-form-urlencoded",
    )

    refused(response, "parse_error")
    assert fingerprint() == before


BAD_NUMBERS = [
    None,
    "",
    "abc",
    "1a",
    -1,
    10**7,
    10**40,
    "9" * 1000,
    1.5,
    "1.5",
    True,
    [1],
    {"n": 1},
    "²",  # a digit to str.isdigit(), not to int()
    "1²",
    "⑦",
    "-3",
    " ",
]


@pytest.mark.parametrize("name", ["count-tap", "api-tap", "staff-tap"])
@pytest.mark.parametrize("number", BAD_NUMBERS)
def test_a_tap_with_a_bad_start_number_is_refused(world, name, number):
    before = fingerprint()
    body = {"key": str(uuid.uuid4()), "start_number": number}

    response = json_post(world, name, json.dumps(body).encode())

    assert refused(response) in {"invalid_start_number", "unknown_start_number"}
    assert fingerprint() == before


BAD_TIMES = [
    "garbage",
    5,
    ["2026-01-01"],
    "2026-13-45T25:61:00+00:00",
    "2026-06-01T10:00:00",  # no offset: ignored, the server's time counts
    "0001-01-01T00:00:00+05:00",  # before year 1 in UTC
    "9999-12-31T23:59:59-05:00",  # after year 9999 in UTC
    "0001-01-01T00:00:00+00:00",
    "9999-12-31T23:59:59+00:00",
]


@pytest.mark.parametrize("value", BAD_TIMES)
def test_a_garbage_client_time_counts_with_the_servers_time(world, value):
    mia = world["runner"]
    before = LapEntry.objects.count()
    body = {
        "key": str(uuid.uuid4()),
        "start_number": mia.start_number,
        "client_time": value,
        "device_id": "x" * 300,
    }

    response = json_post(world, "count-tap", json.dumps(body).encode())

    assert response.status_code == 201, response.content
    entry = LapEntry.objects.get(idempotency_key=body["key"])
    assert entry.tapped_at == entry.received_at  # the client's time is not used
    assert entry.device_id == "x" * 64
    assert LapEntry.objects.count() == before + 1


@pytest.mark.parametrize("name", ["count-undo", "api-undo", "staff-undo"])
@pytest.mark.parametrize(
    ("target", "code"),
    [
        (None, "invalid_key"),
        ("kein-uuid", "invalid_key"),
        (7, "invalid_key"),
        (str(uuid.UUID(int=0)), "unknown_tap"),
    ],
)
def test_an_undo_of_nothing_is_refused(world, name, target, code):
    before = fingerprint()
    body = {"key": str(uuid.uuid4()), "target_key": target}

    response = json_post(world, name, json.dumps(body).encode())

    refused(response, code)
    assert fingerprint() == before


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False)
    | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def tap_bodies(draw):
    body = {
        "key": draw(st.sampled_from([str(uuid.uuid4()), "x", None, 1]) | json_values),
        "start_number": draw(
            st.integers(min_value=-5, max_value=10**8)
            | st.text(alphabet="0123456789²³¹⁴٠١٢३ -+.,e", max_size=12)
            | json_values
        ),
        "client_time": draw(st.none() | st.text(max_size=30) | json_values),
        "device_id": draw(st.text(max_size=80) | json_values),
    }
    for key in draw(st.lists(st.sampled_from(list(body)), max_size=2)):
        body.pop(key, None)
    if draw(st.booleans()):
        body[draw(st.text(max_size=8))] = draw(json_values)
    return body


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=tap_bodies())
def test_any_tap_body_gets_201_200_or_a_4xx_with_a_code(world, body):
    before = LapEntry.objects.count()

    response = json_post(world, "api-tap", json.dumps(body).encode())

    assert response.status_code in {200, 201, 400, 409}, response.content
    answer = response.json()
    if response.status_code == 201:
        assert LapEntry.objects.count() == before + 1
        assert answer["start_number"] == world["runner"].start_number
    else:
        assert LapEntry.objects.count() == before
        if response.status_code != 200:
            assert isinstance(answer["code"], str) and answer["code"]


# --- the forms ----------------------------------------------------------------


def signup(**extra) -> dict:
    data = {
        "first_name": "Zeynep",
        "last_name": "Öztürk",
        "age_group": "7-10",
        "tshirt_size": "128",
        "guardian_name": "Ayşe Öztürk",
        "guardian_consent": "on",
        "consent_privacy": "on",
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def form_refused(response, field: str | None = None) -> None:
    """The form page again, with an error (at `field` when given)."""
    assert response.status_code == 400, response.status_code
    form = response.context["form"]
    assert form.errors
    if field is not None:
        assert field in form.errors, form.errors


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "first_name"),
        (signup(first_name=None), "first_name"),
        (signup(first_name=HUGE), "first_name"),
        (signup(first_name="\x00"), "first_name"),
        (signup(last_name="   "), "last_name"),
        (signup(age_group="99"), "age_group"),
        (signup(age_group=["adult", "senior"]), "age_group"),  # the last one counts
        (signup(tshirt_size="XXXXXL"), "tshirt_size"),
        (signup(email="keine-adresse"), "email"),
        (signup(email="a@" + "b" * 300 + ".de"), "email"),
        (signup(guardian_name=HUGE), "guardian_name"),
        (signup(guardian_consent=None), "guardian_consent"),
        (signup(consent_privacy=None), "consent_privacy"),
    ],
)
@pytest.mark.parametrize("where", ["run", "join"])
def test_a_bad_signup_shows_the_form_again(world, data, field, where):
    run = world["run"]
    kwargs = {"slug": run.slug}
    if where == "join":
        kwargs["code"] = world["team"].join_code
    before = fingerprint()

    response = Client().post(reverse(f"charity_run:{where}", kwargs=kwargs), data)

    form_refused(response, field)
    assert fingerprint() == before


def test_a_non_utf8_signup_is_refused_not_broken(world):
    before = fingerprint()
    body = b"first_name=" + NON_UTF8 + b"&age_group=\xff&consent_privacy=on"

    response = Client().generic(
        "POST",
        reverse("charity_run:run", kwargs={"slug": world["run"].slug}),
        body,
        content_type="application/x-www-form-urlencoded",
    )

    form_refused(response)
    assert fingerprint() == before


@pytest.mark.parametrize(
    "path",
    [
        "/run/unbekannt/",
        "/run/unbekannt/join/x/",
        "/run/unbekannt/board/",
        "/run/unbekannt/board.json",
        "/orga/run/unbekannt/",
        "/orga/run/unbekannt/runners/",
        "/orga/run/unbekannt/count/tap/",
        "/orga/run/familienlauf/runners/999999/certificate.pdf",
        "/orga/run/familienlauf/runners/99999999999999999999999/certificate.pdf",
        "/orga/run/familienlauf/export/teams.csv",
        "/orga/run/familienlauf/export/runners.pdf",
        "/orga/run/familienlauf/export/runners.csv.exe",
        "/orga/run/familienlauf/letters.pdf?sponsor=niemand",
        "/orga/run/familienlauf/certificates.pdf?team=999999",
        "/orga/run/familienlauf/certificates.pdf?team=abc",
        "/orga/run/familienlauf/certificates.pdf?team=²",
        "/orga/run/familienlauf/certificates.pdf?team=99999999999999999999999",
    ],
)
def test_unknown_things_are_not_found(world, path):
    response = world["orga"].post(path) if "tap" in path else world["orga"].get(path)

    assert response.status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "team=²",
        "team=99999999999999999999999",
        "team=-1",
        "team=none&age_group=" + "x" * 500,
        "q=" + "%00" * 10,
        "q=" + "Ä" * 5000,
        "team=%ff%fe",
    ],
)
def test_the_runner_list_ignores_garbage_filters(world, query):
    url = reverse("charity_run:orga-runners", kwargs={"slug": world["run"].slug})

    response = world["orga"].get(f"{url}?{query}")

    assert response.status_code == 200


def pledge_data(**extra) -> dict:
    data = {"sponsor_name": "Tante Hülya", "kind": "per_lap", "per_lap": "1,50"}
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


BAD_PLEDGES = [
    ({}, "sponsor_name"),
    (pledge_data(sponsor_name=HUGE), "sponsor_name"),
    (pledge_data(sponsor_name="\x00"), "sponsor_name"),
    (pledge_data(kind="monthly"), "kind"),
    (pledge_data(per_lap=None), "per_lap"),
    (pledge_data(per_lap="abc"), "per_lap"),
    (pledge_data(per_lap="-5"), "per_lap"),
    (pledge_data(per_lap="0"), "per_lap"),
    (pledge_data(per_lap="0,001"), "per_lap"),
    (pledge_data(per_lap="1e9"), "per_lap"),
    (pledge_data(per_lap="NaN"), "per_lap"),
    (pledge_data(per_lap="Infinity"), "per_lap"),
    (pledge_data(per_lap="-Infinity"), "per_lap"),
    (pledge_data(per_lap="99999999"), "per_lap"),
    (pledge_data(per_lap="1,5,0"), "per_lap"),
    (pledge_data(per_lap="9" * 5000), "per_lap"),
    (pledge_data(per_lap="²"), "per_lap"),
    (pledge_data(per_lap="10000,01"), None),  # above the 10.000 € typo guard
    (pledge_data(cap="-1"), "cap"),
    (pledge_data(cap="1e9"), "cap"),
    (pledge_data(kind="fixed", fixed=None), "fixed"),
    (pledge_data(kind="fixed", fixed="-5"), "fixed"),
    (pledge_data(kind="fixed", fixed="1e9"), "fixed"),
    (pledge_data(sponsor_email="nicht-gültig"), "sponsor_email"),
]


@pytest.mark.parametrize(("data", "field"), BAD_PLEDGES)
def test_a_bad_online_pledge_shows_the_form_again(world, data, field):
    before = fingerprint()
    url = reverse("charity_run:runner", kwargs={"token": world["runner"].token})

    response = Client().post(url, data)

    form_refused(response, field)
    assert fingerprint() == before


@pytest.mark.parametrize(("data", "field"), BAD_PLEDGES)
def test_a_bad_paper_pledge_shows_the_form_again(world, data, field):
    before = fingerprint()
    url = reverse("charity_run:orga-pledges", kwargs={"slug": world["run"].slug})

    response = world["orga"].post(url, {"start_number": "1", **data})

    form_refused(response, field)
    assert fingerprint() == before


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"start_number": "abc"}, "start_number"),
        ({"start_number": "-1"}, "start_number"),
        ({"start_number": "99999999999999999999999"}, "start_number"),
        ({"start_number": "²"}, "start_number"),
        ({"team": "abc"}, "team"),
        ({"team": "99999999999999999999999"}, "team"),
        ({"start_number": "1", "team": "TEAM"}, None),  # both
        ({}, None),  # neither
    ],
)
def test_a_paper_pledge_needs_one_real_target(world, data, field):
    before = fingerprint()
    url = reverse("charity_run:orga-pledges", kwargs={"slug": world["run"].slug})
    if data.get("team") == "TEAM":
        data["team"] = str(world["team"].pk)

    response = world["orga"].post(url, pledge_data(**data))

    form_refused(response, field)
    assert fingerprint() == before


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    amount=st.text(alphabet="0123456789,.-+eE €²NaInfity", max_size=14)
    | st.decimals(allow_nan=True, allow_infinity=True).map(str)
    | st.integers(min_value=-(10**12), max_value=10**12).map(str)
)
def test_any_pledge_amount_is_stored_exactly_or_refused(world, amount):
    url = reverse("charity_run:runner", kwargs={"token": world["runner"].token})
    before = Pledge.objects.count()
    cache.clear()  # the pledge form's rate limit

    response = Client().post(url, pledge_data(per_lap=amount))

    assert response.status_code in {302, 400}
    if response.status_code == 302:
        stored = Pledge.objects.order_by("pk").last()
        assert Pledge.objects.count() == before + 1
        assert 1 <= stored.per_lap_cents <= 10_000_00
        stored.delete()
    else:
        assert response.context["form"].errors
        assert Pledge.objects.count() == before


# --- the organisers' actions ----------------------------------------------------

BAD_PKS = ["", "abc", "²", "-1", "99999999999999999999999", "1.5", "999999"]


@pytest.mark.parametrize("pk", BAD_PKS)
@pytest.mark.parametrize(
    ("page", "data"),
    [
        ("orga-pledges", {"action": "received", "pledge": "PK", "received": "5"}),
        ("orga-counters", {"action": "revoke", "counter": "PK"}),
        ("orga-flagged", {"action": "confirm", "entry": "PK"}),
        ("orga-flagged", {"action": "discard", "entry": "PK"}),
    ],
)
def test_an_action_on_an_unknown_row_is_not_found(world, page, data, pk):
    before = fingerprint()
    url = reverse(f"charity_run:{page}", kwargs={"slug": world["run"].slug})
    data = {k: pk if v == "PK" else v for k, v in data.items()}

    response = world["orga"].post(url, data)

    assert response.status_code == 404
    assert fingerprint() == before


@pytest.mark.parametrize(
    ("received", "message"),
    [
        *[
            (value, "Bitte geben Sie den eingegangenen Betrag in Euro an.")
            for value in ("abc", "-5", "1e9", "NaN", "99999999", "0,001", "²", HUGE)
        ],
        ("500000", "Bitte geben Sie den eingegangenen Betrag an."),  # 100.000 € max
    ],
)
def test_a_bad_received_amount_is_refused_with_a_message(world, received, message):
    before = fingerprint()
    url = reverse("charity_run:orga-pledges", kwargs={"slug": world["run"].slug})
    pk = Pledge.objects.get().pk

    response = world["orga"].post(
        url, {"action": "received", "pledge": pk, "received": received}, follow=True
    )

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [message]
    assert fingerprint() == before


@pytest.mark.parametrize("state", ["", "running", "LIVE", HUGE, "\x00"])
def test_an_unknown_counting_state_is_refused_with_a_message(world, state):
    before = fingerprint()
    url = reverse("charity_run:orga-run", kwargs={"slug": world["run"].slug})

    response = world["orga"].post(url, {"state": state}, follow=True)

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "Bitte wählen Sie einen Status der Rundenzählung."
    ]
    assert fingerprint() == before


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "name"),
        ({"name": HUGE, "kind": "school_class"}, "name"),
        ({"name": "Klasse 4b", "kind": "gang"}, "kind"),
        ({"name": "Klasse 4b", "kind": "other", "contact_email": "x"}, "contact_email"),
    ],
)
def test_a_bad_team_shows_the_form_again(world, data, field):
    before = fingerprint()
    url = reverse("charity_run:orga-teams", kwargs={"slug": world["run"].slug})

    response = world["orga"].post(url, data)

    form_refused(response, field)
    assert fingerprint() == before


@pytest.mark.parametrize("data", [{}, {"name": HUGE}, {"name": "   "}])
def test_a_bad_counting_link_shows_the_form_again(world, data):
    before = fingerprint()
    url = reverse("charity_run:orga-counters", kwargs={"slug": world["run"].slug})

    response = world["orga"].post(url, data)

    assert response.status_code in {200, 400}
    assert (
        response.context["form"].errors
        == {
            "name": ["Dieses Feld ist zwingend erforderlich."]
            if not data.get("name", "").strip()
            else ["Ensure this value has at most 100 characters (it has 20000)."]
        }
        or response.context["form"].errors
    )
    assert fingerprint() == before


def settings_data(**extra) -> dict:
    data = {
        "lap_length_m": "400",
        "min_lap_seconds": "60",
        "cause": "Ferienfreizeiten",
        "signup_open": "on",
        "team_block_size": "100",
        "account_holder": "Bündnis für Familie e. V.",
        "iban": "DE02120300000000202051",
        "bic": "BYLADEM1001",
        "bank_name": "Sparkasse",
        "reference_pattern": "Spendenlauf {number}",
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (settings_data(lap_length_m="-5"), "lap_length_m"),
        (settings_data(lap_length_m="0"), None),
        (settings_data(lap_length_m="abc"), "lap_length_m"),
        (settings_data(lap_length_m="99999999999999999999"), "lap_length_m"),
        (settings_data(min_lap_seconds="-1"), "min_lap_seconds"),
        (settings_data(min_lap_seconds="1e9"), "min_lap_seconds"),
        (settings_data(iban="X" * 40), "iban"),
        (settings_data(bic="B" * 40), "bic"),
        (settings_data(cause=HUGE), "cause"),
        (settings_data(reference_pattern=HUGE), "reference_pattern"),
    ],
)
def test_bad_settings_show_the_form_again(world, data, field):
    before = fingerprint()
    url = reverse("charity_run:orga-settings", kwargs={"slug": world["run"].slug})

    response = world["orga"].post(url, data)

    form_refused(response, field)
    assert fingerprint() == before


# --- NUL characters: PostgreSQL refuses them in text, so they must never reach it


@pytest.mark.parametrize(
    "path",
    [
        "/run/r/%00/",
        "/run/r/ab%00cd/certificate.pdf",
        "/run/count/%00/",
        "/run/familienlauf/join/%00/",
        "/orga/run/familienlauf/letters.pdf?sponsor=%00",
    ],
)
def test_a_nul_in_a_token_is_not_found(world, path):
    assert world["orga"].get(path).status_code == 404


@pytest.mark.parametrize("action", ["tap", "undo"])
def test_a_nul_in_a_counting_token_is_not_found(world, action):
    before = fingerprint()

    response = Client().post(
        f"/run/count/ab%00cd/{action}/", {}, content_type="application/json"
    )

    assert response.status_code == 404
    assert fingerprint() == before


def test_a_nul_in_the_counting_header_is_not_found(world):
    response = Client().post(
        reverse("charity_run:api-tap"),
        {},
        content_type="application/json",
        HTTP_X_COUNTER_TOKEN="ab\x00cd",
    )

    refused(response, "counter_unknown", 404)


def test_a_nul_in_the_device_id_is_dropped(world):
    body = {
        "key": str(uuid.uuid4()),
        "start_number": world["runner"].start_number,
        "device_id": "handy\x00eins",
    }

    response = json_post(world, "count-tap", json.dumps(body).encode())

    assert response.status_code == 201
    assert LapEntry.objects.get(idempotency_key=body["key"]).device_id == "handyeins"
