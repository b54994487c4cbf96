"""What happens to shifts when an event they serve changes (a registry hook of the
core, called inside the transaction that changed the event)."""

from events.models import Event
from volunteers import notifications
from volunteers.selectors import shifts_with_counts

# A change of these moves the event (publishing or un-publishing does not matter to
# its shifts; cancelling does).
EVENT_MOVE_FIELDS = {"starts_at", "ends_at", "venue_id"}


def on_event_changed(event: Event, changed: set[str]) -> None:
    """Tell the coordinators when an event that shifts serve is moved or cancelled.

    The shifts and the people on them stay as they are: whether a set-up crew is
    still needed, or a steward's shift moves with the event, is the coordinators'
    decision, and moving people silently could break their other shifts.
    """
    cancelled = "status" in changed and event.status == Event.Status.CANCELLED
    if not cancelled and not changed & EVENT_MOVE_FIELDS:
        return
    shifts = list(shifts_with_counts(event.sub_event.festival).filter(event=event))
    if shifts:
        notifications.event_changed_for_shifts(event, shifts)
