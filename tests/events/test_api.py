"""REST API v1: the public programme (list, detail, filters) and its planning
(writes by the organiser groups, each within its scope), with the error format."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from events import roles
from events.models import BERLIN, Event, Venue, VenueBooking
from events.registry import registry
from tests.events.factories import (
    AudienceFactory,
    EventFactory,
    FestivalFactory,
    PartnerFactory,
    SubEventFactory,
    VenueFactory,
    at,
)

pytestmark = pytest.mark.django_db

EVENTS = "/api/v1/events/"
VENUES = "/api/v1/venues/"


def member(username: str, *groups: str) -> User:
    roles.roles_ensure()  # post_migrate did it already; harmless and explicit
    user = User.objects.create_user(username)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def client_for(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [event["slug"] for event in response.json()["results"]]


def iso(moment: dt.datetime) -> str:
    return moment.isoformat()


@pytest.fixture
def anon() -> APIClient:
    return APIClient()


@pytest.fixture
def plan():
    """A small programme over three festival days."""
    festival = FestivalFactory()
    kino = SubEventFactory(festival=festival, name="Kinowoche", slug="kino")
    konferenz = SubEventFactory(
        festival=festival, name="Bildungskonferenz", slug="konferenz"
    )
    fest = SubEventFactory(festival=festival, name="Familienfest", slug="fest")
    aula = VenueFactory(name="Aula", slug="aula", step_free=True, capacity=120)
    park = VenueFactory(name="Stadtpark", slug="park", shared=True, capacity=None)
    VenueFactory(name="Lager", slug="lager", is_published=False)
    kita = AudienceFactory(name="Kita 3–6", slug="kita", min_age=3, max_age=6)
    sonnenschein = PartnerFactory(name="Kita Sonnenschein", slug="sonnenschein")
    e = {}
    e["bilderbuchkino"] = EventFactory(
        slug="bilderbuchkino",
        title="Bilderbuchkino",
        sub_event=kino,
        venue=aula,
        starts_at=at(0, 10),
        ends_at=at(0, 11),
        min_age=3,
        max_age=6,
        audiences=[kita],
        description="Vorlesen mit Bildern",
        capacity=30,
    )
    e["familienfilm"] = EventFactory(
        slug="familienfilm",
        title="Familienfilm",
        sub_event=kino,
        venue=aula,
        starts_at=at(1, 15),
        ends_at=at(1, 17),
        min_age=6,
        is_free=False,
        price_text="3 €",
    )
    e["fachtag"] = EventFactory(
        slug="fachtag",
        title="Fachtag Sprache",
        sub_event=konferenz,
        venue=aula,
        starts_at=at(1, 9),
        ends_at=at(1, 12),
        min_age=18,
        host_partners=[sonnenschein],
    )
    e["picknick"] = EventFactory(
        slug="picknick",
        title="Familienpicknick",
        sub_event=fest,
        venue=park,
        starts_at=at(2, 12),
        ends_at=at(2, 16),
    )
    e["nachtwanderung"] = EventFactory(
        slug="nachtwanderung",
        title="Nachtwanderung",
        sub_event=fest,
        venue=park,
        starts_at=at(2, 23, 30),
        ends_at=at(3, 1),
    )
    e["entwurf"] = EventFactory(
        slug="entwurf",
        title="Geheimer Entwurf Kino",
        sub_event=kino,
        venue=aula,
        starts_at=at(0, 14),
        ends_at=at(0, 15),
        status=Event.Status.DRAFT,
    )
    e["abgesagt"] = EventFactory(
        slug="abgesagt",
        title="Seifenkistenrennen",
        sub_event=fest,
        venue=park,
        starts_at=at(0, 9),
        ends_at=at(0, 12),
        status=Event.Status.CANCELLED,
        cancel_reason="Regen",
    )
    return {"kino": kino, "konferenz": konferenz, "aula": aula, "park": park, **e}


PUBLIC_ORDER = [
    "abgesagt",
    "bilderbuchkino",
    "fachtag",
    "familienfilm",
    "picknick",
    "nachtwanderung",
]


# --- Reading --------------------------------------------------------------------------
def test_list_shows_published_and_cancelled_events_paginated(anon, plan):
    response = anon.get(EVENTS)

    body = response.json()
    assert response.status_code == 200
    assert (body["count"], body["next"], body["previous"]) == (6, None, None)
    assert [e["slug"] for e in body["results"]] == PUBLIC_ORDER
    assert [e["status"] for e in body["results"]] == [
        "cancelled",
        "published",
        "published",
        "published",
        "published",
        "published",
    ]


def test_list_pages(anon, plan):
    first = anon.get(EVENTS, {"page_size": 4}).json()
    second = anon.get(EVENTS, {"page_size": 4, "page": 2}).json()

    assert first["count"] == 6
    assert first["next"] == "http://testserver/api/v1/events/?page=2&page_size=4"
    assert [e["slug"] for e in first["results"]] == PUBLIC_ORDER[:4]
    assert second["next"] is None
    assert [e["slug"] for e in second["results"]] == PUBLIC_ORDER[4:]
    response = anon.get(EVENTS, {"page": 3})
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_drafts_are_never_shown_to_anonymous_readers(anon, plan):
    assert "entwurf" not in slugs(anon.get(EVENTS, {"include_drafts": "1"}))
    response = anon.get(f"{EVENTS}entwurf/")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_organisers_see_the_drafts_they_may_edit_on_request(plan):
    lead = member("lead", roles.MODULE_LEAD)
    plan["konferenz"].leads.add(lead)
    orga = client_for(member("orga", roles.ORGA))

    assert slugs(orga.get(EVENTS)) == PUBLIC_ORDER
    assert slugs(orga.get(EVENTS, {"include_drafts": "1"})) == [
        "abgesagt",
        "bilderbuchkino",
        "entwurf",
        "fachtag",
        "familienfilm",
        "picknick",
        "nachtwanderung",
    ]
    assert slugs(client_for(lead).get(EVENTS, {"include_drafts": "1"})) == (
        PUBLIC_ORDER
    )
    assert slugs(orga.get(EVENTS, {"include_drafts": "1", "sub_event": "kino"})) == [
        "bilderbuchkino",
        "entwurf",
        "familienfilm",
    ]


def test_retrieve_by_slug_with_capacity_and_seats(anon, plan):
    response = anon.get(f"{EVENTS}bilderbuchkino/")

    assert response.status_code == 200
    body = response.json()
    assert {
        key: body[key]
        for key in [
            "slug",
            "title",
            "sub_event",
            "venue",
            "status",
            "capacity",
            "seats_available",
            "min_age",
            "max_age",
            "is_free",
            "price_text",
            "host_partners",
            "url",
            "starts_at",
            "ends_at",
        ]
    } == {
        "slug": "bilderbuchkino",
        "title": "Bilderbuchkino",
        "sub_event": "kino",
        "venue": "aula",
        "status": "published",
        "capacity": 30,
        "seats_available": 30,
        "min_age": 3,
        "max_age": 6,
        "is_free": True,
        "price_text": "",
        "host_partners": [],
        "url": "http://testserver/events/bilderbuchkino/",
        "starts_at": "2027-06-14T10:00:00+02:00",
        "ends_at": "2027-06-14T11:00:00+02:00",
    }
    assert body["audiences"] == [
        {"slug": "kita", "name": "Kita 3–6", "min_age": 3, "max_age": 6}
    ]
    assert anon.get(f"{EVENTS}picknick/").json()["seats_available"] is None
    assert anon.get(f"{EVENTS}picknick/").json()["capacity"] is None


@pytest.fixture
def seats_taken():
    taken: dict[int, int] = {}

    def provider(events):
        return {e.pk: taken[e.pk] for e in events if e.pk in taken}

    registry.register_seats_provider(provider)
    yield taken
    registry.unregister_seats_provider(provider)


def test_seats_available_counts_what_the_registry_reports(anon, plan, seats_taken):
    seats_taken[plan["bilderbuchkino"].pk] = 26
    seats_taken[plan["picknick"].pk] = 40

    detail = anon.get(f"{EVENTS}bilderbuchkino/").json()
    listed = {
        e["slug"]: e["seats_available"] for e in anon.get(EVENTS).json()["results"]
    }

    assert (detail["capacity"], detail["seats_available"]) == (30, 4)
    assert listed == {
        "abgesagt": None,
        "bilderbuchkino": 4,
        "fachtag": None,
        "familienfilm": None,
        "picknick": None,
        "nachtwanderung": None,
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"day": "2027-06-14"}, ["abgesagt", "bilderbuchkino"]),
        ({"day": "2027-06-16"}, ["picknick", "nachtwanderung"]),
        ({"day": "2027-06-17"}, []),
        ({"sub_event": "kino"}, ["bilderbuchkino", "familienfilm"]),
        ({"venue": "park"}, ["abgesagt", "picknick", "nachtwanderung"]),
        ({"audience": "kita"}, ["bilderbuchkino"]),
        ({"age": "4"}, ["abgesagt", "bilderbuchkino", "picknick", "nachtwanderung"]),
        ({"age": "7"}, ["abgesagt", "familienfilm", "picknick", "nachtwanderung"]),
        ({"age": "0"}, ["abgesagt", "picknick", "nachtwanderung"]),
        (
            {"age": "40"},
            ["abgesagt", "fachtag", "familienfilm", "picknick", "nachtwanderung"],
        ),
        (
            {"free": "true"},
            ["abgesagt", "bilderbuchkino", "fachtag", "picknick", "nachtwanderung"],
        ),
        ({"free": "false"}, PUBLIC_ORDER),
        ({"free": "vielleicht"}, PUBLIC_ORDER),  # not a yes: no filter
        ({"accessible": "true"}, ["bilderbuchkino", "fachtag", "familienfilm"]),
        ({"q": "sonnenschein"}, ["fachtag"]),
        ({"q": "kino"}, ["bilderbuchkino", "familienfilm"]),
        ({"q": "BILDERN"}, ["bilderbuchkino"]),
        ({"q": "stadtpark familien"}, ["abgesagt", "picknick", "nachtwanderung"]),
        ({"q": "stadtpark picknick"}, ["picknick"]),
        ({"q": "  "}, PUBLIC_ORDER),
        ({"q": "zirkus"}, []),
        ({"day": "2027-06-15", "free": "true"}, ["fachtag"]),
        ({"sub_event": "kino", "age": "4"}, ["bilderbuchkino"]),
        ({"accessible": "true", "q": "film"}, ["familienfilm"]),
        (
            {"venue": "aula", "age": "18", "day": "2027-06-15"},
            ["fachtag", "familienfilm"],
        ),
        ({"sub_event": "konferenz", "venue": "park"}, []),
    ],
)
def test_filters(anon, plan, query, expected):
    assert slugs(anon.get(EVENTS, query)) == expected


@pytest.mark.parametrize(
    ("query", "field", "code"),
    [
        ({"age": "-1"}, "age", "min_value"),
        ({"age": "121"}, "age", "max_value"),
        ({"age": "abc"}, "age", "invalid"),
        ({"day": "2027-13-45"}, "day", "invalid"),
        ({"day": "morgen"}, "day", "invalid"),
        ({"sub_event": "unknown"}, "sub_event", "invalid_choice"),
        ({"venue": "lager"}, "venue", "invalid_choice"),  # unpublished
        ({"audience": "nope"}, "audience", "invalid_choice"),
        ({"q": "x" * 101}, "q", "max_length"),
    ],
)
def test_invalid_filter_values_are_a_400_with_a_code(anon, plan, query, field, code):
    response = anon.get(EVENTS, query)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == code
    assert [e["code"] for e in body["errors"][field]] == [code]
    assert list(body["errors"]) == [field]


def test_list_query_count_does_not_grow_with_the_programme(anon):
    audiences = [AudienceFactory(), AudienceFactory()]
    partners = [PartnerFactory(), PartnerFactory()]

    def add_events(count: int) -> None:
        for n in range(count):
            EventFactory(
                starts_at=at(n % 7, 8),
                ends_at=at(n % 7, 9),
                audiences=audiences[: n % 3],
                host_partners=partners[: n % 3],
                capacity=10 if n % 2 else None,
            )

    def queries() -> int:
        cache.clear()  # both cold: the modules' detail lines are cached
        with CaptureQueriesContext(connection) as captured:
            response = anon.get(EVENTS)
        assert response.status_code == 200
        return len(captured)

    add_events(5)
    few = queries()
    add_events(35)
    many = queries()

    assert anon.get(EVENTS).json()["count"] == 40
    assert few == many


def test_subevents_venues_and_partners_are_readable(anon, plan):
    subevents = anon.get("/api/v1/subevents/").json()["results"]
    venues = anon.get(VENUES).json()["results"]
    partners = anon.get("/api/v1/partners/", {"sector": "kita"}).json()["results"]

    assert [s["slug"] for s in subevents] == ["konferenz", "fest", "kino"]
    assert [v["slug"] for v in venues] == ["aula", "park"]  # "lager" unpublished
    assert [p["slug"] for p in partners] == ["sonnenschein"]
    assert anon.get(f"{VENUES}lager/").status_code == 404


# --- Authentication -------------------------------------------------------------------
def test_token_for_username_and_password(anon):
    user = User.objects.create_user("orga", password="geheim-genug-123")

    response = anon.post(
        "/api/v1/auth/token/",
        {"username": "orga", "password": "geheim-genug-123"},
        format="json",
    )

    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=user).key}


def test_token_with_a_wrong_password_is_refused(anon):
    User.objects.create_user("orga", password="geheim-genug-123")

    response = anon.post(
        "/api/v1/auth/token/",
        {"username": "orga", "password": "falsch"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "authorization"
    assert Token.objects.count() == 0


def test_an_unknown_token_is_refused(anon, plan):
    anon.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")

    response = anon.get(EVENTS)

    assert (response.status_code, response.json()["code"]) == (
        401,
        "authentication_failed",
    )


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", EVENTS),
        ("patch", f"{EVENTS}bilderbuchkino/"),
        ("put", f"{EVENTS}bilderbuchkino/"),
        ("post", f"{EVENTS}bilderbuchkino/cancel/"),
        ("post", f"{EVENTS}entwurf/publish/"),
        ("post", VENUES),
        ("patch", f"{VENUES}aula/"),
    ],
)
def test_anonymous_writes_are_refused(anon, plan, method, path):
    before = list(Event.objects.order_by("pk").values_list("slug", "title", "status"))

    response = getattr(anon, method)(path, {"title": "X", "reason": "Y"}, format="json")

    assert (response.status_code, response.json()["code"]) == (
        401,
        "not_authenticated",
    )
    after = list(Event.objects.order_by("pk").values_list("slug", "title", "status"))
    assert after == before
    assert Venue.objects.get(slug="aula").name == "Aula"


def test_an_account_without_planning_rights_may_not_write(plan):
    helfer = client_for(member("helfer", roles.VOLUNTEER_COORDINATION))

    response = helfer.post(EVENTS, new_event(plan), format="json")

    assert (response.status_code, response.json()["code"]) == (
        403,
        "permission_denied",
    )
    assert Event.objects.count() == 7


# --- Writing as Orga-Team -------------------------------------------------------------
def new_event(plan, **overrides) -> dict:
    data = {
        "sub_event": "kino",
        "title": "Stummfilm mit Live-Musik",
        "venue": "aula",
        "starts_at": iso(at(3, 18)),
        "ends_at": iso(at(3, 20)),
        "teardown_minutes": 30,
        "capacity": 80,
        "min_age": 8,
        "audiences": ["kita"],
        "languages": ["de", "en"],
    }
    data.update(overrides)
    return data


@pytest.fixture
def orga_user():
    return member("orga", roles.ORGA)


@pytest.fixture
def orga(orga_user) -> APIClient:
    return client_for(orga_user)


def test_orga_creates_a_draft(orga, orga_user, plan):
    response = orga.post(EVENTS, new_event(plan), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert {
        k: body[k]
        for k in [
            "slug",
            "status",
            "venue",
            "capacity",
            "seats_available",
            "languages",
            "sub_event",
        ]
    } == {
        "slug": "stummfilm-mit-live-musik",
        "status": "draft",
        "venue": "aula",
        "capacity": 80,
        "seats_available": 80,
        "languages": ["de", "en"],
        "sub_event": "kino",
    }
    assert [a["slug"] for a in body["audiences"]] == ["kita"]
    event = Event.objects.get(slug="stummfilm-mit-live-musik")
    assert (event.created_by, event.starts_at, event.status) == (
        orga_user,
        at(3, 18),
        Event.Status.DRAFT,
    )
    assert VenueBooking.objects.get(event=event).blocked_until == at(3, 20, 30)


def test_orga_overlap_is_a_400_venue_conflict_and_nothing_is_written(orga, plan):
    before = Event.objects.count()

    response = orga.post(
        EVENTS,
        new_event(plan, starts_at=iso(at(0, 10, 30)), ends_at=iso(at(0, 12))),
        format="json",
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "venue_conflict"
    assert [e["code"] for e in body["errors"]["venue"]] == ["venue_conflict"]
    assert "Bilderbuchkino" in body["detail"]
    assert Event.objects.count() == before
    assert VenueBooking.objects.filter(venue=plan["aula"]).count() == 4


def test_orga_update_into_a_taken_slot_keeps_the_event(orga, plan):
    response = orga.patch(
        f"{EVENTS}familienfilm/",
        {"starts_at": iso(at(1, 11)), "ends_at": iso(at(1, 13))},
        format="json",
    )

    assert (response.status_code, response.json()["code"]) == (400, "venue_conflict")
    event = Event.objects.get(slug="familienfilm")
    assert (event.starts_at, event.ends_at) == (at(1, 15), at(1, 17))


def test_orga_updates_an_event(orga, plan):
    response = orga.patch(
        f"{EVENTS}familienfilm/",
        {"title": "Familienfilm am Nachmittag", "venue": "park", "capacity": None},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert {k: response.json()[k] for k in ["title", "venue", "capacity"]} == {
        "title": "Familienfilm am Nachmittag",
        "venue": "park",
        "capacity": None,
    }
    assert not VenueBooking.objects.filter(event__slug="familienfilm").exists()


def test_orga_put_replaces_an_event(orga, plan):
    response = orga.put(
        f"{EVENTS}familienfilm/",
        new_event(plan, starts_at=iso(at(1, 15)), ends_at=iso(at(1, 16))),
        format="json",
    )

    assert response.status_code == 200, response.json()
    event = Event.objects.get(slug="familienfilm")
    assert (event.title, event.ends_at, event.status) == (
        "Stummfilm mit Live-Musik",
        at(1, 16),
        Event.Status.PUBLISHED,
    )


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"ends_at": iso(at(3, 17))}, "ends_at", "end_before_start"),
        ({"min_age": 12, "max_age": 10}, "min_age", "age_range"),
        ({"venue": "gibts-nicht"}, "venue", "does_not_exist"),
        ({"sub_event": "gibts-nicht"}, "sub_event", "does_not_exist"),
        ({"audiences": ["gibts-nicht"]}, "audiences", "does_not_exist"),
        ({"starts_at": "morgen früh"}, "starts_at", "invalid"),
        ({"capacity": -5}, "capacity", "min_value"),
        ({"title": ""}, "title", "blank"),
        ({"languages": ["deutsch"]}, "languages", "invalid"),
        ({"is_free": False}, "price_text", "price_missing"),
        ({"slug": "fachtag"}, "slug", "slug_taken"),
        ({"setup_minutes": 2000}, "setup_minutes", "max_value"),
    ],
)
def test_orga_bad_input_is_a_400_with_the_code(orga, plan, overrides, field, code):
    response = orga.post(EVENTS, new_event(plan, **overrides), format="json")

    assert response.status_code == 400
    body = response.json()
    assert (body["code"], list(body["errors"])) == (code, [field])
    assert Event.objects.count() == 7


def test_missing_fields_are_named(orga, plan):
    response = orga.post(EVENTS, {"title": "Nur ein Titel"}, format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "required"
    assert {
        field: [e["code"] for e in errors] for field, errors in body["errors"].items()
    } == {
        "sub_event": ["required"],
        "starts_at": ["required"],
        "ends_at": ["required"],
    }


@pytest.mark.parametrize(
    ("body", "code"),
    [('{"title": "kaputt",', "parse_error"), ("[1, 2]", "invalid"), ("null", "null")],
)
def test_malformed_json_is_a_400(orga, plan, body, code):
    response = orga.post(EVENTS, body, content_type="application/json")

    assert (response.status_code, response.json()["code"]) == (400, code)
    assert Event.objects.count() == 7


def test_errors_inside_a_list_field_are_readable(orga, plan):
    response = orga.post(
        EVENTS, new_event(plan, languages=["de", "deutsch"]), format="json"
    )

    with translation.override("de"):
        expected = gettext("This value does not match the required pattern.")
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "detail": expected,
        "errors": {"languages": [{"code": "invalid", "message": expected}]},
    }


def test_publish_and_cancel(orga, plan, django_capture_on_commit_callbacks):
    published = orga.post(f"{EVENTS}entwurf/publish/")
    no_reason = orga.post(f"{EVENTS}entwurf/cancel/", {}, format="json")
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = orga.post(
            f"{EVENTS}entwurf/cancel/", {"reason": "Film fehlt"}, format="json"
        )

    assert published.status_code == 200
    assert published.json()["status"] == "published"
    assert no_reason.status_code == 400
    assert no_reason.json()["code"] == "required"
    assert list(no_reason.json()["errors"]) == ["reason"]
    assert cancelled.status_code == 200
    assert (cancelled.json()["status"], cancelled.json()["cancel_reason"]) == (
        "cancelled",
        "Film fehlt",
    )
    assert not VenueBooking.objects.filter(event__slug="entwurf").exists()


def test_blank_cancel_reason_is_refused(orga, plan):
    response = orga.post(f"{EVENTS}fachtag/cancel/", {"reason": "   "}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "blank"
    assert Event.objects.get(slug="fachtag").status == Event.Status.PUBLISHED


def test_republishing_into_a_taken_slot_is_a_venue_conflict(orga, plan):
    orga.post(f"{EVENTS}picknick/cancel/", {"reason": "Regen"}, format="json")
    # the shared park is no obstacle; the aula is
    orga.post(f"{EVENTS}familienfilm/cancel/", {"reason": "Technik"}, format="json")
    created = orga.post(
        EVENTS,
        new_event(plan, starts_at=iso(at(1, 15)), ends_at=iso(at(1, 16))),
        format="json",
    )

    response = orga.post(f"{EVENTS}familienfilm/publish/")

    assert created.status_code == 201
    assert (response.status_code, response.json()["code"]) == (400, "venue_conflict")
    assert Event.objects.get(slug="familienfilm").status == Event.Status.CANCELLED
    assert orga.post(f"{EVENTS}picknick/publish/").status_code == 200


# --- Writing as Modulleitung and Partner ----------------------------------------------
@pytest.fixture
def lead(plan) -> APIClient:
    user = member("leitung", roles.MODULE_LEAD)
    plan["kino"].leads.add(user)
    return client_for(user)


def test_lead_plans_in_their_own_sub_event(lead, plan):
    created = lead.post(EVENTS, new_event(plan), format="json")
    changed = lead.patch(
        f"{EVENTS}familienfilm/", {"summary": "Für alle ab 6"}, format="json"
    )
    published = lead.post(f"{EVENTS}entwurf/publish/")

    assert (created.status_code, created.json()["status"]) == (201, "draft")
    assert (changed.status_code, changed.json()["summary"]) == (200, "Für alle ab 6")
    assert (published.status_code, published.json()["status"]) == (200, "published")


def test_lead_may_not_plan_in_other_sub_events(lead, plan):
    created = lead.post(EVENTS, new_event(plan, sub_event="konferenz"), format="json")
    changed = lead.patch(f"{EVENTS}fachtag/", {"summary": "Neu"}, format="json")
    moved = lead.patch(
        f"{EVENTS}familienfilm/", {"sub_event": "konferenz"}, format="json"
    )
    cancelled = lead.post(f"{EVENTS}fachtag/cancel/", {"reason": "x"}, format="json")

    for response in (created, changed, moved, cancelled):
        assert (response.status_code, response.json()["code"]) == (
            403,
            "permission_denied",
        )
    assert Event.objects.count() == 7
    assert Event.objects.get(slug="fachtag").summary == ""
    assert Event.objects.get(slug="familienfilm").sub_event == plan["kino"]
    assert Event.objects.get(slug="fachtag").status == Event.Status.PUBLISHED


def test_lead_does_not_see_other_sub_events_drafts(plan):
    user = member("leitung", roles.MODULE_LEAD)
    plan["konferenz"].leads.add(user)

    response = client_for(user).patch(
        f"{EVENTS}entwurf/", {"summary": "Neu"}, format="json"
    )

    assert (response.status_code, response.json()["code"]) == (404, "not_found")


@pytest.fixture
def partner_user(plan):
    user = member("partner", roles.PARTNER)
    PartnerFactory(name="Familienzentrum", slug="familienzentrum").members.add(user)
    return user


def test_partner_proposes_a_draft_hosted_by_their_organisation(partner_user, plan):
    partner = client_for(partner_user)

    response = partner.post(
        EVENTS, new_event(plan, host_partners=["sonnenschein"]), format="json"
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["host_partners"]) == (
        "draft",
        ["familienzentrum", "sonnenschein"],
    )
    event = Event.objects.get(slug=body["slug"])
    assert event.status == Event.Status.DRAFT
    assert sorted(event.host_partners.values_list("slug", flat=True)) == [
        "familienzentrum",
        "sonnenschein",
    ]


def test_partner_edits_but_may_not_publish_their_draft(partner_user, plan):
    partner = client_for(partner_user)
    slug = partner.post(EVENTS, new_event(plan), format="json").json()["slug"]

    changed = partner.patch(
        f"{EVENTS}{slug}/", {"summary": "Mit Popcorn"}, format="json"
    )
    published = partner.post(f"{EVENTS}{slug}/publish/")
    cancelled = partner.post(f"{EVENTS}{slug}/cancel/", {"reason": "x"}, format="json")

    assert (changed.status_code, changed.json()["status"]) == (200, "draft")
    assert (published.status_code, published.json()["code"]) == (
        403,
        "permission_denied",
    )
    assert cancelled.status_code == 403
    assert Event.objects.get(slug=slug).status == Event.Status.DRAFT


def test_partner_keeps_hosting_their_draft_when_changing_hosts(partner_user, plan):
    partner = client_for(partner_user)
    slug = partner.post(EVENTS, new_event(plan), format="json").json()["slug"]

    response = partner.patch(
        f"{EVENTS}{slug}/", {"host_partners": ["sonnenschein"]}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert response.json()["host_partners"] == ["familienzentrum", "sonnenschein"]
    again = partner.patch(f"{EVENTS}{slug}/", {"summary": "Noch da"}, format="json")
    assert again.status_code == 200


def test_partner_may_not_edit_published_events(partner_user, plan):
    Event.objects.get(slug="fachtag").host_partners.add(*partner_user.partners.all())

    response = client_for(partner_user).patch(
        f"{EVENTS}fachtag/", {"summary": "Neu"}, format="json"
    )

    assert (response.status_code, response.json()["code"]) == (
        403,
        "permission_denied",
    )
    assert Event.objects.get(slug="fachtag").summary == ""


def test_partner_account_without_organisation_may_not_propose(plan):
    loner = client_for(member("loner", roles.PARTNER))

    response = loner.post(EVENTS, new_event(plan), format="json")

    assert (response.status_code, response.json()["code"]) == (
        403,
        "permission_denied",
    )
    assert Event.objects.count() == 7


# --- Venues ---------------------------------------------------------------------------
def test_orga_creates_and_updates_a_venue(orga, plan):
    created = orga.post(
        VENUES,
        {"name": "Stadthalle Süd", "capacity": 300, "step_free": True},
        format="json",
    )
    updated = orga.patch(
        f"{VENUES}stadthalle-sud/", {"capacity": 250, "shared": True}, format="json"
    )

    assert created.status_code == 201, created.json()
    assert {k: created.json()[k] for k in ["slug", "name", "capacity", "url"]} == {
        "slug": "stadthalle-sud",
        "name": "Stadthalle Süd",
        "capacity": 300,
        "url": "http://testserver/venues/stadthalle-sud/",
    }
    assert updated.status_code == 200
    venue = Venue.objects.get(slug="stadthalle-sud")
    assert (venue.capacity, venue.shared, venue.step_free) == (250, True, True)


def test_orga_sees_and_edits_unpublished_venues(orga, plan):
    assert [v["slug"] for v in orga.get(VENUES).json()["results"]] == [
        "aula",
        "lager",
        "park",
    ]
    response = orga.patch(f"{VENUES}lager/", {"is_published": True}, format="json")
    assert response.status_code == 200
    assert Venue.objects.get(slug="lager").is_published is True


def test_venue_with_a_taken_slug_is_refused(orga, plan):
    response = orga.post(VENUES, {"name": "Aula"}, format="json")

    assert response.status_code == 400
    assert (response.json()["code"], list(response.json()["errors"])) == (
        "unique",
        ["slug"],
    )
    assert Venue.objects.count() == 3


def test_making_the_park_exclusive_with_overlaps_is_a_venue_conflict(orga, plan):
    EventFactory(venue=plan["park"], starts_at=at(2, 13), ends_at=at(2, 14))

    response = orga.patch(f"{VENUES}park/", {"shared": False}, format="json")

    assert (response.status_code, response.json()["code"]) == (400, "venue_conflict")
    assert Venue.objects.get(slug="park").shared is True
    assert not VenueBooking.objects.filter(venue__slug="park").exists()


def test_partner_and_lead_may_not_write_venues(partner_user, lead, plan):
    for client in (client_for(partner_user), lead):
        created = client.post(VENUES, {"name": "Garage"}, format="json")
        changed = client.patch(f"{VENUES}aula/", {"name": "Mensa"}, format="json")
        assert (created.status_code, created.json()["code"]) == (
            403,
            "permission_denied",
        )
        assert changed.status_code == 403
    assert Venue.objects.get(slug="aula").name == "Aula"
    assert Venue.objects.count() == 3


def test_times_in_utc_or_without_offset_mean_the_same_moment(orga, plan):
    # 08:30Z is 10:30 in Berlin (summer time): inside "Bilderbuchkino" 10–11.
    in_utc = orga.post(
        EVENTS,
        new_event(plan, starts_at="2027-06-14T08:30:00Z", ends_at="2027-06-14T09:00Z"),
        format="json",
    )
    # Without an offset a time is Berlin time: 11:00–12:00 touches it, allowed.
    naive = orga.post(
        EVENTS,
        new_event(plan, starts_at="2027-06-14T11:00", ends_at="2027-06-14T12:00"),
        format="json",
    )

    assert (in_utc.status_code, in_utc.json()["code"]) == (400, "venue_conflict")
    assert naive.status_code == 201, naive.json()
    assert (naive.json()["starts_at"], naive.json()["ends_at"]) == (
        "2027-06-14T11:00:00+02:00",
        "2027-06-14T12:00:00+02:00",
    )


def test_day_filter_on_the_day_summer_time_ends(anon):
    # 31 October 2027 has 25 hours in Berlin; its last hour must still count.
    park = VenueFactory(slug="park", shared=True)
    for slug, start in [
        ("vorher", dt.datetime(2027, 10, 30, 23, 30, tzinfo=BERLIN)),  # +02:00
        ("frueh", dt.datetime(2027, 10, 31, 0, 30, tzinfo=BERLIN)),  # +02:00
        ("spaet", dt.datetime(2027, 10, 31, 23, 30, tzinfo=BERLIN)),  # +01:00
        ("danach", dt.datetime(2027, 11, 1, 0, 0, tzinfo=BERLIN)),
    ]:
        EventFactory(
            slug=slug,
            venue=park,
            starts_at=start,
            ends_at=start + dt.timedelta(minutes=20),
        )

    assert slugs(anon.get(EVENTS, {"day": "2027-10-31"})) == ["frueh", "spaet"]
    assert slugs(anon.get(EVENTS, {"day": "2027-11-01"})) == ["danach"]
