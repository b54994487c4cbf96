"""Factories for the core model. Events are stored through events.services so that
their venue bookings exist exactly as in real use."""

import datetime as dt

import factory
from django.core.exceptions import ValidationError

from events import services
from events.models import BERLIN, Audience, Event, Festival, Partner, SubEvent, Venue

FESTIVAL_START = dt.date(2027, 6, 14)  # a Monday


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment on festival day `day` (0 = first day), Europe/Berlin."""
    date = FESTIVAL_START + dt.timedelta(days=day)
    return dt.datetime(date.year, date.month, date.day, hour, minute, tzinfo=BERLIN)


def error_codes(exc: ValidationError) -> dict[str, list[str]]:
    """A service's ValidationError as {field: [codes]}, for exact assertions."""
    if hasattr(exc, "error_dict"):
        return {
            field: [error.code for error in errors]
            for field, errors in exc.error_dict.items()
        }
    return {"__all__": [error.code for error in exc.error_list]}


class FestivalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Festival
        django_get_or_create = ["slug"]

    name = "Festwoche 20 Jahre Bündnis für Familie"
    slug = "festwoche"
    start_date = FESTIVAL_START
    end_date = FESTIVAL_START + dt.timedelta(days=6)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    sector = Partner.Sector.KITA
    contact_email = factory.Sequence(lambda n: f"partner{n}@example.org")


class SubEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubEvent

    festival = factory.SubFactory(FestivalFactory)
    name = factory.Sequence(lambda n: f"Teilveranstaltung {n}")
    slug = factory.Sequence(lambda n: f"teil-{n}")


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Ort {n}")
    slug = factory.Sequence(lambda n: f"ort-{n}")
    city = "Musterstadt"
    capacity = 200


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience

    name = factory.Sequence(lambda n: f"Publikum {n}")
    slug = factory.Sequence(lambda n: f"publikum-{n}")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    sub_event = factory.SubFactory(SubEventFactory)
    title = factory.Sequence(lambda n: f"Programmpunkt {n}")
    slug = factory.Sequence(lambda n: f"programmpunkt-{n}")
    venue = factory.SubFactory(VenueFactory)
    starts_at = factory.LazyFunction(lambda: at(0, 10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=1))
    status = Event.Status.PUBLISHED

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        audiences = kwargs.pop("audiences", None)
        host_partners = kwargs.pop("host_partners", None)
        return services.event_save(
            event=model_class(*args, **kwargs),
            audiences=audiences,
            host_partners=host_partners,
        )
