"""The volunteers' API: public roles and shifts without personal data, the
volunteer's token endpoints, the coordinators' endpoints; every refusal a 4xx with
the service's `code`, whatever JSON arrives."""

import datetime as dt
import json
from itertools import count

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext
from hypothesis import HealthCheck, given, settings
from hypothesis import event as hypothesis_event
from hypothesis import strategies as st
from openapi_schema_validator import OAS30Validator
from rest_framework.authtoken.models import Token
from rest_framework.fields import DateTimeField
from rest_framework.test import APIClient

from events import roles
from tests.events.factories import (
    EventFactory,
    FestivalFactory,
    PartnerFactory,
    SubEventFactory,
    VenueFactory,
    at,
)
from tests.volunteers.factories import (
    QualificationFactory,
    RoleFactory,
    ShiftFactory,
    VolunteerFactory,
    assign,
)
from volunteers import api
from volunteers.models import Assignment, Qualification, QualificationKind, Volunteer

pytestmark = pytest.mark.django_db

REGISTER = "/api/v1/volunteers/"
addresses = count(1)


def new_address() -> str:
    n = next(addresses)
    return f"10.{n // 62500 % 250}.{n // 250 % 250}.{n % 250}"


def drf_time(moment: dt.datetime | None) -> str | None:
    return DateTimeField().to_representation(moment) if moment else None


def send(method: str, url: str, data, *, client: APIClient | None = None, **extra):
    """A JSON request, from a client address of its own (the rate limit counts per
    address)."""
    extra.setdefault("HTTP_X_FORWARDED_FOR", new_address())
    return (client or APIClient()).generic(
        method,
        url,
        json.dumps(data),
        content_type="application/json",
        **extra,
    )


def refusal(response) -> tuple[int, str, list[str]]:
    """(status, code, fields with errors) of an error response."""
    data = response.json()
    return response.status_code, data["code"], sorted(data.get("errors", {}))


def german(text) -> str:
    """What the API answers in its default language (German), whether or not the
    catalogue has the text yet."""
    with translation.override("de"):
        return str(text)


def label(kind: str) -> str:
    return german(QualificationKind(kind).label)


def needs_first_aid_message() -> str:
    with translation.override("de"):
        return gettext("This role needs: %(qualification)s.") % {
            "qualification": QualificationKind.FIRST_AID.label
        }


def body(**overrides) -> dict:
    data = {
        "name": "Jonas Weber",
        "email": "jonas@example.org",
        "phone": "0151 1234567",
        "tshirt_size": "L",
        "age_group": "adult",
        "consent_privacy": True,
    }
    data.update(overrides)
    return data


@pytest.fixture
def festival():
    return FestivalFactory()


@pytest.fixture
def einlass(festival):
    return RoleFactory(
        festival=festival,
        name="Einlass",
        slug="einlass",
        description="Bändchen ausgeben",
        briefing="Um 8:45 am Haupteingang.",
        min_age=16,
    )


@pytest.fixture
def stadthalle():
    return VenueFactory(slug="stadthalle", name="Stadthalle")


@pytest.fixture
def shift(einlass, stadthalle):
    """Festival day 0, 09:00–13:00, three people needed."""
    return ShiftFactory(role=einlass, venue=stadthalle, needed=3)


@pytest.fixture
def volunteer(festival):
    return VolunteerFactory(festival=festival, name="Jonas Weber")


def token_url(volunteer: Volunteer, rest: str = "") -> str:
    return f"/api/v1/volunteers/{volunteer.token}/{rest}"


# --- Public: roles and shifts ---------------------------------------------------------
def test_roles_list_names_qualifications_with_labels(festival, einlass):
    RoleFactory(
        festival=festival,
        name="Kinderbetreuung",
        slug="kinderbetreuung",
        required_qualifications=["police_certificate", "first_aid"],
        min_age=18,
    )
    RoleFactory(festival=FestivalFactory(slug="andere"), slug="fremd")

    response = APIClient().get("/api/v1/volunteer-roles/")

    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [
            {
                "slug": "einlass",
                "name": "Einlass",
                "description": "Bändchen ausgeben",
                "briefing": "Um 8:45 am Haupteingang.",
                "required_qualifications": [],
                "min_age": 16,
            },
            {
                "slug": "kinderbetreuung",
                "name": "Kinderbetreuung",
                "description": "",
                "briefing": "",
                "required_qualifications": [
                    {
                        "code": "police_certificate",
                        "label": label("police_certificate"),
                    },
                    {"code": "first_aid", "label": label("first_aid")},
                ],
                "min_age": 18,
            },
        ],
    }


def test_shifts_list_counts_people_never_names_them(festival, shift):
    sub_event = SubEventFactory(festival=festival, slug="kinowoche", name="Kinowoche")
    event = EventFactory(
        slug="eroeffnung", title="Eröffnung", sub_event=sub_event, venue=shift.venue
    )
    later = ShiftFactory(
        role=shift.role,
        venue=shift.venue,
        event=event,
        sub_event=sub_event,
        starts_at=at(1, 14),
        ends_at=at(1, 18),
        needed=1,
    )
    assign(shift)
    ShiftFactory(role=shift.role, starts_at=timezone.now() - dt.timedelta(hours=1))

    response = APIClient().get("/api/v1/shifts/")

    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": shift.pk,
                "url": f"http://testserver/api/v1/shifts/{shift.pk}/",
                "role": {"slug": "einlass", "name": "Einlass"},
                "starts_at": "2027-06-14T09:00:00+02:00",
                "ends_at": "2027-06-14T13:00:00+02:00",
                "venue": {"slug": "stadthalle", "name": "Stadthalle"},
                "event": None,
                "sub_event": None,
                "needed": 3,
                "filled": 1,
                "free": 2,
            },
            {
                "id": later.pk,
                "url": f"http://testserver/api/v1/shifts/{later.pk}/",
                "role": {"slug": "einlass", "name": "Einlass"},
                "starts_at": "2027-06-15T14:00:00+02:00",
                "ends_at": "2027-06-15T18:00:00+02:00",
                "venue": {"slug": "stadthalle", "name": "Stadthalle"},
                "event": {"slug": "eroeffnung", "title": "Eröffnung"},
                "sub_event": {"slug": "kinowoche", "name": "Kinowoche"},
                "needed": 1,
                "filled": 0,
                "free": 1,
            },
        ],
    }
    detail = APIClient().get(f"/api/v1/shifts/{shift.pk}/")
    assert detail.json() == response.json()["results"][0]


