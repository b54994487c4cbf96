"""Every URL of the Kleider- und Spielzeugmarkt, requested as every kind of
account and with every kind of seller token.

The tables below are the contract: for each URL name the exact status a GET and an
empty POST get, per role (token URLs with the right token). They are checked
against the URL conf, so a new URL without a row fails — whoever adds a page
decides who may open it. Each request runs in a savepoint that is rolled back, so
the table does not depend on the order of the requests. Refused POSTs change
nothing: the module's rows are compared before and after. A seller's token opens
that seller's application only.
"""

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.db import transaction
from django.urls import URLPattern, reverse

from events import roles
from subevents.flea_market import urls
from subevents.flea_market.models import Application, Market, Pitch
from tests.events.factories import PartnerFactory, SubEventFactory
from tests.flea_market.factories import apply, market

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "staff",  # a staff account in no organiser group
    "partner",  # a partner organisation's coordinator (events.roles.PARTNER)
    "lead",  # module lead of the market's sub-event
    "lead_other",  # module lead of another sub-event
    "coordination",  # volunteer coordination
    "orga",
)

L = "login"  # a redirect to the login page

EVERYONE_200 = (200,) * 7
EVERYONE_302 = (302,) * 7
EVERYONE_400 = (400,) * 7
EVERYONE_405 = (405,) * 7
ORGA_ONLY = (L, 403, 403, 200, 403, 403, 200)
ORGA_302 = (L, 403, 403, 302, 403, 403, 302)

# URL name: (GET statuses, empty-POST statuses), in the order of ROLES.
# 302 after a POST: the action was handled (refused with a message, or done) and
# redirects back; 400: the empty form is shown again with its errors; 405: GET on
# an action that only takes POST (before the login). The seller's pages, the
# organisers' pages and files show themselves on a POST as on a GET.
MATRIX: dict[str, tuple[tuple, tuple]] = {
    # GET: anon, staff, partner, lead, lead_other, coordination, orga
    # POST: the same order
    "market": (EVERYONE_200, EVERYONE_400),
    "seller": (EVERYONE_200, EVERYONE_200),  # the token is the key: any role
    "seller-cancel": (EVERYONE_405, EVERYONE_302),
    "seller-pdf": (EVERYONE_200, EVERYONE_200),
    "orga-index": (ORGA_ONLY, ORGA_ONLY),
    "orga-applications": (ORGA_ONLY, ORGA_ONLY),
    "orga-board": (ORGA_ONLY, ORGA_ONLY),
    "orga-move": (EVERYONE_405, ORGA_302),
    "orga-allocate": (EVERYONE_405, ORGA_302),
    "orga-paid": (EVERYONE_405, ORGA_302),
    "orga-cancel": (EVERYONE_405, ORGA_302),
    "orga-decline": (EVERYONE_405, ORGA_302),
    "orga-confirmation": (ORGA_ONLY, ORGA_ONLY),
    "sellers-pdf": (ORGA_ONLY, ORGA_ONLY),
    "sellers-csv": (ORGA_ONLY, ORGA_ONLY),
    "sellers-xlsx": (ORGA_ONLY, ORGA_ONLY),
    "site-plan-pdf": (ORGA_ONLY, ORGA_ONLY),
}

# Token URLs: (GET, empty POST) as anonymous with the right token, another
# seller's token (on the waiting list: no pitch, so no confirmation) and a
# garbage token.
TOKENS = ("right", "other", "garbage")
TOKEN_MATRIX: dict[str, tuple[tuple, tuple]] = {
    "seller": ((200, 200, 404), (200, 200, 404)),
    "seller-cancel": ((405, 405, 405), (302, 302, 404)),
    "seller-pdf": ((200, 404, 404), (200, 404, 404)),
}


