"""The volunteers' problems on the planners' to-do list (registry conflict providers).

Each provider reuses the rules of volunteers.selectors — it reports, it never
decides anew — and costs a fixed number of queries however many shifts there are.
"""

import datetime as dt
from collections.abc import Iterable

from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from events.models import Festival
from events.selectors import Conflict
from volunteers.models import Shift
from volunteers.selectors import (
    assignment_conflicts,
    qualification_warnings,
    understaffed_shifts,
)

# Reported by qualification_conflicts; assignment_conflicts finds them too.
_QUALIFICATION_CODES = {"qualification_missing", "qualification_invalid"}


def _when(shift: Shift) -> str:
    return formats.date_format(timezone.localtime(shift.starts_at), "D, d.m. H:i")


def _sub_events_of(shift_ids: Iterable[int]) -> dict[int, tuple[int, ...]]:
    """The sub-event of each shift: its own, else its event's (one query)."""
    ids = set(shift_ids)
    if not ids:
        return {}
    rows = (
        Shift.objects.filter(pk__in=ids)
        .annotate(owner=Coalesce(F("sub_event_id"), F("event__sub_event_id")))
        .values_list("pk", "owner")
    )
    return {pk: ((owner,) if owner else ()) for pk, owner in rows}


def _shift_url(shift: Shift) -> str:
    return reverse("volunteers-orga:shift", kwargs={"pk": shift.pk})


def _volunteer_url(volunteer_id: int) -> str:
    return reverse("volunteers-orga:volunteer", kwargs={"pk": volunteer_id})


def understaffed_shift_conflicts(
    festival: Festival, *, now: dt.datetime | None = None
) -> list[Conflict]:
    """Upcoming shifts with fewer people than needed (two queries)."""
    shifts = understaffed_shifts(festival, after=now)
    owners = _sub_events_of(shift.pk for shift in shifts)
    return [
        Conflict(
            kind="shift_understaffed",
            message=_(
                "%(role)s at %(venue)s on %(when)s: %(filled)s of %(needed)s "
                "places filled."
            )
            % {
                "role": shift.role.name,
                "venue": shift.venue.name,
                "when": _when(shift),
                "filled": shift.filled,
                "needed": shift.needed,
            },
            event_ids=(shift.event_id,) if shift.event_id else (),
            fix_url=_shift_url(shift),
            severity="medium",
            fix_label=_("Open the shift"),
            sub_event_ids=owners.get(shift.pk, ()),
        )
        for shift in shifts
    ]


def qualification_conflicts(
    festival: Festival, *, now: dt.datetime | None = None
) -> list[Conflict]:
    """Volunteers on an upcoming shift whose role needs a qualification they have
    not shown, or that is not valid on the shift's day (five queries)."""
    now = now or timezone.now()
    warnings = [
        warning
        for warning in qualification_warnings(festival)
        if warning.shift is not None
        and warning.code in ("missing", "invalid_on_shift")
        and warning.shift.starts_at > now
    ]
    warnings.sort(key=lambda w: (w.shift.starts_at, w.volunteer.name, w.kind))
    owners = _sub_events_of(warning.shift.pk for warning in warnings)
    conflicts = []
    for warning in warnings:
        values = {
            "name": warning.volunteer.name,
            "qualification": warning.kind_label,
            "role": warning.shift.role.name,
            "when": _when(warning.shift),
        }
        if warning.code == "missing":
            message = (
                _("%(name)s has no %(qualification)s for the shift %(role)s, %(when)s.")
                % values
            )
        else:
            message = (
                _(
                    "%(name)s's %(qualification)s is not valid on the day of the shift "
                    "%(role)s, %(when)s."
                )
                % values
            )
        conflicts.append(
            Conflict(
                kind="qualification",
                message=message,
                event_ids=(warning.shift.event_id,) if warning.shift.event_id else (),
                fix_url=_volunteer_url(warning.volunteer.pk),
                severity="high",
                fix_label=_("Open the volunteer"),
                sub_event_ids=owners.get(warning.shift.pk, ()),
            )
        )
    return conflicts


def assignment_rule_conflicts(
    festival: Festival, *, now: dt.datetime | None = None
) -> list[Conflict]:
    """Upcoming assignments that break another sign-up rule today (a clash, too
    many hours, youth protection…); qualifications are reported above."""
    found = []
    for conflict in assignment_conflicts(festival, now=now):
        problems = [p for p in conflict.problems if p.code not in _QUALIFICATION_CODES]
        if problems:
            found.append((conflict.assignment, problems))
    owners = _sub_events_of(assignment.shift_id for assignment, _p in found)
    return [
        Conflict(
            kind="assignment_rule",
            message=_("%(name)s on %(role)s, %(when)s: %(problems)s")
            % {
                "name": assignment.volunteer.name,
                "role": assignment.shift.role.name,
                "when": _when(assignment.shift),
                "problems": " ".join(m for p in problems for m in p.messages),
            },
            event_ids=(
                (assignment.shift.event_id,) if assignment.shift.event_id else ()
            ),
            fix_url=_shift_url(assignment.shift),
            severity="medium",
            fix_label=_("Open the shift"),
            sub_event_ids=owners.get(assignment.shift_id, ()),
        )
        for assignment, problems in found
    ]
