"""Volunteers hear about a programme release: one e-mail per volunteer listing
their shifts at events that were moved or cancelled in the release.

The shifts themselves do not move with the event: the coordination decides and
gets in touch. The planning app calls in with plain data (events and the kind of
change as strings).
"""

from collections.abc import Iterable, Sequence
from itertools import groupby

from django.db.models import Count

from events.models import Event
from volunteers import notifications
from volunteers.models import Assignment

MOVED = "moved"
CANCELLED = "cancelled"


def _active(event_ids: Iterable[int]):
    return Assignment.objects.active().filter(
        shift__event_id__in=list(event_ids), volunteer__erased_at__isnull=True
    )


def volunteers_per_event(*, event_ids: Iterable[int]) -> dict[int, int]:
    """{event_id: volunteers with an active assignment on a shift of it}; 1 query."""
    rows = (
        _active(event_ids)
        .values("shift__event_id")
        .annotate(volunteers=Count("volunteer_id", distinct=True))
        .order_by()
    )
    return {row["shift__event_id"]: row["volunteers"] for row in rows}


def volunteers_count(*, event_ids: Iterable[int]) -> int:
    """How many volunteers have an active assignment at any of the events."""
    return _active(event_ids).values("volunteer_id").distinct().count()


def volunteers_notify_release(
    *, release_name: str, changes: Sequence[tuple[Event, str]]
) -> int:
    """Send ONE mail per volunteer with an active assignment on a shift of a moved
    or cancelled event, listing those shifts; returns the number of mails."""
    kinds = {event.pk: kind for event, kind in changes if kind in (MOVED, CANCELLED)}
    events = {event.pk: event for event, _kind in changes}
    assignments = (
        _active(kinds)
        .select_related(
            "volunteer", "shift__role", "shift__venue", "shift__coordinator"
        )
        .order_by("volunteer_id", "shift__starts_at", "pk")
    )
    sent = 0
    for _volunteer_id, own in groupby(assignments, key=lambda a: a.volunteer_id):
        own = list(own)
        for assignment in own:  # the event as the caller passed it, not reloaded
            assignment.shift.event = events[assignment.shift.event_id]
        notifications.release_changes(
            own[0].volunteer,
            release_name=release_name,
            items=[
                (assignment, kinds[assignment.shift.event_id] == CANCELLED)
                for assignment in own
            ],
        )
        sent += 1
    return sent
