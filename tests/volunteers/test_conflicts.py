"""The volunteers' problems on the planners' to-do list, through the core's registry."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from events.registry import registry
from events.selectors import Conflict
from tests.events.factories import (
    EventFactory,
    FestivalFactory,
    SubEventFactory,
    VenueFactory,
    at,
)
from tests.volunteers.factories import (
    BEFORE,
    QualificationFactory,
    RoleFactory,
    ShiftFactory,
    VolunteerFactory,
    assign,
)
from volunteers import conflicts
from volunteers.models import Assignment, QualificationKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def festival():
    return FestivalFactory()


def shift_url(shift) -> str:
    return reverse("volunteers-orga:shift", kwargs={"pk": shift.pk})


def test_the_app_registers_its_providers():
    mine = [
        p for p in registry.conflict_providers if p.__module__ == conflicts.__name__
    ]
    assert mine == [
        conflicts.qualification_conflicts,
        conflicts.understaffed_shift_conflicts,
        conflicts.assignment_rule_conflicts,
    ]


def test_upcoming_understaffed_shifts_are_listed_with_their_sub_event(festival):
    kino = SubEventFactory(festival=festival)
    film = EventFactory(sub_event=kino, starts_at=at(1, 15), ends_at=at(1, 17))
    hall = VenueFactory(name="Stadthalle")
    role = RoleFactory(festival=festival, name="Einlass")
    short = ShiftFactory(
        role=role, venue=hall, event=film, starts_at=at(1, 14), needed=3
    )
    assign(short)
    full = ShiftFactory(role=role, venue=hall, starts_at=at(2, 9), needed=1)
    assign(full)
    own = ShiftFactory(
        role=role, venue=hall, sub_event=kino, starts_at=at(3, 9), needed=1
    )
    ShiftFactory(role=role, venue=hall, starts_at=at(-3, 9), needed=1)  # past

    with translation.override("en"):
        found = conflicts.understaffed_shift_conflicts(festival, now=at(-1, 12))

    assert found == [
        Conflict(
            kind="shift_understaffed",
            message="Einlass at Stadthalle on Tue, 15.06. 14:00: 1 of 3 places filled.",
            event_ids=(film.pk,),
            fix_url=shift_url(short),
            severity="medium",
            fix_label="Open the shift",
            sub_event_ids=(kino.pk,),
        ),
        Conflict(
            kind="shift_understaffed",
            message="Einlass at Stadthalle on Thu, 17.06. 09:00: 0 of 1 places filled.",
            event_ids=(),
            fix_url=shift_url(own),
            severity="medium",
            fix_label="Open the shift",
            sub_event_ids=(kino.pk,),
        ),
    ]


def test_a_missing_or_expired_qualification_before_a_shift_is_listed(festival):
    role = RoleFactory(festival=festival, name="Kinderbetreuung")
    shift = ShiftFactory(role=role, starts_at=at(0, 9), needed=3)
    anna = VolunteerFactory(festival=festival, name="Anna")
    ben = VolunteerFactory(festival=festival, name="Ben")
    cleo = VolunteerFactory(festival=festival, name="Cleo")
    # Five years from issue: Ben's certificate ends before the festival.
    QualificationFactory(volunteer=ben, issued_on=dt.date(2022, 6, 1))
    QualificationFactory(volunteer=cleo, issued_on=dt.date(2025, 6, 1))
    for person in (anna, ben, cleo):
        assign(shift, person)
    role.required_qualifications = [QualificationKind.POLICE_CERTIFICATE]
    role.save()

    with translation.override("en"):
        found = conflicts.qualification_conflicts(festival, now=BEFORE)
        later = conflicts.qualification_conflicts(festival, now=at(0, 10))

    assert [(c.kind, c.message, c.fix_url, c.severity) for c in found] == [
        (
            "qualification",
            "Anna has no Extended police certificate (§72a) for the shift "
            "Kinderbetreuung, Mon, 14.06. 09:00.",
            reverse("volunteers-orga:volunteer", kwargs={"pk": anna.pk}),
            "high",
        ),
        (
            "qualification",
            "Ben's Extended police certificate (§72a) is not valid on the day of "
            "the shift Kinderbetreuung, Mon, 14.06. 09:00.",
            reverse("volunteers-orga:volunteer", kwargs={"pk": ben.pk}),
            "high",
        ),
    ]
    assert later == []  # the shift has begun: nothing left to fix


def test_other_broken_rules_are_listed_once_without_the_qualifications(festival):
    role = RoleFactory(festival=festival, name="Aufbau")
    first = ShiftFactory(role=role, starts_at=at(0, 9), ends_at=at(0, 12))
    second = ShiftFactory(
        role=role, venue=first.venue, starts_at=at(0, 13), ends_at=at(0, 16)
    )
    dora = VolunteerFactory(festival=festival, name="Dora")
    assign(first, dora)
    assign(second, dora)
    second.starts_at = at(0, 11)
    second.save()
    role.required_qualifications = [QualificationKind.FIRST_AID]
    role.save()

    with translation.override("en"):
        found = conflicts.assignment_rule_conflicts(festival, now=BEFORE)

    assert [(c.kind, c.fix_url) for c in found] == [
        ("assignment_rule", shift_url(first)),
        ("assignment_rule", shift_url(second)),
    ]
    assert found[0].message == (
        "Dora on Aufbau, Mon, 14.06. 09:00: You already help then: Aufbau, 11:00–16:00."
    )


@pytest.mark.parametrize("count", [2, 8])
def test_each_provider_costs_a_fixed_number_of_queries(
    festival, count, django_assert_num_queries
):
    role = RoleFactory(festival=festival)
    for n in range(count):
        shift = ShiftFactory(role=role, starts_at=at(n % 7, 8 + n), needed=2)
        assign(shift)
    role.required_qualifications = [QualificationKind.FIRST_AID]
    role.save()
    first = ShiftFactory(role=role, starts_at=at(0, 6), ends_at=at(0, 20), needed=1)
    # Fourteen hours in a day, written past the service (as after a change).
    first_volunteer = VolunteerFactory(festival=festival, name="Zoe")
    Assignment.objects.create(shift=first, volunteer=first_volunteer)
    festival.refresh_from_db()

    with django_assert_num_queries(2):  # shifts, their sub-events
        assert len(conflicts.understaffed_shift_conflicts(festival, now=BEFORE)) == (
            count
        )
    festival.refresh_from_db()
    with django_assert_num_queries(5):  # rules, people, shown, shifts, sub-events
        assert len(conflicts.qualification_conflicts(festival, now=BEFORE)) == (
            count + 1
        )
    festival.refresh_from_db()
    with django_assert_num_queries(4):  # rules, assignments, shown, sub-events
        found = conflicts.assignment_rule_conflicts(festival, now=BEFORE)
    assert [(c.kind, c.fix_url) for c in found] == [
        ("assignment_rule", shift_url(first))
    ]
