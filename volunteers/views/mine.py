"""A volunteer's own page ("Meine Einsätze"): their shifts, the open shifts with
the reasons one is not open to them, their qualifications; signing up,
withdrawing, and the printable list.

The page's reasons come from selectors.shift_problems, the same function the
sign-up service refuses with, so what a person reads and what the service does
cannot differ. A refusal (someone took the last place meanwhile) comes back as a
message at the top and changes nothing.
"""

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from events.registry import registry
from volunteers.forms import ShiftFilterForm
from volunteers.models import Assignment, Qualification, Shift, Volunteer
from volunteers.selectors import (
    OpenShift,
    open_shifts_for,
    policy_of,
    qualification_last_day,
    shifts_with_counts,
    volunteer_assignments,
    volunteer_by_token,
)
from volunteers.services import assignment_create, assignment_withdraw

FILTERS = ("day", "role", "sub_event")


def _volunteer_or_404(token: str) -> Volunteer:
    volunteer = volunteer_by_token(token)
    if volunteer is None:
        raise Http404
    return volunteer


def _filter_query(data: QueryDict) -> str:
    """Only the filters of a query string, so a sign-up returns to the same view."""
    kept = QueryDict(mutable=True)
    for name in FILTERS:
        value = data.get(name, "")
        if value:
            kept[name] = value
    return kept.urlencode()


def _mine_url(volunteer: Volunteer, query: str = "") -> str:
    url = volunteer.get_absolute_url()
    return f"{url}?{query}" if query else url


def _when(shift: Shift) -> str:
    start = timezone.localtime(shift.starts_at)
    end = timezone.localtime(shift.ends_at)
    day = formats.date_format(start, _("l, F j"))
    return f"{day}, {start:%H:%M}–{end:%H:%M}"


@dataclass
class _Qualification:
    qualification: Qualification
    last_day: dt.date | None
    ends_during_festival: bool


def _assignments(volunteer: Volunteer, now: dt.datetime) -> list[Assignment]:
    """The volunteer's shifts with what the page shows about withdrawing."""
    policy = policy_of(volunteer.festival)
    assignments = list(volunteer_assignments(volunteer))
    for assignment in assignments:
        shift = assignment.shift
        # The service's rule (assignment_withdraw), shown ahead of the click.
        deadline = shift.starts_at - dt.timedelta(hours=policy.withdraw_deadline_hours)
        assignment.is_past = shift.ends_at <= now
        assignment.can_withdraw = now <= deadline
        assignment.withdraw_hours = policy.withdraw_deadline_hours
    return assignments


def _qualifications(volunteer: Volunteer) -> list[_Qualification]:
    policy = policy_of(volunteer.festival)
    end = volunteer.festival.end_date
    result = []
    for qualification in volunteer.qualifications.all():
        last = qualification_last_day(qualification, policy)
        result.append(
            _Qualification(qualification, last, last is not None and last < end)
        )
    return result


def _open_shifts(volunteer: Volunteer, filters: dict, now: dt.datetime):
    """The open shifts (filtered) grouped by day."""
    shifts = shifts_with_counts(volunteer.festival)
    if "day" in filters:
        shifts = shifts.on_day(filters["day"])
    if "role" in filters:
        shifts = shifts.filter(role=filters["role"])
    if "sub_event" in filters:
        shifts = shifts.filter(sub_event=filters["sub_event"])
    found: list[OpenShift] = open_shifts_for(volunteer, now=now, shifts=shifts)
    days = [
        (day, list(group))
        for day, group in groupby(found, key=lambda item: item.shift.local_day)
    ]
    return days, sum(1 for item in found if item.eligible), len(found)


@require_GET
def mine(request: HttpRequest, token: str) -> HttpResponse:
    """Meine Einsätze: the volunteer's shifts, open shifts, qualifications."""
    volunteer = _volunteer_or_404(token)
    now = timezone.now()
    filter_form = ShiftFilterForm(request.GET, festival=volunteer.festival)
    filters = filter_form.values()
    days, eligible, found = _open_shifts(volunteer, filters, now)
    return render(
        request,
        "volunteers/public/mine.html",
        {
            "volunteer": volunteer,
            "token": token,
            "assignments": _assignments(volunteer, now),
            "filter_form": filter_form,
            "filtered": bool(filters),
            # Sent along with sign-up and withdrawal, to come back to this view.
            "filter_hidden": [
                (name, request.GET[name]) for name in FILTERS if request.GET.get(name)
            ],
            "days": days,
            "eligible_count": eligible,
            "found_count": found,
            "qualifications": _qualifications(volunteer),
            "contact_phone": volunteer.festival.contact_phone,
            "panels": registry.panels("volunteer", request, volunteer),
        },
    )


@require_POST
def signup(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    """Put the volunteer on a shift (the service's rules); back to the page."""
    volunteer = _volunteer_or_404(token)
    shift = (
        Shift.objects.select_related("role")
        .filter(pk=pk, role__festival=volunteer.festival)
        .first()
    )
    if shift is None:
        raise Http404
    try:
        assignment_create(shift=shift, volunteer=volunteer)
    except ValidationError as error:
        messages.error(
            request,
            _("Signing up for “%(role)s” was not possible: %(reason)s")
            % {"role": shift.role.name, "reason": " ".join(error.messages)},
        )
    else:
        messages.success(
            request,
            _(
                "You are on the shift: %(role)s, %(when)s. We have sent you a "
                "confirmation by e-mail."
            )
            % {"role": shift.role.name, "when": _when(shift)},
        )
    return redirect(_mine_url(volunteer, _filter_query(request.POST)))


@require_POST
def withdraw(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    """Take the volunteer off one of their shifts, until the deadline."""
    volunteer = _volunteer_or_404(token)
    assignment = (
        volunteer.assignments.active().select_related("shift__role").filter(pk=pk)
    ).first()
    if assignment is None:
        raise Http404
    shift = assignment.shift
    try:
        assignment_withdraw(assignment=assignment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("You are no longer on the shift: %(role)s, %(when)s.")
            % {"role": shift.role.name, "when": _when(shift)},
        )
    return redirect(_mine_url(volunteer, _filter_query(request.POST)))


@require_GET
def print_list(request: HttpRequest, token: str) -> HttpResponse:
    """The volunteer's shifts as a list to print (A4)."""
    volunteer = _volunteer_or_404(token)
    return render(
        request,
        "volunteers/public/print.html",
        {
            "volunteer": volunteer,
            "festival": volunteer.festival,
            "assignments": list(volunteer_assignments(volunteer)),
            "printed_at": timezone.now(),
            "page_url": request.build_absolute_uri(
                reverse("volunteers:mine", args=[token])
            ),
        },
    )
