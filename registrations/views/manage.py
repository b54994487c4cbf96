"""The family's manage page: its registrations, QR codes, cancelling and changing.

The unguessable token in the link is the access: a household token opens the whole
week, a registration token one registration.
"""

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from events.forms import describe_errors
from events.models import Event
from events.registry import registry
from registrations.forms import (
    ParticipantFormSet,
)
from registrations.models import (
    Household,
    Need,
    Participant,
    Registration,
)
from registrations.orga_views import checkin_url_for
from registrations.selectors import (
    household_by_token,
    household_registrations,
    registration_by_token,
    waitlist_positions,
)
from registrations.services import (
    participant_cancel,
    registration_cancel,
    registration_change_party,
)
from registrations.views.register import (
    _max_rows,
    _registration_url,
)


@dataclass
class _Scope:
    """What a token opens: the household's week or one registration."""

    household: Household
    registrations: list[Registration]
    whole_household: bool

    def registration(self, pk: str | None) -> Registration:
        for registration in self.registrations:
            if str(registration.pk) == (pk or ""):
                return registration
        raise Http404

    def participant(self, pk: str | None) -> Participant:
        for registration in self.registrations:
            for person in registration.active_participants:
                if str(person.pk) == (pk or ""):
                    return person
        raise Http404


def _scope(token: str) -> _Scope:
    household = household_by_token(token)
    if household is not None:
        return _Scope(household, list(household_registrations(household)), True)
    registration = registration_by_token(token)
    if registration is None:
        raise Http404
    return _Scope(registration.household, [registration], False)


def _qr_svg(url: str) -> str:
    """The link as an inline SVG QR code (for check-in at the entrance)."""
    svg = segno.make(url, error="m").svg_inline(
        scale=4,
        border=2,
        svgclass="qr__code",
        lineclass=None,
        omitsize=True,
        title=_("QR code of this registration, for the check-in"),
    )
    # segno escapes the title; the rest is its own markup.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308


def _render_manage(
    request: HttpRequest,
    token: str,
    scope: _Scope,
    *,
    error: tuple[int, ValidationError] | None = None,
    change: tuple[int, BaseFormSet] | None = None,
) -> HttpResponse:
    """The manage page; `error` shows a refusal on its registration's card,
    `change` a "change people" form as typed (opened)."""
    now = timezone.now()
    active, cancelled = [], []
    positions = waitlist_positions(scope.registrations)
    for registration in scope.registrations:
        registration.position = positions.get(registration.pk)
        registration.link = _registration_url(request, registration)
        registration.is_past = registration.event.ends_at <= now
        registration.can_cancel = (
            registration.status != Registration.Status.CANCELLED
            and registration.event.starts_at > now
        )
        registration.need_labels = [
            Need(need).label for need in registration.needs if need in Need.values
        ]
        registration.errors = (
            error[1].messages if error and error[0] == registration.pk else []
        )
        registration.can_change = (
            registration.status != Registration.Status.CANCELLED
            and registration.event.status == Event.Status.PUBLISHED
            and registration.event.registration_state(now) == "open"
        )
        if registration.can_change:
            typed = change is not None and change[0] == registration.pk
            registration.change_people = (
                change[1] if typed else _change_formset(registration)
            )
            registration.change_open = typed
            registration.change_max = _max_rows(registration.event)
        if registration.status == Registration.Status.CANCELLED:
            cancelled.append(registration)
        else:
            registration.qr_svg = _qr_svg(registration.link)
            active.append(registration)
    days: list[tuple[dt.date, list[Registration]]] = [
        (day, list(group))
        for day, group in groupby(active, key=lambda r: r.event.local_day)
    ]
    return render(
        request,
        "registrations/public/manage.html",
        {
            "token": token,
            "household": scope.household,
            "whole_household": scope.whole_household,
            "days": days,
            "cancelled": cancelled,
            "error": error[1] if error else None,
            # The household's calendar feed only on the household's own page: a
            # registration's link may have been shared and opens that one only.
            "panels": (
                registry.panels("household", request, scope.household)
                if scope.whole_household
                else []
            ),
        },
    )


