"""The planners' dashboard: exact figures on a small festival, who may open it, the
empty states and a query count that does not grow with the festival."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import roles
from events.models import Event
from planning.selectors.dashboard import dashboard_for
from registrations.models import Household, Participant, Registration
from tests.events.factories import (
    EventFactory,
    FestivalFactory,
    PartnerFactory,
    SubEventFactory,
    VenueFactory,
    at,
)
from tests.planning.factories import english, partner_coordinator, staff
from tests.registrations.factories import open_event, register
from tests.volunteers.factories import RoleFactory, ShiftFactory, assign

pytestmark = pytest.mark.django_db

URL = "/orga/planning/"


@pytest.fixture
def small():
    """Four events with registration: Kino's full (with a party waiting) and almost
    full (4 of 5), Fest's empty and some (4 of 10); a draft, a cancelled event, one
    shift half filled. The Wolf family comes to two events."""
    festival = FestivalFactory()
    kino = SubEventFactory(festival=festival, name="Kinowoche", slug="kino")
    fest = SubEventFactory(festival=festival, name="Familienfest", slug="fest")
    full = open_event(
        sub_event=kino, title="Voll", capacity=4, starts_at=at(0, 10), ends_at=at(0, 12)
    )
    almost = open_event(
        sub_event=kino,
        title="Fast voll",
        capacity=5,
        starts_at=at(1, 10),
        ends_at=at(1, 12),
    )
    empty = open_event(
        sub_event=fest,
        title="Leer",
        capacity=10,
        starts_at=at(2, 10),
        ends_at=at(2, 12),
    )
    some = open_event(
        sub_event=fest,
        title="Etwas",
        capacity=10,
        starts_at=at(3, 10),
        ends_at=at(3, 12),
    )
    EventFactory(sub_event=fest, title="Entwurf", status=Event.Status.DRAFT)
    EventFactory(
        sub_event=fest,
        title="Abgesagt",
        summary="Leider nicht.",
        status=Event.Status.CANCELLED,
        cancel_reason="Regen",
        starts_at=at(4, 10),
    )
    register(full, 2, 30)
    register(full, 7, 40, email="wolf@example.org")
    waiting = register(full, 5, 33)
    register(almost, 11, 15, 16, 45)
    register(some, 7, 40, email="wolf@example.org")
    register(some, 1, 38)
    assert waiting.registration.status == Registration.Status.WAITLISTED
    shift = ShiftFactory(role=RoleFactory(festival=festival), needed=2)
    assign(shift)
    return {"festival": festival, "full": full, "almost": almost, "empty": empty}


def test_the_figures_of_a_small_festival(small):
    today = timezone.localdate()
    board = dashboard_for(small["festival"], today=today)
    f = board.figures

    assert (f.published, f.draft, f.cancelled) == (4, 1, 1)
    assert f.registrations == 6
    assert (f.seats_taken, f.capacity, f.seats_percent) == (12, 29, 41)
    assert (f.volunteers, f.places_needed, f.places_filled) == (1, 2, 1)
    assert f.coverage_percent == 50
    # Four events and the draft lack a text; the shift lacks a person.
    assert f.todo == 6
    assert [(d.day, d.registrations, d.seats) for d in board.per_day] == [
        (today - dt.timedelta(days=1), 0, 0),
        (today, 6, 12),
    ]
    assert [
        (row.name, row.full, row.almost, row.some, row.empty)
        for row in board.fill_by_sub_event
    ] == [("Kinowoche", 1, 1, 0, 0), ("Familienfest", 0, 0, 1, 1)]
    assert [(e.title, e.taken, e.percent) for e in board.fullest] == [
        ("Voll", 4, 100),
        ("Fast voll", 4, 80),
    ]
    assert [(e.title, e.taken, e.percent) for e in board.emptiest] == [
        ("Leer", 0, 0),
        ("Etwas", 4, 40),
    ]
    assert [(d.needed, d.filled) for d in board.coverage_days] == [(2, 1)] + [
        (0, 0)
    ] * 6


def test_families_count_each_person_once_by_age_group(small):
    families = dashboard_for(small["festival"]).families

    assert (families.households, families.people) == (5, 12)
    assert families.groups == [
        ("0–2", 2),
        ("3–5", 1),
        ("6–9", 1),
        ("10–13", 1),
        ("14–17", 2),
    ]
    assert (families.children, families.adults) == (7, 5)


def test_the_waiting_lists(small):
    waiting = dashboard_for(small["festival"]).waiting

    assert [(w.title, w.parties, w.people) for w in waiting.events] == [("Voll", 1, 2)]
    assert (waiting.parties, waiting.people, waiting.event_count) == (1, 2, 1)


def test_the_page_shows_figures_and_charts_with_text_alternatives(client, small):
    client.force_login(staff("orga", roles.ORGA))

    response = english(client).get(URL)
    html = response.content.decode()

    assert response.status_code == 200
    assert '<dd id="fig-seats">12</dd>' in html
    assert 'id="fig-capacity">of 29 (41 %)</dd>' in html
    assert '<dd id="fig-coverage">50 %</dd>' in html
    assert "1 parties with 2 people wait for 1 event." in html
    charts = response.context["charts"]
    for key, svg in charts.items():
        root = ET.fromstring(str(svg))  # noqa: S314 - our own markup
        assert root.get("role") == "img", key
        assert root.find("{http://www.w3.org/2000/svg}title").text, key
        assert str(svg) in html
    assert html.count("The numbers as a table") == 7


def test_an_empty_festival_says_no_data_yet_everywhere(client):
    FestivalFactory()
    client.force_login(staff("orga", roles.ORGA))

    html = english(client).get(URL).content.decode()

    assert html.count(">No data yet</text>") == 7
    assert '<dd id="fig-seats">0</dd>' in html
    assert "no events with registration yet" in html


def test_without_a_festival_a_friendly_message(client):
    client.force_login(staff("orga", roles.ORGA))

    response = english(client).get(URL)

    assert response.status_code == 200
    assert "No festival has been set up yet." in response.content.decode()


# --- Who may open it ----------------------------------------------------------------
def test_anonymous_visitors_go_to_the_login(client):
    FestivalFactory()

    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_partner_coordinator_goes_to_their_portal(client):
    FestivalFactory()
    client.force_login(partner_coordinator("kita", PartnerFactory()))

    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == "/orga/planning/partner/"


def test_staff_in_no_group_get_403(client):
    FestivalFactory()
    client.force_login(staff("niemand"))

    assert client.get(URL).status_code == 403


@pytest.mark.parametrize(
    "group", [roles.ORGA, roles.MODULE_LEAD, roles.VOLUNTEER_COORDINATION]
)
def test_planners_open_it(client, small, group):
    client.force_login(staff("planer", group))

    assert client.get(URL).status_code == 200


def test_an_orga_member_who_also_coordinates_a_partner_sees_the_dashboard(client):
    FestivalFactory()
    user = staff("beides", roles.ORGA)
    PartnerFactory().members.add(user)
    client.force_login(user)

    assert client.get(URL).status_code == 200


# --- Query count --------------------------------------------------------------------
def add_festival_data(festival, first: int, last: int) -> None:
    """Events `first`..`last - 1` with registration, written in bulk, each with two
    registered households (one waiting) and a shift per 30 events."""
    sub_events = list(festival.sub_events.all()) or [
        SubEventFactory(festival=festival, slug=f"teil-{n}", name=f"Teil {n}")
        for n in range(3)
    ]
    venues = [
        VenueFactory(slug=f"o-{first}-{n}", name=f"O {first}-{n}") for n in range(4)
    ]
    opens = timezone.now() - dt.timedelta(days=3)
    events = Event.objects.bulk_create(
        Event(
            sub_event=sub_events[n % 3],
            title=f"Punkt {n}",
            slug=f"punkt-{n}",
            summary="Kurz.",
            venue=venues[n % 4],
            starts_at=at(0, 0) + dt.timedelta(minutes=17 * n),
            ends_at=at(0, 0) + dt.timedelta(minutes=17 * n + 60),
            capacity=2 + n % 5,
            registration_opens_at=opens,
            status=Event.Status.PUBLISHED,
        )
        for n in range(first, last)
    )
    households = Household.objects.bulk_create(
        Household(email=f"h{n}@example.org", name=f"H {n}")
        for n in range(first * 2, last * 2)
    )
    registrations = Registration.objects.bulk_create(
        Registration(
            household=households[2 * i + k],
            event=event,
            status=(
                Registration.Status.CONFIRMED
                if k == 0
                else Registration.Status.WAITLISTED
            ),
            consent_privacy_version="1",
            consent_privacy_text="ok",
        )
        for i, event in enumerate(events)
        for k in range(2)
    )
    Participant.objects.bulk_create(
        Participant(registration=registration, name=name, age=age)
        for registration in registrations
        for name, age in (("Kind", 4 + registration.pk % 12), ("Erw", 40))
    )
    role = RoleFactory(festival=festival)
    for n in range(first // 30, last // 30):
        assign(ShiftFactory(role=role, starts_at=at(n % 7, 8), needed=2))


def test_the_query_count_does_not_grow_with_the_festival(client):
    festival = FestivalFactory()
    client.force_login(staff("orga", roles.ORGA))
    add_festival_data(festival, 0, 60)
    client.get(URL)  # the session and the caches warmed up
    with CaptureQueriesContext(connection) as small:
        few = client.get(URL).context["board"].figures

    add_festival_data(festival, 60, 600)
    with CaptureQueriesContext(connection) as large:
        many = client.get(URL).context["board"].figures

    assert (few.registrations, many.registrations) == (120, 1200)
    assert len(large.captured_queries) == len(small.captured_queries)
