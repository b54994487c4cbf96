"""The registration API: register, read and cancel through a token, the organisers'
lists; every refusal is a 4xx with a `code`, whatever JSON arrives."""

import datetime as dt
import json
import unicodedata
from itertools import count

import pytest
from django.contrib.auth.models import Group, User
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
from events.models import Event
from registrations import api
from registrations.models import Household, Need, Participant, Registration
from registrations.services import registration_cancel
from tests.events.factories import EventFactory, SubEventFactory
from tests.registrations.factories import HouseholdFactory, open_event, register

pytestmark = pytest.mark.django_db

REGISTER = "/api/v1/registrations/"
addresses = count(1)


def body(**overrides) -> dict:
    """The body of DESIGN.md's example, with overrides."""
    data = {
        "event": "bilderbuchkino",
        "contact": {"name": "Ayşe Yılmaz", "email": "ayse@example.org", "phone": ""},
        "participants": [{"name": "Mia", "age": 7}, {"name": "Ayşe", "age": 36}],
        "consent_privacy": True,
        "photo_consent": False,
    }
    data.update(overrides)
    return data


def contact(**overrides) -> dict:
    return {"name": "Ayşe Yılmaz", "email": "ayse@example.org", **overrides}


def new_address() -> str:
    n = next(addresses)
    return f"10.{n // 62500 % 250}.{n // 250 % 250}.{n % 250}"


def post(data, *, client: APIClient | None = None, address: str | None = None):
    """POST as JSON from a client address of its own (the rate limit counts per
    address; each call gets a fresh one unless given). Encoded with ASCII escapes,
    so that lone surrogates arrive as a client could send them."""
    return (client or APIClient()).generic(
        "POST",
        REGISTER,
        json.dumps(data),
        content_type="application/json",
        HTTP_X_FORWARDED_FOR=address or new_address(),
    )


def post_raw(raw: bytes | str, content_type: str = "application/json"):
    return APIClient().generic(
        "POST",
        REGISTER,
        raw,
        content_type=content_type,
        HTTP_X_FORWARDED_FOR=new_address(),
    )


def drf_time(moment: dt.datetime | None) -> str | None:
    return DateTimeField().to_representation(moment) if moment else None


def refusal(response) -> tuple[int, str, list[str]]:
    """(status, code, fields with errors) of an error response."""
    data = response.json()
    return response.status_code, data["code"], sorted(data.get("errors", {}))


@pytest.fixture
def event() -> Event:
    return open_event(slug="bilderbuchkino", title="Bilderbuchkino", capacity=10)


# --- Register -------------------------------------------------------------------------
def test_a_new_household_is_confirmed_with_the_designed_answer(event):
    response = post(body())

    assert response.status_code == 201, response.json()
    registration = Registration.objects.get()
    household = registration.household
    mia, ayse = registration.participants.order_by("pk")
    assert response.json() == {
        "status": "confirmed",
        "seats": 2,
        "waitlist_position": None,
        "manage_url": f"http://testserver/r/{household.token}/",
        "registration": {
            "token": registration.token,
            "url": f"http://testserver/api/v1/registrations/{registration.token}/",
            "manage_url": f"http://testserver/r/{registration.token}/",
            "event": "bilderbuchkino",
            "event_title": "Bilderbuchkino",
            "starts_at": "2027-06-14T10:00:00+02:00",
            "status": "confirmed",
            "seats": 2,
            "waitlist_position": None,
            "participants": [
                {
                    "id": mia.pk,
                    "name": "Mia",
                    "age": 7,
                    "is_child": True,
                    "takes_seat": True,
                    "photo_consent": False,
                },
                {
                    "id": ayse.pk,
                    "name": "Ayşe",
                    "age": 36,
                    "is_child": False,
                    "takes_seat": True,
                    "photo_consent": False,
                },
            ],
            "needs": [],
            "needs_text": "",
            "created_at": drf_time(registration.created_at),
            "confirmed_at": drf_time(registration.confirmed_at),
            "cancelled_at": None,
        },
    }
    assert response["Location"] == response.json()["registration"]["url"]
    assert (household.name, household.email, household.phone, household.language) == (
        "Ayşe Yılmaz",
        "ayse@example.org",
        "",
        "de",
    )
    assert registration.consent_privacy_version != ""


