"""API fuzzing: schemathesis generates requests for every operation and method of
/api/v1/schema/ (the app in process, no network) and checks every answer: no
server error, a documented status code and content type, a body and headers
that match the schema.

Who asks: everyone anonymously; the operations that authenticate also with the
DRF token of an Orga-Team member and of a partner organisation's member (who may
only propose drafts). The fuzzer writes (POST, PATCH, PUT, DELETE) into a small
festival built for each operation, and half of its cases carry the addresses and
ids of that festival's real objects — the registration's and the volunteer's
token, an event's slug, a shift's id — so the answers are real objects and real
refusals, not only 404s. Cases are derandomised: a run is reproducible.
"""

import os

import pytest
import schemathesis
from django.contrib.auth.models import Group, User
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from events import roles
from events.models import Event
from tests.events.factories import (
    AudienceFactory,
    EventFactory,
    FestivalFactory,
    PartnerFactory,
    SubEventFactory,
    VenueFactory,
    at,
)
from tests.registrations.factories import open_event, register
from tests.volunteers.factories import (
    QualificationFactory,
    RoleFactory,
    ShiftFactory,
    VolunteerFactory,
    assign,
)

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]

# Per operation and caller: the fuzzing phase's cases, valid and invalid ones;
# ~2 minutes for all on 2 cores. FUZZ_EXAMPLES=200 digs deeper by hand.
# (Schemathesis' coverage phase is off: its systematic boundary values make
# ~2,000 cases of each event write alone, a quarter of an hour on 2 cores.)
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "15")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", WSGIHandler())
schema.config.phases.update(phases=["examples", "fuzzing"])

# The real objects of the current test's festival, for the hook below (filled by
# the `world` fixture: the hook runs while Hypothesis draws, outside any fixture).
REAL: dict = {}

# Body fields that name another object, and which real one to put there.
BODY_REFERENCES = {
    "event": "event",
    "sub_event": "sub_event",
    "venue": "venue",
    "partner": "partner",
    "audiences": "audiences",
    "host_partners": "host_partners",
    "shift": "open_shift",
    "volunteer": "volunteer_id",
}


def _path_value(path: str, name: str, generated):
    if name == "token":
        return REAL["registration" if "/registrations/" in path else "volunteer"]
    if name == "participant_id":
        return REAL["participant"]
    if name == "slug":
        return REAL["slugs"][path.split("/")[3]]
    return REAL["ids"].get(path, generated)


def _with_real_objects(case, in_path: bool, in_body: bool):
    if in_path and case.path_parameters:
        case.path_parameters = {
            name: _path_value(case.path, name, value)
            for name, value in case.path_parameters.items()
        }
    if in_body and isinstance(case.body, dict):
        case.body = {
            name: REAL[BODY_REFERENCES[name]] if name in BODY_REFERENCES else value
            for name, value in case.body.items()
        }
    return case


@schema.hook("flatmap_case")
def real_objects(context, case):
    """Half the cases address the festival's real objects, in the path, in the
    body's references, or both; Hypothesis chooses, so it also shrinks to them."""
    return st.tuples(st.booleans(), st.booleans()).map(
        lambda choice: _with_real_objects(case, *choice)
    )


def member(username: str, group: str) -> User:
    user = User.objects.create_user(username)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def _requests_in_the_test_transaction():
    """Schemathesis calls Django's WSGI handler itself, and the handler closes a
    connection at each request's start and end if it is not in autocommit mode:
    on PostgreSQL that would drop the test's transaction and its festival. The
    test client disconnects the same signal handler for its requests."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world(_requests_in_the_test_transaction) -> dict:
    """A festival with one of everything the API shows: a published event with
    open registration, a draft, a confirmed and a waiting party, a shift with a
    volunteer on it, an open shift, a qualification; API tokens for an Orga-Team
    member and a partner's member."""
    roles.roles_ensure()
    festival = FestivalFactory()
    sub_event = SubEventFactory(festival=festival, slug="kino")
    venue = VenueFactory(slug="aula")
    audience = AudienceFactory(slug="familien")
    partner = PartnerFactory(slug="kita-sonne")
    partner_user = member("kita", roles.PARTNER)
    partner.members.add(partner_user)
    event = open_event(slug="film", sub_event=sub_event, venue=venue, capacity=4)
    event.audiences.add(audience)
    EventFactory(
        slug="entwurf",
        sub_event=sub_event,
        venue=venue,
        status="draft",
        starts_at=at(2, 10),
        ends_at=at(2, 12),
        host_partners=[partner],
    )
    confirmed = register(event, 7, 35).registration
    register(event, 9, 10, 40)  # 5 seats of the 2 left: waits
    role = RoleFactory(festival=festival)
    shift = ShiftFactory(role=role, venue=venue)
    open_shift = ShiftFactory(role=role, venue=venue, starts_at=at(1, 9))
    volunteer = VolunteerFactory(festival=festival)
    qualification = QualificationFactory(volunteer=volunteer)
    assignment = assign(shift, volunteer, now=timezone.now())
    REAL.update(
        registration=confirmed.token,
        participant=confirmed.participants.first().pk,
        volunteer=volunteer.token,
        volunteer_id=volunteer.pk,
        open_shift=open_shift.pk,
        event="film",
        sub_event="kino",
        venue="aula",
        partner="kita-sonne",
        audiences=["familien"],
        host_partners=["kita-sonne"],
        slugs={
            "events": "film",
            "subevents": "kino",
            "venues": "aula",
            "partners": "kita-sonne",
        },
        ids={
            "/api/v1/shifts/{id}/": shift.pk,
            "/api/v1/orga/volunteers/{id}/": volunteer.pk,
            "/api/v1/orga/volunteers/{id}/qualifications/": volunteer.pk,
            "/api/v1/orga/qualifications/{id}/": qualification.pk,
            "/api/v1/orga/assignments/{id}/": assignment.pk,
            "/api/v1/volunteers/{token}/assignments/{id}/": assignment.pk,
        },
    )
    tokens = {
        "orga": Token.objects.create(user=member("orga", roles.ORGA)).key,
        "partner": Token.objects.create(user=partner_user).key,
    }
    yield tokens
    REAL.clear()