def strings_in(value) -> list[str]:
    """Every string in a JSON document, keys included."""
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *strings_in(v))]
    if isinstance(value, list):
        return [s for item in value for s in strings_in(item)]
    return [value] if isinstance(value, str) else []


def test_public_answers_contain_no_personal_data(festival, shift):
    people = [
        VolunteerFactory(
            festival=festival,
            name=f"Zofia Kowalska{n}",
            email=f"zofia{n}@example.org",
            phone=f"0176 999000{n}",
        )
        for n in range(3)
    ]
    for person in people:
        assign(shift, person)
    coordinator = User.objects.create_user(
        "koordinatorin", first_name="Hildegard", last_name="Sommerfeld"
    )
    shift.coordinator = coordinator
    shift.coordinator_phone = "0171 4242424"
    shift.notes = "Schlüssel bei Hildegard"
    shift.save()

    documents = [
        APIClient().get(url).json()
        for url in (
            "/api/v1/shifts/",
            f"/api/v1/shifts/{shift.pk}/",
            "/api/v1/shifts/?open=false",
            "/api/v1/volunteer-roles/",
        )
    ]

    secrets_ = [
        *(p.name for p in people),
        *(p.email for p in people),
        *(p.phone for p in people),
        *(p.token for p in people),
        "Hildegard",
        "Sommerfeld",
        "koordinatorin",
        "0171 4242424",
    ]
    texts = [s for document in documents for s in strings_in(document)]
    assert documents[2]["count"] == 1  # the full shift is listed …
    assert [t for t in texts if any(secret in t for secret in secrets_)] == []


def test_shift_filters(festival, shift):
    sub_event = SubEventFactory(festival=festival, slug="kinowoche")
    kasse = RoleFactory(festival=festival, slug="kasse")
    other_day = ShiftFactory(
        role=kasse, starts_at=at(1, 9), sub_event=sub_event, needed=1
    )
    assign(other_day)
    RoleFactory(festival=FestivalFactory(slug="andere"), slug="fremd")

    def ids(query: str) -> list[int]:
        response = APIClient().get(f"/api/v1/shifts/?{query}")
        assert response.status_code == 200, response.json()
        return [s["id"] for s in response.json()["results"]]

    assert ids("") == [shift.pk, other_day.pk]
    assert ids("day=2027-06-15") == [other_day.pk]
    assert ids("day=2027-06-16") == []
    assert ids("role=einlass") == [shift.pk]
    assert ids("sub_event=kinowoche") == [other_day.pk]
    assert ids("open=true") == [shift.pk]
    assert ids("open=false") == [other_day.pk]
    assert ids("role=kasse&open=true") == []


@pytest.mark.parametrize(
    ("query", "code", "field"),
    [
        ("day=2027-13-40", "invalid", "day"),
        ("day=morgen", "invalid", "day"),
        ("role=gibts-nicht", "invalid_choice", "role"),
        ("role=fremd", "invalid_choice", "role"),  # another festival's role
        ("sub_event=gibts-nicht", "invalid_choice", "sub_event"),
        ("open=vielleicht", "invalid_choice", "open"),
        ("open=1", "invalid_choice", "open"),
    ],
)
def test_bad_shift_filters_are_400_not_ignored(shift, query, code, field):
    RoleFactory(festival=FestivalFactory(slug="andere"), slug="fremd")

    response = APIClient().get(f"/api/v1/shifts/?{query}")

    assert refusal(response) == (400, code, [field])


def test_unknown_shift_is_404(festival, shift):
    foreign = ShiftFactory(role=RoleFactory(festival=FestivalFactory(slug="andere")))

    answers = [
        APIClient().get(f"/api/v1/shifts/{pk}/") for pk in (0, foreign.pk, 10**30)
    ]

    assert [(r.status_code, r.json()["code"]) for r in answers] == [
        (404, "not_found")
    ] * 3


def test_shift_list_costs_the_same_queries_for_more_shifts(shift):
    APIClient().get("/api/v1/shifts/")
    with CaptureQueriesContext(connection) as few:
        APIClient().get("/api/v1/shifts/")
    for hour in (14, 18):
        assign(ShiftFactory(role=shift.role, starts_at=at(2, hour)))
    with CaptureQueriesContext(connection) as more:
        response = APIClient().get("/api/v1/shifts/")

    assert response.json()["count"] == 3
    assert len(more.captured_queries) == len(few.captured_queries)