def test_a_party_that_does_not_fit_waits_as_a_whole_with_its_position(event):
    event.capacity = 3
    event.save()
    register(event, 8, 40)

    first = post(body())
    second = post(
        body(
            contact=contact(email="familie.schmidt@example.org"),
            participants=[{"name": "Ben", "age": 9}],
        )
    )
    third = post(
        body(
            contact=contact(email="noch.eine@example.org"),
            participants=[{"name": "Lea", "age": 5}],
        )
    )

    # Two seats do not fit into one: the party waits; a single fits and is
    # confirmed; the next single waits behind the party.
    assert [r.status_code for r in (first, second, third)] == [201, 201, 201]
    assert [
        (r.json()["status"], r.json()["seats"], r.json()["waitlist_position"])
        for r in (first, second, third)
    ] == [("waitlisted", 2, 1), ("confirmed", 1, None), ("waitlisted", 1, 2)]
    assert first.json()["registration"]["waitlist_position"] == 1
    assert first.json()["registration"]["confirmed_at"] is None


def test_a_known_household_gets_the_registration_link_never_the_household_page(
    event,
):
    other = open_event(slug="trommeln", capacity=5)
    known = register(other, 7, email="ayse@example.org").registration.household

    response = post(body(contact=contact(name="Jemand anderes")))

    assert response.status_code == 201
    registration = Registration.objects.get(event=event)
    assert registration.household == known
    assert response.json()["manage_url"] == (
        f"http://testserver/r/{registration.token}/"
    )
    assert known.token not in response.content.decode()
    assert "Familie" not in response.content.decode()  # nothing of the household


def test_photo_consent_per_participant_overrides_the_party_and_needs_are_kept(event):
    response = post(
        body(
            contact=contact(language="en", phone="+49 170 1234567"),
            participants=[
                {"name": "Mia", "age": 7},
                {"name": "Ben", "age": 4, "photo_consent": False},
                {"name": "Ayşe", "age": 36, "photo_consent": None},
            ],
            photo_consent=True,
            needs=["wheelchair", "buggy", "wheelchair"],
            needs_text="  Rollstuhlplatz nahe am Ausgang ",
        )
    )

    assert response.status_code == 201, response.json()
    data = response.json()["registration"]
    assert [(p["name"], p["photo_consent"]) for p in data["participants"]] == [
        ("Mia", True),
        ("Ben", False),
        ("Ayşe", True),
    ]
    assert (data["needs"], data["needs_text"]) == (
        ["wheelchair", "buggy"],
        "Rollstuhlplatz nahe am Ausgang",
    )
    household = Household.objects.get()
    assert (household.language, household.phone) == ("en", "+49 170 1234567")


def test_accompanying_adults_take_no_seat_where_the_event_says_so(event):
    event.adults_take_seats = False
    event.save()

    response = post(body())

    assert response.json()["seats"] == 1
    assert [
        (p["name"], p["takes_seat"])
        for p in response.json()["registration"]["participants"]
    ] == [("Mia", True), ("Ayşe", False)]


@pytest.mark.parametrize(
    "name",
    [
        "Mia 👧🏽",
        "مريم",  # Arabic, right to left
        "נועה",  # Hebrew
        "Zoë-Chloé",
        "李小龙",
        "A" * 80,
    ],
)
def test_names_in_any_script_are_stored_as_given(event, name):
    response = post(body(participants=[{"name": name, "age": 7}]))

    assert response.status_code == 201, response.json()
    assert Participant.objects.get().name == name
    assert response.json()["registration"]["participants"][0]["name"] == name


# --- Refusals -------------------------------------------------------------------------
def test_the_rules_of_the_service_come_back_as_400_with_their_code(event):
    register(event, 7, email="ayse@example.org")
    with translation.override("de"):
        text = gettext(
            "This e-mail address is already registered for this event. Your "
            "confirmation e-mail has a link to change the registration."
        )

    response = post(body())

    assert response.status_code == 400
    assert response.json() == {
        "code": "already_registered",
        "detail": text,
        "errors": {
            "non_field_errors": [{"code": "already_registered", "message": text}]
        },
    }


