"""Reads of volunteers and shifts shared by pages, the API, feeds and lists.

`shift_problems` is the sign-up rule set in one function: the service raises its
first problem, the volunteer's page shows all of them next to a shift, so what a
person is told and what the service refuses can never differ.
"""

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from events.models import Festival, SubEvent
from events.registry import registry
from events.tokens import token_lookup
from volunteers import rules
from volunteers.models import (
    AgeGroup,
    Assignment,
    Qualification,
    QualificationKind,
    Role,
    Shift,
    Volunteer,
    VolunteerPolicy,
)


def policy_of(festival: Festival) -> VolunteerPolicy:
    """The festival's volunteer rules; the defaults when none are saved yet."""
    try:
        return festival.volunteer_policy
    except VolunteerPolicy.DoesNotExist:
        return VolunteerPolicy(festival=festival)


def qualification_last_day(
    qualification: Qualification, policy: VolunteerPolicy
) -> dt.date | None:
    """The last day `qualification` is valid under the festival's rules."""
    years = {
        QualificationKind.POLICE_CERTIFICATE: policy.police_certificate_years,
        QualificationKind.FIRST_AID: policy.first_aid_years,
        QualificationKind.HYGIENE: policy.hygiene_years,
        QualificationKind.JULEICA: None,
    }[QualificationKind(qualification.kind)]
    return rules.valid_until(
        qualification.issued_on, years=years, explicit=qualification.valid_until
    )


def qualification_valid_on(
    qualification: Qualification, day: dt.date, policy: VolunteerPolicy
) -> bool:
    return rules.valid_on(
        day,
        issued_on=qualification.issued_on,
        last_valid_day=qualification_last_day(qualification, policy),
    )


@dataclass(frozen=True)
class YouthLimits:
    daily_max_minutes: int
    earliest: dt.time | None
    latest: dt.time | None


def limits_for(age_group: str, policy: VolunteerPolicy) -> YouthLimits:
    """The daily limit and time window for an age group."""
    if age_group == AgeGroup.CHILD:
        return YouthLimits(
            policy.child_daily_max_minutes, policy.child_earliest, policy.child_latest
        )
    if age_group == AgeGroup.YOUTH:
        return YouthLimits(
            policy.youth_daily_max_minutes, policy.youth_earliest, policy.youth_latest
        )
    return YouthLimits(policy.adult_daily_max_minutes, None, None)


def _hours(minutes: int) -> str:
    """8 or 7,5 (in German), not 8,0."""
    hours = round(minutes / 60, 1)
    return formats.localize(int(hours) if hours.is_integer() else hours)


def _clock(moment: dt.datetime) -> str:
    return formats.time_format(timezone.localtime(moment), "H:i")


