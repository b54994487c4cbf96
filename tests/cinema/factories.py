"""Factories for the cinema module: films, and screenings made through the
module's service so that their events are stored as in real use."""

import datetime as dt

import factory
from django.utils import timezone

from events.models import Event, SubEvent
from subevents.cinema.models import Film, Screening
from subevents.cinema.services import screening_create
from tests.events.factories import SubEventFactory, VenueFactory, at


class FilmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Film

    title = factory.Sequence(lambda n: f"Film {n}")
    slug = factory.Sequence(lambda n: f"film-{n}")
    runtime_minutes = 90
    fsk = Film.Rating.FSK_0
    language = "Deutsch"


def kinowoche(**kwargs) -> SubEvent:
    defaults = {"name": "Kinowoche", "slug": "kinowoche", "kind": SubEvent.Kind.CINEMA}
    defaults.update(kwargs)
    return SubEventFactory(**defaults)


def screening(
    film: Film | None = None,
    *,
    starts_at: dt.datetime | None = None,
    venue=None,
    sub_event: SubEvent | None = None,
    capacity: int | None = 50,
    **fields,
) -> Screening:
    """A published screening with registration open now (opened yesterday)."""
    fields.setdefault("status", Event.Status.PUBLISHED)
    if capacity is not None:
        fields.setdefault(
            "registration_opens_at", timezone.now() - dt.timedelta(days=1)
        )
    return screening_create(
        film=film or FilmFactory(),
        venue=venue or VenueFactory(),
        starts_at=starts_at or at(0, 15),
        sub_event=sub_event
        or SubEvent.objects.filter(slug="kinowoche").first()
        or kinowoche(),
        capacity=capacity,
        **fields,
    )