# --- Self-registration ----------------------------------------------------------------
def test_a_new_volunteer_gets_201_with_their_links(
    festival, django_capture_on_commit_callbacks
):
    partner = PartnerFactory(slug="kita-sonnenschein", name="Kita Sonnenschein")

    with django_capture_on_commit_callbacks(execute=True):
        response = send("POST", REGISTER, body(partner="kita-sonnenschein"))

    assert response.status_code == 201, response.json()
    volunteer = Volunteer.objects.get()
    page = f"http://testserver/v/{volunteer.token}/"
    url = f"http://testserver/api/v1/volunteers/{volunteer.token}/"
    assert response.json() == {
        "status": "registered",
        "volunteer_url": page,
        "url": url,
        "volunteer": {
            "url": url,
            "volunteer_url": page,
            "name": "Jonas Weber",
            "email": "jonas@example.org",
            "phone": "0151 1234567",
            "partner": {"slug": "kita-sonnenschein", "name": "Kita Sonnenschein"},
            "tshirt_size": "L",
            "age_group": "adult",
            "guardian": None,
            "language": "de",
            "created_at": drf_time(volunteer.created_at),
            "assignments": [],
            "qualifications": [],
        },
    }
    assert response["Location"] == url
    assert (volunteer.partner, volunteer.consent_privacy_version) == (
        partner,
        "2026-12",
    )
    assert [m.to for m in mail.outbox] == [["jonas@example.org"]]
    assert page.removeprefix("http://testserver") in mail.outbox[0].body


def test_a_known_address_gets_202_and_nothing_else(
    festival, volunteer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(
            "POST",
            REGISTER,
            body(name="Jemand Anderes", email=volunteer.email.upper()),
        )

    assert response.status_code == 202
    assert response.json() == {"status": "link_sent"}
    assert Volunteer.objects.count() == 1
    volunteer.refresh_from_db()
    assert volunteer.name == "Jonas Weber"
    assert [m.to for m in mail.outbox] == [[volunteer.email]]


def test_a_minor_registers_with_a_guardians_consent(festival):
    response = send(
        "POST",
        REGISTER,
        body(
            age_group="16_17",
            guardian={
                "name": "Petra Muster",
                "contact": "0171 5551234",
                "consent": True,
            },
        ),
    )

    assert response.status_code == 201, response.json()
    volunteer = Volunteer.objects.get()
    assert response.json()["volunteer"]["guardian"] == {
        "name": "Petra Muster",
        "contact": "0171 5551234",
        "consent_at": drf_time(volunteer.guardian_consent_at),
    }


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"consent_privacy": False}, "consent_missing", "consent_privacy"),
        ({"consent_privacy": "yes"}, "invalid", "consent_privacy"),
        ({"name": ""}, "required", "name"),
        ({"name": 7}, "invalid", "name"),
        ({"email": "keine-adresse"}, "email_invalid", "email"),
        ({"age_group": "12"}, "age_group_invalid", "age_group"),
        ({"tshirt_size": "XXXXL"}, "tshirt_size_invalid", "tshirt_size"),
        ({"partner": "gibts-nicht"}, "partner_unknown", "partner"),
        ({"partner": 3}, "invalid", "partner"),
        ({"language": "fr"}, "language_invalid", "language"),
        ({"guardian": "Mama"}, "invalid", "guardian"),
        ({"age_group": "13_15"}, "required", "guardian_name"),
        (
            {
                "age_group": "13_15",
                "guardian": {"name": "Petra Muster", "contact": "0171 5551234"},
            },
            "guardian_consent_missing",
            "guardian_consent",
        ),
    ],
)
def test_registration_input_is_refused_with_a_code(festival, overrides, code, field):
    response = send("POST", REGISTER, body(**overrides))

    assert refusal(response) == (400, code, [field])
    assert Volunteer.objects.count() == 0


def test_a_missing_body_names_each_required_field(festival):
    response = send("POST", REGISTER, {})

    assert refusal(response) == (400, "required", ["age_group", "email", "name"])


@pytest.mark.parametrize(
    ("raw", "content_type", "status", "code"),
    [
        ("{", "application/json", 400, "parse_error"),
        ('{"name": NaN}', "application/json", 400, "parse_error"),
        ("[" * 100_000 + "]" * 100_000, "application/json", 400, "parse_error"),
        (b"\xff\xfe{}", "application/json", 400, "parse_error"),
        ("[]", "application/json", 400, "invalid"),
        ("null", "application/json", 400, "null"),
        ("7", "application/json", 400, "invalid"),
        ("name=Jonas", "application/x-www-form-urlencoded", 415, None),
        ("{}", "text/plain", 415, "unsupported_media_type"),
        (
            json.dumps({"name": "x" * (1024 * 1024)}),
            "application/json",
            413,
            "request_too_large",
        ),
    ],
    ids=[
        "truncated",
        "nan",
        "deep",
        "not-utf8",
        "list",
        "null",
        "number",
        "form",
        "text",
        "huge",
    ],
)
def test_bodies_that_are_no_registration(festival, raw, content_type, status, code):
    response = APIClient().generic(
        "POST",
        REGISTER,
        raw,
        content_type=content_type,
        HTTP_X_FORWARDED_FOR=new_address(),
    )

    assert response.status_code == status
    assert response.json()["code"] == (code or "unsupported_media_type")
    assert response.json()["detail"]


def test_rate_limit_per_address_answers_429_with_retry_after(festival, monkeypatch):
    monkeypatch.setattr(api.RegisterThrottle, "rate", "3/min")
    address = "203.0.113.9"
    statuses = [
        send("POST", REGISTER, {}, HTTP_X_FORWARDED_FOR=address).status_code
        for _ in range(3)
    ]

    limited = send("POST", REGISTER, body(), HTTP_X_FORWARDED_FOR=address)
    # Behind the proxy, the last hop of X-Forwarded-For is the client.
    spoofed = send("POST", REGISTER, body(), HTTP_X_FORWARDED_FOR=f"1.2.3.4, {address}")
    elsewhere = send("POST", REGISTER, body(), HTTP_X_FORWARDED_FOR="203.0.113.10")

    assert statuses == [400] * 3
    assert limited.status_code == 429
    assert limited.json() == {
        "code": "rate_limited",
        "detail": str(api.RateLimited.default_detail),
    }
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert spoofed.status_code == 429
    assert elsewhere.status_code == 201
    assert Volunteer.objects.count() == 1


