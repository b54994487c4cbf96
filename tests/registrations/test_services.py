"""Registration services: seats, the waiting list and its promotion, eligibility,
input checks, and the families' mails when their event changes."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from events import services as event_services
from events.models import Event
from events.registry import registry
from registrations.models import Household, Participant, Registration
from registrations.privacy import PRIVACY_NOTICE_VERSION, privacy_notice_text
from registrations.selectors import seats_taken, waitlist_position
from registrations.services import (
    ContactInput,
    ParticipantInput,
    participant_cancel,
    registration_cancel,
    registration_create,
)
from tests.events.factories import VenueFactory, at, error_codes
from tests.registrations.factories import open_event, register

pytestmark = pytest.mark.django_db


# --- helpers -------------------------------------------------------------------------


def rows() -> tuple[int, int, int]:
    """What a refused registration must not change."""
    return (
        Household.objects.count(),
        Registration.objects.count(),
        Participant.objects.count(),
    )


def status(result) -> str:
    result.registration.refresh_from_db()
    return result.registration.status


def statuses(*results) -> list[str]:
    return [status(result) for result in results]


def positions(*results) -> list[int | None]:
    for result in results:
        result.registration.refresh_from_db()
    return [waitlist_position(result.registration) for result in results]


def seats(event: Event) -> int:
    return seats_taken([event]).get(event.pk, 0)


def refused(event: Event, *ages: int, **kwargs) -> dict[str, list[str]]:
    """Register and expect a refusal that writes nothing; returns the error codes."""
    before = rows()
    with pytest.raises(ValidationError) as err:
        register(event, *ages, **kwargs)
    assert rows() == before
    assert mail.outbox == []
    return error_codes(err.value)


def create(event: Event, *, contact=None, participants=None, **kwargs):
    return registration_create(
        event=event,
        contact=contact or ContactInput(name="Ayşe Yılmaz", email="ayse@example.org"),
        participants=participants
        if participants is not None
        else [ParticipantInput(name="Mia", age=7)],
        consent_privacy=kwargs.pop("consent_privacy", True),
        **kwargs,
    )


def refused_input(event: Event, **kwargs) -> dict[str, list[str]]:
    before = rows()
    with pytest.raises(ValidationError) as err:
        create(event, **kwargs)
    assert rows() == before
    assert mail.outbox == []
    return error_codes(err.value)


def subjects() -> list[tuple[list[str], str]]:
    return [(message.to, message.subject) for message in mail.outbox]


# --- seats: confirmed or waiting, as a whole party -----------------------------------


def test_a_party_that_fits_is_confirmed_with_all_its_seats():
    event = open_event(capacity=4)

    result = register(event, 7, 36, email="ayse@example.org", name="Ayşe Yılmaz")

    registration = result.registration
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.confirmed_at is not None
    assert (result.seats, result.waitlist_position, result.household_is_new) == (
        2,
        None,
        True,
    )
    assert [
        (p.name, p.age, p.takes_seat, p.photo_consent)
        for p in registration.participants.all()
    ] == [("Kind1", 7, True, False), ("Erw2", 36, True, False)]
    assert (registration.household.email, registration.household.name) == (
        "ayse@example.org",
        "Ayşe Yılmaz",
    )
    assert registration.consent_privacy_version == PRIVACY_NOTICE_VERSION
    assert registration.consent_privacy_text == privacy_notice_text()
    assert seats(event) == 2


def test_a_party_that_does_not_fit_waits_as_a_whole_and_takes_no_seat():
    event = open_event(capacity=3)
    first = register(event, 5, 36)

    second = register(event, 7, 9)

    assert second.registration.status == Registration.Status.WAITLISTED
    assert second.registration.confirmed_at is None
    assert (second.seats, second.waitlist_position) == (2, 1)
    assert seats(event) == 2  # not one of the two: all or nothing
    assert statuses(first, second) == ["confirmed", "waitlisted"]


def test_a_party_that_fits_the_last_seats_is_confirmed_while_a_larger_one_waits():
    # The skip rule seen from a new arrival: it fits, so it gets the seat.
    event = open_event(capacity=3)
    register(event, 5, 36)
    waiting = register(event, 7, 9)

    small = register(event, 4)

    assert small.registration.status == Registration.Status.CONFIRMED
    assert seats(event) == 3
    assert positions(waiting) == [1]


def test_a_party_exactly_as_large_as_the_free_seats_is_confirmed():
    event = open_event(capacity=3)

    result = register(event, 4, 6, 36)

    assert result.registration.status == Registration.Status.CONFIRMED
    assert seats(event) == 3


def test_capacity_zero_puts_everyone_on_the_waiting_list():
    event = open_event(capacity=0)

    result = register(event, 6)

    assert (result.registration.status, result.waitlist_position) == ("waitlisted", 1)


def test_accompanying_adults_take_no_seat_when_the_event_says_so():
    event = open_event(capacity=2, adults_take_seats=False)

    result = register(event, 5, 35, 40)

    assert result.seats == 1
    assert [p.takes_seat for p in result.registration.participants.all()] == [
        True,
        False,
        False,
    ]
    assert seats(event) == 1
    # The second party's child still fits: the adults held no seats.
    assert register(event, 8, 41).registration.status == "confirmed"
    assert seats(event) == 2


def test_adults_take_seats_by_default():
    event = open_event(capacity=2)

    first = register(event, 5, 35)
    second = register(event, 8)

    assert (first.seats, seats(event)) == (2, 2)
    assert status(second) == "waitlisted"


def test_waiting_positions_follow_arrival_and_close_up_when_one_leaves():
    event = open_event(capacity=1)
    register(event, 6)
    b, c, d = register(event, 7), register(event, 8), register(event, 9)

    assert [b.waitlist_position, c.waitlist_position, d.waitlist_position] == [1, 2, 3]

    registration_cancel(registration=b.registration)

    assert positions(b, c, d) == [None, 1, 2]
    assert seats(event) == 1  # a waiting party leaving frees nothing


def test_a_cancelled_household_may_register_again():
    event = open_event(capacity=5)
    first = register(event, 6, email="mia@example.org")
    registration_cancel(registration=first.registration)

    again = register(event, 6, 35, email="mia@example.org")

    assert again.household_is_new is False
    assert again.registration.household_id == first.registration.household_id
    assert statuses(first, again) == ["cancelled", "confirmed"]
    assert seats(event) == 2


def test_a_household_is_recognised_by_its_email_across_events():
    one, two = open_event(), open_event(starts_at=at(1, 10), ends_at=at(1, 12))

    first = register(one, 6, email="Familie.Yilmaz@Example.org")
    second = register(two, 6, email="familie.yilmaz@example.org")

    assert (first.household_is_new, second.household_is_new) == (True, False)
    assert Household.objects.count() == 1
    assert Household.objects.get().email == "Familie.Yilmaz@Example.org"


# --- promotion from the waiting list --------------------------------------------------


def test_a_cancellation_promotes_waiting_parties_in_order_of_arrival(
    django_capture_on_commit_callbacks,
):
    event = open_event(capacity=2)
    full = register(event, 6, 36)
    b, c, d = register(event, 7), register(event, 8), register(event, 9)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=full.registration)

    assert statuses(full, b, c, d) == [
        "cancelled",
        "confirmed",
        "confirmed",
        "waitlisted",
    ]
    assert positions(d) == [1]
    assert seats(event) == 2
    assert b.registration.confirmed_at is not None
    assert [to for to, _subject in subjects()] == [
        [full.registration.household.email],  # the cancellation
        [b.registration.household.email],  # promoted
        [c.registration.household.email],  # promoted
    ]


def test_promotion_skips_a_party_that_does_not_fit_and_keeps_its_place():
    event = open_event(capacity=3)
    a = register(event, 6, 36)
    x = register(event, 7)
    big = register(event, 5, 8, 38)  # 3 seats
    pair = register(event, 9, 40)  # 2 seats
    single = register(event, 10)  # 1 seat
    assert positions(big, pair, single) == [1, 2, 3]

    registration_cancel(registration=a.registration)  # 2 seats free

    assert statuses(big, pair, single) == ["waitlisted", "confirmed", "waitlisted"]
    assert positions(big, single) == [1, 2]
    assert seats(event) == 3

    registration_cancel(registration=x.registration)  # 1 seat free

    assert statuses(big, single) == ["waitlisted", "confirmed"]
    assert positions(big) == [1]
    assert seats(event) == 3


def test_cancelling_one_participant_promotes_the_next_party(
    django_capture_on_commit_callbacks,
):
    event = open_event(capacity=2)
    family = register(event, 7, 8)
    waiting = register(event, 9)
    mail.outbox.clear()
    child = family.registration.participants.get(name="Kind1")

    with django_capture_on_commit_callbacks(execute=True):
        participant_cancel(participant=child)

    child.refresh_from_db()
    assert child.cancelled_at is not None
    assert statuses(family, waiting) == ["confirmed", "confirmed"]
    assert [
        p.name
        for p in family.registration.participants.filter(cancelled_at__isnull=True)
    ] == ["Kind2"]
    assert seats(event) == 2
    # The waiting party hears of its promotion, the family of who left.
    assert sorted(to for to, _subject in subjects()) == [
        [family.registration.household.email],
        [waiting.registration.household.email],
    ]


def test_cancelling_a_companion_who_takes_no_seat_promotes_nobody():
    event = open_event(capacity=1, adults_take_seats=False)
    family = register(event, 7, 35, 38)
    waiting = register(event, 9)

    participant_cancel(participant=family.registration.participants.get(name="Erw3"))

    assert statuses(family, waiting) == ["confirmed", "waitlisted"]
    assert seats(event) == 1


def test_a_waiting_party_that_shrinks_until_it_fits_is_promoted():
    event = open_event(capacity=3)
    register(event, 6, 36)
    waiting = register(event, 7, 9)  # 2 seats, 1 free
    assert status(waiting) == "waitlisted"

    registration = participant_cancel(
        participant=waiting.registration.participants.get(name="Kind2")
    )

    assert registration.status == "confirmed"
    assert status(waiting) == "confirmed"
    assert seats(event) == 3


def test_cancelling_the_last_participant_cancels_the_registration():
    event = open_event(capacity=1)
    single = register(event, 7)
    waiting = register(event, 8)

    registration = participant_cancel(
        participant=single.registration.participants.get()
    )

    assert registration.status == "cancelled"
    assert statuses(single, waiting) == ["cancelled", "confirmed"]


def test_the_last_adult_of_a_party_that_needs_one_cannot_be_cancelled_alone():
    event = open_event(capacity=5, adult_required_under=8)
    family = register(event, 5, 35)
    adult = family.registration.participants.get(name="Erw2")

    with pytest.raises(ValidationError) as err:
        participant_cancel(participant=adult)

    assert error_codes(err.value) == {"__all__": ["adult_required"]}
    adult.refresh_from_db()
    assert adult.cancelled_at is None
    assert seats(event) == 2


def test_companions_cannot_stay_without_a_child_who_takes_a_seat():
    event = open_event(capacity=5, adults_take_seats=False)
    family = register(event, 5, 35)
    child = family.registration.participants.get(name="Kind1")

    with pytest.raises(ValidationError) as err:
        participant_cancel(participant=child)

    assert error_codes(err.value) == {"__all__": ["child_required"]}
    child.refresh_from_db()
    assert child.cancelled_at is None
    assert seats(event) == 1


def test_cancelling_twice_changes_nothing_and_promotes_once(
    django_capture_on_commit_callbacks,
):
    event = open_event(capacity=1)
    single = register(event, 7)
    b, c = register(event, 8), register(event, 9)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=single.registration)
        registration_cancel(registration=single.registration)

    assert statuses(single, b, c) == ["cancelled", "confirmed", "waitlisted"]
    assert len(mail.outbox) == 2  # one cancellation, one promotion


def test_raising_the_capacity_promotes_with_the_skip_rule(
    django_capture_on_commit_callbacks,
):
    event = open_event(capacity=2)
    register(event, 6, 36)
    big = register(event, 5, 8, 38)  # 3 seats
    single = register(event, 10)  # 1 seat
    pair = register(event, 9, 40)  # 2 seats
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        event_services.event_update(event=event, capacity=4)  # 2 seats more

    # big (3) does not fit and is skipped; single (1) moves up; pair (2) > 1 free.
    assert statuses(big, single, pair) == ["waitlisted", "confirmed", "waitlisted"]
    assert positions(big, pair) == [1, 2]
    assert [to for to, _subject in subjects()] == [
        [single.registration.household.email]
    ]

    event_services.event_update(event=event, capacity=5)  # 2 free: big still waits

    assert statuses(big, pair) == ["waitlisted", "confirmed"]
    assert positions(big) == [1]

    event_services.event_update(event=event, capacity=8)

    assert statuses(big) == ["confirmed"]
    assert seats(event) == 8


def test_lowering_the_capacity_moves_nobody_back():
    event = open_event(capacity=4)
    first = register(event, 6, 36)
    second = register(event, 7, 37)

    event_services.event_update(event=event, capacity=2)

    assert statuses(first, second) == ["confirmed", "confirmed"]
    assert register(event, 8).registration.status == "waitlisted"


def test_a_change_of_title_does_not_touch_the_waiting_list():
    event = open_event(capacity=1)
    register(event, 6)
    waiting = register(event, 7)
    Event.objects.filter(pk=event.pk).update(capacity=2)  # behind the services' back
    event.refresh_from_db()

    event_services.event_update(event=event, title="Trommeln für alle")

    assert status(waiting) == "waitlisted"


# --- eligibility --------------------------------------------------------------------


def test_a_party_larger_than_the_events_limit_is_refused():
    event = open_event(capacity=20, max_party_size=3)

    assert refused(event, 5, 6, 7, 38) == {"__all__": ["party_too_large"]}
    assert register(event, 5, 6, 38).registration.status == "confirmed"


def test_an_absurd_party_is_refused_before_anything_else():
    event = open_event(capacity=100, max_party_size=50)

    assert refused(event, *([30] * 51)) == {"participants": ["party_too_large"]}


@pytest.mark.parametrize(
    ("ages", "allowed"),
    [
        ((5,), False),  # below min_age
        ((6,), True),
        ((10,), True),
        ((11,), False),  # above max_age
        ((7, 11), False),  # one child outside the range refuses the party
        ((7, 35), True),  # adults are exempt
        ((7, 80), True),
        ((0, 35), False),
    ],
)
def test_the_age_range_applies_to_children(ages, allowed):
    event = open_event(capacity=10, min_age=6, max_age=10)

    if allowed:
        assert register(event, *ages).registration.status == "confirmed"
    else:
        assert refused(event, *ages) == {"__all__": ["age_not_allowed"]}


@pytest.mark.parametrize(
    ("ages", "allowed"),
    [((17,), False), ((18,), True), ((40,), True), ((16, 40), False)],
)
def test_at_adults_only_events_the_age_range_applies_to_everyone(ages, allowed):
    event = open_event(capacity=10, min_age=18)

    if allowed:
        assert register(event, *ages).registration.status == "confirmed"
    else:
        assert refused(event, *ages) == {"__all__": ["age_not_allowed"]}


def test_adults_only_events_check_the_maximum_age_of_adults_too():
    event = open_event(capacity=10, min_age=18, max_age=27)

    assert refused(event, 35) == {"__all__": ["age_not_allowed"]}
    assert register(event, 27).registration.status == "confirmed"


def test_young_children_need_an_accompanying_adult():
    event = open_event(capacity=10, adult_required_under=6)

    assert refused(event, 4) == {"__all__": ["adult_required"]}
    assert refused(event, 4, 12) == {"__all__": ["adult_required"]}  # 12 is no adult
    assert register(event, 4, 35).registration.status == "confirmed"
    assert register(event, 6).registration.status == "confirmed"


def test_a_party_of_companions_only_is_refused_where_adults_take_no_seat():
    event = open_event(capacity=10, adults_take_seats=False)

    assert refused(event, 35, 38) == {"__all__": ["child_required"]}
    assert register(event, 35, 38, 3).registration.status == "confirmed"


def test_registration_before_the_window_opens_is_refused():
    event = open_event(registration_opens_at=timezone.now() + dt.timedelta(days=1))

    assert refused(event, 6) == {"__all__": ["registration_not_open"]}


def test_registration_after_the_window_closes_is_refused():
    now = timezone.now()
    event = open_event(
        registration_opens_at=now - dt.timedelta(days=2),
        registration_closes_at=now - dt.timedelta(minutes=1),
    )

    assert refused(event, 6) == {"__all__": ["registration_closed"]}


def test_without_a_closing_time_registration_closes_when_the_event_starts():
    event = open_event()

    assert refused(event, 6, now=event.starts_at) == {
        "__all__": ["registration_closed"]
    }
    result = register(event, 6, now=event.starts_at - dt.timedelta(seconds=1))
    assert result.registration.status == "confirmed"


def test_organisers_may_register_outside_the_window_but_not_past_the_seats():
    event = open_event(
        capacity=1, registration_opens_at=timezone.now() + dt.timedelta(days=3)
    )

    first = register(event, 6, by_organiser=True)
    second = register(event, 7, by_organiser=True)

    assert statuses(first, second) == ["confirmed", "waitlisted"]


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Event.Status.DRAFT},
        {"capacity": None, "registration_opens_at": None},
    ],
    ids=["draft", "no-capacity"],
)
def test_events_that_take_no_registrations_refuse_them(fields):
    event = open_event(**fields)

    assert refused(event, 6) == {"__all__": ["registration_not_offered"]}


def test_a_cancelled_event_takes_no_registrations():
    event = open_event()
    event_services.event_cancel(event=event, reason="Sturmwarnung")

    assert refused(event, 6) == {"__all__": ["registration_not_offered"]}


def test_the_same_household_cannot_register_twice_for_one_event():
    event = open_event(capacity=10)
    register(event, 6, email="ayse@example.org")
    mail.outbox.clear()

    assert refused(event, 7, email="ayse@example.org") == {
        "__all__": ["already_registered"]
    }
    assert refused(event, 7, email="  AYSE@Example.ORG ") == {
        "__all__": ["already_registered"]
    }


def test_a_waiting_household_cannot_register_twice_either():
    event = open_event(capacity=0)
    register(event, 6, email="ayse@example.org")
    mail.outbox.clear()

    assert refused(event, 6, email="ayse@example.org") == {
        "__all__": ["already_registered"]
    }


@pytest.mark.parametrize("consent", [False, None, "yes", 1])
def test_privacy_consent_is_required_as_a_true_boolean(consent):
    event = open_event()

    assert refused(event, 6, consent_privacy=consent) == {
        "consent_privacy": ["consent_required"]
    }


# --- the registry's eligibility rules -----------------------------------------------


@pytest.fixture
def fsk12_rule():
    """A rule as the cinema would register it: FSK 12 films need everyone 12+
    (simplified), for events whose title says so."""
    seen = []

    def rule(event, participants):
        seen.append([(p.name, p.age) for p in participants])
        if "FSK 12" in event.title and any(p.age < 12 for p in participants):
            raise ValidationError("Erst ab 12 Jahren.", code="fsk_not_allowed")

    registry.register_eligibility_rule(rule)
    yield seen
    registry.unregister_eligibility_rule(rule)


def test_the_registrys_eligibility_rules_are_applied(fsk12_rule):
    film = open_event(title="Kinowoche: Die Wolke (FSK 12)")

    assert refused(film, 9, 38) == {"__all__": ["fsk_not_allowed"]}
    assert register(film, 12, 38).registration.status == "confirmed"
    # The rule gets the cleaned party.
    assert fsk12_rule == [[("Kind1", 9), ("Erw2", 38)], [("Kind1", 12), ("Erw2", 38)]]


def test_the_registrys_rules_run_after_the_cores_own(fsk12_rule):
    film = open_event(title="Kinowoche: Die Wolke (FSK 12)", max_party_size=2)

    assert refused(film, 9, 10, 38) == {"__all__": ["party_too_large"]}
    assert fsk12_rule == []


# --- input --------------------------------------------------------------------------


def test_names_with_emoji_and_right_to_left_scripts_are_stored_exactly():
    event = open_event(capacity=10)
    names = ["محمد", "שירה", "Zoë 🦄", "👨‍👩‍👧", "Jürgen-Ömer"]

    result = create(
        event,
        contact=ContactInput(name="Ayşe Yılmaz 🌻", email="ayse@example.org"),
        participants=[ParticipantInput(name=n, age=7) for n in names],
    )

    registration = Registration.objects.get(pk=result.registration.pk)
    assert [p.name for p in registration.participants.all()] == names
    assert registration.household.name == "Ayşe Yılmaz 🌻"


def test_names_are_trimmed_and_their_inner_spaces_collapsed():
    event = open_event()

    result = create(
        event,
        contact=ContactInput(name="  Ayşe   Yılmaz ", email=" ayse@example.org "),
        participants=[ParticipantInput(name="  Mia  Sophie ", age=7)],
    )

    assert result.registration.household.name == "Ayşe Yılmaz"
    assert result.registration.household.email == "ayse@example.org"
    assert [p.name for p in result.registration.participants.all()] == ["Mia Sophie"]


@pytest.mark.parametrize(
    ("contact", "codes"),
    [
        (ContactInput(name="", email="a@example.org"), {"contact.name": ["required"]}),
        (
            ContactInput(name="   ", email="a@example.org"),
            {"contact.name": ["required"]},
        ),
        (
            ContactInput(name="A" * 10_000, email="a@example.org"),
            {"contact.name": ["too_long"]},
        ),
        (
            ContactInput(name="Ay\x00şe", email="a@example.org"),
            {"contact.name": ["invalid_characters"]},
        ),
        (ContactInput(name="Ayşe", email=""), {"contact.email": ["email_invalid"]}),
        (
            ContactInput(name="Ayşe", email="ayse.example.org"),
            {"contact.email": ["email_invalid"]},
        ),
        (
            ContactInput(name="Ayşe", email="ayse@"),
            {"contact.email": ["email_invalid"]},
        ),
        (
            # Valid for validate_email (up to 320), too long for the column (254).
            ContactInput(
                name="Ayşe", email=f"{'a' * 64}@{'b' * 63}.{'c' * 63}.{'d' * 58}.org"
            ),
            {"contact.email": ["email_invalid"]},
        ),
        (ContactInput(name="Ayşe", email=None), {"contact.email": ["email_invalid"]}),
        (
            ContactInput(name="Ayşe", email="a@example.org", phone="0171 123; DROP"),
            {"contact.phone": ["phone_invalid"]},
        ),
        (
            ContactInput(name="Ayşe", email="a@example.org", phone="1" * 41),
            {"contact.phone": ["phone_invalid"]},
        ),
    ],
    ids=[
        "name-empty",
        "name-blank",
        "name-10000",
        "name-nul",
        "email-empty",
        "email-no-at",
        "email-no-domain",
        "email-255",
        "email-none",
        "phone-letters",
        "phone-41",
    ],
)
def test_bad_contacts_are_refused_with_a_field_and_code(contact, codes):
    assert refused_input(open_event(), contact=contact) == codes


def test_a_254_character_email_and_a_formatted_phone_are_fine():
    email = f"{'a' * 64}@{'b' * 63}.{'c' * 63}.{'d' * 57}.org"
    assert len(email) == 254

    result = create(
        open_event(),
        contact=ContactInput(name="Ayşe", email=email, phone="+49 (0)171 / 123-45"),
    )

    assert (
        result.registration.household.email,
        result.registration.household.phone,
    ) == (
        email,
        "+49 (0)171 / 123-45",
    )


@pytest.mark.parametrize(
    ("participants", "codes"),
    [
        ([], {"participants": ["participants_required"]}),
        ([ParticipantInput(name="", age=7)], {"participants": ["required"]}),
        ([ParticipantInput(name="M" * 10_000, age=7)], {"participants": ["too_long"]}),
        ([ParticipantInput(name="M" * 81, age=7)], {"participants": ["too_long"]}),
        (
            [ParticipantInput(name="Mia\x07", age=7)],
            {"participants": ["invalid_characters"]},
        ),
        (
            [ParticipantInput(name="Mia\x1b[31m", age=7)],
            {"participants": ["invalid_characters"]},
        ),
        ([ParticipantInput(name=7, age=7)], {"participants": ["invalid"]}),
        ([ParticipantInput(name="Mia", age=-1)], {"participants": ["age_invalid"]}),
        ([ParticipantInput(name="Mia", age=121)], {"participants": ["age_invalid"]}),
        ([ParticipantInput(name="Mia", age="7")], {"participants": ["age_invalid"]}),
        ([ParticipantInput(name="Mia", age=True)], {"participants": ["age_invalid"]}),
        ([ParticipantInput(name="Mia", age=7.5)], {"participants": ["age_invalid"]}),
        ([ParticipantInput(name="Mia", age=None)], {"participants": ["age_invalid"]}),
    ],
    ids=[
        "none",
        "name-empty",
        "name-10000",
        "name-81",
        "name-bell",
        "name-escape",
        "name-not-text",
        "age-minus-1",
        "age-121",
        "age-string",
        "age-bool",
        "age-float",
        "age-none",
    ],
)
def test_bad_participants_are_refused_with_a_code(participants, codes):
    assert refused_input(open_event(), participants=participants) == codes


def test_ages_0_and_120_are_valid_input():
    event = open_event()

    result = create(
        event,
        participants=[ParticipantInput("Baby", 0), ParticipantInput("Uroma", 120)],
    )

    assert [p.age for p in result.registration.participants.all()] == [0, 120]


@pytest.mark.parametrize(
    ("needs", "needs_text", "codes"),
    [
        (["jetpack"], "", {"needs": ["needs_invalid"]}),
        (["wheelchair", "jetpack"], "", {"needs": ["needs_invalid"]}),
        (5, "", {"needs": ["needs_invalid"]}),
        ([], "x" * 501, {"needs_text": ["too_long"]}),
        ([], "vegan\x00", {"needs_text": ["invalid_characters"]}),
        ([], 42, {"needs_text": ["invalid"]}),
    ],
    ids=[
        "unknown",
        "one-unknown",
        "not-a-list",
        "text-501",
        "text-nul",
        "text-not-text",
    ],
)
def test_bad_needs_are_refused_with_a_code(needs, needs_text, codes):
    assert refused_input(open_event(), needs=needs, needs_text=needs_text) == codes


def test_needs_are_stored_deduplicated_in_a_fixed_order_with_their_text():
    result = create(
        open_event(),
        needs=["diet", "wheelchair", "diet"],
        needs_text="  vegetarisch,\nkeine Nüsse  ",
    )

    registration = Registration.objects.get(pk=result.registration.pk)
    assert registration.needs == ["wheelchair", "diet"]
    assert registration.needs_text == "vegetarisch,\nkeine Nüsse"


def test_input_is_checked_before_the_event_so_a_closed_event_reports_the_input():
    event = open_event(status=Event.Status.DRAFT)

    assert refused_input(event, participants=[]) == {
        "participants": ["participants_required"]
    }


# --- families hear about changes with the next programme release ------------------
# (planning.services.releases; the release mail is tested in test_release_mail.py)


def test_cancelling_an_event_mails_no_family_until_the_release(
    django_capture_on_commit_callbacks,
):
    event = open_event(capacity=1, title="Trommelworkshop")
    confirmed = register(event, 6, email="a@example.org", language="en")
    waiting = register(event, 7, email="b@example.org", language="en")
    gone = register(event, 8, email="c@example.org", language="en")
    registration_cancel(registration=gone.registration)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        event_services.event_cancel(event=event, reason="Die Halle ist gesperrt.")

    assert mail.outbox == []
    # The registrations stay as they were: the organisers' list shows who is told.
    assert statuses(confirmed, waiting, gone) == [
        "confirmed",
        "waitlisted",
        "cancelled",
    ]


@pytest.mark.parametrize(
    "change",
    [
        {"starts_at": at(0, 14), "ends_at": at(0, 16)},
        {"ends_at": at(0, 13)},
        {"venue": "other"},
    ],
    ids=["time", "end", "venue"],
)
def test_a_new_time_or_place_mails_no_family_until_the_release(
    change, django_capture_on_commit_callbacks
):
    event = open_event(capacity=1, title="Trommelworkshop")
    register(event, 6, email="a@example.org", language="en")
    register(event, 7, email="b@example.org", language="de")
    mail.outbox.clear()
    if change.get("venue") == "other":
        change = {"venue": VenueFactory(name="Bürgerhaus")}

    with django_capture_on_commit_callbacks(execute=True):
        event_services.event_update(event=event, **change)

    assert mail.outbox == []


def test_other_changes_send_no_mail(django_capture_on_commit_callbacks):
    event = open_event(capacity=3, title="Trommelworkshop")
    register(event, 6)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        event_services.event_update(
            event=event, title="Trommeln für alle", summary="Neu", capacity=4
        )

    assert mail.outbox == []


# --- modules' rules across a household's week ---------------------------------------


def test_a_household_rule_sees_the_households_other_active_events():
    first = open_event(capacity=5, title="Workshop A")
    second = open_event(capacity=5, title="Workshop B")
    cancelled = open_event(capacity=5, title="Workshop C")
    register(first, 30, email="lehrerin@example.org")
    gone = register(cancelled, 30, email="lehrerin@example.org")
    registration_cancel(registration=gone.registration)
    seen = []

    def one_workshop_only(event, held_events):
        seen.append((event.title, sorted(e.title for e in held_events)))
        if held_events:
            raise ValidationError("Only one workshop.", code="one_workshop")

    registry.register_household_rule(one_workshop_only)
    try:
        with pytest.raises(ValidationError) as err:
            register(second, 30, email="lehrerin@example.org")
        register(second, 30, email="other@example.org")
    finally:
        registry.unregister_household_rule(one_workshop_only)

    assert err.value.code == "one_workshop"
    assert seen == [("Workshop B", ["Workshop A"]), ("Workshop B", [])]
    assert Registration.objects.filter(event=second).count() == 1