def shift_problems(
    *,
    volunteer: Volunteer,
    shift: Shift,
    policy: VolunteerPolicy,
    taken: list[Shift],
    qualifications: list[Qualification],
    filled: int,
) -> list[ValidationError]:
    """Every reason why `volunteer` may not take `shift`, most fundamental first.

    `taken` are the shifts the volunteer already works (other than this one),
    `filled` the shift's active assignments; nothing here queries the database.
    """
    problems: list[ValidationError] = []
    role = shift.role
    limits = limits_for(volunteer.age_group, policy)
    if volunteer.min_age < role.min_age:
        problems.append(
            ValidationError(
                _("This role is for people aged %(age)s or older.")
                % {"age": role.min_age},
                code="too_young",
            )
        )
    if volunteer.is_minor and volunteer.guardian_consent_at is None:
        problems.append(
            ValidationError(
                _("We need your parent's or guardian's consent first."),
                code="guardian_consent_missing",
            )
        )
    day = shift.local_day
    for kind in role.required_qualifications:
        held = [q for q in qualifications if q.kind == kind]
        label = QualificationKind(kind).label
        if not held:
            problems.append(
                ValidationError(
                    _("This role needs: %(qualification)s.") % {"qualification": label},
                    code="qualification_missing",
                )
            )
        elif not any(qualification_valid_on(q, day, policy) for q in held):
            problems.append(
                ValidationError(
                    _("Your %(qualification)s is not valid on %(day)s.")
                    % {
                        "qualification": label,
                        "day": formats.date_format(day, "SHORT_DATE_FORMAT"),
                    },
                    code="qualification_invalid",
                )
            )
    if filled >= shift.needed:
        problems.append(
            ValidationError(_("This shift is already full."), code="shift_full")
        )
    this = (shift.starts_at, shift.ends_at)
    buffer = dt.timedelta(minutes=policy.travel_buffer_minutes)
    # A clash with any shift matters more than a tight change of venue, so all
    # taken shifts are checked for overlap before any is checked for travel time.
    clash = next(
        (o for o in taken if rules.overlaps(this, (o.starts_at, o.ends_at))), None
    )
    tight = next(
        (
            o
            for o in taken
            if o.venue_id != shift.venue_id
            and rules.too_close(this, (o.starts_at, o.ends_at), buffer)
        ),
        None,
    )
    if clash is not None:
        problems.append(
            ValidationError(
                _("You already help then: %(role)s, %(start)s–%(end)s.")
                % {
                    "role": clash.role.name,
                    "start": _clock(clash.starts_at),
                    "end": _clock(clash.ends_at),
                },
                code="shift_clash",
            )
        )
    elif tight is not None:
        problems.append(
            ValidationError(
                _(
                    "Too little time to get there from your shift at %(venue)s "
                    "(%(start)s–%(end)s): allow %(minutes)s minutes."
                )
                % {
                    "venue": tight.venue.name,
                    "start": _clock(tight.starts_at),
                    "end": _clock(tight.ends_at),
                    "minutes": policy.travel_buffer_minutes,
                },
                code="travel_buffer",
            )
        )
    worked = rules.minutes_by_day(
        [(s.starts_at, s.ends_at) for s in taken if s.pk != shift.pk]
    )
    for part_day, minutes in rules.minutes_by_day([this]).items():
        total = worked.get(part_day, 0) + minutes
        if total > limits.daily_max_minutes:
            problems.append(
                ValidationError(
                    _(
                        "That would be %(total)s hours on %(day)s; the limit is "
                        "%(limit)s hours a day."
                    )
                    % {
                        "total": _hours(total),
                        "day": formats.date_format(part_day, "SHORT_DATE_FORMAT"),
                        "limit": _hours(limits.daily_max_minutes),
                    },
                    code="daily_hours",
                )
            )
            break
    if limits.earliest is not None and rules.outside_window(
        shift.starts_at, shift.ends_at, limits.earliest, limits.latest
    ):
        problems.append(
            ValidationError(
                _(
                    "At your age, shifts must lie between %(earliest)s and "
                    "%(latest)s (youth protection)."
                )
                % {
                    "earliest": limits.earliest.strftime("%H:%M"),
                    "latest": limits.latest.strftime("%H:%M"),
                },
                code="youth_protection_time",
            )
        )
    return problems


def shifts_with_counts(festival: Festival) -> QuerySet[Shift]:
    """The festival's shifts with `filled` (active assignments) annotated and what a
    list shows loaded along."""
    return (
        Shift.objects.filter(role__festival=festival)
        .select_related("role", "venue", "event", "sub_event", "coordinator")
        .annotate(
            filled=Count(
                "assignments", filter=Q(assignments__withdrawn_at__isnull=True)
            )
        )
        .order_by("starts_at", "role__name", "pk")
    )


# new_token's shape; anything else is refused before it reaches a query.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")


def volunteer_by_token(token: str) -> Volunteer | None:
    """The active volunteer a link opens, with what their page shows; None if none."""
    if not _TOKEN.fullmatch(token):
        return None
    return token_lookup(
        Volunteer.objects.active().select_related("festival", "partner"), token
    )


def volunteers_with_shift_counts(*, festival: Festival | None) -> QuerySet[Volunteer]:
    """A festival's active volunteers by name, each with `shift_count` (the shifts
    they work, withdrawn ones not counted)."""
    return (
        Volunteer.objects.active()
        .filter(festival=festival)
        .select_related("partner")
        .annotate(
            shift_count=Count(
                "assignments", filter=Q(assignments__withdrawn_at__isnull=True)
            )
        )
        .order_by("name", "pk")
    )


def volunteer_shifts(volunteer: Volunteer) -> list[Shift]:
    """The shifts a volunteer works (active assignments), in time order."""
    return list(
        Shift.objects.filter(
            assignments__volunteer=volunteer, assignments__withdrawn_at__isnull=True
        )
        .select_related("role", "venue", "event", "sub_event", "coordinator")
        .order_by("starts_at", "pk")
    )


ASSIGNMENT_RELATED = (
    "shift__role",
    "shift__venue",
    "shift__event",
    "shift__sub_event",
    "shift__coordinator",
)


def volunteer_assignments(volunteer: Volunteer) -> QuerySet[Assignment]:
    """A volunteer's active assignments with their shifts, in time order."""
    return (
        volunteer.assignments.active()
        .select_related(*ASSIGNMENT_RELATED)
        .order_by("shift__starts_at", "pk")
    )


@dataclass
class OpenShift:
    shift: Shift
    problems: list[ValidationError] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return not self.problems

    @property
    def free(self) -> int:
        return max(self.shift.needed - self.shift.filled, 0)


