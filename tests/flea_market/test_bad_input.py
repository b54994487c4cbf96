"""Garbage at every form and the board's JSON action of the market: the board's
JSON answers 400 with a machine-readable `code`, a form shows itself again with
an error, an organiser's action redirects back with a message — never a 500, and
nothing stored changes."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import roles
from subevents.flea_market.models import Application, Market, Pitch
from tests.flea_market.factories import apply, market, pitch_type

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
NON_UTF8 = b"\xff\xfe\xfa garbage \xc3\x28"
HUGE = "Ä" * 20_000


@pytest.fixture
def world():
    cache.clear()
    m = market(layout={"table": 2, "rail": 1}, sockets={2})
    other = market(slug="basar")
    first = apply(m, "table", name="Familie Öztürk")  # on pitch 1
    waiting = apply(m, "rail", name="Familie Berger")  # on pitch 3
    roles.roles_ensure()
    user = User.objects.create(username="orga", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.ORGA))
    orga = Client()
    orga.force_login(user)
    return {
        "market": m,
        "other": other,
        "first": first,
        "second": waiting,
        "stranger": apply(other, "table", name="Familie Fremd"),
        "orga": orga,
        "base": f"/orga/market/{m.event.slug}/",
    }


def fingerprint() -> tuple:
    return (
        sorted(
            Market.objects.values_list("pk", "commercial", "max_pitches_per_seller")
        ),
        sorted(
            Application.objects.values_list(
                "pk", "status", "pitch_id", "paid_at", "paid_cents", "name", "email"
            )
        ),
        sorted(Pitch.objects.values_list("pk", "number", "pitch_type_id")),
    )


# --- the application form -------------------------------------------------------


def application(world, **extra) -> dict:
    data = {
        "name": "Familie Yılmaz",
        "email": "yilmaz@example.org",
        "seller_kind": "private",
        "pitch_type": str(pitch_type(world["market"]).pk),
        "goods": ["toys"],
        "consent": "on",
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


APPLICATIONS = [
    ({"name": None}, "name"),
    ({"name": HUGE}, "name"),
    ({"name": "\x00"}, "name"),
    ({"name": "   "}, "name"),
    ({"email": None}, "email"),
    ({"email": "keine-adresse"}, "email"),
    ({"email": "a@" + "b" * 300 + ".de"}, "email"),
    ({"phone": HUGE}, "phone"),
    ({"seller_kind": "pirate"}, "seller_kind"),
    ({"seller_kind": "commercial"}, "seller_kind"),  # not allowed at this market
    ({"seller_kind": "association", "association": ""}, "association"),
    ({"association": HUGE, "seller_kind": "association"}, "association"),
    ({"pitch_type": None}, "pitch_type"),
    ({"pitch_type": "abc"}, "pitch_type"),
    ({"pitch_type": "²"}, "pitch_type"),
    ({"pitch_type": "-1"}, "pitch_type"),
    ({"pitch_type": "99999999999999999999999"}, "pitch_type"),
    ({"pitch_type": "OTHER"}, "pitch_type"),  # another market's type
    ({"goods": None}, "goods"),
    ({"goods": ["weapons"]}, "goods"),
    ({"goods": HUGE}, "goods"),
    ({"needs_electricity": "on", "pitch_type": "RAIL"}, "needs_electricity"),
    ({"note": HUGE}, "note"),
    ({"consent": None}, "consent"),
]


@pytest.mark.parametrize(("extra", "field"), APPLICATIONS)
def test_a_bad_application_shows_the_form_again(world, extra, field):
    types = {
        "OTHER": str(pitch_type(world["other"]).pk),
        "RAIL": str(pitch_type(world["market"], "rail").pk),
    }
    extra = {k: types.get(v, v) if isinstance(v, str) else v for k, v in extra.items()}
    before = fingerprint()

    response = Client().post(
        f"/market/{world['market'].event.slug}/", application(world, **extra)
    )

    assert response.status_code == 400
    assert field in response.context["form"].errors, response.context["form"].errors
    assert fingerprint() == before


@pytest.mark.parametrize(
    "body",
    [
        b"",
        NON_UTF8,
        b"name=" + NON_UTF8 + b"&email=\xff@example.org&consent=on",
        b"name=%ff%fe&email=a%00@example.org&goods=%ff&consent=on",
    ],
)
def test_a_broken_application_body_is_refused_not_broken(world, body):
    before = fingerprint()

    response = Client().generic(
        "POST",
        f"/market/{world['market'].event.slug}/",
        body,
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert response.context["form"].errors
    assert fingerprint() == before


def test_a_json_application_is_refused_with_the_forms_errors(world):
    before = fingerprint()

    response = Client().post(
        f"/market/{world['market'].event.slug}/",
        application(world),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.context["form"].errors
    assert fingerprint() == before


@pytest.mark.parametrize(
    "path",
    [
        "/market/unbekannt/",
        "/market/seller/unbekannt/",
        "/market/seller/unbekannt/confirmation.pdf",
        "/orga/market/unbekannt/",
        "/orga/market/unbekannt/board/",
        "/orga/market/markt/999999/confirmation.pdf",
        "/orga/market/markt/99999999999999999999999/confirmation.pdf",
    ],
)
def test_unknown_things_are_not_found(world, path):
    assert world["orga"].get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/market/seller/unbekannt/cancel/",
        "/orga/market/unbekannt/move/",
        "/orga/market/markt/999999/paid/",
        "/orga/market/markt/99999999999999999999999/cancel/",
        "/orga/market/markt/999999/decline/",
    ],
)
def test_actions_on_unknown_things_are_not_found(world, path):
    before = fingerprint()

    assert world["orga"].post(path, {"paid": "1"}).status_code == 404
    assert fingerprint() == before


@pytest.mark.parametrize(
    "query",
    [
        "pitch_type=²",
        "pitch_type=99999999999999999999999",
        "pitch_type=-1",
        "status=" + "x" * 500,
        "paid=%ff",
        "seller_kind=%00",
        "q=" + "Ä" * 5000,
        "q=%00",
    ],
)
def test_the_application_list_ignores_garbage_filters(world, query):
    response = world["orga"].get(f"{world['base']}?{query}")

    assert response.status_code == 200


# --- the board's move (JSON and form) ----------------------------------------------


MOVES = [
    ({}, "invalid"),
    ({"pitch": "2"}, "invalid"),
    ({"application": "FIRST"}, "invalid"),
    ({"application": "FIRST", "pitch": "0"}, "invalid"),
    ({"application": "FIRST", "pitch": "-1"}, "invalid"),
    ({"application": "FIRST", "pitch": "abc"}, "invalid"),
    ({"application": "FIRST", "pitch": "²"}, "invalid"),
    ({"application": "FIRST", "pitch": "1e3"}, "invalid"),
    ({"application": "FIRST", "pitch": "2.5"}, "invalid"),
    ({"application": "FIRST", "pitch": HUGE}, "invalid"),
    ({"application": "FIRST", "pitch": "99"}, "pitch_unknown"),
    ({"application": "FIRST", "pitch": "32768"}, "pitch_unknown"),
    ({"application": "FIRST", "pitch": "99999999999999999999999"}, "pitch_unknown"),
    ({"application": "abc", "pitch": "2"}, "invalid"),
    ({"application": "99999999999999999999999", "pitch": "2"}, "application_unknown"),
    ({"application": "-5", "pitch": "2"}, "application_unknown"),
    ({"application": "STRANGER", "pitch": "2"}, "application_unknown"),
    ({"application": "FIRST", "pitch": "3"}, "pitch_type_mismatch"),
    ({"application": "SECOND", "pitch": "1"}, "pitch_type_mismatch"),
]


def move_data(world, data: dict) -> dict:
    names = {
        "FIRST": world["first"].pk,
        "SECOND": world["second"].pk,
        "STRANGER": world["stranger"].pk,
    }
    return {k: names.get(v, v) for k, v in data.items()}


@pytest.mark.parametrize(("data", "code"), MOVES)
def test_a_bad_move_by_json_gets_its_code(world, data, code):
    before = fingerprint()

    response = world["orga"].post(
        world["base"] + "move/", move_data(world, data), **JSON
    )

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert response.json()["detail"]
    assert fingerprint() == before


@pytest.mark.parametrize(("data", "code"), MOVES)
def test_a_bad_move_by_the_form_comes_back_with_a_message(world, data, code):
    before = fingerprint()

    response = world["orga"].post(
        world["base"] + "move/", move_data(world, data), follow=True
    )

    assert response.redirect_chain == [(world["base"] + "board/", 302)]
    assert len(list(response.context["messages"])) == 1
    assert fingerprint() == before


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b'{"application": 1, "pitch": 2}', "application/json"),
        (b"{", "application/json"),
        (NON_UTF8, "application/x-www-form-urlencoded"),
        (b"application=%ff&pitch=%fe", "application/x-www-form-urlencoded"),
    ],
)
def test_a_move_body_that_is_no_form_gets_invalid(world, body, content_type):
    before = fingerprint()

    response = world["orga"].generic(
        "POST", world["base"] + "move/", body, content_type=content_type, **JSON
    )

    assert (response.status_code, response.json()["code"]) == (400, "invalid")
    assert fingerprint() == before


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    application=st.text(max_size=12) | st.integers(-(10**20), 10**20).map(str),
    number=st.text(max_size=12) | st.integers(-(10**20), 10**20).map(str),
)
def test_any_move_is_done_or_refused_with_a_code(world, application, number):
    response = world["orga"].post(
        world["base"] + "move/", {"application": application, "pitch": number}, **JSON
    )

    assert response.status_code in {200, 400}
    answer = response.json()
    if response.status_code == 400:
        assert isinstance(answer["code"], str) and answer["code"]
    else:
        assert (
            Application.objects.get(pk=answer["application"]).pitch.number
            == (answer["pitch"])
        )


# --- payments, cancelling, declining ----------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"paid": "yes"},
        {"paid": "2"},
        {"paid": "1", "amount": "abc"},
        {"paid": "1", "amount": "-5"},
        {"paid": "1", "amount": "1e9"},
        {"paid": "1", "amount": "NaN"},
        {"paid": "1", "amount": "Infinity"},
        {"paid": "1", "amount": "99999999"},
        {"paid": "1", "amount": "0,001"},
        {"paid": "1", "amount": "²"},
        {"paid": "1", "amount": HUGE},
    ],
)
def test_a_bad_payment_comes_back_with_a_message(world, data):
    before = fingerprint()
    url = f"{world['base']}{world['first'].pk}/paid/"

    response = world["orga"].post(url, data, follow=True)

    assert response.redirect_chain == [(world["base"], 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Bitte geben Sie einen gültigen Betrag an."
    ]
    assert fingerprint() == before


def test_a_waiting_seller_pays_nothing(world):
    waiting = apply(world["market"], "rail", name="Familie Wartend")
    assert waiting.status == "waiting"
    before = fingerprint()

    response = world["orga"].post(
        f"{world['base']}{waiting.pk}/paid/", {"paid": "1"}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Eine Gebühr zahlt nur, wer einen Stand hat."
    ]
    assert fingerprint() == before


def test_an_overlong_decline_reason_declines_nothing(world):
    before = fingerprint()
    url = f"{world['base']}{world['first'].pk}/decline/"

    response = world["orga"].post(url, {"reason": "x" * 501}, follow=True)

    assert response.redirect_chain == [(world["base"], 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Begründung (für die Verkäuferin oder den Verkäufer): Bitte sicherstellen, "
        "dass der Wert aus höchstens 500 Zeichen besteht. (Er besteht aus 501 "
        "Zeichen.)"
    ]
    assert fingerprint() == before


def test_cancelling_twice_changes_nothing_the_second_time(world):
    url = f"/market/seller/{world['first'].token}/cancel/"
    Client().post(url)
    before = fingerprint()

    response = Client().post(url, follow=True)

    assert response.status_code == 200
    assert fingerprint() == before


# --- NUL characters: PostgreSQL refuses them in text, so they must never reach it


@pytest.mark.parametrize(
    "path",
    [
        "/market/seller/%00/",
        "/market/seller/ab%00cd/confirmation.pdf",
        "/market/%00/",
        "/orga/market/%00/",
    ],
)
def test_a_nul_in_a_token_or_slug_is_not_found(world, path):
    assert world["orga"].get(path).status_code == 404


def test_a_nul_in_a_token_cancels_nothing(world):
    before = fingerprint()

    assert Client().post("/market/seller/ab%00cd/cancel/").status_code == 404
    assert fingerprint() == before
