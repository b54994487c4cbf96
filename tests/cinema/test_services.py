"""Screenings are events whose end follows the film: runtime plus the trailer and
cleaning buffer, under the core's venue rule."""

import pytest
from django.core.exceptions import ValidationError

from events.models import Event
from subevents.cinema.models import Film, Screening
from subevents.cinema.services import film_create, film_update, screening_move
from tests.cinema.factories import FilmFactory, kinowoche, screening
from tests.events.factories import (
    EventFactory,
    SubEventFactory,
    VenueFactory,
    at,
    error_codes,
)

pytestmark = pytest.mark.django_db


def test_the_end_is_start_plus_runtime_plus_buffer():
    film = FilmFactory(title="Die Wolkenpiraten", runtime_minutes=85)

    created = screening(film, starts_at=at(1, 15), capacity=80)

    event = Event.objects.get(pk=created.event.pk)
    assert event.title == "Die Wolkenpiraten"
    assert (event.starts_at, event.ends_at) == (at(1, 15), at(1, 16, 40))
    assert event.capacity == 80
    assert created.trailer_minutes == 15
    assert event.sub_event.slug == "kinowoche"


def test_a_longer_buffer_is_added_too():
    created = screening(FilmFactory(runtime_minutes=100), trailer_minutes=20)

    assert created.event.ends_at == at(0, 17)


def test_a_venue_conflict_is_refused_and_nothing_is_created():
    hall = VenueFactory(name="Lichtspielhaus")
    EventFactory(venue=hall, starts_at=at(0, 17), ends_at=at(0, 18))
    film = FilmFactory(runtime_minutes=110)

    with pytest.raises(ValidationError) as err:
        screening(film, venue=hall, starts_at=at(0, 15))  # ends 17:05

    assert error_codes(err.value) == {"venue": ["venue_conflict"]}
    assert Screening.objects.count() == 0
    assert Event.objects.count() == 1


def test_only_a_cinema_sub_event_holds_screenings():
    with pytest.raises(ValidationError) as err:
        screening(sub_event=SubEventFactory(name="Spielplatzaktionen"))

    assert error_codes(err.value) == {"__all__": ["not_cinema"]}
    assert Event.objects.count() == 0


def test_a_moved_screening_keeps_its_length():
    moved = screening(FilmFactory(runtime_minutes=90), starts_at=at(0, 15))

    screening_move(screening=moved, starts_at=at(2, 10, 30))

    event = Event.objects.get(pk=moved.event.pk)
    assert (event.starts_at, event.ends_at) == (at(2, 10, 30), at(2, 12, 15))


def test_a_move_into_a_taken_hall_changes_nothing():
    hall = VenueFactory()
    EventFactory(venue=hall, starts_at=at(2, 11), ends_at=at(2, 12))
    moved = screening(venue=hall, starts_at=at(0, 15))

    with pytest.raises(ValidationError) as err:
        screening_move(screening=moved, starts_at=at(2, 10))

    assert error_codes(err.value) == {"venue": ["venue_conflict"]}
    event = Event.objects.get(pk=moved.event.pk)
    assert (event.starts_at, event.ends_at) == (at(0, 15), at(0, 16, 45))


def test_a_new_runtime_moves_every_screenings_end():
    film = FilmFactory(runtime_minutes=90)
    first = screening(film, starts_at=at(0, 15))
    second = screening(film, starts_at=at(3, 10), trailer_minutes=20)

    film_update(film=film, runtime_minutes=100)

    ends = dict(
        Event.objects.filter(pk__in=[first.pk, second.pk]).values_list("pk", "ends_at")
    )
    assert ends == {first.pk: at(0, 16, 55), second.pk: at(3, 12)}
    assert Film.objects.get(pk=film.pk).runtime_minutes == 100


def test_a_runtime_that_would_clash_changes_nothing():
    hall = VenueFactory()
    film = FilmFactory(runtime_minutes=90)
    shown = screening(film, venue=hall, starts_at=at(0, 15))  # until 16:45
    EventFactory(venue=hall, starts_at=at(0, 17), ends_at=at(0, 18))

    with pytest.raises(ValidationError) as err:
        film_update(film=film, runtime_minutes=120)

    assert error_codes(err.value) == {"venue": ["venue_conflict"]}
    assert Film.objects.get(pk=film.pk).runtime_minutes == 90
    assert Event.objects.get(pk=shown.pk).ends_at == at(0, 16, 45)


def test_film_create_gives_a_unique_slug_and_checks_the_rating():
    kinowoche()
    first = film_create(title="Das kleine Gespenst", runtime_minutes=90, fsk=0)
    second = film_create(title="Das kleine Gespenst", runtime_minutes=92, fsk=0)

    assert (first.slug, second.slug) == ("das-kleine-gespenst", "das-kleine-gespenst-2")
    with pytest.raises(ValidationError) as err:
        film_create(title="Nachtfahrt", runtime_minutes=95, fsk=14)
    assert error_codes(err.value) == {"fsk": ["invalid_choice"]}
    assert Film.objects.count() == 2