def test_registering_needs_no_csrf_token_even_with_a_session(festival):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(User.objects.create_user("irgendwer"))

    assert send("POST", REGISTER, body(), client=client).status_code == 201


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
plausible = (
    st.text(max_size=60)
    | st.booleans()
    | st.sampled_from(
        ["", "adult", "16_17", "13_15", "M", "152", "de", "en", "a@example.org"]
    )
)
FIELDS = [
    "name",
    "email",
    "phone",
    "partner",
    "tshirt_size",
    "age_group",
    "guardian",
    "consent_privacy",
    "language",
]


@st.composite
def mangled_bodies(draw) -> object:
    if draw(st.integers(0, 5)) == 0:
        return draw(json_values)
    data = body(email=draw(st.from_regex(r"[a-z]{1,8}@example\.org", fullmatch=True)))
    for _ in range(draw(st.integers(1, 3))):
        value = draw(json_values if draw(st.integers(0, 2)) == 0 else plausible)
        if draw(st.booleans()) or not isinstance(data.get("guardian"), dict):
            data[draw(st.sampled_from(FIELDS))] = value
        else:
            data["guardian"][draw(st.sampled_from(["name", "contact", "consent"]))] = (
                value
            )
    return data


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=mangled_bodies())
def test_any_json_gets_201_202_or_400_with_a_code(festival, data):
    response = send("POST", REGISTER, data)

    assert response.status_code in {201, 202, 400}, response.content
    answer = response.json()
    hypothesis_event(str(answer.get("code") or answer.get("status")))
    if response.status_code == 400:
        assert isinstance(answer["code"], str) and answer["code"]
        assert isinstance(answer["detail"], str) and answer["detail"]


# --- The volunteer's token ------------------------------------------------------------
def test_the_token_reads_details_shifts_and_qualifications(festival, shift, volunteer):
    shift.notes = "Bitte feste Schuhe."
    shift.coordinator = User.objects.create_user("sabine", first_name="Sabine")
    shift.coordinator_phone = "0171 1111111"
    shift.save()
    assignment = assign(shift, volunteer)
    first_aid = QualificationFactory(
        volunteer=volunteer, kind="first_aid", issued_on=dt.date(2026, 3, 1)
    )
    certificate = QualificationFactory(volunteer=volunteer)
    assign(ShiftFactory(role=shift.role, starts_at=at(2, 9)), volunteer)
    Assignment.objects.filter(shift__starts_at=at(2, 9)).update(
        withdrawn_at=timezone.now()
    )

    response = APIClient().get(token_url(volunteer))

    assert response.status_code == 200
    data = response.json()
    assert data["assignments"] == [
        {
            "id": assignment.pk,
            "url": f"http://testserver{token_url(volunteer)}assignments/"
            f"{assignment.pk}/",
            "shift": {
                "id": shift.pk,
                "role": {"slug": "einlass", "name": "Einlass"},
                "starts_at": "2027-06-14T09:00:00+02:00",
                "ends_at": "2027-06-14T13:00:00+02:00",
                "venue": {"slug": "stadthalle", "name": "Stadthalle"},
                "event": None,
                "sub_event": None,
                "briefing": "Um 8:45 am Haupteingang.",
                "notes": "Bitte feste Schuhe.",
                "coordinator": {"name": "Sabine", "phone": "0171 1111111"},
            },
            "created_at": drf_time(assignment.created_at),
            "withdraw_until": "2027-06-13T09:00:00+02:00",
        }
    ]
    assert data["qualifications"] == [
        {
            "id": first_aid.pk,
            "kind": "first_aid",
            "label": label("first_aid"),
            "issued_on": "2026-03-01",
            "last_valid_day": "2028-02-29",
        },
        {
            "id": certificate.pk,
            "kind": "police_certificate",
            "label": label("police_certificate"),
            "issued_on": "2025-03-01",
            "last_valid_day": "2030-02-28",
        },
    ]
    assert (data["name"], data["email"], data["guardian"]) == (
        "Jonas Weber",
        volunteer.email,
        None,
    )


@pytest.mark.parametrize(
    "token",
    ["gibts-nicht", "x" * 43, "%00", "a%00b" * 10, "x" * 5000, "%F0%9F%91%A7"],
)
def test_an_unknown_token_is_404_with_a_code(shift, token):
    url = f"/api/v1/volunteers/{token}/"

    answers = [
        APIClient().get(url),
        APIClient().get(f"{url}open-shifts/"),
        send("POST", f"{url}assignments/", {"shift": shift.pk}),
        APIClient().delete(f"{url}assignments/1/"),
    ]

    assert [(r.status_code, r.json()["code"]) for r in answers] == [
        (404, "not_found")
    ] * 4


def test_an_erased_volunteers_token_is_404(volunteer):
    volunteer.erased_at = timezone.now()
    volunteer.save()

    response = APIClient().get(token_url(volunteer))

    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_signing_up_answers_201_with_the_assignment(shift, volunteer):
    response = send("POST", token_url(volunteer, "assignments/"), {"shift": shift.pk})

    assert response.status_code == 201, response.json()
    assignment = Assignment.objects.get()
    assert (assignment.volunteer, assignment.shift, assignment.assigned_by) == (
        volunteer,
        shift,
        None,
    )
    assert response.json()["id"] == assignment.pk
    assert response.json()["shift"]["id"] == shift.pk
    assert response["Location"] == response.json()["url"]
    listed = APIClient().get(f"/api/v1/shifts/{shift.pk}/").json()
    assert (listed["filled"], listed["free"]) == (1, 2)