@require_http_methods(["GET"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """A household's registrations of the week by day (household link) or one
    registration (the link in the confirmation of a household that existed)."""
    # Staff at the door scan the QR code (this link): they get the party's
    # check-in entry instead of the family's page.
    checkin = checkin_url_for(request.user, token)
    if checkin is not None:
        return redirect(checkin)
    return _render_manage(request, token, _scope(token))


@require_POST
def cancel_registration(request: HttpRequest, token: str) -> HttpResponse:
    scope = _scope(token)
    registration = scope.registration(request.POST.get("registration"))
    registration_cancel(registration=registration)
    messages.success(
        request,
        _("Your registration for “%(event)s” has been cancelled.")
        % {"event": registration.event.title},
    )
    return redirect("registrations:manage", token=token)


@require_POST
def cancel_participant(request: HttpRequest, token: str) -> HttpResponse:
    scope = _scope(token)
    person = scope.participant(request.POST.get("participant"))
    try:
        participant_cancel(participant=person)
    except ValidationError as error:
        return _render_manage(
            request, token, scope, error=(person.registration_id, error)
        )
    messages.success(
        request,
        _("%(name)s is no longer registered for “%(event)s”.")
        % {"name": person.name, "event": person.registration.event.title},
    )
    return redirect("registrations:manage", token=token)


def _change_prefix(registration: Registration) -> str:
    # One form per card on the page: each needs its own input ids.
    return f"c{registration.pk}"


def _change_formset(registration: Registration) -> BaseFormSet:
    """The party as it is, plus an empty row for one more person if allowed."""
    rows = [
        {"name": p.name, "age": p.age, "photo_consent": p.photo_consent}
        for p in registration.active_participants
    ]
    if len(rows) < _max_rows(registration.event):
        rows.append({})
    return ParticipantFormSet(prefix=_change_prefix(registration), initial=rows)


def _change_with_one_more_row(data: QueryDict, registration: Registration):
    """The rows as typed plus an empty one ("add a person" without JavaScript)."""
    prefix = _change_prefix(registration)
    try:
        rows = int(data.get(f"{prefix}-TOTAL_FORMS", ""))
    except ValueError:
        rows = len(registration.active_participants)
    rows = max(1, min(rows + 1, _max_rows(registration.event)))
    people = [
        {
            "name": data.get(f"{prefix}-{i}-name", ""),
            "age": data.get(f"{prefix}-{i}-age", ""),
            "photo_consent": bool(data.get(f"{prefix}-{i}-photo_consent")),
        }
        for i in range(rows)
    ]
    return ParticipantFormSet(prefix=prefix, initial=people)


@require_POST
def change_party(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    """Change who comes, within the event's rules and seats (the service decides);
    a refusal shows on the registration's card with the rows as typed."""
    scope = _scope(token)
    registration = scope.registration(str(pk))
    people = ParticipantFormSet(request.POST, prefix=_change_prefix(registration))
    if "add_person" in request.POST:
        return _render_manage(
            request,
            token,
            scope,
            change=(pk, _change_with_one_more_row(request.POST, registration)),
        )
    if not people.is_valid():
        describe_errors(*people)
        return _render_manage(request, token, scope, change=(pk, people))
    try:
        changed = registration_change_party(
            registration=registration,
            participants=[row.participant() for row in people if not row.is_blank()],
        )
    except ValidationError as error:
        return _render_manage(
            request, token, scope, error=(pk, error), change=(pk, people)
        )
    if changed.status != registration.status:
        message = _(
            "Your registration for “%(event)s” has been changed, and your party has "
            "moved up from the waiting list: it is now confirmed."
        )
    else:
        message = _("Your registration for “%(event)s” has been changed.")
    messages.success(request, message % {"event": registration.event.title})
    return redirect(
        reverse("registrations:manage", kwargs={"token": token})
        + f"#reg-{registration.pk}"
    )


# --- Your data: see it, delete it -----------------------------------------------
# Only the household's link opens these: a registration's link may have been shared
# (with a grandparent who brings the children) and opens that registration only.
