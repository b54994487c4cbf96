"""Factories for volunteers. Shifts default to festival day 0, 09:00–13:00 at one
venue; assignments are made through the service so the rules hold."""

import datetime as dt

import factory

from tests.events.factories import FestivalFactory, VenueFactory, at
from volunteers import services
from volunteers.models import (
    AgeGroup,
    Qualification,
    QualificationKind,
    Role,
    Shift,
    Volunteer,
)


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    festival = factory.SubFactory(FestivalFactory)
    name = factory.Sequence(lambda n: f"Aufgabe {n}")
    slug = factory.Sequence(lambda n: f"aufgabe-{n}")
    min_age = 13
    required_qualifications = factory.LazyFunction(list)


class ShiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shift

    role = factory.SubFactory(RoleFactory)
    venue = factory.SubFactory(VenueFactory)
    starts_at = factory.LazyFunction(lambda: at(0, 9))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=4))
    needed = 2


class VolunteerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Volunteer

    festival = factory.SubFactory(FestivalFactory)
    name = factory.Sequence(lambda n: f"Helferin {n}")
    email = factory.Sequence(lambda n: f"helfer{n}@example.org")
    phone = "0151 2345678"
    age_group = AgeGroup.ADULT

    class Params:
        minor = factory.Trait(
            age_group=AgeGroup.YOUTH,
            guardian_name="Petra Muster",
            guardian_contact="0171 555 1234",
            guardian_consent_at=factory.LazyFunction(
                lambda: dt.datetime(2027, 5, 1, tzinfo=dt.UTC)
            ),
        )
        child = factory.Trait(
            age_group=AgeGroup.CHILD,
            guardian_name="Petra Muster",
            guardian_contact="0171 555 1234",
            guardian_consent_at=factory.LazyFunction(
                lambda: dt.datetime(2027, 5, 1, tzinfo=dt.UTC)
            ),
        )


class QualificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Qualification

    volunteer = factory.SubFactory(VolunteerFactory)
    kind = QualificationKind.POLICE_CERTIFICATE
    issued_on = dt.date(2025, 3, 1)
    sighted_on = dt.date(2025, 3, 10)
    sighted_by = "Sabine Koordination"


# Before the festival: signing up for shifts on festival day 0 is in the future.
BEFORE = at(-30, 12)


def assign(shift: Shift, volunteer: Volunteer | None = None, **kwargs):
    """Put a volunteer (a new one by default) on a shift through the service."""
    volunteer = volunteer or VolunteerFactory(festival=shift.role.festival)
    return services.assignment_create(
        shift=shift, volunteer=volunteer, now=kwargs.pop("now", BEFORE), **kwargs
    )