def _closed():
    now = timezone.now()
    return {
        "registration_opens_at": now - dt.timedelta(days=3),
        "registration_closes_at": now - dt.timedelta(days=1),
    }


@pytest.mark.parametrize(
    ("event_fields", "participants", "code"),
    [
        (_closed, [{"name": "Mia", "age": 7}], "registration_closed"),
        (
            lambda: {"registration_opens_at": timezone.now() + dt.timedelta(days=1)},
            [{"name": "Mia", "age": 7}],
            "registration_not_open",
        ),
        (
            lambda: {"capacity": None, "registration_opens_at": None},
            [{"name": "Mia", "age": 7}],
            "registration_not_offered",
        ),
        (
            lambda: {"status": Event.Status.CANCELLED, "cancel_reason": "Regen"},
            [{"name": "Mia", "age": 7}],
            "registration_not_offered",
        ),
        (lambda: {"min_age": 10}, [{"name": "Mia", "age": 7}], "age_not_allowed"),
        (lambda: {"max_age": 6}, [{"name": "Mia", "age": 7}], "age_not_allowed"),
        (
            lambda: {"max_party_size": 2},
            [{"name": n, "age": 7} for n in ("A", "B", "C")],
            "party_too_large",
        ),
        (
            lambda: {"adult_required_under": 6},
            [{"name": "Ben", "age": 4}],
            "adult_required",
        ),
        (
            lambda: {"adults_take_seats": False},
            [{"name": "Ayşe", "age": 36}],
            "child_required",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_event_rules(event_fields, participants, code):
    open_event(slug="bilderbuchkino", **event_fields())

    response = post(body(participants=participants))

    assert refusal(response) == (400, code, ["non_field_errors"])
    assert Registration.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"consent_privacy": False}, "consent_required", "consent_privacy"),
        ({"consent_privacy": None}, "null", "consent_privacy"),
        ({"participants": []}, "participants_required", "participants"),
        (
            {"contact": contact(email="kein-at-zeichen")},
            "email_invalid",
            "contact.email",
        ),
        ({"contact": contact(email="")}, "email_invalid", "contact.email"),
        ({"contact": contact(name="   ")}, "required", "contact.name"),
        ({"contact": contact(name="x" * 10_000)}, "too_long", "contact.name"),
        ({"contact": contact(phone="call me")}, "phone_invalid", "contact.phone"),
        ({"contact": contact(language="fr")}, "language_invalid", "contact"),
        ({"participants": [{"name": "", "age": 7}]}, "required", "participants"),
        (
            {"participants": [{"name": "M" * 10_000, "age": 7}]},
            "too_long",
            "participants",
        ),
        (
            {"participants": [{"name": "Mia\u0007", "age": 7}]},
            "invalid_characters",
            "participants",
        ),
        (
            {"participants": [{"name": "Mia\u0000", "age": 7}]},
            "null_characters_not_allowed",
            "participants",
        ),
        (
            {"participants": [{"name": "Mia\ud800", "age": 7}]},
            "surrogate_characters_not_allowed",
            "participants",
        ),
        ({"participants": [{"name": "Mia", "age": -1}]}, "age_invalid", "participants"),
        (
            {"participants": [{"name": "Mia", "age": 121}]},
            "age_invalid",
            "participants",
        ),
        (
            {"participants": [{"name": "Mia", "age": 10**40}]},
            "age_invalid",
            "participants",
        ),
        ({"participants": [{"name": "Mia", "age": "7"}]}, "invalid", "participants"),
        ({"participants": [{"name": "Mia", "age": 7.0}]}, "invalid", "participants"),
        ({"participants": [{"name": "Mia", "age": True}]}, "invalid", "participants"),
        ({"participants": [{"name": "Mia"}]}, "required", "participants"),
        ({"participants": [{"name": 7, "age": 7}]}, "invalid", "participants"),
        ({"participants": [None]}, "null", "participants"),
        ({"participants": ["Mia"]}, "invalid", "participants"),
        ({"participants": {"name": "Mia", "age": 7}}, "not_a_list", "participants"),
        ({"participants": "Mia, 7"}, "not_a_list", "participants"),
        (
            {"participants": [{"name": "Kind", "age": 7}] * 10_000},
            "party_too_large",
            "participants",
        ),
        (
            {"participants": [{"name": "Kind", "age": 7}] * 51},
            "party_too_large",
            "participants",
        ),
        ({"contact": "ayse@example.org"}, "invalid", "contact"),
        ({"contact": None}, "null", "contact"),
        ({"contact": {"name": "Ayşe"}}, "required", "contact"),
        ({"contact": contact(email=["a@example.org"])}, "invalid", "contact"),
        ({"consent_privacy": "yes"}, "invalid", "consent_privacy"),
        ({"consent_privacy": 1}, "invalid", "consent_privacy"),
        ({"photo_consent": "false"}, "invalid", "photo_consent"),
        ({"needs": ["jetpack"]}, "invalid_choice", "needs"),
        ({"needs": "wheelchair"}, "not_a_list", "needs"),
        ({"needs_text": "x" * 501}, "too_long", "needs_text"),
        ({"needs_text": "Rampe\u0000"}, "null_characters_not_allowed", "needs_text"),
        ({"event": "gibts-nicht"}, "event_unknown", "event"),
        ({"event": "x" * 10_000}, "event_unknown", "event"),
        ({"event": 42}, "invalid", "event"),
        ({"event": "bilderbuchkino\u0000"}, "null_characters_not_allowed", "event"),
        (
            {"contact": contact(email="a\u0000@example.org")},
            "null_characters_not_allowed",
            "contact",
        ),
        ({"event": None}, "null", "event"),
    ],
)
def test_input_is_refused_with_a_code(event, overrides, code, field):
    response = post(body(**overrides))

    assert refusal(response) == (400, code, [field])
    assert Registration.objects.count() == 0


