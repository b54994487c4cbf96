"""One shift and its people: who is on it with their qualifications, attendance,
assigning (with each candidate's reasons) and unassigning, and a message to all."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from events.audit import audit_request
from volunteers.models import Assignment, Qualification, Shift, Volunteer
from volunteers.orga_forms import MessageForm, volunteer_search
from volunteers.orga_views.access import (
    ASSIGN,
    CHANGE_ASSIGNMENT,
    SEARCH_MAX,
    current_festival,
    error_text,
    int_or_none,
    orga_page,
    require,
)
from volunteers.orga_views.shifts import shift_of_festival
from volunteers.selectors import (
    policy_of,
    qualification_last_day,
    qualification_valid_on,
    shift_problems,
)
from volunteers.services import (
    assignment_attendance_mark,
    assignment_create,
    assignment_withdraw,
    shift_message_send,
)

# Candidates listed at once (those who may take the shift first); a search
# narrows the list.
CANDIDATES_MAX = 15


@dataclass
class HeldQualification:
    """A qualification the shift's role needs, as one person on it holds it."""

    label: str
    last_valid_day: object  # date | None
    valid: bool
    held: bool


@dataclass
class Candidate:
    volunteer: Volunteer
    problems: list[ValidationError]

    @property
    def eligible(self) -> bool:
        return not self.problems


def _held(shift: Shift, qualifications: list[Qualification], policy) -> list:
    """Per kind the role needs: the best record the person has, valid on the day?"""
    result = []
    labels = dict(
        zip(
            shift.role.required_qualifications,
            shift.role.required_qualification_labels,
            strict=True,
        )
    )
    for kind, label in labels.items():
        records = [q for q in qualifications if q.kind == kind]
        if not records:
            result.append(HeldQualification(label, None, False, False))
            continue
        valid = [
            q for q in records if qualification_valid_on(q, shift.local_day, policy)
        ]
        best = (valid or records)[0]
        result.append(
            HeldQualification(
                label, qualification_last_day(best, policy), bool(valid), True
            )
        )
    return result


def _candidates(shift: Shift, query: str, policy) -> tuple[list[Candidate], int]:
    """The festival's volunteers not on the shift (matching `query`), eligible
    first, each with every reason they may not take it; a fixed number of queries
    however many there are."""
    volunteers = (
        Volunteer.objects.active()
        .filter(festival_id=shift.role.festival_id)
        .exclude(assignments__shift=shift, assignments__withdrawn_at__isnull=True)
        .prefetch_related(
            "qualifications",
            Prefetch(
                "assignments",
                queryset=Assignment.objects.active().select_related(
                    "shift__role", "shift__venue"
                ),
                to_attr="active_assignments",
            ),
        )
        .order_by("name", "pk")
    )
    if query:
        volunteers = volunteer_search(volunteers, query)
    candidates = [
        Candidate(
            volunteer,
            shift_problems(
                volunteer=volunteer,
                shift=shift,
                policy=policy,
                taken=[a.shift for a in volunteer.active_assignments],
                qualifications=list(volunteer.qualifications.all()),
                filled=shift.filled,
            ),
        )
        for volunteer in volunteers
    ]
    candidates.sort(key=lambda c: not c.eligible)
    total = len(candidates)
    candidates = candidates[:CANDIDATES_MAX]
    return candidates, total


