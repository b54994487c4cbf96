"""Every write of volunteers, shifts, qualifications and assignments.

The sign-up rules live in `assignment_create` (checks in selectors.shift_problems):
the volunteer's page, the coordinators' pages, the API and the demo all call it.
Errors are ValidationErrors with a code the API returns.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.inputs import email_clean, phone_clean, refuse, text_clean
from events.models import BERLIN, Event, Festival, Partner, SubEvent, Venue
from volunteers import notifications
from volunteers.models import (
    AgeGroup,
    Assignment,
    DigestLog,
    Qualification,
    QualificationKind,
    Role,
    Shift,
    TShirtSize,
    Volunteer,
)
from volunteers.privacy import PRIVACY_NOTICE_VERSION
from volunteers.selectors import (
    policy_of,
    shift_problems,
    understaffed_shifts,
    volunteer_shifts,
)

NAME_MAX = 150


NAME_MESSAGES = {
    "invalid": gettext_lazy("The name must be text."),
    "required": gettext_lazy("Please enter a name."),
    "too_long": gettext_lazy("The name may have at most %(max)d characters."),
    "invalid_characters": gettext_lazy(
        "The name contains characters that cannot be used."
    ),
}


GUARDIAN_MESSAGES = {
    "invalid": gettext_lazy("The guardian's name must be text."),
    "required": gettext_lazy(
        "Please enter the name of a parent or guardian (for helpers under 18)."
    ),
    "too_long": gettext_lazy(
        "The guardian's name may have at most %(max)d characters."
    ),
    "invalid_characters": gettext_lazy(
        "The guardian's name contains characters that cannot be used."
    ),
}


GUARDIAN_CONTACT_MESSAGES = {
    "invalid": gettext_lazy("The guardian's contact must be text."),
    "required": gettext_lazy(
        "Please enter a phone number or e-mail address of the parent or guardian."
    ),
    "too_long": gettext_lazy(
        "The guardian's contact may have at most %(max)d characters."
    ),
    "invalid_characters": gettext_lazy(
        "The guardian's contact contains characters that cannot be used."
    ),
}


# --- Volunteers -----------------------------------------------------------------------


@dataclass(frozen=True)
class VolunteerInput:
    name: str
    email: str
    phone: str = ""
    partner: Partner | None = None
    tshirt_size: str = ""
    age_group: str = AgeGroup.ADULT
    guardian_name: str = ""
    guardian_contact: str = ""
    guardian_consent: bool = False
    language: str = ""


def volunteer_input_clean(data: VolunteerInput) -> VolunteerInput:
    """Check and normalise what a volunteer or a coordinator typed."""
    name = text_clean(
        data.name, field="name", max_length=NAME_MAX, messages=NAME_MESSAGES
    )
    email = email_clean(data.email, field="email")
    phone = phone_clean(data.phone, field="phone")
    if data.age_group not in AgeGroup.values:
        raise refuse(
            _("Please choose an age group. Helpers must be at least 13."),
            "age_group_invalid",
            "age_group",
        )
    if (data.tshirt_size or "") not in {"", *TShirtSize.values}:
        raise refuse(_("Unknown T-shirt size."), "tshirt_size_invalid", "tshirt_size")
    guardian_name = guardian_contact = ""
    if data.age_group != AgeGroup.ADULT:
        guardian_name = text_clean(
            data.guardian_name,
            field="guardian_name",
            max_length=150,
            messages=GUARDIAN_MESSAGES,
        )
        guardian_contact = text_clean(
            data.guardian_contact,
            field="guardian_contact",
            max_length=254,
            messages=GUARDIAN_CONTACT_MESSAGES,
        )
        if not data.guardian_consent:
            raise refuse(
                _(
                    "Helpers under 18 need the consent of a parent or guardian: "
                    "please confirm it."
                ),
                "guardian_consent_missing",
                "guardian_consent",
            )
    return VolunteerInput(
        name=name,
        email=email,
        phone=phone,
        partner=data.partner,
        tshirt_size=data.tshirt_size or "",
        age_group=data.age_group,
        guardian_name=guardian_name,
        guardian_contact=guardian_contact,
        guardian_consent=data.age_group != AgeGroup.ADULT,
        language=data.language,
    )


@dataclass(frozen=True)
class VolunteerResult:
    volunteer: Volunteer
    created: bool


def volunteer_register(
    *,
    festival: Festival,
    data: VolunteerInput,
    consent_privacy: bool,
    by: AbstractBaseUser | None = None,
) -> VolunteerResult:
    """Register a volunteer (by themselves, or by a coordinator `by`).

    A known e-mail address creates nothing: the person gets their link by e-mail
    (a coordinator is told the person exists), so typing someone's address never
    opens their page. Self-registration needs consent to the privacy notice.
    """
    data = volunteer_input_clean(data)
    if by is None and not consent_privacy:
        raise refuse(
            _("Please agree to the privacy notice."),
            "consent_missing",
            "consent_privacy",
        )
    existing = (
        Volunteer.objects.active()
        .filter(festival=festival, email__iexact=data.email)
        .first()
    )
    if existing is not None:
        if by is not None:
            raise refuse(
                _("A volunteer with this e-mail address is already registered."),
                "volunteer_exists",
                "email",
            )
        notifications.volunteer_link(existing)
        return VolunteerResult(existing, created=False)
    now = timezone.now()
    try:
        with transaction.atomic():
            volunteer = Volunteer.objects.create(
                festival=festival,
                name=data.name,
                email=data.email,
                phone=data.phone,
                partner=data.partner,
                tshirt_size=data.tshirt_size,
                age_group=data.age_group,
                guardian_name=data.guardian_name,
                guardian_contact=data.guardian_contact,
                guardian_consent_at=now if data.guardian_consent else None,
                language=data.language or "de",
                consent_privacy_version=PRIVACY_NOTICE_VERSION if by is None else "",
            )
    except IntegrityError:
        # The same address registered a moment ago in a parallel request.
        existing = Volunteer.objects.active().get(
            festival=festival, email__iexact=data.email
        )
        if by is None:
            notifications.volunteer_link(existing)
        return VolunteerResult(existing, created=False)
    notifications.volunteer_welcome(volunteer)
    return VolunteerResult(volunteer, created=True)


@transaction.atomic
def volunteer_update(
    *, volunteer: Volunteer, data: VolunteerInput, notes: str | None = None
) -> Volunteer:
    """Change a volunteer's details (coordinators; the volunteer for themselves)."""
    data = volunteer_input_clean(data)
    clash = (
        Volunteer.objects.active()
        .filter(festival_id=volunteer.festival_id, email__iexact=data.email)
        .exclude(pk=volunteer.pk)
        .exists()
    )
    if clash:
        raise refuse(
            _("A volunteer with this e-mail address is already registered."),
            "volunteer_exists",
            "email",
        )
    was_minor = volunteer.is_minor
    for name in (
        "name",
        "email",
        "phone",
        "partner",
        "tshirt_size",
        "age_group",
        "guardian_name",
        "guardian_contact",
    ):
        setattr(volunteer, name, getattr(data, name))
    if data.language:
        volunteer.language = data.language
    if volunteer.is_minor and (not was_minor or volunteer.guardian_consent_at is None):
        volunteer.guardian_consent_at = timezone.now()
    if not volunteer.is_minor:
        volunteer.guardian_consent_at = None
    if notes is not None:
        volunteer.notes = notes
    volunteer.save()
    return volunteer