def test_a_missing_body_names_each_required_field(event):
    response = post({})

    assert refusal(response) == (400, "required", ["contact", "event", "participants"])


def test_a_draft_is_an_unknown_event(event):
    EventFactory(slug="entwurf", status=Event.Status.DRAFT, capacity=10)

    response = post(body(event="entwurf"))

    assert refusal(response) == (400, "event_unknown", ["event"])


def test_the_honeypot_refuses_and_stores_nothing(event):
    response = post(body(website="http://spam.example"))

    assert refusal(response) == (400, "rejected", ["non_field_errors"])
    assert (Registration.objects.count(), Household.objects.count()) == (0, 0)
    assert post(body(website="")).status_code == 201


@pytest.mark.parametrize(
    ("raw", "content_type", "status", "code"),
    [
        ("{", "application/json", 400, "parse_error"),
        ('{"event": NaN}', "application/json", 400, "parse_error"),
        ("[" * 100_000 + "]" * 100_000, "application/json", 400, "parse_error"),
        (b"\xff\xfe{}", "application/json", 400, "parse_error"),
        ("[]", "application/json", 400, "invalid"),
        ("null", "application/json", 400, "null"),
        ('"Mia"', "application/json", 400, "invalid"),
        ("7", "application/json", 400, "invalid"),
        ("event=bilderbuchkino", "application/x-www-form-urlencoded", 415, None),
        ("{}", "text/plain", 415, "unsupported_media_type"),
        (
            json.dumps({"needs_text": "x" * (1024 * 1024)}),
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
        "string",
        "number",
        "form",
        "text",
        "huge",
    ],
)
def test_bodies_that_are_no_registration(event, raw, content_type, status, code):
    response = post_raw(raw, content_type)

    assert response.status_code == status
    assert response.json()["code"] == (code or "unsupported_media_type")
    assert "detail" in response.json()


def test_rate_limit_per_address_answers_429_with_retry_after(event, monkeypatch):
    # One fixed window, so that the test cannot straddle two.
    class Clock:
        @staticmethod
        def now():
            return dt.datetime(2027, 5, 1, 12, 0, 30, tzinfo=dt.UTC)

    monkeypatch.setattr("events.ratelimit.timezone", Clock)
    monkeypatch.setattr("registrations.api.timezone", Clock)
    statuses = [
        post({}, address="203.0.113.9").status_code for _ in range(api.RATELIMIT_LIMIT)
    ]

    limited = post(body(), address="203.0.113.9")
    elsewhere = post(body(), address="203.0.113.10")
    # Behind the proxy, the last hop of X-Forwarded-For is the client.
    spoofed = post(
        body(contact=contact(email="b@example.org")), address="1.2.3.4, 203.0.113.9"
    )

    assert statuses == [400] * api.RATELIMIT_LIMIT
    assert limited.status_code == 429
    assert limited.json() == {
        "code": "rate_limited",
        "detail": str(api.RateLimited.default_detail),
    }
    assert limited["Retry-After"] == "30"
    assert elsewhere.status_code == 201
    assert spoofed.status_code == 429
    assert Registration.objects.count() == 1


def test_registering_needs_no_csrf_token_even_with_a_session(event, django_user_model):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(django_user_model.objects.create_user("irgendwer"))

    response = post(body(), client=client)

    assert response.status_code == 201


# --- Fuzzing: whatever JSON arrives, a 4xx with a code, never a 500 -------------------
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
# Values of the right JSON type but doubtful content reach the service's rules.
plausible_values = (
    st.text(max_size=100)
    | st.integers(min_value=-3, max_value=130)
    | st.booleans()
    | st.lists(st.sampled_from([*Need.values, "jetpack"]), max_size=5)
    | st.sampled_from(["", "de", "en", "bilderbuchkino", "a@example.org", "+49 30 1"])
)
FIELDS = [
    "event",
    "contact",
    "participants",
    "consent_privacy",
    "photo_consent",
    "needs",
    "needs_text",
    "website",
]
CONTACT_FIELDS = ["name", "email", "phone", "language"]
PARTICIPANT_FIELDS = ["name", "age", "photo_consent"]


@st.composite
def mangled_bodies(draw) -> object:
    """A valid body with one to three parts replaced by arbitrary JSON, or any JSON
    at all."""
    if draw(st.integers(0, 5)) == 0:
        return draw(json_values)
    data = body(
        contact=contact(
            email=draw(st.from_regex(r"[a-z]{1,8}@example\.org", fullmatch=True))
        ),
        participants=[{"name": "Mia", "age": 7}, {"name": "Ayşe", "age": 36}],
    )
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(["top", "contact", "participant"]))
        value = draw(json_values if draw(st.integers(0, 2)) == 0 else plausible_values)
        if where == "top":
            data[draw(st.sampled_from(FIELDS))] = value
        elif where == "contact" and isinstance(data.get("contact"), dict):
            data["contact"][draw(st.sampled_from(CONTACT_FIELDS))] = value
        elif isinstance(data.get("participants"), list) and data["participants"]:
            person = data["participants"][0]
            if isinstance(person, dict):
                person[draw(st.sampled_from(PARTICIPANT_FIELDS))] = value
    return data


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=mangled_bodies())
def test_any_json_gets_201_or_a_4xx_with_a_code(event, data):
    response = post(data)

    assert response.status_code in {201, 400}, response.content
    answer = response.json()
    hypothesis_event(str(answer.get("code") or answer.get("status")))
    if response.status_code == 201:
        assert answer["status"] in {"confirmed", "waitlisted"}
    else:
        assert isinstance(answer["code"], str) and answer["code"]
        assert isinstance(answer["detail"], str) and answer["detail"]


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    name=st.text(alphabet=st.characters(codec="utf-8"), min_size=0, max_size=120),
    age=st.integers(min_value=-5, max_value=130),
)
def test_any_name_and_age_get_201_or_400(event, name, age):
    response = post(
        body(
            contact=contact(email=f"p{next(addresses)}@example.org"),
            participants=[{"name": name, "age": age}],
        )
    )

    assert response.status_code in {201, 400}
    hypothesis_event(str(response.json().get("code") or response.json()["status"]))
    if response.status_code == 201:
        stored = Participant.objects.get(
            pk=response.json()["registration"]["participants"][0]["id"]
        )
        expected = unicodedata.normalize("NFC", " ".join(name.split()))
        assert (stored.name, stored.age) == (expected, age)


