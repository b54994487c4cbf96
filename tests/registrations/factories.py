"""Factories for registrations. Registrations are made through the service so that
seats, waiting list and e-mails behave as in real use."""

import datetime as dt

import factory

from events.models import Event
from registrations.models import Household
from registrations.services import ContactInput, ParticipantInput, registration_create
from tests.events.factories import EventFactory, at


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    email = factory.Sequence(lambda n: f"familie{n}@example.org")
    name = factory.Sequence(lambda n: f"Familie {n}")


def open_event(**kwargs) -> Event:
    """A published event with registration open now (window opened yesterday)."""
    from django.utils import timezone

    defaults = {
        "capacity": 10,
        "registration_opens_at": timezone.now() - dt.timedelta(days=1),
        "starts_at": at(0, 10),
        "ends_at": at(0, 12),
    }
    defaults.update(kwargs)
    return EventFactory(**defaults)


def register(event: Event, *ages: int, email: str | None = None, **kwargs):
    """Register a party with the given ages (first names Kind1.., Erw1..)."""
    register.counter += 1
    people = [
        ParticipantInput(name=f"{'Kind' if age < 18 else 'Erw'}{i}", age=age)
        for i, age in enumerate(ages, start=1)
    ]
    contact = ContactInput(
        name=kwargs.pop("name", f"Familie {register.counter}"),
        email=email or f"familie{register.counter}@example.org",
        language=kwargs.pop("language", ""),
    )
    return registration_create(
        event=event,
        contact=contact,
        participants=people,
        consent_privacy=kwargs.pop("consent_privacy", True),
        **kwargs,
    )


register.counter = 0
