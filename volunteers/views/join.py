"""Joining as a volunteer (/volunteers/) and "link lost?".

The form runs the service's checks field by field, so that a person sees every
mistake in one round trip, then calls volunteer_register. A new person lands on
their page; a known address gets its link by e-mail and the same neutral answer as
a bot caught by the honeypot, so typing someone's address opens nothing.
"""

import datetime as dt
from dataclasses import dataclass, replace
from typing import NamedTuple

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from events.forms import LinkResendForm, describe_errors
from events.models import Festival
from events.ratelimit import ratelimit_exceeded, too_many_response
from events.selectors import festival_current
from volunteers.forms import VolunteerForm
from volunteers.models import AgeGroup, Role
from volunteers.privacy import privacy_notice_text
from volunteers.selectors import coverage
from volunteers.services import (
    VolunteerInput,
    VolunteerResult,
    volunteer_input_clean,
    volunteer_link_resend,
    volunteer_register,
)

# Both forms e-mail a known address on every post (the link again): without a
# limit they could flood a volunteer's inbox. The honeypot only stops blind bots.
# Counted per client address (events.ratelimit).
JOIN_LIMIT = {"scope": "volunteers-join", "limit": 10, "window": 60}
LINK_LIMIT = {"scope": "volunteers-link", "limit": 5, "window": 600}


def _festival_or_404() -> Festival:
    festival = festival_current()
    if festival is None:
        raise Http404
    return festival


# --- What there is to do -----------------------------------------------------------


@dataclass
class _RoleOpen:
    role: Role
    open_places: int


@dataclass
class _DayOpen:
    day: dt.date
    open_places: int


def _overview(festival: Festival, now: dt.datetime) -> tuple[list, list]:
    """Open places of future shifts per role and per day (no personal data)."""
    board = coverage(festival)
    roles = []
    days = [_DayOpen(day, 0) for day in board.days]
    for role, cells in board.rows:
        total = 0
        for column, cell in enumerate(cells):
            places = sum(
                max(shift.needed - shift.filled, 0)
                for shift in cell.shifts
                if shift.starts_at > now
            )
            days[column].open_places += places
            total += places
        roles.append(_RoleOpen(role, total))
    return roles, [day for day in days if day.day >= timezone.localdate(now)]


# --- The form ------------------------------------------------------------------------


class ErrorItem(NamedTuple):
    anchor: str  # the id of the input, "" for a rule about the whole form
    message: str
    code: str


def error_summary(form: VolunteerForm) -> list[ErrorItem]:
    """Every error in page order, with the id of its input to link to."""
    summary = [
        ErrorItem("", message, error.code or "")
        for error in form.non_field_errors().as_data()
        for message in error.messages
    ]
    errors = form.errors.as_data()
    for name in form.fields:
        anchor = form[name].auto_id
        if name == "age_group":
            anchor += "_0"  # the first radio button; the group has no input of its own
        summary += [
            ErrorItem(anchor, message, error.code or "")
            for error in errors.get(name, [])
            for message in error.messages
        ]
    return summary


def _apply_service_errors(form: VolunteerForm, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


# Input that passes the service's checks, also for a minor: probing one typed field
# at a time against it shows every mistake at once (the service stops at the first).
_VALID = VolunteerInput(
    name="Probe",
    email="probe@example.org",
    age_group=AgeGroup.YOUTH,
    guardian_name="Probe",
    guardian_contact="probe@example.org",
    guardian_consent=True,
)


def _check_input(form: VolunteerForm) -> bool:
    """Run the service's input checks field by field. True if all pass."""
    data = form.cleaned_data
    names = ["name", "email", "phone", "tshirt_size", "age_group"]
    if form.is_minor():
        names += ["guardian_name", "guardian_contact", "guardian_consent"]
    for name in names:
        if name in data:
            try:
                volunteer_input_clean(replace(_VALID, **{name: data[name]}))
            except ValidationError as error:
                _apply_service_errors(form, error)
    return not form.errors


def _submit(festival: Festival, form: VolunteerForm) -> VolunteerResult | None:
    """Register the person typed into the form; None (errors on the form) if the
    service refuses."""
    form.is_valid()  # every field is optional to Django: the service decides
    if not _check_input(form):
        return None
    try:
        return volunteer_register(
            festival=festival,
            data=form.volunteer_input(language=translation.get_language()),
            consent_privacy=form.cleaned_data["consent_privacy"],
        )
    except ValidationError as error:
        _apply_service_errors(form, error)
        return None


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    """What volunteering means, what there is to do, and the form to join."""
    festival = _festival_or_404()
    if request.method == "POST":
        if ratelimit_exceeded(request, **JOIN_LIMIT):
            return too_many_response(
                request,
                window=JOIN_LIMIT["window"],
                template="volunteers/public/rate_limited.html",
            )
        form = VolunteerForm(request.POST)
        if form.is_spam():
            # Look like an address we knew to the bot; store nothing.
            return redirect("volunteers:received")
        result = _submit(festival, form)
        if result is not None and not result.created:
            return redirect("volunteers:received")
        if result is not None:
            volunteer = result.volunteer
            messages.success(
                request,
                _(
                    "Welcome, %(name)s! This is your personal page: here you sign "
                    "up for shifts. We have also sent its link to %(email)s – please "
                    "keep it, it is your access."
                )
                % {"name": volunteer.name, "email": volunteer.email},
            )
            return redirect(volunteer.get_absolute_url())
        describe_errors(form)
    else:
        form = VolunteerForm()
    roles, days = _overview(festival, timezone.now())
    return render(
        request,
        "volunteers/public/join.html",
        {
            "form": form,
            "errors": error_summary(form) if form.is_bound else [],
            "roles": roles,
            "days": days,
            "privacy_notice": privacy_notice_text(),
        },
    )


@require_http_methods(["GET"])
def received(request: HttpRequest) -> HttpResponse:
    """The answer for an address that was registered already (its link went out
    again by e-mail) and for the honeypot: the same words for both."""
    return render(request, "volunteers/public/received.html")


@require_http_methods(["GET", "POST"])
def link_resend(request: HttpRequest) -> HttpResponse:
    """Send a volunteer's link again. The answer is the same whether or not the
    address is known, so the page reveals nobody."""
    if request.method == "POST":
        if ratelimit_exceeded(request, **LINK_LIMIT):
            return too_many_response(
                request,
                window=LINK_LIMIT["window"],
                template="volunteers/public/rate_limited.html",
            )
        form = LinkResendForm(request.POST)
        if form.is_valid():
            volunteer_link_resend(
                festival=_festival_or_404(), email=form.cleaned_data["email"]
            )
            return redirect(reverse("volunteers:link") + "?sent=1")
        describe_errors(form)
    else:
        form = LinkResendForm()
    return render(
        request,
        "volunteers/public/link.html",
        {"form": form, "sent": request.GET.get("sent") == "1"},
    )