# --- Reading and cancelling through the token -----------------------------------------
def test_the_token_reads_the_registration_with_its_waiting_position(event):
    event.capacity = 2
    event.save()
    register(event, 8, 40)
    token = post(body()).json()["registration"]["token"]

    response = APIClient().get(f"/api/v1/registrations/{token}/")

    assert response.status_code == 200
    assert (
        response.json()["status"],
        response.json()["waitlist_position"],
        response.json()["seats"],
    ) == ("waitlisted", 1, 2)
    assert response.json()["url"] == f"http://testserver/api/v1/registrations/{token}/"


def test_an_unknown_token_is_404_with_a_code(event):
    household = HouseholdFactory()

    responses = [
        APIClient().get("/api/v1/registrations/gibts-nicht/"),
        # A household's token opens the manage page, not a registration.
        APIClient().get(f"/api/v1/registrations/{household.token}/"),
        APIClient().delete("/api/v1/registrations/gibts-nicht/"),
        APIClient().delete("/api/v1/registrations/gibts-nicht/participants/1/"),
    ]

    assert [(r.status_code, r.json()["code"]) for r in responses] == [
        (404, "not_found")
    ] * 4


def test_cancelling_frees_the_seats_for_the_waiting_list(event):
    event.capacity = 2
    event.save()
    first = post(body(contact=contact(email="erste@example.org"))).json()
    waiting = post(body(contact=contact(email="zweite@example.org"))).json()
    assert waiting["status"] == "waitlisted"
    token = first["registration"]["token"]

    cancelled = APIClient().delete(f"/api/v1/registrations/{token}/")
    again = APIClient().delete(f"/api/v1/registrations/{token}/")
    promoted = APIClient().get(waiting["registration"]["url"])

    assert cancelled.status_code == 200
    data = cancelled.json()
    assert (data["status"], data["seats"], data["waitlist_position"]) == (
        "cancelled",
        0,
        None,
    )
    registration = Registration.objects.get(token=token)
    assert data["cancelled_at"] == drf_time(registration.cancelled_at)
    assert again.status_code == 200
    assert again.json() == data
    assert (promoted.json()["status"], promoted.json()["waitlist_position"]) == (
        "confirmed",
        None,
    )