def _render(
    request: HttpRequest, shift: Shift, message_form: MessageForm | None = None
) -> HttpResponse:
    policy = policy_of(current_festival())
    assignments = list(
        shift.assignments.select_related("volunteer__partner", "withdrawn_by")
        .prefetch_related("volunteer__qualifications")
        .order_by("volunteer__name", "pk")
    )
    active = [a for a in assignments if a.withdrawn_at is None]
    for assignment in active:
        assignment.held = _held(
            shift, list(assignment.volunteer.qualifications.all()), policy
        )
    query = request.GET.get("q", "")[:SEARCH_MAX].strip()
    may_assign = request.user.has_perm(ASSIGN)
    # A full shift takes nobody: no list of people who would all be refused.
    listing = may_assign and shift.filled < shift.needed
    candidates, total = _candidates(shift, query, policy) if listing else ([], 0)
    return render(
        request,
        "volunteers/orga/shift_detail.html",
        {
            "shift": shift,
            "active": active,
            "withdrawn": sorted(
                (a for a in assignments if a.withdrawn_at is not None),
                key=lambda a: a.withdrawn_at,
            ),
            "query": query,
            "candidates": candidates,
            "candidates_more": max(total - len(candidates), 0),
            "may_assign": may_assign,
            "may_change": request.user.has_perm(CHANGE_ASSIGNMENT),
            "message_form": message_form or MessageForm(),
            "attendance": Assignment.Attendance,
        },
    )


def _back(shift: Shift, assignment: Assignment | None = None) -> HttpResponse:
    url = reverse("volunteers-orga:shift", kwargs={"pk": shift.pk})
    return redirect(f"{url}#person-{assignment.pk}" if assignment else url)


def _assignment(pk: int) -> Assignment:
    return get_object_or_404(
        Assignment.objects.select_related("volunteer", "shift__role"),
        pk=pk,
        shift__role__festival=current_festival(),
    )


@orga_page
@require_GET
def shift_detail(request: HttpRequest, pk: int) -> HttpResponse:
    shift = shift_of_festival(pk)
    audit_request(request, action="volunteers.shift_read", obj=shift)
    return _render(request, shift)


@orga_page
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Put a volunteer on the shift under the same rules as signing up oneself."""
    require(request, ASSIGN)
    shift = shift_of_festival(pk)
    volunteer = get_object_or_404(
        Volunteer.objects.active(),
        pk=int_or_none(request.POST.get("volunteer")) or 0,
        festival_id=shift.role.festival_id,
    )
    try:
        assignment = assignment_create(
            shift=shift, volunteer=volunteer, by=request.user
        )
    except ValidationError as exc:
        messages.error(
            request,
            _("%(name)s cannot take this shift: %(reason)s")
            % {"name": volunteer.name, "reason": error_text(exc)},
        )
        return _back(shift)
    messages.success(
        request,
        _("%(name)s is on the shift now (they get an e-mail).")
        % {"name": volunteer.name},
    )
    return _back(shift, assignment)


@orga_page
@require_POST
def unassign(request: HttpRequest, pk: int) -> HttpResponse:
    """Coordinators may take someone off a shift at any time; they are told."""
    require(request, CHANGE_ASSIGNMENT)
    assignment = _assignment(pk)
    assignment_withdraw(assignment=assignment, by=request.user)
    messages.success(
        request,
        _("%(name)s is taken off the shift (they get an e-mail).")
        % {"name": assignment.volunteer.name},
    )
    return _back(assignment.shift)


@orga_page
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, CHANGE_ASSIGNMENT)
    assignment = _assignment(pk)
    try:
        assignment = assignment_attendance_mark(
            assignment=assignment, attendance=request.POST.get("attendance", "")
        )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            _("%(name)s: %(attendance)s.")
            % {
                "name": assignment.volunteer.name,
                "attendance": assignment.get_attendance_display(),
            },
        )
    return _back(assignment.shift, assignment)


@orga_page
@require_POST
def message(request: HttpRequest, pk: int) -> HttpResponse:
    """E-mail everyone on the shift."""
    require(request, CHANGE_ASSIGNMENT)
    shift = shift_of_festival(pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            count = shift_message_send(
                shift=shift,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(
                request,
                ngettext(
                    "The message went to %(n)d person.",
                    "The message went to %(n)d people.",
                    count,
                )
                % {"n": count},
            )
            return _back(shift)
    return _render(request, shift, message_form=form)