def rule_cases(festival, shift, volunteer) -> dict:
    """For each rule, a (volunteer, shift) that breaks it."""
    role = shift.role
    other_venue = VenueFactory()
    full = ShiftFactory(role=role, starts_at=at(3, 9), needed=1)
    assign(full)
    assign(shift, volunteer)
    clash = ShiftFactory(role=role, starts_at=at(0, 11))
    buffer = ShiftFactory(role=role, venue=other_venue, starts_at=at(0, 13, 5))
    long_day = ShiftFactory(
        role=role, venue=shift.venue, starts_at=at(0, 13), ends_at=at(0, 20)
    )
    police = RoleFactory(festival=festival, required_qualifications=["first_aid"])
    missing = ShiftFactory(role=police, starts_at=at(4, 9))
    expired_holder = VolunteerFactory(festival=festival)
    QualificationFactory(
        volunteer=expired_holder, kind="first_aid", issued_on=dt.date(2025, 6, 1)
    )
    adults_only = ShiftFactory(
        role=RoleFactory(festival=festival, min_age=18), starts_at=at(5, 9)
    )
    youth = VolunteerFactory(festival=festival, minor=True)
    evening = ShiftFactory(role=role, starts_at=at(5, 19), ends_at=at(5, 22))
    started = ShiftFactory(role=role, starts_at=timezone.now() - dt.timedelta(hours=1))
    return {
        "shift_full": (volunteer, full),
        "already_assigned": (volunteer, shift),
        "shift_clash": (volunteer, clash),
        "travel_buffer": (volunteer, buffer),
        "daily_hours": (volunteer, long_day),
        "qualification_missing": (volunteer, missing),
        "qualification_invalid": (expired_holder, missing),
        "too_young": (youth, adults_only),
        "youth_protection_time": (youth, evening),
        "shift_started": (volunteer, started),
    }


def test_each_rule_is_refused_with_its_code(festival, shift, volunteer):
    cases = rule_cases(festival, shift, volunteer)
    before = Assignment.objects.count()

    answers = {
        code: refusal(
            send("POST", token_url(person, "assignments/"), {"shift": target.pk})
        )
        for code, (person, target) in cases.items()
    }

    assert answers == {code: (400, code, ["non_field_errors"]) for code in cases}
    assert Assignment.objects.count() == before


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"shift": 999_999}, "shift_unknown"),
        ({"shift": "1"}, "invalid"),
        ({"shift": 1.0}, "invalid"),
        ({"shift": True}, "invalid"),
        ({"shift": 0}, "min_value"),
        ({"shift": 2**70}, "max_value"),
        ({"shift": None}, "null"),
        ({}, "required"),
    ],
)
def test_a_shift_that_is_none_is_400_on_the_field(shift, volunteer, data, code):
    response = send("POST", token_url(volunteer, "assignments/"), data)

    assert refusal(response) == (400, code, ["shift"])


def test_another_festivals_shift_is_unknown(shift, volunteer):
    foreign = ShiftFactory(role=RoleFactory(festival=FestivalFactory(slug="andere")))

    response = send("POST", token_url(volunteer, "assignments/"), {"shift": foreign.pk})

    assert refusal(response) == (400, "shift_unknown", ["shift"])


def test_withdrawing_answers_204_and_twice_changes_nothing(shift, volunteer):
    assignment = assign(shift, volunteer)
    url = token_url(volunteer, f"assignments/{assignment.pk}/")

    first = APIClient().delete(url)
    again = APIClient().delete(url)

    assert (first.status_code, again.status_code) == (204, 204)
    assignment.refresh_from_db()
    assert assignment.withdrawn_at is not None and assignment.withdrawn_by is None
    assert APIClient().get(token_url(volunteer)).json()["assignments"] == []


def test_withdrawing_someone_elses_assignment_is_404(shift, volunteer):
    theirs = assign(shift)

    response = APIClient().delete(token_url(volunteer, f"assignments/{theirs.pk}/"))

    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    theirs.refresh_from_db()
    assert theirs.withdrawn_at is None


def test_withdrawing_after_the_deadline_is_400(shift, volunteer):
    soon = ShiftFactory(
        role=shift.role, starts_at=timezone.now() + dt.timedelta(hours=5)
    )
    assignment = assign(soon, volunteer, now=timezone.now())

    response = APIClient().delete(token_url(volunteer, f"assignments/{assignment.pk}/"))

    assert refusal(response) == (400, "withdraw_deadline", ["non_field_errors"])
    assignment.refresh_from_db()
    assert assignment.withdrawn_at is None


def test_open_shifts_say_who_may_take_them_and_why_not(festival, shift, volunteer):
    assign(shift, volunteer)
    clash = ShiftFactory(role=shift.role, starts_at=at(0, 11), needed=1)
    free = ShiftFactory(role=shift.role, starts_at=at(1, 9))
    needs_first_aid = ShiftFactory(
        role=RoleFactory(
            festival=festival, slug="sanitaet", required_qualifications=["first_aid"]
        ),
        starts_at=at(1, 14),
    )
    assign(clash)

    response = APIClient().get(token_url(volunteer, "open-shifts/"))

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3
    assert [
        (s["id"], s["eligible"], [r["code"] for r in s["reasons"]], s["free"])
        for s in data["results"]
    ] == [
        (clash.pk, False, ["shift_full", "shift_clash"], 0),
        (free.pk, True, [], 2),
        (needs_first_aid.pk, False, ["qualification_missing"], 2),
    ]
    assert data["results"][2]["reasons"] == [
        {
            "code": "qualification_missing",
            "message": needs_first_aid_message(),
        }
    ]
    filtered = APIClient().get(token_url(volunteer, "open-shifts/?day=2027-06-15"))
    assert [s["id"] for s in filtered.json()["results"]] == [
        free.pk,
        needs_first_aid.pk,
    ]
    bad = APIClient().get(token_url(volunteer, "open-shifts/?role=gibts-nicht"))
    assert refusal(bad) == (400, "invalid_choice", ["role"])


