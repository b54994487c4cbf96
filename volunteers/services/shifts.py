"""Shifts: create, change (the people on it are told), delete, and create many
from a template."""

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from events.audit import audit_record
from events.inputs import refuse
from events.models import Event, SubEvent, Venue
from volunteers import notifications, rules
from volunteers.models import (
    Role,
    Shift,
)


def _shift_check(shift: Shift) -> None:
    if shift.ends_at <= shift.starts_at:
        raise refuse(
            _("The shift must end after it starts."), "end_before_start", "ends_at"
        )
    if shift.ends_at - shift.starts_at > dt.timedelta(hours=24):
        raise refuse(
            _("A shift can last at most 24 hours."), "shift_too_long", "ends_at"
        )
    if not shift.needed or shift.needed < 1:
        raise refuse(
            _("A shift needs at least one person."), "needed_invalid", "needed"
        )
    if shift.event_id and not shift.sub_event_id:
        shift.sub_event_id = shift.event.sub_event_id


SHIFT_FIELDS = (
    "role",
    "starts_at",
    "ends_at",
    "venue",
    "event",
    "sub_event",
    "needed",
    "notes",
    "coordinator",
    "coordinator_phone",
)


# A change to one of these is news for the people on the shift.
SHIFT_NEWS_FIELDS = {"starts_at", "ends_at", "venue"}


@transaction.atomic
def shift_create(
    *,
    role: Role,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    venue: Venue,
    needed: int,
    event: Event | None = None,
    sub_event: SubEvent | None = None,
    notes: str = "",
    coordinator: AbstractBaseUser | None = None,
    coordinator_phone: str = "",
) -> Shift:
    shift = Shift(
        role=role,
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue,
        needed=needed,
        event=event,
        sub_event=sub_event,
        notes=notes,
        coordinator=coordinator,
        coordinator_phone=coordinator_phone,
    )
    _shift_check(shift)
    shift.save()
    audit_record(
        action="volunteers.shift_create",
        obj=shift,
        summary=f"{role.name}, {needed} needed",
    )
    return shift


@transaction.atomic
def shift_update(*, shift: Shift, **changes) -> Shift:
    """Change a shift; `needed` cannot drop below the people already on it. The
    people on it are told when its time or place changes."""
    unknown = set(changes) - set(SHIFT_FIELDS)
    if unknown:
        raise TypeError(f"shift_update got unknown fields {sorted(unknown)}")
    shift = Shift.objects.select_for_update().get(pk=shift.pk)
    before = {name: getattr(shift, name) for name in SHIFT_NEWS_FIELDS}
    # Compared by column (ids for relations): no query per related field.
    changed = sorted(
        name
        for name, value in changes.items()
        if getattr(shift, Shift._meta.get_field(name).attname)
        != getattr(value, "pk", value)
    )
    for name, value in changes.items():
        setattr(shift, name, value)
    _shift_check(shift)
    filled = shift.assignments.active().count()
    if shift.needed < filled:
        raise refuse(
            _(
                "%(filled)s people are already on this shift; unassign someone "
                "before lowering the number needed."
            )
            % {"filled": filled},
            "needed_below_filled",
            "needed",
        )
    moved = any(getattr(shift, name) != value for name, value in before.items())
    if moved:
        # Calendar apps replace an entry only when its SEQUENCE rises (RFC 5545).
        shift.sequence += 1
    shift.save()
    if changed:
        audit_record(
            action="volunteers.shift_update",
            obj=shift,
            summary=", ".join(changed),
        )
    if moved:
        assignments = list(shift.assignments.active().select_related("volunteer"))
        # A reminder of the old time is no reminder of the new one.
        shift.assignments.active().update(reminder_sent_at=None)
        for assignment in assignments:
            notifications.shift_changed(assignment)
    return shift


@transaction.atomic
def shift_delete(*, shift: Shift) -> None:
    """Delete a shift nobody works; refused while people are on it."""
    shift = Shift.objects.select_for_update().get(pk=shift.pk)
    if shift.assignments.active().exists():
        raise refuse(
            _("People are on this shift: unassign them first (they are told)."),
            "shift_has_volunteers",
        )
    audit_record(
        action="volunteers.shift_delete",
        obj=shift,
        summary=f"{shift.role.name}, {shift.needed} needed",
    )
    shift.delete()


@transaction.atomic
def shifts_create_from_template(
    *,
    role: Role,
    venue: Venue,
    days: list[dt.date],
    slots: list[tuple[dt.time, dt.time]],
    needed: int,
    event: Event | None = None,
    sub_event: SubEvent | None = None,
    notes: str = "",
    coordinator: AbstractBaseUser | None = None,
    coordinator_phone: str = "",
) -> list[Shift]:
    """ "Every day 9–13 and 13–17 at the Stadthalle": one shift per day and slot.

    A slot that ends at or before its start runs past midnight. Shifts that exist
    already (same role, venue and times) are skipped, so applying a template twice
    creates nothing new. Returns the shifts created.
    """
    if not days:
        raise refuse(_("Please choose at least one day."), "days_required", "days")
    if not slots:
        raise refuse(
            _("Please enter at least one time slot."), "slots_required", "slots"
        )
    created = []
    for day in sorted(set(days)):
        for start, end in slots:
            starts_at = rules.local_moment(day, start)
            end_day = day if end > start else day + dt.timedelta(days=1)
            ends_at = rules.local_moment(end_day, end)
            exists = Shift.objects.filter(
                role=role, venue=venue, starts_at=starts_at, ends_at=ends_at
            ).exists()
            if exists:
                continue
            created.append(
                shift_create(
                    role=role,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    venue=venue,
                    needed=needed,
                    event=event,
                    sub_event=sub_event,
                    notes=notes,
                    coordinator=coordinator,
                    coordinator_phone=coordinator_phone,
                )
            )
    return created
