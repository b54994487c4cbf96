"""The organisers' pages for registrations: access, the lists, adding, cancelling and
moving parties, capacity, exports and check-in. Exact values throughout; English
pages (language cookie) so that the later German catalogue changes no assertion."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, Group, User
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import roles
from events.models import Event
from registrations.models import Participant, Registration
from registrations.orga_views import checkin_url_for
from registrations.selectors import name_fold
from registrations.services import (
    ContactInput,
    ParticipantInput,
    participant_check_in,
    registration_cancel,
    registration_check_in,
    registration_create,
    registration_move,
)
from tests.events.factories import SubEventFactory, at, error_codes
from tests.registrations.factories import open_event, register

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def staff(username: str, *groups: str) -> User:
    user = User.objects.create_user(username, is_staff=True)  # no password: fast
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def plan():
    lead = staff("leitung", roles.MODULE_LEAD)
    kino = SubEventFactory(name="Kinowoche", slug="kinowoche")
    kino.leads.add(lead)
    fest = SubEventFactory(name="Familienfest", slug="familienfest")
    film = open_event(
        sub_event=kino,
        title="Bilderbuchkino",
        slug="bilderbuchkino",
        capacity=4,
        starts_at=at(0, 10),
        ends_at=at(0, 11),
    )
    werkstatt = open_event(
        sub_event=fest,
        title="Theaterwerkstatt",
        slug="theaterwerkstatt",
        capacity=6,
        min_age=8,
        starts_at=at(1, 15),
        ends_at=at(1, 17),
    )
    picknick = open_event(
        sub_event=fest,
        title="Familienpicknick",
        slug="familienpicknick",
        capacity=3,
        starts_at=at(2, 11),
        ends_at=at(2, 14),
    )
    return {
        "lead": lead,
        "film": film,
        "werkstatt": werkstatt,
        "picknick": picknick,
    }


@pytest.fixture
def orga(client):
    user = staff("orga", roles.ORGA)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return user


def party(event: Event, name: str, *ages: int, **kwargs) -> Registration:
    email = name_fold(name).replace(" ", ".") + "@example.org"
    return register(event, *ages, name=name, email=email, **kwargs).registration


def names(registrations) -> list[str]:
    return [r.household.name for r in registrations]


def texts(response) -> list[str]:
    """The messages a request left for the next page (and forget them, so the
    next request's messages are its own)."""
    response.client.cookies.pop("messages", None)
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- Access -------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login(client, plan):
    for url in [
        "/orga/events/",
        "/orga/events/bilderbuchkino/registrations/",
        "/orga/events/bilderbuchkino/registrations.csv",
        "/orga/events/bilderbuchkino/checkin/",
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={url}"


def test_partner_and_volunteer_coordination_get_403(client, plan):
    for user in [
        staff("partner", roles.PARTNER),
        staff("helfer", roles.VOLUNTEER_COORDINATION),
        User.objects.create_user("family"),  # not staff at all
    ]:
        client.force_login(user)
        assert client.get("/orga/events/").status_code == 403
        response = client.get("/orga/events/bilderbuchkino/registrations/")
        assert response.status_code == 403
        assert "wenden Sie sich bitte an das Orga-Team" in response.content.decode()


def test_module_lead_sees_and_changes_only_their_sub_events_events(client, plan):
    client.force_login(plan["lead"])
    other = party(plan["werkstatt"], "Familie Berg", 9)

    response = client.get("/orga/events/")

    assert [e.title for e in response.context["events"]] == ["Bilderbuchkino"]
    assert client.get("/orga/events/bilderbuchkino/registrations/").status_code == 200
    assert client.get("/orga/events/theaterwerkstatt/registrations/").status_code == 403
    assert client.get("/orga/events/theaterwerkstatt/checkin/").status_code == 403
    response = client.post(
        f"/orga/events/theaterwerkstatt/registrations/{other.pk}/cancel/"
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.status == "confirmed"


def test_orga_team_sees_every_event_with_registration_in_programme_order(
    client, orga, plan
):
    open_event(title="Entwurf", slug="entwurf", status=Event.Status.DRAFT)
    open_event(
        title="Ohne Anmeldung", slug="ohne", capacity=None, registration_opens_at=None
    )
    party(plan["film"], "Familie Kaya", 5, 35)
    party(plan["film"], "Familie Novak", 4, 6, 30)  # 3 seats, 2 free: waits

    response = client.get("/orga/events/")

    events = response.context["events"]
    assert [e.title for e in events] == [
        "Bilderbuchkino",
        "Theaterwerkstatt",
        "Familienpicknick",
    ]
    film = events[0]
    assert (
        film.seats_taken,
        film.capacity,
        film.waiting_parties,
        film.waiting_people,
    ) == (
        2,
        4,
        1,
        3,
    )
    assert [day for day, _count in response.context["days"]] == [
        at(0, 0).date(),
        at(1, 0).date(),
        at(2, 0).date(),
    ]
    one_day = client.get("/orga/events/", {"day": at(1, 0).date().isoformat()})
    assert [e.title for e in one_day.context["events"]] == ["Theaterwerkstatt"]
    unknown_day = client.get("/orga/events/", {"day": "2027-13-45"})
    assert len(unknown_day.context["events"]) == 3
    assert "2 of 4 seats taken" in response.content.decode()
    assert "1 party waiting (3 people)" in response.content.decode()


# --- The list of parties ------------------------------------------------------------


def test_board_shows_confirmed_waiting_in_order_and_cancelled(client, orga, plan):
    film = plan["film"]
    kaya = party(film, "Familie Kaya", 5, 35)
    novak = party(film, "Familie Novak", 4, 6, 30)  # waits (3 > 2 free)
    schulz = party(film, "Familie Schulz", 5)  # fits
    weber = party(film, "Familie Weber", 3, 40)  # waits
    party(film, "Familie Lang", 5)  # fits: now full
    sommer = party(plan["film"], "Familie Sommer", 6)  # waits
    registration_cancel(registration=schulz)  # Sommer (1) moves up, Weber (2) not

    response = client.get("/orga/events/bilderbuchkino/registrations/")

    board = response.context["board"]
    assert names(board.confirmed) == ["Familie Kaya", "Familie Lang", "Familie Sommer"]
    assert [(r.household.name, r.position) for r in board.waiting] == [
        ("Familie Novak", 1),
        ("Familie Weber", 2),
    ]
    assert names(board.cancelled) == ["Familie Schulz"]
    assert (board.seats_taken, board.seats_free, board.waiting_people) == (4, 0, 5)
    html = response.content.decode()
    assert html.index("Familie Novak") < html.index("Familie Weber")
    assert 'href="mailto:familie.kaya@example.org"' in html
    assert html.index(f'id="party-{novak.pk}"') < html.index(f'id="party-{weber.pk}"')
    assert (kaya.pk, sommer.pk) == (board.confirmed[0].pk, board.confirmed[2].pk)


def test_board_query_count_does_not_grow_with_parties(client, orga, plan):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get("/orga/events/familienpicknick/registrations/")
        return len(captured)

    for n in range(3):
        party(plan["picknick"], f"Familie {n}", 30)
    queries()  # warm the caches (festival, session)
    three = queries()
    for n in range(3, 9):
        party(plan["picknick"], f"Familie {n}", 30)
    assert queries() == three


def test_board_shows_needs_contact_and_photo_consent(client, orga, plan):
    registration_create(
        event=plan["film"],
        contact=ContactInput(
            name="Ayşe Yılmaz", email="ayse@example.org", phone="0171 2345678"
        ),
        participants=[
            ParticipantInput("Mia", 7, photo_consent=True),
            ParticipantInput("Ayşe", 36),
        ],
        consent_privacy=True,
        needs=["wheelchair"],
        needs_text="Rampe am Seiteneingang",
    )

    html = client.get("/orga/events/bilderbuchkino/registrations/").content.decode()

    assert "Ayşe Yılmaz" in html
    assert 'href="tel:01712345678"' in html
    assert "Wheelchair space – Rampe am Seiteneingang" in html
    person_rows = html.split("<tbody>")[1].split("</tbody>")[0]
    assert person_rows.count("✓") == 3  # Mia: seat, photos; Ayşe: seat
    assert person_rows.count("✗") == 1  # Ayşe: no photos


# --- Adding a party -----------------------------------------------------------------


def party_post(**overrides) -> dict:
    data = {
        "party-name": "Familie Özdemir",
        "party-email": "oezdemir@example.org",
        "party-phone": "",
        "party-language": "de",
        "party-needs": ["buggy"],
        "party-needs_text": "",
        "party-consent_privacy": "on",
        "people-TOTAL_FORMS": "6",
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "6",
        "people-0-name": "Elif",
        "people-0-age": "5",
        "people-0-photo_consent": "on",
        "people-1-name": "Murat",
        "people-1-age": "38",
    }
    data.update(overrides)
    return data


def test_organiser_adds_a_party_before_registration_opens(client, orga, plan):
    event = plan["picknick"]
    Event.objects.filter(pk=event.pk).update(
        registration_opens_at=timezone.now() + dt.timedelta(days=3)
    )
    with pytest.raises(ValidationError) as refused:
        register(event, 30)
    assert error_codes(refused.value) == {"__all__": ["registration_not_open"]}

    response = client.post(
        "/orga/events/familienpicknick/registrations/add/", party_post()
    )

    registration = Registration.objects.get(event=event)
    assert response.status_code == 302
    assert response["Location"] == (
        f"/orga/events/familienpicknick/registrations/#party-{registration.pk}"
    )
    assert registration.status == "confirmed"
    assert registration.needs == ["buggy"]
    assert [
        (p.name, p.age, p.photo_consent) for p in registration.participants.all()
    ] == [
        ("Elif", 5, True),
        ("Murat", 38, False),
    ]
    assert texts(response) == ["Familie Özdemir is registered: confirmed, 2 seats."]


def test_added_party_that_does_not_fit_waits(client, orga, plan):
    party(plan["picknick"], "Familie Kaya", 30, 31)  # 2 of 3

    response = client.post(
        "/orga/events/familienpicknick/registrations/add/", party_post()
    )

    assert response.status_code == 302
    assert texts(response) == ["Familie Özdemir is on the waiting list at position 1."]


def test_add_party_errors_are_shown_on_the_form_and_nothing_is_stored(
    client, orga, plan
):
    no_consent = party_post()
    del no_consent["party-consent_privacy"]
    response = client.post(
        "/orga/events/familienpicknick/registrations/add/", no_consent
    )
    assert response.status_code == 200
    assert [
        e.code
        for e in response.context["party_form"].errors.as_data()["consent_privacy"]
    ] == ["consent_required"]

    too_young = party_post(
        **{"people-0-age": "5", "people-1-name": "", "people-1-age": ""}
    )
    response = client.post(
        "/orga/events/theaterwerkstatt/registrations/add/", too_young
    )
    assert response.status_code == 200
    assert [
        e.code for e in response.context["party_form"].errors.as_data()["__all__"]
    ] == ["age_not_allowed"]
    assert (
        "Elif (5) is outside this event&#x27;s age range." in response.content.decode()
    )

    no_age = party_post(**{"people-1-age": ""})
    response = client.post("/orga/events/familienpicknick/registrations/add/", no_age)
    assert response.status_code == 200
    assert response.context["people"].errors[1] == {"age": ["Please enter the age."]}

    nobody = party_post(
        **{
            "people-0-name": "",
            "people-0-age": "",
            "people-1-name": "",
            "people-1-age": "",
        }
    )
    response = client.post("/orga/events/familienpicknick/registrations/add/", nobody)
    assert response.status_code == 200
    assert response.context["people"].non_form_errors() == [
        "Please add at least one person."
    ]

    forged = party_post(**{"people-TOTAL_FORMS": "1000"})
    response = client.post("/orga/events/familienpicknick/registrations/add/", forged)
    assert response.status_code == 200
    assert response.context["people"].non_form_errors() == [
        "Please submit at most 6 forms."
    ]
    no_management = {k: v for k, v in party_post().items() if "FORMS" not in k}
    response = client.post(
        "/orga/events/familienpicknick/registrations/add/", no_management
    )
    assert response.status_code == 200

    garbage = party_post(**{"people-0-age": "fünf", "party-email": "nope"})
    response = client.post("/orga/events/familienpicknick/registrations/add/", garbage)
    assert response.status_code == 200
    assert Registration.objects.count() == 0


# --- Cancelling ---------------------------------------------------------------------


def test_cancelling_a_party_promotes_the_first_waiting_party_that_fits(
    client, orga, plan
):
    film = plan["film"]
    kaya = party(film, "Familie Kaya", 5, 35)
    party(film, "Familie Lang", 5, 33)  # full
    party(film, "Familie Novak", 4, 6, 30)  # 3: waits, still too big after
    party(film, "Familie Weber", 3, 40)  # 2: fits after Kaya cancels

    response = client.post(
        f"/orga/events/bilderbuchkino/registrations/{kaya.pk}/cancel/"
    )

    assert response.status_code == 302
    assert texts(response) == [
        "The registration of Familie Kaya is cancelled.",
        "Moved up from the waiting list (they get an e-mail): Familie Weber.",
    ]
    statuses = dict(
        Registration.objects.filter(event=film).values_list("household__name", "status")
    )
    assert statuses == {
        "Familie Kaya": "cancelled",
        "Familie Lang": "confirmed",
        "Familie Novak": "waitlisted",
        "Familie Weber": "confirmed",
    }


def test_cancelling_one_participant(client, orga, plan):
    kaya = party(plan["film"], "Familie Kaya", 5, 7, 35)
    mia = kaya.participants.get(age=7)

    response = client.post(f"/orga/events/bilderbuchkino/participants/{mia.pk}/cancel/")

    assert response.status_code == 302
    assert response["Location"].endswith(f"#party-{kaya.pk}")
    assert [p.age for p in kaya.participants.filter(cancelled_at__isnull=True)] == [
        5,
        35,
    ]
    board = client.get("/orga/events/bilderbuchkino/registrations/").context["board"]
    assert board.seats_taken == 2


def test_participant_of_another_event_is_404(client, orga, plan):
    other = party(plan["picknick"], "Familie Kaya", 35)
    person = other.participants.get()
    response = client.post(
        f"/orga/events/bilderbuchkino/participants/{person.pk}/cancel/"
    )
    assert response.status_code == 404


# --- Moving -------------------------------------------------------------------------


def test_move_to_an_event_where_the_party_fits(client, orga, plan):
    film, picknick = plan["film"], plan["picknick"]
    kaya = party(film, "Familie Kaya", 5, 35)
    party(film, "Familie Lang", 5, 33)
    weber = party(film, "Familie Weber", 3, 40)  # waits for Kaya's seats

    response = client.post(
        f"/orga/events/bilderbuchkino/registrations/{kaya.pk}/move/",
        {"move-to_event": picknick.pk},
    )

    assert response.status_code == 302
    assert texts(response) == [
        "Familie Kaya is moved to “Familienpicknick”: confirmed.",
        "Moved up from the waiting list (they get an e-mail): Familie Weber.",
    ]
    kaya.refresh_from_db()
    weber.refresh_from_db()
    moved = Registration.objects.get(event=picknick)
    assert (kaya.status, weber.status, moved.status) == (
        "cancelled",
        "confirmed",
        "confirmed",
    )
    assert moved.household_id == kaya.household_id
    assert [(p.name, p.age) for p in moved.participants.all()] == [
        ("Kind1", 5),
        ("Erw2", 35),
    ]


def test_move_to_a_full_event_puts_the_party_on_its_waiting_list(client, orga, plan):
    film, picknick = plan["film"], plan["picknick"]
    party(picknick, "Familie Berg", 30, 31)  # 2 of 3
    party(picknick, "Familie Stein", 30, 31)  # waits
    kaya = party(film, "Familie Kaya", 5, 35)

    moved = registration_move(registration=kaya, to_event=picknick)

    assert moved.status == "waitlisted"
    board = client.get("/orga/events/familienpicknick/registrations/").context["board"]
    assert [(r.household.name, r.position) for r in board.waiting] == [
        ("Familie Stein", 1),
        ("Familie Kaya", 2),
    ]


def test_move_refused_by_the_target_events_age_rule_changes_nothing(client, orga, plan):
    film = plan["film"]
    kaya = party(film, "Familie Kaya", 5, 35)

    with pytest.raises(ValidationError) as refused:
        registration_move(registration=kaya, to_event=plan["werkstatt"])
    assert error_codes(refused.value) == {"__all__": ["age_not_allowed"]}

    response = client.post(
        f"/orga/events/bilderbuchkino/registrations/{kaya.pk}/move/",
        {"move-to_event": plan["werkstatt"].pk},
    )
    assert response.status_code == 302
    assert texts(response) == [
        "Familie Kaya cannot be moved to “Theaterwerkstatt”: "
        "Kind1 (5) is outside this event's age range."
    ]
    kaya.refresh_from_db()
    assert kaya.status == "confirmed"
    assert Registration.objects.filter(event=plan["werkstatt"]).count() == 0


def test_move_refuses_same_event_cancelled_and_unknown_targets(client, orga, plan):
    kaya = party(plan["film"], "Familie Kaya", 5, 35)
    with pytest.raises(ValidationError) as same:
        registration_move(registration=kaya, to_event=plan["film"])
    assert same.value.code == "same_event"

    response = client.post(
        f"/orga/events/bilderbuchkino/registrations/{kaya.pk}/move/",
        {"move-to_event": "999999"},
    )
    assert response.status_code == 302
    assert texts(response) == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    response = client.post(f"/orga/events/bilderbuchkino/registrations/{kaya.pk}/move/")
    assert texts(response) == ["Please choose the event to move the party to."]

    registration_cancel(registration=kaya)
    with pytest.raises(ValidationError) as cancelled:
        registration_move(registration=kaya, to_event=plan["picknick"])
    assert cancelled.value.code == "registration_cancelled"


def test_module_lead_cannot_move_into_an_event_of_another_sub_event(client, plan):
    client.force_login(plan["lead"])
    kaya = party(plan["film"], "Familie Kaya", 5, 35)
    response = client.post(
        f"/orga/events/bilderbuchkino/registrations/{kaya.pk}/move/",
        {"move-to_event": plan["picknick"].pk},
    )
    assert response.status_code == 302
    kaya.refresh_from_db()
    assert kaya.status == "confirmed"
    assert Registration.objects.filter(event=plan["picknick"]).count() == 0


# --- Capacity -----------------------------------------------------------------------


def test_raising_capacity_promotes_the_first_waiting_party_that_fits(
    client, orga, plan
):
    film = plan["film"]
    party(film, "Familie Kaya", 5, 6, 7, 35)  # full
    party(film, "Familie Novak", 4, 6, 30)  # 3
    party(film, "Familie Weber", 3)  # 1
    party(film, "Familie Stein", 3, 40)  # 2

    response = client.post(
        "/orga/events/bilderbuchkino/capacity/", {"capacity-capacity": "6"}
    )

    assert response.status_code == 302
    assert texts(response) == [
        "Seats set to 6.",
        "Moved up from the waiting list (they get an e-mail): Familie Weber.",
    ]
    board = client.get("/orga/events/bilderbuchkino/registrations/").context["board"]
    assert names(board.confirmed) == ["Familie Kaya", "Familie Weber"]
    assert [(r.household.name, r.position) for r in board.waiting] == [
        ("Familie Novak", 1),
        ("Familie Stein", 2),
    ]
    assert (board.seats_taken, board.seats_free) == (5, 1)


def test_capacity_below_confirmed_seats_or_not_a_number_is_a_form_error(
    client, orga, plan
):
    party(plan["film"], "Familie Kaya", 5, 6, 35)

    response = client.post(
        "/orga/events/bilderbuchkino/capacity/", {"capacity-capacity": "2"}
    )
    assert response.status_code == 200
    form = response.context["capacity_form"]
    assert [e.code for e in form.errors.as_data()["capacity"]] == [
        "capacity_below_taken"
    ]
    assert "Confirmed parties already hold 3 seats" in response.content.decode()

    for value in ["viele", "-1", ""]:
        response = client.post(
            "/orga/events/bilderbuchkino/capacity/", {"capacity-capacity": value}
        )
        assert response.status_code == 200
        assert "capacity" in response.context["capacity_form"].errors
    assert Event.objects.get(pk=plan["film"].pk).capacity == 4


def test_module_lead_may_change_capacity_of_their_events_only(client, plan):
    client.force_login(plan["lead"])
    assert (
        client.post(
            "/orga/events/bilderbuchkino/capacity/", {"capacity-capacity": "8"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            "/orga/events/theaterwerkstatt/capacity/", {"capacity-capacity": "8"}
        ).status_code
        == 403
    )
    assert Event.objects.get(slug="bilderbuchkino").capacity == 8
    assert Event.objects.get(slug="theaterwerkstatt").capacity == 6


# --- Exports ------------------------------------------------------------------------

HEADER = [
    "Event",
    "Status",
    "Waiting position",
    "Household",
    "E-mail",
    "Phone",
    "Participant",
    "Age",
    "Child/adult",
    "Takes a seat",
    "Photo consent",
    "Needs",
    "Other needs",
    "Registered at",
    "Checked in at",
]


@pytest.fixture
def export_plan(plan):
    """Picknick (3 seats): a confirmed party with a formula for a name, one that
    waits, one cancelled; fixed registration times (UTC, shown in Berlin: +2h)."""
    event = plan["picknick"]
    evil = registration_create(
        event=event,
        contact=ContactInput(
            name='=HYPERLINK("http://x")',
            email="evil@example.org",
            phone="+49 171 2345678",
        ),
        participants=[
            ParticipantInput("@Mia", 7, photo_consent=True),
            ParticipantInput("Ayşe", 36),
        ],
        consent_privacy=True,
        needs=["wheelchair", "diet"],
        needs_text="-vegetarisch",
    ).registration
    waiting = party(event, "Familie Novak", 4, 30)
    gone = party(event, "Familie Lang", 33)
    registration_cancel(registration=gone)
    for registration, minute in [(evil, 0), (waiting, 5), (gone, 10)]:
        Registration.objects.filter(pk=registration.pk).update(
            created_at=dt.datetime(2027, 6, 1, 8, minute, tzinfo=UTC)
        )
    participant_check_in(
        participant=evil.participants.get(name="@Mia"),
        now=dt.datetime(2027, 6, 16, 8, 55, tzinfo=UTC),
    )
    return event


EXPECTED_ROWS = [
    [
        "Familienpicknick",
        "Confirmed",
        "",
        '\'=HYPERLINK("http://x")',
        "evil@example.org",
        "'+49 171 2345678",
        "'@Mia",
        "7",
        "child",
        "yes",
        "yes",
        "Wheelchair space, Dietary needs",
        "'-vegetarisch",
        "01.06.2027 10:00",
        "16.06.2027 10:55",
    ],
    [
        "Familienpicknick",
        "Confirmed",
        "",
        '\'=HYPERLINK("http://x")',
        "evil@example.org",
        "'+49 171 2345678",
        "Ayşe",
        "36",
        "adult",
        "yes",
        "no",
        "Wheelchair space, Dietary needs",
        "'-vegetarisch",
        "01.06.2027 10:00",
        "",
    ],
    [
        "Familienpicknick",
        "Waiting list",
        "1",
        "Familie Novak",
        "familie.novak@example.org",
        "",
        "Kind1",
        "4",
        "child",
        "yes",
        "no",
        "",
        "",
        "01.06.2027 10:05",
        "",
    ],
    [
        "Familienpicknick",
        "Waiting list",
        "1",
        "Familie Novak",
        "familie.novak@example.org",
        "",
        "Erw2",
        "30",
        "adult",
        "yes",
        "no",
        "",
        "",
        "01.06.2027 10:05",
        "",
    ],
    [
        "Familienpicknick",
        "Cancelled",
        "",
        "Familie Lang",
        "familie.lang@example.org",
        "",
        "Erw1",
        "33",
        "adult",
        "yes",
        "no",
        "",
        "",
        "01.06.2027 10:10",
        "",
    ],
]


def test_csv_export_for_german_excel(client, orga, export_plan):
    response = client.get("/orga/events/familienpicknick/registrations.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="registrations-familienpicknick.csv"'
    )
    body = response.content
    assert body.startswith(b"\xef\xbb\xbfEvent;Status;Waiting position;Household;")
    assert b"\r\n" in body
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == HEADER
    assert rows[1:] == EXPECTED_ROWS


def test_xlsx_export_has_the_same_rows(client, orga, export_plan):
    response = client.get("/orga/events/familienpicknick/registrations.xlsx")

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [
        ["" if v is None else str(v) for v in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    assert rows[0] == HEADER
    assert rows[1:] == EXPECTED_ROWS
    assert sheet.title == "Registrations"
    assert sheet["H2"].value == 7  # ages stay numbers
    assert sheet["D2"].data_type == "s"  # the formula is text


def test_exports_need_access(client, plan):
    client.force_login(staff("partner", roles.PARTNER))
    assert (
        client.get("/orga/events/bilderbuchkino/registrations.csv").status_code == 403
    )
    assert (
        client.get("/orga/events/bilderbuchkino/registrations.xlsx").status_code == 403
    )


# --- Check-in -----------------------------------------------------------------------


def test_check_in_is_idempotent_and_counts(client, orga, plan):
    kaya = party(plan["film"], "Familie Kaya", 5, 35)
    party(plan["film"], "Familie Lang", 6)
    mia = kaya.participants.get(age=5)
    url = f"/orga/events/bilderbuchkino/checkin/participants/{mia.pk}/"

    first = client.post(url, {"next": "/orga/events/bilderbuchkino/checkin/?q=kaya"})
    checked_in_at = Participant.objects.get(pk=mia.pk).checked_in_at
    second = client.post(url)

    assert (
        first["Location"]
        == f"/orga/events/bilderbuchkino/checkin/?q=kaya#party-{kaya.pk}"
    )
    assert second["Location"] == f"/orga/events/bilderbuchkino/checkin/#party-{kaya.pk}"
    assert checked_in_at is not None
    assert Participant.objects.get(pk=mia.pk).checked_in_at == checked_in_at
    page = client.get("/orga/events/bilderbuchkino/checkin/")
    assert (
        page.context["board"].people_checked_in,
        page.context["board"].people_confirmed,
    ) == (1, 3)
    assert (
        '<strong id="checked-in-count">1</strong> / <span id="confirmed-count">3</span>'
        in (page.content.decode())
    )

    response = client.post(
        f"/orga/events/bilderbuchkino/checkin/registrations/{kaya.pk}/"
    )
    assert texts(response) == ["Familie Kaya: 1 person checked in."]
    response = client.post(
        f"/orga/events/bilderbuchkino/checkin/registrations/{kaya.pk}/"
    )
    assert texts(response) == ["Familie Kaya: 0 people checked in."]
    assert (
        client.get("/orga/events/bilderbuchkino/checkin/")
        .context["board"]
        .people_checked_in
        == 2
    )

    client.post(url, {"action": "undo"})
    assert Participant.objects.get(pk=mia.pk).checked_in_at is None


def test_check_in_refuses_waiting_and_cancelled_parties(client, orga, plan):
    party(plan["film"], "Familie Kaya", 5, 6, 7, 35)
    novak = party(plan["film"], "Familie Novak", 4)  # waits
    tom = novak.participants.get()

    response = client.post(
        f"/orga/events/bilderbuchkino/checkin/participants/{tom.pk}/"
    )

    assert texts(response) == ["Only confirmed registrations can be checked in."]
    assert Participant.objects.get(pk=tom.pk).checked_in_at is None
    with pytest.raises(ValidationError) as refused:
        registration_check_in(registration=novak)
    assert refused.value.code == "not_confirmed"
    with pytest.raises(ValidationError) as refused:
        participant_check_in(participant=tom)
    assert refused.value.code == "not_confirmed"


def test_check_in_search_by_household_or_participant_ignores_case_and_accents(
    client, orga, plan
):
    registration_create(
        event=plan["picknick"],
        contact=ContactInput(name="Ayşe Yılmaz", email="ayse@example.org"),
        participants=[ParticipantInput("Zoë", 7), ParticipantInput("Ayşe", 36)],
        consent_privacy=True,
    )
    party(plan["picknick"], "Familie Özdemir", 30)
    party(plan["picknick"], "Familie Berg", 30, 31)  # waits

    def found(q):
        response = client.get("/orga/events/familienpicknick/checkin/", {"q": q})
        return names(response.context["parties"]), names(response.context["others"])

    assert found("") == (["Ayşe Yılmaz", "Familie Özdemir"], [])
    assert found("yilmaz") == (["Ayşe Yılmaz"], [])
    assert found("ZOE") == (["Ayşe Yılmaz"], [])
    assert found("ozdemir") == (["Familie Özdemir"], [])
    assert found("berg") == ([], ["Familie Berg"])
    assert (
        "on the waiting list, position 1"
        in client.get(
            "/orga/events/familienpicknick/checkin/", {"q": "berg"}
        ).content.decode()
    )


def test_check_in_redirect_stays_on_the_site(client, orga, plan):
    kaya = party(plan["film"], "Familie Kaya", 35)
    person = kaya.participants.get()
    for evil in ["https://evil.example/orga/", "//evil.example/orga/", "/admin/"]:
        response = client.post(
            f"/orga/events/bilderbuchkino/checkin/participants/{person.pk}/",
            {"next": evil},
        )
        assert response["Location"] == (
            f"/orga/events/bilderbuchkino/checkin/#party-{kaya.pk}"
        )


def test_qr_code_entry_shows_the_party_for_staff(client, orga, plan):
    kaya = party(plan["film"], "Familie Kaya", 5, 35)
    novak = party(plan["film"], "Familie Novak", 4, 6, 30)  # waits

    response = client.get(f"/orga/checkin/{kaya.token}/")
    assert response.status_code == 200
    assert response.context["party"].pk == kaya.pk
    html = response.content.decode()
    assert html.count('class="button button--big"') == 2  # one per person
    assert f"/orga/events/bilderbuchkino/checkin/registrations/{kaya.pk}/" in html

    response = client.get(f"/orga/checkin/{novak.token}/")
    assert (
        "Not confirmed: on the waiting list, position 1." in response.content.decode()
    )
    assert "button--big" not in response.content.decode()

    assert client.get("/orga/checkin/not-a-token/").status_code == 404
    assert checkin_url_for(orga, kaya.token) == f"/orga/checkin/{kaya.token}/"
    assert checkin_url_for(orga, kaya.household.token) is None  # a household link
    assert checkin_url_for(orga, "unknown") is None


def test_qr_code_entry_for_others(client, plan):
    kaya = party(plan["werkstatt"], "Familie Kaya", 9)
    anonymous = client.get(f"/orga/checkin/{kaya.token}/")
    assert anonymous.status_code == 302
    assert anonymous["Location"] == f"/accounts/login/?next=/orga/checkin/{kaya.token}/"
    lead = plan["lead"]
    client.force_login(lead)
    assert client.get(f"/orga/checkin/{kaya.token}/").status_code == 403
    assert checkin_url_for(lead, kaya.token) is None
    assert checkin_url_for(AnonymousUser(), kaya.token) is None
    assert client.get("/orga/checkin/a%00b/").status_code == 404


# --- Admin --------------------------------------------------------------------------


def test_admin_lists_searches_and_scopes_registrations(client, plan):
    kaya = party(plan["film"], "Familie Kaya", 5, 35)
    party(plan["picknick"], "Familie Berg", 30)
    client.force_login(staff("orga", roles.ORGA))

    response = client.get("/admin/registrations/registration/", {"q": "Kind1"})
    assert [r.household.name for r in response.context["cl"].result_list] == [
        "Familie Kaya"
    ]
    response = client.get("/admin/registrations/registration/", {"status": "confirmed"})
    assert response.context["cl"].result_count == 2
    assert (
        client.get(f"/admin/registrations/registration/{kaya.pk}/change/").status_code
        == 200
    )
    assert client.get("/admin/registrations/household/").status_code == 200

    client.force_login(plan["lead"])
    response = client.get("/admin/registrations/registration/")
    assert [r.household.name for r in response.context["cl"].result_list] == [
        "Familie Kaya"
    ]
    response = client.get("/admin/registrations/household/")
    assert [h.name for h in response.context["cl"].result_list] == ["Familie Kaya"]


def test_admin_action_cancels_through_the_service(client, plan):
    film = plan["film"]
    kaya = party(film, "Familie Kaya", 5, 35)
    party(film, "Familie Lang", 5, 33)
    weber = party(film, "Familie Weber", 3, 40)
    client.force_login(staff("orga", roles.ORGA))

    response = client.post(
        "/admin/registrations/registration/",
        {"action": "cancel_registrations", "_selected_action": [kaya.pk]},
    )

    assert response.status_code == 302
    kaya.refresh_from_db()
    weber.refresh_from_db()
    assert (kaya.status, weber.status) == ("cancelled", "confirmed")