def staff(username: str, *groups: str) -> User:
    """A staff account in the given groups (no password: logged in by force)."""
    roles.roles_ensure()
    user = User.objects.create(username=username, is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def world():
    cache.clear()
    m = market(layout={"table": 1, "rail": 1})
    other_market = market(slug="basar")
    allocated = apply(m, "table", name="Familie Öztürk")
    waiting = apply(m, "table", name="Familie Berger")  # the only table is taken
    stranger = apply(other_market, "table", name="Familie Fremd")
    users = {
        "staff": staff("staff"),
        "partner": staff("partner", roles.PARTNER),
        "lead": staff("lead", roles.MODULE_LEAD),
        "lead_other": staff("lead_other", roles.MODULE_LEAD),
        "coordination": staff("coordination", roles.VOLUNTEER_COORDINATION),
        "orga": staff("orga", roles.ORGA),
    }
    PartnerFactory(name="Kita Sonnenschein").members.add(users["partner"])
    m.event.sub_event.leads.add(users["lead"])
    SubEventFactory(festival=m.event.sub_event.festival, name="Kino").leads.add(
        users["lead_other"]
    )
    assert (allocated.status, waiting.status) == ("allocated", "waiting")
    return {
        "market": m,
        "users": users,
        "allocated": allocated,
        "waiting": waiting,
        "stranger": stranger,
    }


def patterns() -> list[URLPattern]:
    return list(urls.urlpatterns)


def is_token_url(pattern: URLPattern) -> bool:
    return "token" in pattern.pattern.converters


def url_for(world, pattern: URLPattern, which: str = "right") -> str:
    kwargs = {}
    for key in pattern.pattern.converters:
        if key == "slug":
            kwargs[key] = world["market"].event.slug
        elif key == "pk":
            kwargs[key] = world["allocated"].pk
        elif key == "token":
            kwargs[key] = {
                "right": world["allocated"].token,
                "other": world["waiting"].token,
                "garbage": "kein-gueltiges-token-" + "x" * 20,
            }[which]
    return reverse(f"flea_market:{pattern.name}", kwargs=kwargs)


def status_of(response) -> int | str:
    if response.status_code == 302 and response["Location"].startswith(
        reverse("login")
    ):
        return L
    return response.status_code


def request(client, method: str, url: str, data=None):
    """One request whose changes are rolled back afterwards."""
    cache.clear()  # rate limits
    with transaction.atomic():
        response = getattr(client, method)(url, data or {})
        transaction.set_rollback(True)
    return response


def fingerprint() -> tuple:
    """Everything an action of the module could change."""
    return (
        sorted(
            Market.objects.values_list("pk", "commercial", "max_pitches_per_seller")
        ),
        sorted(
            Application.objects.values_list(
                "pk", "status", "pitch_id", "paid_at", "paid_cents", "name"
            )
        ),
        sorted(Pitch.objects.values_list("pk", "number", "pitch_type_id")),
    )


def observe(client, world, method: str) -> dict[str, tuple]:
    seen: dict[str, tuple] = {}
    for pattern in patterns():
        url = url_for(world, pattern)
        row = []
        for role in ROLES:
            client.logout()
            if role != "anonymous":
                client.force_login(world["users"][role])
            row.append(status_of(request(client, method, url)))
        seen[pattern.name] = tuple(row)
    return seen


def observe_tokens(client, world, method: str) -> dict[str, tuple]:
    seen: dict[str, tuple] = {}
    for pattern in patterns():
        if is_token_url(pattern):
            seen[pattern.name] = tuple(
                status_of(request(client, method, url_for(world, pattern, which)))
                for which in TOKENS
            )
    return seen


def test_every_url_of_the_module_has_a_row():
    assert sorted(p.name for p in patterns()) == sorted(MATRIX)
    assert sorted(p.name for p in patterns() if is_token_url(p)) == sorted(TOKEN_MATRIX)


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
    "application": "WAITING",
    "pitch": "2",
    "swap": "on",
    "paid": "1",
    "amount": "8,00",
    "reason": "Kein Platz",
    "name": "Eindringling",
}


def test_refused_posts_change_nothing(client, world):
    data = ACTION | {"application": str(world["waiting"].pk)}
    checked = 0
    for pattern in patterns():
        url = url_for(world, pattern)
        for index, role in enumerate(ROLES):
            if MATRIX[pattern.name][1][index] not in (L, 403, 404, 405):
                continue
            client.logout()
            if role != "anonymous":
                client.force_login(world["users"][role])
            before = fingerprint()
            client.post(url, data)
            assert fingerprint() == before, (pattern.name, role)
            checked += 1
    assert checked == 65


def test_a_sellers_token_shows_only_that_seller(client, world):
    mine = client.get(url_for(world, urls.urlpatterns[1], "right")).content.decode()
    other = client.get(url_for(world, urls.urlpatterns[1], "other")).content.decode()

    assert "Familie Öztürk" in mine and "Familie Berger" not in mine
    assert "Familie Berger" in other and "Familie Öztürk" not in other


def test_a_token_is_no_prefix_or_case_match(client, world):
    token = world["allocated"].token
    for wrong in (token[:-1], token + "x", token.swapcase()):
        url = reverse("flea_market:seller", kwargs={"token": wrong})
        assert client.get(url).status_code == 404, wrong


@pytest.mark.parametrize("name", ["orga-confirmation", "orga-paid", "orga-cancel"])
def test_another_markets_seller_is_not_found_through_this_market(client, world, name):
    client.force_login(world["users"]["orga"])
    url = reverse(
        f"flea_market:{name}",
        kwargs={"slug": world["market"].event.slug, "pk": world["stranger"].pk},
    )
    before = fingerprint()

    response = client.get(url) if name == "orga-confirmation" else client.post(url)

    assert response.status_code == 404
    assert fingerprint() == before


def test_the_markets_lead_is_refused_at_another_market(client, world):
    client.force_login(world["users"]["lead"])
    other = world["stranger"].market
    other.event.sub_event = SubEventFactory(
        festival=world["market"].event.sub_event.festival, name="Basar"
    )
    other.event.save()
    before = fingerprint()

    page = client.get(reverse("flea_market:orga-board", kwargs={"slug": "basar"}))
    move = client.post(
        reverse("flea_market:orga-move", kwargs={"slug": "basar"}),
        {"application": world["stranger"].pk, "pitch": 2},
    )

    assert (page.status_code, move.status_code) == (403, 403)
    assert fingerprint() == before
