"""Factories for the conference module. Sessions' events are stored through the
core's services (venue bookings as in real use)."""

import factory

from events.models import SubEvent
from subevents.conference.models import (
    Criterion,
    Format,
    Session,
    Speaker,
    Submission,
    Track,
)
from tests.events.factories import EventFactory, SubEventFactory


class ConferenceFactory(SubEventFactory):
    name = "Bildungskonferenz"
    slug = factory.Sequence(lambda n: f"konferenz-{n}")
    kind = SubEvent.Kind.CONFERENCE


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    sub_event = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Track {n}")
    colour = "#1d4e89"


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Sprecherin {n}")
    organisation_text = "Kita Sonnenschein"


class SessionFactory(factory.django.DjangoModelFactory):
    """A session with its published event; pass `event` or event fields
    (`event__starts_at`, `event__sub_event`, ...)."""

    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    format = Format.WORKSHOP


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    sub_event = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Kriterium {n}")
    weight = 1


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    sub_event = factory.SubFactory(ConferenceFactory)
    name = "Anna Beispiel"
    organisation = "Kita Sonnenschein"
    email = factory.Sequence(lambda n: f"referentin{n}@example.org")
    title = factory.Sequence(lambda n: f"Vorschlag {n}")
    abstract = "Worum es geht."
    format = Format.WORKSHOP
    duration = 90
    audience = "professional"