def test_cancelling_one_participant_and_then_the_last(event):
    event.capacity = 3
    event.save()
    party = post(
        body(
            participants=[
                {"name": "Mia", "age": 7},
                {"name": "Ben", "age": 5},
                {"name": "Ayşe", "age": 36},
            ]
        )
    ).json()["registration"]
    single = post(
        body(
            contact=contact(email="single@example.org"),
            participants=[{"name": "Lea", "age": 6}],
        )
    ).json()["registration"]
    mia, ben, ayse = (p["id"] for p in party["participants"])
    url = party["url"]

    without_ben = APIClient().delete(f"{url}participants/{ben}/")
    foreign = APIClient().delete(
        f"{url}participants/{single['participants'][0]['id']}/"
    )

    assert without_ben.status_code == 200
    assert [p["name"] for p in without_ben.json()["participants"]] == ["Mia", "Ayşe"]
    assert without_ben.json()["seats"] == 2
    # Ben's seat went to the waiting single.
    assert APIClient().get(single["url"]).json()["status"] == "confirmed"
    assert (foreign.status_code, foreign.json()["code"]) == (404, "not_found")
    APIClient().delete(f"{url}participants/{ayse}/")
    last = APIClient().delete(f"{url}participants/{mia}/")
    assert (last.json()["status"], last.json()["seats"]) == ("cancelled", 0)