def open_shifts_for(
    volunteer: Volunteer,
    *,
    now: dt.datetime | None = None,
    shifts: QuerySet[Shift] | None = None,
) -> list[OpenShift]:
    """Future shifts the volunteer does not work yet, each with the reasons it is
    not open to them (empty when they may sign up). Fixed number of queries."""
    now = now or timezone.now()
    policy = policy_of(volunteer.festival)
    taken = volunteer_shifts(volunteer)
    taken_ids = {s.pk for s in taken}
    qualifications = list(volunteer.qualifications.all())
    queryset = shifts if shifts is not None else shifts_with_counts(volunteer.festival)
    result = []
    for shift in queryset.filter(starts_at__gt=now).exclude(pk__in=taken_ids):
        result.append(
            OpenShift(
                shift,
                shift_problems(
                    volunteer=volunteer,
                    shift=shift,
                    policy=policy,
                    taken=taken,
                    qualifications=qualifications,
                    filled=shift.filled,
                ),
            )
        )
    return result


@dataclass
class CoverageCell:
    needed: int = 0
    filled: int = 0
    shifts: list[Shift] = field(default_factory=list)

    @property
    def missing(self) -> int:
        return max(self.needed - self.filled, 0)

    @property
    def state(self) -> str:
        """'empty' (no shifts), 'full', 'short' (some missing), 'critical' (under
        half filled)."""
        if not self.needed:
            return "empty"
        if self.filled >= self.needed:
            return "full"
        return "short" if self.filled * 2 >= self.needed else "critical"


@dataclass
class Coverage:
    days: list[dt.date]
    rows: list[tuple[Role, list[CoverageCell]]]
    totals: list[CoverageCell]


def coverage(festival: Festival, *, sub_event: SubEvent | None = None) -> Coverage:
    """Needed vs. filled per day (columns) and role (rows), in two queries; only the
    shifts of `sub_event` when one is given."""
    days = festival.days
    shifts = shifts_with_counts(festival)
    if sub_event is not None:
        shifts = shifts.filter(sub_event=sub_event)
    shifts = list(shifts)
    for shift in shifts:
        if shift.local_day not in days:
            days = sorted({*days, shift.local_day})
    index = {day: n for n, day in enumerate(days)}
    roles = list(Role.objects.filter(festival=festival).order_by("name"))
    grid: dict[int, list[CoverageCell]] = {
        role.pk: [CoverageCell() for _ in days] for role in roles
    }
    totals = [CoverageCell() for _ in days]
    for shift in shifts:
        column = index[shift.local_day]
        for cell in (grid[shift.role_id][column], totals[column]):
            cell.needed += shift.needed
            cell.filled += min(shift.filled, shift.needed)
            cell.shifts.append(shift)
    return Coverage(days, [(role, grid[role.pk]) for role in roles], totals)


def understaffed_shifts(
    festival: Festival, *, after: dt.datetime | None = None
) -> list[Shift]:
    """Future shifts with fewer people than needed, in time order."""
    after = after or timezone.now()
    return [
        shift
        for shift in shifts_with_counts(festival).filter(starts_at__gt=after)
        if shift.filled < shift.needed
    ]


@dataclass(frozen=True)
class QualificationWarning:
    volunteer: Volunteer
    kind: str
    shift: Shift | None
    last_valid_day: dt.date | None
    code: str  # "missing" | "invalid_on_shift" | "expires_before_end"

    @property
    def kind_label(self) -> str:
        return str(QualificationKind(self.kind).label)


def qualification_warnings(festival: Festival) -> list[QualificationWarning]:
    """Qualifications that are missing or not valid on the day of a shift the
    volunteer works, and those that end before the festival is over."""
    policy = policy_of(festival)
    volunteers = (
        Volunteer.objects.active()
        .filter(festival=festival)
        .prefetch_related(
            "qualifications",
            Prefetch(
                "assignments",
                queryset=Assignment.objects.active().select_related("shift__role"),
                to_attr="active_assignments",
            ),
        )
    )
    warnings: list[QualificationWarning] = []
    for volunteer in volunteers:
        held = defaultdict(list)
        for qualification in volunteer.qualifications.all():
            held[qualification.kind].append(qualification)
        for assignment in volunteer.active_assignments:
            shift = assignment.shift
            for kind in shift.role.required_qualifications:
                if not held[kind]:
                    warnings.append(
                        QualificationWarning(volunteer, kind, shift, None, "missing")
                    )
                elif not any(
                    qualification_valid_on(q, shift.local_day, policy)
                    for q in held[kind]
                ):
                    last = max(
                        (qualification_last_day(q, policy) for q in held[kind]),
                        key=lambda d: d or dt.date.max,
                    )
                    warnings.append(
                        QualificationWarning(
                            volunteer, kind, shift, last, "invalid_on_shift"
                        )
                    )
        for kind, qualifications in held.items():
            last_days = [qualification_last_day(q, policy) for q in qualifications]
            # `held` is a defaultdict: a kind looked up above but not held is empty.
            if not last_days or None in last_days:
                continue
            last = max(last_days)
            if last < festival.end_date:
                warnings.append(
                    QualificationWarning(
                        volunteer, kind, None, last, "expires_before_end"
                    )
                )
    return warnings