# --- Organisers -----------------------------------------------------------------------
def member(username: str, *groups: str) -> User:
    roles.roles_ensure()
    user = User.objects.create_user(username, first_name=username.title())
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def as_user(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def coordinator() -> APIClient:
    return as_user(member("helferkoordination", roles.VOLUNTEER_COORDINATION))


def test_organiser_endpoints_access(festival, shift, volunteer):
    assignment = assign(shift, volunteer)
    qualification = QualificationFactory(volunteer=volunteer)
    reads = [
        "/api/v1/orga/volunteers/",
        f"/api/v1/orga/volunteers/{volunteer.pk}/",
        f"/api/v1/orga/volunteers/{volunteer.pk}/qualifications/",
        "/api/v1/orga/assignments/",
        f"/api/v1/orga/assignments/{assignment.pk}/",
        "/api/v1/orga/coverage/",
    ]
    users = {
        "anonymous": None,
        "partner": member("partner", roles.PARTNER),
        "modulleitung": member("leitung", roles.MODULE_LEAD),
        "staff without group": member("irgendwer"),
        "helferkoordination": member("helfer", roles.VOLUNTEER_COORDINATION),
        "orga": member("orga", roles.ORGA),
    }

    seen = {
        who: sorted({as_user(user).get(url).status_code for url in reads})
        for who, user in users.items()
    }
    writes = {
        who: [
            send("POST", "/api/v1/orga/volunteers/", body(), client=as_user(user)),
            send(
                "PATCH",
                f"/api/v1/orga/assignments/{assignment.pk}/",
                {"attendance": "present"},
                client=as_user(user),
            ),
            as_user(user).delete(f"/api/v1/orga/qualifications/{qualification.pk}/"),
        ]
        for who, user in users.items()
        if who in {"anonymous", "partner", "modulleitung"}
    }

    assert seen == {
        "anonymous": [401],
        "partner": [403],
        "modulleitung": [403],
        "staff without group": [403],
        "helferkoordination": [200],
        "orga": [200],
    }
    assert {
        who: [(r.status_code, r.json()["code"]) for r in answers]
        for who, answers in writes.items()
    } == {
        "anonymous": [(401, "not_authenticated")] * 3,
        "partner": [(403, "permission_denied")] * 3,
        "modulleitung": [(403, "permission_denied")] * 3,
    }
    assert Volunteer.objects.count() == 1
    assert Qualification.objects.count() == 1


def test_coordinators_add_search_and_change_volunteers(festival, coordinator):
    PartnerFactory(slug="tsv", name="TSV")
    created = send(
        "POST",
        "/api/v1/orga/volunteers/",
        body(partner="tsv", notes="Kann Gabelstapler fahren", consent_privacy=False),
        client=coordinator,
    )
    duplicate = send(
        "POST",
        "/api/v1/orga/volunteers/",
        body(email="JONAS@example.org"),
        client=coordinator,
    )
    VolunteerFactory(festival=festival, name="Ayşe Yılmaz", age_group="adult")
    VolunteerFactory(festival=FestivalFactory(slug="andere"), name="Jonas Fremd")

    assert created.status_code == 201, created.json()
    volunteer = Volunteer.objects.get(email="jonas@example.org")
    assert created.json() == {
        "id": volunteer.pk,
        "url": f"http://testserver/api/v1/orga/volunteers/{volunteer.pk}/",
        "name": "Jonas Weber",
        "email": "jonas@example.org",
        "phone": "0151 1234567",
        "partner": {"slug": "tsv", "name": "TSV"},
        "tshirt_size": "L",
        "age_group": "adult",
        "guardian": None,
        "language": "de",
        "notes": "Kann Gabelstapler fahren",
        "consent_privacy_version": "",
        "created_at": drf_time(volunteer.created_at),
        "shifts": 0,
    }
    assert refusal(duplicate) == (400, "volunteer_exists", ["email"])

    def names(query: str) -> list[str]:
        response = coordinator.get(f"/api/v1/orga/volunteers/?{query}")
        assert response.status_code == 200, response.json()
        return [v["name"] for v in response.json()["results"]]

    assert names("") == ["Ayşe Yılmaz", "Jonas Weber"]
    assert names("q=jonas") == ["Jonas Weber"]
    assert names("q=1234567") == ["Jonas Weber"]
    assert names("partner=tsv") == ["Jonas Weber"]
    assert names("age_group=16_17") == []
    assert refusal(coordinator.get("/api/v1/orga/volunteers/?age_group=7")) == (
        400,
        "invalid_choice",
        ["age_group"],
    )
    assert refusal(coordinator.get("/api/v1/orga/volunteers/?shift=abc")) == (
        400,
        "invalid",
        ["shift"],
    )

    url = f"/api/v1/orga/volunteers/{volunteer.pk}/"
    changed = send("PATCH", url, {"phone": "030 123456"}, client=coordinator)
    minor = send(
        "PATCH",
        url,
        {
            "age_group": "16_17",
            "guardian": {"name": "Petra Muster", "contact": "0171 5551234"},
        },
        client=coordinator,
    )
    bad = send("PATCH", url, {"email": "nein"}, client=coordinator)

    assert changed.status_code == 200
    assert {k: changed.json()[k] for k in ("name", "phone", "partner", "notes")} == {
        "name": "Jonas Weber",
        "phone": "030 123456",
        "partner": {"slug": "tsv", "name": "TSV"},
        "notes": "Kann Gabelstapler fahren",
    }
    assert refusal(minor) == (400, "guardian_consent_missing", ["guardian_consent"])
    assert refusal(bad) == (400, "email_invalid", ["email"])
    assert coordinator.get("/api/v1/orga/volunteers/999999/").status_code == 404


def test_coordinators_record_and_delete_qualifications(
    festival, coordinator, volunteer
):
    url = f"/api/v1/orga/volunteers/{volunteer.pk}/qualifications/"

    recorded = send(
        "POST",
        url,
        {
            "kind": "police_certificate",
            "issued_on": "2026-01-10",
            "sighted_on": "2026-02-01",
            "sighted_by": "Sabine Koordination",
        },
        client=coordinator,
    )
    unsighted = send(
        "POST",
        url,
        {"kind": "police_certificate", "issued_on": "2026-01-10"},
        client=coordinator,
    )
    unknown = send(
        "POST",
        url,
        {"kind": "segelschein", "issued_on": "2026-01-10"},
        client=coordinator,
    )
    bad_date = send(
        "POST", url, {"kind": "first_aid", "issued_on": 20260110}, client=coordinator
    )
    juleica = send(
        "POST", url, {"kind": "juleica", "issued_on": "2026-01-10"}, client=coordinator
    )

    assert recorded.status_code == 201, recorded.json()
    qualification = Qualification.objects.get()
    assert recorded.json() == {
        "id": qualification.pk,
        "kind": "police_certificate",
        "label": label("police_certificate"),
        "issued_on": "2026-01-10",
        "valid_until": None,
        "last_valid_day": "2031-01-09",
        "sighted_on": "2026-02-01",
        "sighted_by": "Sabine Koordination",
        "created_at": drf_time(qualification.created_at),
    }
    assert refusal(unsighted) == (400, "certificate_not_sighted", ["sighted_on"])
    assert refusal(unknown) == (400, "kind_invalid", ["kind"])
    assert refusal(bad_date) == (400, "invalid", ["issued_on"])
    assert refusal(juleica) == (400, "valid_until_missing", ["valid_until"])
    assert coordinator.get(url).json() == [recorded.json()]

    gone = coordinator.delete(f"/api/v1/orga/qualifications/{qualification.pk}/")
    again = coordinator.delete(f"/api/v1/orga/qualifications/{qualification.pk}/")

    assert (gone.status_code, again.status_code) == (204, 404)
    assert Qualification.objects.count() == 0


def test_coordinators_assign_mark_and_withdraw(festival, shift, volunteer, coordinator):
    other = VolunteerFactory(festival=festival, name="Ayşe Yılmaz")
    soon = ShiftFactory(
        role=shift.role, starts_at=timezone.now() + dt.timedelta(hours=3)
    )
    assigned = send(
        "POST",
        "/api/v1/orga/assignments/",
        {"shift": shift.pk, "volunteer": volunteer.pk},
        client=coordinator,
    )
    late = send(
        "POST",
        "/api/v1/orga/assignments/",
        {"shift": soon.pk, "volunteer": other.pk},
        client=coordinator,
    )
    twice = send(
        "POST",
        "/api/v1/orga/assignments/",
        {"shift": shift.pk, "volunteer": volunteer.pk},
        client=coordinator,
    )
    nobody = send(
        "POST",
        "/api/v1/orga/assignments/",
        {"shift": shift.pk, "volunteer": 999_999},
        client=coordinator,
    )

    assert assigned.status_code == 201, assigned.json()
    assignment = Assignment.objects.get(shift=shift)
    assert assigned.json() == {
        "id": assignment.pk,
        "url": f"http://testserver/api/v1/orga/assignments/{assignment.pk}/",
        "shift": {
            "id": shift.pk,
            "role": {"slug": "einlass", "name": "Einlass"},
            "starts_at": "2027-06-14T09:00:00+02:00",
            "ends_at": "2027-06-14T13:00:00+02:00",
            "venue": {"slug": "stadthalle", "name": "Stadthalle"},
            "event": None,
            "sub_event": None,
        },
        "volunteer": {
            "id": volunteer.pk,
            "name": "Jonas Weber",
            "phone": "0151 2345678",
            "age_group": "adult",
        },
        "assigned_by": "helferkoordination",
        "created_at": drf_time(assignment.created_at),
        "attendance": "unknown",
        "attendance_marked_at": None,
    }
    assert late.status_code == 201
    assert refusal(twice) == (400, "already_assigned", ["non_field_errors"])
    assert refusal(nobody) == (400, "volunteer_unknown", ["volunteer"])

    def listed(query: str) -> list[int]:
        response = coordinator.get(f"/api/v1/orga/assignments/?{query}")
        assert response.status_code == 200, response.json()
        return [a["id"] for a in response.json()["results"]]

    late_id = late.json()["id"]
    assert listed("") == [late_id, assignment.pk]
    assert listed(f"shift={shift.pk}") == [assignment.pk]
    assert listed("day=2027-06-14") == [assignment.pk]
    assert listed(f"volunteer={other.pk}") == [late_id]
    assert refusal(coordinator.get("/api/v1/orga/assignments/?day=gestern")) == (
        400,
        "invalid",
        ["day"],
    )

    url = f"/api/v1/orga/assignments/{assignment.pk}/"
    present = send("PATCH", url, {"attendance": "present"}, client=coordinator)
    unknown = send("PATCH", url, {"attendance": "vielleicht"}, client=coordinator)
    assert present.status_code == 200
    assert present.json()["attendance"] == "present"
    assert present.json()["attendance_marked_at"] is not None
    assert refusal(unknown) == (400, "attendance_invalid", ["attendance"])

    # Coordinators withdraw also after the volunteers' deadline.
    withdrawn = coordinator.delete(f"/api/v1/orga/assignments/{late_id}/")
    assert withdrawn.status_code == 204
    late_assignment = Assignment.objects.get(pk=late_id)
    assert late_assignment.withdrawn_by.username == "helferkoordination"
    assert coordinator.get(f"/api/v1/orga/assignments/{late_id}/").status_code == 404


def test_coverage_per_day_and_role(festival, shift, coordinator):
    kasse = RoleFactory(festival=festival, slug="kasse", name="Kasse")
    ShiftFactory(role=kasse, starts_at=at(1, 9), needed=2)
    assign(shift)
    assign(shift)

    response = coordinator.get("/api/v1/orga/coverage/")

    assert response.status_code == 200
    data = response.json()
    days = [f"2027-06-{14 + n}" for n in range(7)]
    assert data["days"] == days

    def row(cells: dict) -> list[dict]:
        result = []
        for day in days:
            needed, filled = cells.get(day, (0, 0))
            state = (
                "empty"
                if not needed
                else "full"
                if filled >= needed
                else "short"
                if filled * 2 >= needed
                else "critical"
            )
            result.append(
                {
                    "day": day,
                    "needed": needed,
                    "filled": filled,
                    "missing": needed - filled,
                    "state": state,
                }
            )
        return result

    assert data["roles"] == [
        {
            "role": {"slug": "einlass", "name": "Einlass"},
            "days": row({days[0]: (3, 2)}),
        },
        {"role": {"slug": "kasse", "name": "Kasse"}, "days": row({days[1]: (2, 0)})},
    ]
    assert data["totals"] == row({days[0]: (3, 2), days[1]: (2, 0)})


def test_an_organiser_session_needs_a_csrf_token_for_writes(festival):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(member("orga", roles.ORGA))

    read = client.get("/api/v1/orga/volunteers/")
    write = send("POST", "/api/v1/orga/volunteers/", body(), client=client)

    assert read.status_code == 200
    assert (write.status_code, write.json()["code"]) == (403, "permission_denied")


# --- The schema -----------------------------------------------------------------------
def test_answers_conform_to_the_schema(festival, shift, volunteer, coordinator):
    spec = APIClient().get("/api/v1/schema/", {"format": "json"}).json()

    def errors(component: str, instance) -> list[str]:
        schema = {"$ref": f"#/components/schemas/{component}", **spec}
        return [
            f"{list(e.path)}: {e.message}"
            for e in OAS30Validator(schema).iter_errors(instance)
        ]

    QualificationFactory(volunteer=volunteer)
    minor = send(
        "POST",
        REGISTER,
        body(
            email="neu@example.org",
            age_group="13_15",
            guardian={
                "name": "Petra Muster",
                "contact": "0171 5551234",
                "consent": True,
            },
        ),
    ).json()
    known = send("POST", REGISTER, body(email=volunteer.email)).json()
    signed_up = send(
        "POST", token_url(volunteer, "assignments/"), {"shift": shift.pk}
    ).json()
    refused = send(
        "POST", token_url(volunteer, "assignments/"), {"shift": shift.pk}
    ).json()

    assert errors("VolunteerRegistered", minor) == []
    assert errors("LinkSent", known) == []
    assert errors("Assignment", signed_up) == []
    assert errors("Error", refused) == []
    assert errors("Volunteer", APIClient().get(token_url(volunteer)).json()) == []
    assert (
        errors(
            "PaginatedOpenShiftList",
            APIClient().get(token_url(volunteer, "open-shifts/")).json(),
        )
        == []
    )
    assert errors("PaginatedShiftList", APIClient().get("/api/v1/shifts/").json()) == []
    assert (
        errors("PaginatedRoleList", APIClient().get("/api/v1/volunteer-roles/").json())
        == []
    )
    assert (
        errors(
            "PaginatedOrgaVolunteerList",
            coordinator.get("/api/v1/orga/volunteers/").json(),
        )
        == []
    )
    assert (
        errors(
            "PaginatedOrgaAssignmentList",
            coordinator.get("/api/v1/orga/assignments/").json(),
        )
        == []
    )
    assert errors("Coverage", coordinator.get("/api/v1/orga/coverage/").json()) == []
    qualifications = coordinator.get(
        f"/api/v1/orga/volunteers/{volunteer.pk}/qualifications/"
    ).json()
    assert [errors("OrgaQualification", q) for q in qualifications] == [[]]
    public = [
        spec["paths"][path]["get"]
        for path in (
            "/api/v1/shifts/",
            "/api/v1/shifts/{id}/",
            "/api/v1/volunteer-roles/",
            "/api/v1/volunteers/{token}/",
        )
    ]
    assert [op.get("security") for op in public] == [None] * 4
    assert {
        path: sorted(methods)
        for path, methods in spec["paths"].items()
        if "volunteer" in path or "shift" in path or "/orga/" in path
    } == {
        "/api/v1/volunteer-roles/": ["get"],
        "/api/v1/shifts/": ["get"],
        "/api/v1/shifts/{id}/": ["get"],
        "/api/v1/volunteers/": ["post"],
        "/api/v1/volunteers/{token}/": ["get"],
        "/api/v1/volunteers/{token}/assignments/": ["post"],
        "/api/v1/volunteers/{token}/assignments/{id}/": ["delete"],
        "/api/v1/volunteers/{token}/data/": ["delete", "get"],
        "/api/v1/volunteers/{token}/open-shifts/": ["get"],
        "/api/v1/orga/volunteers/": ["get", "post"],
        "/api/v1/orga/volunteers/{id}/": ["get", "patch"],
        "/api/v1/orga/volunteers/{id}/qualifications/": ["get", "post"],
        "/api/v1/orga/qualifications/{id}/": ["delete"],
        "/api/v1/orga/assignments/": ["get", "post"],
        "/api/v1/orga/assignments/{id}/": ["delete", "get", "patch"],
        "/api/v1/orga/coverage/": ["get"],
    }
