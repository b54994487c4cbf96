"""What the database itself holds for volunteers, even for a writer that skips the
services: each constraint refuses a bad row and lets a good one through."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.events.factories import FestivalFactory, VenueFactory, at
from tests.volunteers.factories import (
    QualificationFactory,
    RoleFactory,
    ShiftFactory,
    VolunteerFactory,
)
from volunteers.models import (
    Assignment,
    DigestLog,
    Role,
    Shift,
    Volunteer,
    VolunteerPolicy,
)

pytestmark = pytest.mark.django_db


def refused(make) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_a_shift_ends_after_it_starts():
    role, venue = RoleFactory(), VenueFactory()

    refused(
        lambda: Shift.objects.create(
            role=role, venue=venue, starts_at=at(0, 9), ends_at=at(0, 9), needed=1
        )
    )
    Shift.objects.create(
        role=role, venue=venue, starts_at=at(0, 22), ends_at=at(1, 2), needed=1
    )


def test_a_shift_needs_someone():
    refused(lambda: ShiftFactory(needed=0))


def test_a_role_is_for_13_or_older_and_its_slug_unique_per_festival():
    festival = FestivalFactory()
    refused(lambda: RoleFactory(festival=festival, min_age=12))
    Role.objects.create(festival=festival, name="Einlass", slug="einlass")
    refused(
        lambda: Role.objects.create(festival=festival, name="Einlass 2", slug="einlass")
    )
    other = FestivalFactory(slug="andere", name="Andere")
    Role.objects.create(festival=other, name="Einlass", slug="einlass")


def test_an_address_once_per_festival_whatever_its_case_until_erased():
    first = VolunteerFactory(email="Ayse@Example.org")

    refused(lambda: VolunteerFactory(email="ayse@example.org"))
    Volunteer.objects.filter(pk=first.pk).update(erased_at=timezone.now())
    VolunteerFactory(email="ayse@example.org")


def test_a_minor_needs_a_guardians_consent_on_record():
    refused(lambda: VolunteerFactory(age_group="16_17"))
    refused(
        lambda: VolunteerFactory(
            age_group="13_15",
            guardian_name="Petra Muster",
            guardian_contact="",
            guardian_consent_at=timezone.now(),
        )
    )
    VolunteerFactory(minor=True)
    VolunteerFactory(child=True)


def test_an_erased_minor_keeps_no_guardian():
    volunteer = VolunteerFactory(minor=True)

    Volunteer.objects.filter(pk=volunteer.pk).update(
        erased_at=timezone.now(),
        guardian_name="",
        guardian_contact="",
        guardian_consent_at=None,
    )


def test_a_police_certificate_is_recorded_as_sighted():
    refused(lambda: QualificationFactory(sighted_on=None))
    refused(lambda: QualificationFactory(sighted_by=""))
    QualificationFactory(kind="first_aid", sighted_on=None, sighted_by="")


def test_a_juleica_has_an_end_after_its_issue():
    refused(lambda: QualificationFactory(kind="juleica", valid_until=None))
    refused(
        lambda: QualificationFactory(
            kind="juleica",
            issued_on=dt.date(2026, 1, 1),
            valid_until=dt.date(2025, 12, 31),
        )
    )
    QualificationFactory(
        kind="juleica", issued_on=dt.date(2026, 1, 1), valid_until=dt.date(2026, 1, 1)
    )


def test_one_active_assignment_per_person_and_shift():
    shift = ShiftFactory()
    volunteer = VolunteerFactory()
    first = Assignment.objects.create(shift=shift, volunteer=volunteer)

    refused(lambda: Assignment.objects.create(shift=shift, volunteer=volunteer))
    Assignment.objects.filter(pk=first.pk).update(withdrawn_at=timezone.now())
    Assignment.objects.create(shift=shift, volunteer=volunteer)
    assert shift.assignments.count() == 2
    assert shift.assignments.active().count() == 1


def test_the_youth_windows_start_before_they_end():
    festival = FestivalFactory()

    refused(
        lambda: VolunteerPolicy.objects.create(
            festival=festival, youth_earliest=dt.time(20), youth_latest=dt.time(6)
        )
    )
    refused(
        lambda: VolunteerPolicy.objects.create(
            festival=festival, child_earliest=dt.time(18), child_latest=dt.time(18)
        )
    )
    policy = VolunteerPolicy.objects.create(festival=festival)
    assert (
        policy.travel_buffer_minutes,
        policy.adult_daily_max_minutes,
        policy.youth_daily_max_minutes,
        policy.child_daily_max_minutes,
        policy.withdraw_deadline_hours,
        policy.police_certificate_years,
        policy.first_aid_years,
        policy.hygiene_years,
        policy.reminder_time,
        policy.digest_days_before,
    ) == (15, 600, 480, 120, 24, 5, 2, None, dt.time(17), 14)
    assert (policy.youth_earliest, policy.youth_latest) == (dt.time(6), dt.time(20))
    assert (policy.child_earliest, policy.child_latest) == (dt.time(8), dt.time(18))


def test_a_digest_once_per_festival_and_day():
    festival = FestivalFactory()
    DigestLog.objects.create(festival=festival, day=dt.date(2027, 6, 1))

    refused(
        lambda: DigestLog.objects.create(festival=festival, day=dt.date(2027, 6, 1))
    )
    DigestLog.objects.create(festival=festival, day=dt.date(2027, 6, 2))


def test_tokens_are_long_and_unique():
    tokens = {VolunteerFactory().token for _ in range(20)}

    assert len(tokens) == 20
    assert min(len(t) for t in tokens) >= 43