def volunteer_link_resend(*, festival: Festival, email: str) -> None:
    """Send a volunteer their link again. Silent for an unknown address: the caller
    must never learn whether the address is registered."""
    email = (email or "").strip()
    if not email:
        return
    volunteer = (
        Volunteer.objects.active()
        .filter(festival=festival, email__iexact=email)
        .first()
    )
    if volunteer is not None:
        notifications.volunteer_link(volunteer)


# --- Qualifications -------------------------------------------------------------------


@transaction.atomic
def qualification_record(
    *,
    volunteer: Volunteer,
    kind: str,
    issued_on: dt.date,
    valid_until: dt.date | None = None,
    sighted_on: dt.date | None = None,
    sighted_by: str = "",
    today: dt.date | None = None,
) -> Qualification:
    """Record that a volunteer showed a qualification (coordinators).

    The police certificate is recorded as sighted — on which day and by whom — and
    the document itself is never stored.
    """
    today = today or timezone.localdate()
    if kind not in QualificationKind.values:
        raise refuse(_("Unknown kind of qualification."), "kind_invalid", "kind")
    if issued_on > today:
        raise refuse(
            _("The issue date cannot be in the future."),
            "issued_in_future",
            "issued_on",
        )
    sighted_by = (sighted_by or "").strip()
    if kind == QualificationKind.POLICE_CERTIFICATE:
        if sighted_on is None or not sighted_by:
            raise refuse(
                _("Record when and by whom the police certificate was sighted."),
                "certificate_not_sighted",
                "sighted_on",
            )
        if sighted_on < issued_on or sighted_on > today:
            raise refuse(
                _("The certificate can only be sighted between its issue and today."),
                "sighted_on_invalid",
                "sighted_on",
            )
    if kind == QualificationKind.JULEICA and valid_until is None:
        raise refuse(
            _("A JuLeiCa is valid until a date: please enter it."),
            "valid_until_missing",
            "valid_until",
        )
    if valid_until is not None and valid_until < issued_on:
        raise refuse(
            _("The end of validity cannot be before the issue date."),
            "valid_until_before_issue",
            "valid_until",
        )
    return Qualification.objects.create(
        volunteer=volunteer,
        kind=kind,
        issued_on=issued_on,
        valid_until=valid_until if kind == QualificationKind.JULEICA else None,
        sighted_on=sighted_on,
        sighted_by=sighted_by,
    )


