"""The demo's Kinowoche: films on the core's cinema events, idempotent, moving with
the week, and the demo families fit the FSK rule."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from events import demo
from events.models import BERLIN, Event, Festival
from registrations.services import ParticipantInput
from subevents.cinema.demo import demo_cinema
from subevents.cinema.models import Film, Screening
from subevents.cinema.rules import fsk_rule
from subevents.cinema.services import screening_end

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _without_the_conference(monkeypatch):
    """The cinema demo stands on the core's demo alone (the sub-event modules are
    independent of each other), so the conference's extension stays out here."""
    from events.registry import registry

    monkeypatch.setattr(
        registry,
        "demo_extensions",
        [
            extension
            for extension in registry.demo_extensions
            if not extension.__module__.startswith("subevents.conference")
        ],
    )


def load(*args: str) -> None:
    call_command("load_demo", *args, stdout=StringIO(), stderr=StringIO())


def test_the_demo_has_films_and_screenings_of_every_family_rating():
    load("--start", "2027-06-14")

    assert Film.objects.count() == 13
    assert Screening.objects.count() == 16
    ratings = sorted(Screening.objects.values_list("film__fsk", flat=True))
    assert ratings == [0] * 12 + [6] + [12] * 3
    for screening in Screening.objects.select_related("event", "film"):
        event = screening.event
        assert event.sub_event.slug == "kinowoche"
        assert event.ends_at == screening_end(
            film=screening.film,
            starts_at=event.starts_at,
            trailer_minutes=screening.trailer_minutes,
        ), event.slug
    # The core's "Die Schule der magischen Tiere" shows the film, for everyone.
    film = Film.objects.get(slug="die-schule-der-magischen-tiere")
    assert sorted(film.screenings.values_list("event__slug", flat=True)) == [
        "film-schule-der-magischen-tiere",
        "schulkino-schule-der-magischen-tiere",
    ]


def test_a_second_run_asks_one_query(django_assert_num_queries):
    load("--start", "2027-06-14")
    festival = Festival.objects.get(slug=demo.FESTIVAL_SLUG)

    with django_assert_num_queries(1):
        assert demo_cinema(festival) == 0


def test_a_second_run_creates_and_changes_nothing():
    load("--start", "2027-06-14")
    festival = Festival.objects.get(slug=demo.FESTIVAL_SLUG)
    stamps = list(Event.objects.order_by("pk").values_list("pk", "updated_at"))
    films = list(Film.objects.order_by("pk").values_list("pk", "updated_at"))

    assert demo_cinema(festival) == 0
    load("--start", "2027-06-14")

    assert Screening.objects.count() == 16
    assert list(Event.objects.order_by("pk").values_list("pk", "updated_at")) == stamps
    assert list(Film.objects.order_by("pk").values_list("pk", "updated_at")) == films


@pytest.mark.parametrize("start", ["2027-06-21", "2027-06-17", "2027-06-09"])
def test_the_screenings_move_with_the_week(start):
    load("--start", "2027-06-14")

    load("--start", start)

    talk = Event.objects.get(slug="filmabend-systemsprenger")
    thursday = dt.date.fromisoformat(start) + dt.timedelta(days=3)
    assert timezone.localtime(talk.starts_at, BERLIN) == dt.datetime.combine(
        thursday, dt.time(19, 30), tzinfo=BERLIN
    )
    assert talk.screening.film.title == "Systemsprenger"
    assert talk.ends_at - talk.starts_at == dt.timedelta(minutes=125 + 25)
    assert Screening.objects.count() == 16


def test_the_demo_families_fit_the_fsk_rule():
    from registrations.models import Registration

    load("--start", "2027-06-14")

    # Every demo registration (on whichever event the registrations app chose)
    # passes the rule now that the films are there.
    registrations = Registration.objects.select_related("event").prefetch_related(
        "participants"
    )
    assert registrations.exists()
    for registration in registrations:
        party = [
            ParticipantInput(p.name, p.age) for p in registration.participants.all()
        ]
        fsk_rule(registration.event, party)  # raises if a family may not come
