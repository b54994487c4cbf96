"""Assignments: taking a shift (the sign-up rules), withdrawing, attendance on
the day, and messages to everyone on a shift."""

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.audit import Via, audit_record
from events.inputs import refuse
from volunteers import notifications
from volunteers.models import (
    Assignment,
    Shift,
    Volunteer,
)
from volunteers.selectors import (
    policy_of,
    shift_problems,
    volunteer_shifts,
)


@transaction.atomic
def assignment_create(
    *,
    shift: Shift,
    volunteer: Volunteer,
    by: AbstractBaseUser | None = None,
    now: dt.datetime | None = None,
) -> Assignment:
    """Put a volunteer on a shift, by themselves or by a coordinator `by`; the same
    rules for both. ValidationError with the first problem's code (too_young,
    guardian_consent_missing, qualification_missing, qualification_invalid,
    shift_full, shift_clash, travel_buffer, daily_hours, youth_protection_time,
    shift_started, already_assigned, volunteer_erased).

    Locks the volunteer, then the shift (always in this order, so no deadlock):
    two sign-ups for the last place, or one person signing up twice at once, are
    served one after the other and the second sees the first.
    """
    now = now or timezone.now()
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    shift = (
        Shift.objects.select_for_update(of=("self",))
        .select_related("role", "venue")
        .get(pk=shift.pk)
    )
    if volunteer.erased_at is not None:
        raise refuse(_("This volunteer's data was erased."), "volunteer_erased")
    if shift.role.festival_id != volunteer.festival_id:
        raise refuse(_("This shift belongs to another festival."), "wrong_festival")
    if shift.starts_at <= now:
        raise refuse(_("This shift has already started."), "shift_started")
    if shift.assignments.active().filter(volunteer=volunteer).exists():
        raise refuse(_("You are already on this shift."), "already_assigned")
    problems = shift_problems(
        volunteer=volunteer,
        shift=shift,
        policy=policy_of(volunteer.festival),
        taken=volunteer_shifts(volunteer),
        qualifications=list(volunteer.qualifications.all()),
        filled=shift.assignments.active().count(),
    )
    if problems:
        raise problems[0]
    assignment = Assignment.objects.create(
        shift=shift, volunteer=volunteer, assigned_by=by
    )
    audit_record(
        action="volunteers.assignment_create",
        obj=assignment,
        actor=by,
        summary=f"shift {shift.pk} ({shift.role.name}), volunteer {volunteer.pk}",
        link_via=Via.VOLUNTEER,
    )
    notifications.assignment_confirmed(assignment)
    return assignment


@transaction.atomic
def assignment_withdraw(
    *,
    assignment: Assignment,
    by: AbstractBaseUser | None = None,
    now: dt.datetime | None = None,
) -> Assignment:
    """Take a volunteer off a shift. Volunteers may withdraw until the deadline
    before the shift (default 24 hours); later only a coordinator (`by`) can."""
    now = now or timezone.now()
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("shift", "volunteer__festival")
        .get(pk=assignment.pk)
    )
    if assignment.withdrawn_at is not None:
        return assignment
    policy = policy_of(assignment.volunteer.festival)
    deadline = assignment.shift.starts_at - dt.timedelta(
        hours=policy.withdraw_deadline_hours
    )
    if by is None and now > deadline:
        raise refuse(
            _(
                "Withdrawing is possible until %(hours)s hours before the shift. "
                "Please call or write to the coordinator."
            )
            % {"hours": policy.withdraw_deadline_hours},
            "withdraw_deadline",
        )
    assignment.withdrawn_at = now
    assignment.withdrawn_by = by
    assignment.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit_record(
        action="volunteers.assignment_withdraw",
        obj=assignment,
        actor=by,
        summary=f"shift {assignment.shift_id}, volunteer {assignment.volunteer_id}",
        link_via=Via.VOLUNTEER,
    )
    notifications.assignment_withdrawn(assignment)
    return assignment


@transaction.atomic
def assignment_attendance_mark(
    *, assignment: Assignment, attendance: str, now: dt.datetime | None = None
) -> Assignment:
    """Mark a volunteer present or absent on the day (or reset to not marked).

    Reads the row afresh under a lock: a page open since before the person
    withdrew must not mark a withdrawn assignment."""
    if attendance not in Assignment.Attendance.values:
        raise refuse(_("Unknown attendance."), "attendance_invalid", "attendance")
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.withdrawn_at is not None:
        raise refuse(
            _("This volunteer has withdrawn from the shift."), "assignment_withdrawn"
        )
    assignment.attendance = attendance
    assignment.attendance_marked_at = (
        None if attendance == Assignment.Attendance.UNKNOWN else now or timezone.now()
    )
    assignment.save(update_fields=["attendance", "attendance_marked_at"])
    audit_record(
        action="volunteers.attendance_mark",
        obj=assignment,
        summary=f"shift {assignment.shift_id}: {attendance}",
    )
    return assignment


MESSAGE_SUBJECT_MAX = 150


MESSAGE_BODY_MAX = 5000


def shift_message_send(
    *, shift: Shift, subject: str, body: str, by: AbstractBaseUser
) -> int:
    """E-mail everyone on a shift (coordinators); returns how many were written to."""
    subject = " ".join((subject or "").split())
    body = (body or "").strip()
    if not subject or len(subject) > MESSAGE_SUBJECT_MAX:
        raise refuse(
            _("Please enter a subject of at most %(max)d characters.")
            % {"max": MESSAGE_SUBJECT_MAX},
            "subject_invalid",
            "subject",
        )
    if not body or len(body) > MESSAGE_BODY_MAX:
        raise refuse(
            _("Please enter a message of at most %(max)d characters.")
            % {"max": MESSAGE_BODY_MAX},
            "body_invalid",
            "body",
        )
    assignments = list(shift.assignments.active().select_related("volunteer"))
    for assignment in assignments:
        notifications.shift_message(assignment, subject=subject, body=body, by=by)
    return len(assignments)