@dataclass(frozen=True)
class AssignmentConflict:
    assignment: Assignment
    problems: list[ValidationError]

    @property
    def messages(self) -> list[str]:
        return [message for problem in self.problems for message in problem.messages]


def assignment_conflicts(
    festival: Festival, *, now: dt.datetime | None = None
) -> list[AssignmentConflict]:
    """Future assignments that break a sign-up rule today — after a shift was moved,
    a role gained a qualification requirement or the rules were tightened — with
    the reasons (a full shift is no conflict: its people are already on it).
    Fixed number of queries."""
    now = now or timezone.now()
    policy = policy_of(festival)
    assignments = list(
        Assignment.objects.active()
        .filter(volunteer__festival=festival, volunteer__erased_at__isnull=True)
        .select_related("volunteer", "shift__role", "shift__venue")
        .prefetch_related("volunteer__qualifications")
        .order_by("shift__starts_at", "pk")
    )
    shifts_of: dict[int, list[Shift]] = defaultdict(list)
    for assignment in assignments:
        shifts_of[assignment.volunteer_id].append(assignment.shift)
    conflicts = []
    for assignment in assignments:
        shift = assignment.shift
        if shift.starts_at <= now:
            continue
        problems = shift_problems(
            volunteer=assignment.volunteer,
            shift=shift,
            policy=policy,
            taken=[s for s in shifts_of[assignment.volunteer_id] if s.pk != shift.pk],
            qualifications=list(assignment.volunteer.qualifications.all()),
            filled=0,
        )
        if problems:
            conflicts.append(AssignmentConflict(assignment, problems))
    return conflicts


# --- A volunteer's own data ----------------------------------------------------------


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def volunteer_export(volunteer: Volunteer) -> dict:
    """Everything stored about a volunteer, JSON-serialisable ("download my data";
    also what a coordinator hands out on request): details, guardian, consent,
    the coordinators' notes, qualifications, every assignment (withdrawn ones too)
    and what other apps store (registry export providers: the calendar feed).
    Three queries however many assignments, plus one per provider."""
    qualifications = volunteer.qualifications.order_by("kind", "issued_on", "pk")
    assignments = volunteer.assignments.select_related(
        "shift__role", "shift__venue", "shift__event"
    ).order_by("shift__starts_at", "pk")
    return {
        "contact": {
            "name": volunteer.name,
            "email": volunteer.email,
            "phone": volunteer.phone,
            "language": volunteer.language,
        },
        "festival": volunteer.festival.name,
        "partner": volunteer.partner.name if volunteer.partner else None,
        "age_group": volunteer.age_group,
        "tshirt_size": volunteer.tshirt_size,
        "guardian": {
            "name": volunteer.guardian_name,
            "contact": volunteer.guardian_contact,
            "consent_at": _iso(volunteer.guardian_consent_at),
        },
        "consent_privacy_version": volunteer.consent_privacy_version,
        "notes": volunteer.notes,
        "created_at": _iso(volunteer.created_at),
        "updated_at": _iso(volunteer.updated_at),
        "qualifications": [
            {
                "kind": qualification.kind,
                "issued_on": _iso(qualification.issued_on),
                "valid_until": _iso(qualification.valid_until),
                "sighted_on": _iso(qualification.sighted_on),
                "sighted_by": qualification.sighted_by,
                "created_at": _iso(qualification.created_at),
                "updated_at": _iso(qualification.updated_at),
            }
            for qualification in qualifications
        ],
        "assignments": [
            {
                "role": assignment.shift.role.name,
                "starts_at": _iso(assignment.shift.starts_at),
                "ends_at": _iso(assignment.shift.ends_at),
                "venue": assignment.shift.venue.name,
                "event": assignment.shift.event.title
                if assignment.shift.event
                else None,
                "by_coordinator": assignment.assigned_by_id is not None,
                "created_at": _iso(assignment.created_at),
                "withdrawn_at": _iso(assignment.withdrawn_at),
                "attendance": assignment.attendance,
                "attendance_marked_at": _iso(assignment.attendance_marked_at),
                "reminder_sent_at": _iso(assignment.reminder_sent_at),
            }
            for assignment in assignments
        ],
        **registry.exported(volunteer),
    }
