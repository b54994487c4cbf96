"""Families hear about a programme release: one e-mail per household listing each
of its registrations whose event was moved or cancelled in the release.

The planning app decides what changed and calls in with plain data (events and
the kind of change as strings); this app knows nothing of releases otherwise.
"""

from collections.abc import Iterable, Sequence
from itertools import groupby

from django.db.models import Count

from events.models import Event
from registrations import notifications
from registrations.models import Registration

MOVED = "moved"
CANCELLED = "cancelled"


def _active(event_ids: Iterable[int]):
    return Registration.objects.active().filter(event_id__in=list(event_ids))


def households_per_event(*, event_ids: Iterable[int]) -> dict[int, int]:
    """{event_id: households with an active (confirmed or waiting) registration};
    one query."""
    rows = (
        _active(event_ids)
        .values("event_id")
        .annotate(households=Count("household_id", distinct=True))
        .order_by()
    )
    return {row["event_id"]: row["households"] for row in rows}


def households_count(*, event_ids: Iterable[int]) -> int:
    """How many households have an active registration for any of the events."""
    return _active(event_ids).values("household_id").distinct().count()


def households_notify_release(
    *, release_name: str, changes: Sequence[tuple[Event, str]]
) -> int:
    """Send ONE mail per household with an active registration for a moved or
    cancelled event, listing all its affected registrations; returns the number
    of mails. Registrations the family cancelled are left out."""
    kinds = {event.pk: kind for event, kind in changes if kind in (MOVED, CANCELLED)}
    events = {event.pk: event for event, _kind in changes}
    registrations = (
        _active(kinds)
        .select_related("household")
        .prefetch_related("participants")
        .order_by("household_id", "pk")
    )
    sent = 0
    for _household_id, own in groupby(registrations, key=lambda r: r.household_id):
        own = list(own)
        for registration in own:  # the event as the caller passed it, not reloaded
            registration.event = events[registration.event_id]
        own.sort(key=lambda r: (r.event.starts_at, r.event.title, r.pk))
        notifications.release_changes(
            own[0].household,
            release_name=release_name,
            items=[
                (registration, kinds[registration.event_id] == CANCELLED)
                for registration in own
            ],
        )
        sent += 1
    return sent