def authenticates(ctx) -> bool:
    """Operations whose view reads credentials (the others take none)."""
    return bool(ctx.operation.definition.raw.get("security"))


@schema.parametrize()
@FUZZ
def test_api_anonymous(case, world):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.parametrize("who", ["orga", "partner"])
@schema.include(authenticates).parametrize()
@FUZZ
def test_api_signed_in(case, world, who):
    case.call_and_validate(
        headers={"Authorization": f"Token {world[who]}"}, checks=CHECKS
    )


# --- What the fuzzer found, pinned down ------------------------------------------
def orga_client() -> APIClient:
    roles.roles_ensure()
    client = APIClient()
    token = Token.objects.create(user=member("planerin", roles.ORGA))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    client.cookies["django_language"] = "en"
    return client


def schema_property(component: str, name: str) -> dict:
    spec = APIClient().get("/api/v1/schema/", {"format": "json"}).json()
    return spec["components"]["schemas"][component]["properties"][name]


def test_an_address_no_api_route_matches_is_a_json_404():
    client = APIClient(enforce_csrf_checks=True)
    client.cookies["django_language"] = "en"

    number = client.get("/api/v1/orga/volunteers/0.05/")
    dotted = client.post("/api/v1/events/a.b/publish/")
    no_slash = client.get("/api/v1/events")

    assert (number.status_code, number["Content-Type"]) == (404, "application/json")
    assert number.json() == {"code": "not_found", "detail": "Not found."}
    assert (dotted.status_code, dotted.json()["code"]) == (404, "not_found")
    assert (no_slash.status_code, no_slash["Location"]) == (301, "/api/v1/events/")


def test_an_event_without_venue_reads_venue_null():
    SubEventFactory(slug="kino")

    response = orga_client().post(
        "/api/v1/events/",
        {
            "sub_event": "kino",
            "title": "Irgendwo",
            "starts_at": at(0, 10).isoformat(),
            "ends_at": at(0, 11).isoformat(),
        },
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["venue"] is None
    assert schema_property("Event", "venue")["nullable"] is True


def test_an_event_in_the_year_14_is_refused():
    SubEventFactory(slug="kino")

    response = orga_client().post(
        "/api/v1/events/",
        {
            "sub_event": "kino",
            "title": "Antike",
            "starts_at": "0014-11-28T15:45:50-22:19",
            "ends_at": at(0, 11).isoformat(),
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "starts_at": [
            {
                "code": "date_out_of_range",
                "message": "Enter a date between the years 2000 and 2999.",
            }
        ]
    }
    assert Event.objects.count() == 0


def test_a_sub_event_without_lead_partner_reads_null():
    SubEventFactory(slug="kino", lead_partner=None)

    response = APIClient().get("/api/v1/subevents/kino/")

    assert response.json()["lead_partner"] is None
    assert schema_property("SubEvent", "lead_partner")["nullable"] is True


def test_a_nul_byte_in_a_slug_names_nothing():
    """PostgreSQL refuses NUL in a query: found as a 500 of POST /api/v1/events/."""
    client = orga_client()

    body = client.post(
        "/api/v1/events/",
        {
            "sub_event": "ki\x00no",
            "title": "Null",
            "starts_at": at(0, 10).isoformat(),
            "ends_at": at(0, 11).isoformat(),
        },
        format="json",
    )
    paths = [
        client.get(f"/api/v1/{collection}/ki%00no/").status_code
        for collection in (
            "events",
            "subevents",
            "venues",
            "partners",
            "registrations",
            "volunteers",
        )
    ]

    assert body.status_code == 400
    assert body.json()["errors"]["sub_event"][0]["code"] == "does_not_exist"
    assert paths == [404, 404, 404, 404, 404, 404]