def test_a_child_cannot_be_left_without_the_adult_it_needs(event):
    event.adult_required_under = 6
    event.save()
    party = post(
        body(participants=[{"name": "Ben", "age": 4}, {"name": "Ayşe", "age": 36}])
    ).json()["registration"]

    response = APIClient().delete(
        f"{party['url']}participants/{party['participants'][1]['id']}/"
    )

    assert refusal(response) == (400, "adult_required", ["non_field_errors"])
    assert Participant.objects.filter(cancelled_at__isnull=True).count() == 2


# --- The events API's free seats ------------------------------------------------------
def test_seats_available_in_the_events_api_is_exact(event):
    def available() -> int | None:
        return (
            APIClient().get("/api/v1/events/bilderbuchkino/").json()["seats_available"]
        )

    seen = [available()]
    family = post(body(participants=[{"name": "A", "age": 5}] * 3)).json()
    seen.append(available())
    post(
        body(
            contact=contact(email="b@example.org"),
            participants=[{"name": "B", "age": 5}] * 6,
        )
    )
    seen.append(available())
    post(
        body(
            contact=contact(email="c@example.org"),
            participants=[{"name": "C", "age": 5}] * 2,
        )
    )
    seen.append(available())  # 1 free; the party of 2 waits
    APIClient().delete(
        f"{family['registration']['url']}participants/"
        f"{family['registration']['participants'][0]['id']}/"
    )
    seen.append(available())  # 2 free: the waiting party of 2 moves up
    registration_cancel(
        registration=Registration.objects.get(household__email="b@example.org")
    )
    seen.append(available())

    assert seen == [10, 7, 1, 1, 0, 6]


