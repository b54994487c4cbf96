"""The FSK rule (through the registrations' eligibility check, as families meet it)
and the film's detail line."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from events.models import Event
from registrations.models import Registration
from registrations.services import ParticipantInput, eligibility_check
from subevents.cinema.models import Film
from subevents.cinema.rules import film_details, fsk_rule
from tests.cinema.factories import FilmFactory, screening
from tests.events.factories import EventFactory, error_codes
from tests.registrations.factories import register

pytestmark = pytest.mark.django_db

NAMES = {5: "Mia", 6: "Lena", 11: "Marie", 12: "Samir", 15: "Jonas", 16: "Ida"}
NAMES |= {17: "Noah", 18: "Finn", 3: "Ben", 40: "Ayşe"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def party(*ages: int) -> list[ParticipantInput]:
    return [ParticipantInput(NAMES[age], age) for age in ages]


def refusal(fsk: int, *ages: int) -> tuple[dict, list[str]] | None:
    event = screening(FilmFactory(fsk=fsk)).event
    try:
        eligibility_check(event=event, participants=party(*ages))
    except ValidationError as error:
        return error_codes(error), error.messages
    return None


FSK12_YOUNG = (
    "Mia (5) may not see this film: it is rated FSK 12. "
    "Children from 6 may come with a parent or guardian."
)


@pytest.mark.parametrize(
    ("fsk", "ages", "message"),
    [
        (0, (3,), None),
        (0, (5, 40), None),
        (6, (5, 40), "Mia (5) may not see this film: it is rated FSK 6, only from 6."),
        (6, (6,), None),
        (6, (6, 40), None),
        (12, (5,), FSK12_YOUNG),
        (12, (5, 40), FSK12_YOUNG),
        (
            12,
            (6,),
            "Lena (6) may see this film only with a parent or guardian: it is rated "
            "FSK 12. Please add an adult to your party.",
        ),
        (12, (6, 40), None),
        (
            12,
            (11,),
            "Marie (11) may see this film only with a parent or guardian: it is "
            "rated FSK 12. Please add an adult to your party.",
        ),
        (12, (11, 40), None),
        (12, (12,), None),
        (12, (6, 11, 40), None),
        (
            16,
            (15, 40),
            "Jonas (15) may not see this film: it is rated FSK 16, only from 16.",
        ),
        (16, (16,), None),
        (
            18,
            (17, 40),
            "Noah (17) may not see this film: it is rated FSK 18, only from 18.",
        ),
        (18, (18,), None),
        (18, (18, 40), None),
    ],
)
def test_the_fsk_matrix(fsk, ages, message):
    result = refusal(fsk, *ages)

    if message is None:
        assert result is None
    else:
        assert result == ({"__all__": ["fsk_age"]}, [message])


def test_the_first_refused_person_is_named():
    result = refusal(12, 40, 12, 5, 6)

    assert result == ({"__all__": ["fsk_age"]}, [FSK12_YOUNG])


def test_a_refused_registration_stores_nothing():
    event = screening(FilmFactory(fsk=12), capacity=20).event

    with pytest.raises(ValidationError) as err:
        register(event, 5, 40)

    assert error_codes(err.value) == {"__all__": ["fsk_age"]}
    assert Registration.objects.count() == 0
    registration = register(event, 6, 40).registration
    assert registration.status == Registration.Status.CONFIRMED
    assert [p.age for p in registration.participants.all()] == [6, 40]


def test_events_that_are_no_screenings_are_not_touched():
    event = EventFactory(title="Kinderkonzert")

    fsk_rule(event, party(3))  # no error


def test_the_rule_asks_one_query(django_assert_num_queries):
    event = screening(FilmFactory(fsk=12)).event
    event = Event.objects.get(pk=event.pk)
    other = Event.objects.get(pk=EventFactory().pk)

    with django_assert_num_queries(1):
        fsk_rule(event, party(6, 11, 12, 40))
    with django_assert_num_queries(1):
        fsk_rule(other, party(3))
    # A caller that has the sub-event at hand spares the query for other events.
    other = Event.objects.select_related("sub_event").get(pk=other.pk)
    with django_assert_num_queries(0):
        fsk_rule(other, party(3))


def test_the_detail_line_says_rating_runtime_and_language():
    subtitled = FilmFactory(
        fsk=Film.Rating.FSK_12, runtime_minutes=95, subtitles="Englisch"
    )
    plain = FilmFactory(fsk=Film.Rating.FSK_0, runtime_minutes=70)

    first = screening(subtitled, capacity=None).event
    second = screening(plain, capacity=None).event
    other = EventFactory()

    assert film_details([first, second, other]) == {
        first.pk: ["FSK 12 · 95 min · Deutsch, subtitles: Englisch"],
        second.pk: ["FSK 0 · 70 min · Deutsch"],
    }
    assert film_details([other]) == {}
