"""Reads of registrations that pages, the API, feeds and lists share."""

from collections.abc import Iterable

from django.db.models import Count, Prefetch, QuerySet

from events.models import Event
from registrations.models import Household, Participant, Registration


def seats_taken(events: Iterable[Event]) -> dict[int, int]:
    """Seats held per event id by confirmed registrations, in one query.

    A seat is an active participant who takes one (accompanying adults may not).
    Registered with the core's registry as its seats provider.
    """
    ids = [event.pk for event in events]
    if not ids:
        return {}
    rows = (
        Participant.objects.filter(
            registration__event_id__in=ids,
            registration__status=Registration.Status.CONFIRMED,
            cancelled_at__isnull=True,
            takes_seat=True,
        )
        .values("registration__event_id")
        .annotate(seats=Count("id"))
        .order_by()
    )
    return {row["registration__event_id"]: row["seats"] for row in rows}


def _active_participants() -> Prefetch:
    return Prefetch(
        "participants",
        queryset=Participant.objects.filter(cancelled_at__isnull=True),
        to_attr="active_participants",
    )


def household_by_token(token: str) -> Household | None:
    return Household.objects.filter(token=token).first()


def registration_by_token(token: str) -> Registration | None:
    return (
        Registration.objects.select_related("household", "event__venue")
        .prefetch_related(_active_participants())
        .filter(token=token)
        .first()
    )


def household_registrations(household: Household) -> QuerySet[Registration]:
    """A household's registrations across the week, in programme order."""
    return (
        household.registrations.select_related("event__venue", "event__sub_event")
        .prefetch_related(_active_participants())
        .order_by("event__starts_at", "pk")
    )


def event_registrations(event: Event) -> QuerySet[Registration]:
    """All registrations of an event for the organisers' list: confirmed, waiting
    (in order), cancelled."""
    return (
        Registration.objects.filter(event=event)
        .select_related("household")
        .prefetch_related("participants")
        .order_by("status", "created_at", "pk")
    )