# --- The organisers' list -------------------------------------------------------------
def member(username: str, *groups: str) -> User:
    roles.roles_ensure()
    user = User.objects.create_user(username)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def as_user(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def lists(event) -> dict:
    """Capacity 4: a confirmed party of 3, a cancelled one, two waiting."""
    event.capacity = 4
    event.save()
    confirmed = register(event, 7, 5, 36, email="eins@example.org", needs=["buggy"])
    cancelled = register(event, 9, email="zwei@example.org")
    registration_cancel(registration=cancelled.registration)
    first = register(event, 8, 40, email="drei@example.org", needs_text="Laktosefrei")
    second = register(event, 6, 6, email="vier@example.org")
    return {
        "confirmed": confirmed.registration,
        "cancelled": cancelled.registration,
        "first": first.registration,
        "second": second.registration,
    }


def test_organiser_list_access():
    event = open_event(slug="bilderbuchkino")
    lead_own = member("leitung", roles.MODULE_LEAD)
    event.sub_event.leads.add(lead_own)
    lead_other = member("andere-leitung", roles.MODULE_LEAD)
    SubEventFactory().leads.add(lead_other)
    url = "/api/v1/events/bilderbuchkino/registrations/"

    statuses = {
        "anonymous": as_user(None).get(url),
        "partner": as_user(member("partner", roles.PARTNER)).get(url),
        "helferkoordination": as_user(
            member("helfer", roles.VOLUNTEER_COORDINATION)
        ).get(url),
        "lead of another sub-event": as_user(lead_other).get(url),
        "lead of the sub-event": as_user(lead_own).get(url),
        "orga": as_user(member("orga", roles.ORGA)).get(url),
        "orga, unknown event": as_user(User.objects.get(username="orga")).get(
            "/api/v1/events/gibts-nicht/registrations/"
        ),
    }

    assert {
        who: (r.status_code, r.json().get("code")) for who, r in statuses.items()
    } == {
        "anonymous": (401, "not_authenticated"),
        "partner": (403, "permission_denied"),
        "helferkoordination": (403, "permission_denied"),
        "lead of another sub-event": (403, "permission_denied"),
        "lead of the sub-event": (200, None),
        "orga": (200, None),
        "orga, unknown event": (404, "not_found"),
    }


def test_organiser_list_shows_parties_seats_positions_consent_and_needs(lists):
    response = as_user(member("orga", roles.ORGA)).get(
        "/api/v1/events/bilderbuchkino/registrations/"
    )

    assert response.status_code == 200
    data = response.json()

    def party(registration: Registration, seats: int, position: int | None) -> dict:
        registration.refresh_from_db()
        household = registration.household
        return {
            "id": registration.pk,
            "status": registration.status,
            "contact": {
                "name": household.name,
                "email": household.email,
                "phone": "",
                "language": "de",
            },
            "seats": seats,
            "waitlist_position": position,
            "needs": registration.needs,
            "needs_text": registration.needs_text,
            "consent_privacy_version": registration.consent_privacy_version,
            "created_at": drf_time(registration.created_at),
            "confirmed_at": drf_time(registration.confirmed_at),
            "cancelled_at": drf_time(registration.cancelled_at),
            "participants": [
                {
                    "id": p.pk,
                    "name": p.name,
                    "age": p.age,
                    "is_child": p.age < 18,
                    "takes_seat": True,
                    "photo_consent": False,
                    "cancelled_at": None,
                    "checked_in_at": None,
                }
                for p in registration.participants.order_by("pk")
            ],
        }

    assert data == {
        "event": "bilderbuchkino",
        "title": "Bilderbuchkino",
        "capacity": 4,
        "seats_taken": 3,
        "seats_available": 1,
        "seats_waiting": 4,
        "confirmed": [party(lists["confirmed"], 3, None)],
        "waitlisted": [party(lists["first"], 2, 1), party(lists["second"], 2, 2)],
        "cancelled": [party(lists["cancelled"], 0, None)],
    }
    assert data["confirmed"][0]["needs"] == ["buggy"]
    assert data["waitlisted"][0]["needs_text"] == "Laktosefrei"


def test_organiser_list_costs_the_same_queries_for_more_parties(lists, event):
    client = as_user(member("orga", roles.ORGA))
    url = "/api/v1/events/bilderbuchkino/registrations/"
    client.get(url)  # warm up: content types, permissions cache
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(6):
        register(event, 7, 8, email=f"mehr{n}@example.org")
    with CaptureQueriesContext(connection) as more:
        response = client.get(url)

    assert len(response.json()["waitlisted"]) == 8
    assert len(more.captured_queries) == len(few.captured_queries)


# --- The schema -----------------------------------------------------------------------
def test_answers_conform_to_the_schema(lists, event):
    spec = APIClient().get("/api/v1/schema/", {"format": "json"}).json()

    def errors(component: str, instance) -> list[str]:
        schema = {"$ref": f"#/components/schemas/{component}", **spec}
        return [e.message for e in OAS30Validator(schema).iter_errors(instance)]

    created = post(body(contact=contact(email="neu@example.org"))).json()
    read = APIClient().get(created["registration"]["url"]).json()
    refused = post(body(event="gibts-nicht")).json()
    board = as_user(member("orga", roles.ORGA)).get(
        "/api/v1/events/bilderbuchkino/registrations/"
    )
    operation = spec["paths"]["/api/v1/registrations/"]["post"]

    assert errors("RegistrationCreated", created) == []
    assert errors("Registration", read) == []
    assert errors("Error", refused) == []
    assert errors("EventRegistrations", board.json()) == []
    assert sorted(operation["responses"]) == ["201", "400", "413", "415", "429"]
    assert "security" not in operation  # public: no authentication at all
    assert "security" not in spec
    assert {
        path: sorted(methods)
        for path, methods in spec["paths"].items()
        if "registrations" in path
    } == {
        "/api/v1/registrations/": ["post"],
        "/api/v1/registrations/{token}/": ["delete", "get", "patch"],
        "/api/v1/registrations/{token}/participants/{participant_id}/": ["delete"],
        "/api/v1/events/{slug}/registrations/": ["get"],
    }


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/registrations/%00/",
        "/api/v1/registrations/a%00b/participants/1/",
        "/api/v1/registrations/" + "x" * 5000 + "/",
        "/api/v1/registrations/%F0%9F%91%A7/",
    ],
)
def test_a_token_that_cannot_be_one_is_404_not_a_database_error(path):
    response = APIClient().delete(path)

    assert (response.status_code, response.json()["code"]) == (404, "not_found")