def qualification_delete(*, qualification: Qualification) -> None:
    qualification.delete()


# --- Shifts ---------------------------------------------------------------------------


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
    shift.save()
    if any(getattr(shift, name) != value for name, value in before.items()):
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
    shift.delete()


def _local(day: dt.date, clock: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, clock, tzinfo=BERLIN)


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
            starts_at = _local(day, start)
            end_day = day if end > start else day + dt.timedelta(days=1)
            ends_at = _local(end_day, end)
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


# --- Assignments ----------------------------------------------------------------------


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


# --- Reminders ------------------------------------------------------------------------


def reminders_send_due(*, now: dt.datetime | None = None) -> int:
    """Remind each volunteer of tomorrow's shifts once the festival's reminder time
    has passed today; returns how many reminders were sent (Celery beat, every 15
    minutes). Only shifts on tomorrow's local day: the mail says "tomorrow", and a
    shift later today was due yesterday. Who signed up after today's reminder time
    has just had the confirmation and gets no reminder on top.

    The due rows are locked and marked in one transaction, so two overlapping runs
    never remind twice: the second waits for the first, then finds them marked.
    A withdrawn assignment is never reminded.
    """
    now = now or timezone.now()
    local_now = timezone.localtime(now, BERLIN)
    sent = 0
    for festival in Festival.objects.filter(
        end_date__gte=local_now.date() - dt.timedelta(days=1)
    ):
        policy = policy_of(festival)
        if local_now.time() < policy.reminder_time:
            continue
        reminder_moment = _local(local_now.date(), policy.reminder_time)
        tomorrow = local_now.date() + dt.timedelta(days=1)
        day_start = _local(tomorrow, dt.time(0))
        day_after = _local(tomorrow + dt.timedelta(days=1), dt.time(0))
        with transaction.atomic():
            due = list(
                Assignment.objects.select_for_update(of=("self",))
                .filter(
                    withdrawn_at__isnull=True,
                    reminder_sent_at__isnull=True,
                    volunteer__festival=festival,
                    volunteer__erased_at__isnull=True,
                    shift__starts_at__gte=day_start,
                    shift__starts_at__lt=day_after,
                    # Signed up after today's reminders: the confirmation has just
                    # said it all.
                    created_at__lt=reminder_moment,
                )
                .select_related(
                    "volunteer", "shift__role", "shift__venue", "shift__coordinator"
                )
                .order_by("shift__starts_at", "pk")
            )
            Assignment.objects.filter(pk__in=[a.pk for a in due]).update(
                reminder_sent_at=now
            )
            for assignment in due:
                notifications.assignment_reminder(assignment)  # sent after commit
        sent += len(due)
    return sent


def digest_send_due(*, now: dt.datetime | None = None) -> int:
    """Send the coordinators the day's digest of understaffed shifts, in the two
    weeks (policy.digest_days_before) before and during the festival; once a day.
    Returns how many digests went out."""
    now = now or timezone.now()
    today = timezone.localtime(now, BERLIN).date()
    sent = 0
    for festival in Festival.objects.filter(end_date__gte=today):
        policy = policy_of(festival)
        first_day = festival.start_date - dt.timedelta(days=policy.digest_days_before)
        if today < first_day:
            continue
        try:
            with transaction.atomic():
                DigestLog.objects.create(festival=festival, day=today)
                shifts = understaffed_shifts(festival, after=now)
                if shifts:
                    notifications.coordinator_digest(festival, shifts)
        except IntegrityError:
            continue  # another run sent today's digest
        sent += 1 if shifts else 0
    return sent
