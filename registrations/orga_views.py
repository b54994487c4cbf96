"""The organisers' pages for registrations: per event the parties (confirmed,
waiting, cancelled) with their actions, the exports, and check-in on the day.

Who may: staff accounts with the permission to view registrations, for the events
in their planning scope (events.roles: every event for the Orga-Team, their
sub-events' events for Modulleitung). Changing needs the permission to change
registrations; the capacity also the permission to change events. Every view
checks access, calls one selector or service, and renders or redirects.
"""

import datetime as dt
from collections.abc import Callable
from functools import wraps
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from events import roles
from events.audit import audit_request
from events.models import Event
from events.tokens import token_lookup
from registrations import exports
from registrations.models import Participant, Registration
from registrations.orga_forms import (
    CapacityForm,
    MoveForm,
    PartyForm,
    people_formset,
)
from registrations.selectors import (
    event_registration_board,
    name_fold,
    orga_event_overview,
    registration_matches,
)
from registrations.services import (
    event_capacity_change,
    participant_cancel,
    participant_check_in,
    participant_check_in_undo,
    registration_cancel,
    registration_check_in,
    registration_create,
    registration_move,
)

VIEW = "registrations.view_registration"
CHANGE = "registrations.change_registration"
CHANGE_EVENT = "events.change_event"
SEARCH_MAX = 100


# --- Access ---------------------------------------------------------------------------


def events_managed_by(user: AbstractBaseUser) -> QuerySet[Event]:
    """Events whose registrations the user may see: staff with the permission to
    view registrations, in their planning scope (all for the Orga-Team)."""
    if not (user.is_active and user.is_staff and user.has_perm(VIEW)):
        return Event.objects.none()
    if roles.user_is_orga(user):
        return Event.objects.all()
    return roles.events_editable_by(user)


def may_manage(user: AbstractBaseUser, event: Event, *perms: str) -> bool:
    """Whether the user may see (and, with `perms`, act on) the event's parties."""
    return (
        all(user.has_perm(perm) for perm in perms)
        and events_managed_by(user).filter(pk=event.pk).exists()
    )


def checkin_url_for(user: AbstractBaseUser, token: str) -> str | None:
    """Where staff who may check a party in should go when they open the link of
    its QR code (/r/<registration token>/): the party's check-in entry. None for
    everyone else and for other tokens; no query for visitors who are not staff."""
    if not (user.is_authenticated and user.is_staff):
        return None
    registration = token_lookup(Registration.objects.select_related("event"), token)
    if registration is None or not may_manage(user, registration.event, CHANGE):
        return None
    return reverse("registrations-orga:checkin-entry", kwargs={"token": token})


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "registrations/orga/forbidden.html", status=403)


def orga_page(view: Callable) -> Callable:
    """Anonymous visitors go to the login; accounts without access get a 403 page
    that says whom to ask."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not (request.user.is_staff and request.user.has_perm(VIEW)):
            return _forbidden(request)
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return _forbidden(request)

    return wrapper


def _event(request: HttpRequest, slug: str, *perms: str) -> Event:
    event = get_object_or_404(
        Event.objects.select_related("venue", "sub_event"), slug=slug
    )
    if not may_manage(request.user, event, *perms):
        raise PermissionDenied
    return event


def _board_url(event: Event, registration: Registration | None = None) -> str:
    url = reverse("registrations-orga:registrations", kwargs={"slug": event.slug})
    return f"{url}#party-{registration.pk}" if registration else url


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _names(registrations: list[Registration]) -> str:
    return ", ".join(r.household.name for r in registrations)


def _promoted_since(event: Event, waiting_before: list[int]) -> list[Registration]:
    """Which of the parties that were waiting are confirmed now (for the message)."""
    board = event_registration_board(event)
    return [r for r in board.confirmed if r.pk in set(waiting_before)]


def _waiting_ids(event: Event) -> list[int]:
    return list(
        Registration.objects.waiting_in_order()
        .filter(event=event)
        .values_list("pk", flat=True)
    )


# --- Events and their parties ------------------------------------------------------


@orga_page
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    """The events by day; `?day=YYYY-MM-DD` shows one day (the tabs)."""
    events = orga_event_overview(events_managed_by(request.user))
    days = [(day, len(list(group))) for day, group in groupby(events, _local_day)]
    chosen = request.GET.get("day", "")
    if chosen in {day.isoformat() for day, _count in days}:
        events = [e for e in events if _local_day(e).isoformat() == chosen]
    else:
        chosen = ""
    return render(
        request,
        "registrations/orga/event_list.html",
        {
            "events": events,
            "by_day": [
                (day, list(group)) for day, group in groupby(events, _local_day)
            ],
            "days": days,
            "chosen_day": chosen,
        },
    )


def _local_day(event: Event) -> dt.date:
    return event.local_day


def _move_targets(user: AbstractBaseUser, event: Event) -> list[Event]:
    return [
        other
        for other in orga_event_overview(events_managed_by(user))
        if other.pk != event.pk and other.status == Event.Status.PUBLISHED
    ]


def _render_board(
    request: HttpRequest,
    event: Event,
    *,
    party_form: PartyForm | None = None,
    people=None,
    capacity_form: CapacityForm | None = None,
) -> HttpResponse:
    user = request.user
    may_change = user.has_perm(CHANGE)
    return render(
        request,
        "registrations/orga/board.html",
        {
            "event": event,
            "board": event_registration_board(event),
            "may_change": may_change,
            "may_change_capacity": may_change and user.has_perm(CHANGE_EVENT),
            "party_form": party_form or PartyForm(prefix="party"),
            "people": people or people_formset(event),
            "add_open": party_form is not None,
            "capacity_form": capacity_form
            or CapacityForm(prefix="capacity", initial={"capacity": event.capacity}),
            "move_targets": _move_targets(user, event) if may_change else [],
        },
    )


@orga_page
@require_GET
def registrations_board(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    audit_request(
        request, action="registrations.list_read", obj=event, summary=event.title
    )
    return _render_board(request, event)


@orga_page
@require_POST
def party_add(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug, CHANGE)
    form = PartyForm(request.POST, prefix="party")
    people = people_formset(event, request.POST)
    if form.is_valid() and people.is_valid():
        try:
            result = registration_create(
                event=event,
                contact=form.contact(),
                participants=people.people(),
                consent_privacy=form.cleaned_data["consent_privacy"],
                needs=form.cleaned_data["needs"],
                needs_text=form.cleaned_data["needs_text"],
                by_organiser=True,
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            registration = result.registration
            if registration.is_confirmed:
                text = ngettext(
                    "%(name)s is registered: confirmed, %(n)d seat.",
                    "%(name)s is registered: confirmed, %(n)d seats.",
                    result.seats,
                ) % {"name": registration.household.name, "n": result.seats}
            else:
                text = _(
                    "%(name)s is on the waiting list at position %(position)d."
                ) % {
                    "name": registration.household.name,
                    "position": result.waitlist_position,
                }
            messages.success(request, text)
            return redirect(_board_url(event, registration))
    return _render_board(request, event, party_form=form, people=people)


@orga_page
@require_POST
def party_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _event(request, slug, CHANGE)
    registration = get_object_or_404(
        Registration.objects.select_related("household"), pk=pk, event=event
    )
    waiting = _waiting_ids(event)
    registration_cancel(registration=registration)
    messages.success(
        request,
        _("The registration of %(name)s is cancelled.")
        % {"name": registration.household.name},
    )
    _tell_promoted(request, _promoted_since(event, waiting))
    return redirect(_board_url(event, registration))


@orga_page
@require_POST
def participant_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _event(request, slug, CHANGE)
    participant = get_object_or_404(
        Participant.objects.select_related("registration"),
        pk=pk,
        registration__event=event,
    )
    waiting = _waiting_ids(event)
    try:
        participant_cancel(participant=participant)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(
            request, _("%(name)s is cancelled.") % {"name": participant.name}
        )
        _tell_promoted(request, _promoted_since(event, waiting))
    return redirect(_board_url(event, participant.registration))


@orga_page
@require_POST
def party_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _event(request, slug, CHANGE)
    registration = get_object_or_404(
        Registration.objects.select_related("household"), pk=pk, event=event
    )
    form = MoveForm(
        request.POST, prefix="move", targets=_move_targets(request.user, event)
    )
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("to_event", [])))
        return redirect(_board_url(event, registration))
    target = form.cleaned_data["to_event"]
    waiting = _waiting_ids(event)
    try:
        moved = registration_move(
            registration=registration, to_event=target, by=request.user
        )
    except ValidationError as exc:
        messages.error(
            request,
            _("%(name)s cannot be moved to “%(event)s”: %(reason)s")
            % {
                "name": registration.household.name,
                "event": target.title,
                "reason": _error_text(exc),
            },
        )
        return redirect(_board_url(event, registration))
    if moved.is_confirmed:
        text = _("%(name)s is moved to “%(event)s”: confirmed.")
    else:
        text = _("%(name)s is moved to “%(event)s”: on the waiting list there.")
    messages.success(
        request, text % {"name": registration.household.name, "event": target.title}
    )
    _tell_promoted(request, _promoted_since(event, waiting))
    return redirect(_board_url(event))


@orga_page
@require_POST
def capacity_change(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug, CHANGE, CHANGE_EVENT)
    form = CapacityForm(request.POST, prefix="capacity")
    if form.is_valid():
        try:
            promoted = event_capacity_change(
                event=event, capacity=form.cleaned_data["capacity"], by=request.user
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(
                request,
                _("Seats set to %(n)d.") % {"n": form.cleaned_data["capacity"]},
            )
            _tell_promoted(request, promoted)
            return redirect(_board_url(event))
    event.refresh_from_db()
    return _render_board(request, event, capacity_form=form)


def _tell_promoted(request: HttpRequest, promoted: list[Registration]) -> None:
    if promoted:
        messages.info(
            request,
            _("Moved up from the waiting list (they get an e-mail): %(names)s.")
            % {"names": _names(promoted)},
        )


# --- Exports --------------------------------------------------------------------------


@orga_page
@require_GET
def export_csv(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    audit_request(
        request, action="registrations.export", obj=event, summary=f"{event.title}: CSV"
    )
    response = HttpResponse(
        exports.registrations_csv(event), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{exports.filename(event, "csv")}"'
    )
    return response


@orga_page
@require_GET
def export_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    audit_request(
        request,
        action="registrations.export",
        obj=event,
        summary=f"{event.title}: XLSX",
    )
    response = HttpResponse(
        exports.registrations_xlsx(event), content_type=exports.XLSX
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{exports.filename(event, "xlsx")}"'
    )
    return response


# --- Check-in -------------------------------------------------------------------------


@orga_page
@require_GET
def checkin(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    query = request.GET.get("q", "")[:SEARCH_MAX].strip()
    board = event_registration_board(event)
    # The search term may be a name: it is not logged.
    audit_request(
        request, action="registrations.checkin_read", obj=event, summary=event.title
    )
    parties = sorted(
        (r for r in board.confirmed if registration_matches(r, query)),
        key=lambda r: (name_fold(r.household.name), r.pk),
    )
    others = (
        [r for r in board.waiting + board.cancelled if registration_matches(r, query)]
        if query
        else []
    )
    return render(
        request,
        "registrations/orga/checkin.html",
        {
            "event": event,
            "board": board,
            "query": query,
            "parties": parties,
            "others": others,
            "may_change": request.user.has_perm(CHANGE),
            "next": request.get_full_path(),
        },
    )


@orga_page
@require_GET
def checkin_entry(request: HttpRequest, token: str) -> HttpResponse:
    """One party, opened from the QR code on the family's confirmation."""
    registration = get_object_or_404(
        Registration.objects.select_related("event__venue", "event__sub_event"),
        token=token,
    )
    event = registration.event
    if not may_manage(request.user, event):
        raise PermissionDenied
    audit_request(
        request,
        action="registrations.party_read",
        obj=registration,
        summary=event.title,
    )
    board = event_registration_board(event)
    party = next(
        r
        for r in board.confirmed + board.waiting + board.cancelled
        if r.pk == registration.pk
    )
    return render(
        request,
        "registrations/orga/checkin_entry.html",
        {
            "event": event,
            "board": board,
            "party": party,
            "may_change": request.user.has_perm(CHANGE),
            "next": request.get_full_path(),
        },
    )


def _back(request: HttpRequest, event: Event, registration_id: int) -> HttpResponse:
    """Back to the page the button was on (a check-in page), at the party."""
    default = reverse("registrations-orga:checkin", kwargs={"slug": event.slug})
    target = request.POST.get("next", "")
    if not (
        target.startswith("/orga/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=False
        )
    ):
        target = default
    return HttpResponseRedirect(f"{target.split('#')[0]}#party-{registration_id}")


@orga_page
@require_POST
def checkin_participant(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _event(request, slug, CHANGE)
    participant = get_object_or_404(Participant, pk=pk, registration__event=event)
    try:
        if request.POST.get("action") == "undo":
            participant_check_in_undo(participant=participant, by=request.user)
            messages.info(
                request,
                _("Check-in of %(name)s taken back.") % {"name": participant.name},
            )
        else:
            participant_check_in(participant=participant, by=request.user)
            messages.success(
                request, _("%(name)s is checked in.") % {"name": participant.name}
            )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return _back(request, event, participant.registration_id)


@orga_page
@require_POST
def checkin_party(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _event(request, slug, CHANGE)
    registration = get_object_or_404(
        Registration.objects.select_related("household"), pk=pk, event=event
    )
    try:
        count = registration_check_in(registration=registration, by=request.user)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(
            request,
            ngettext(
                "%(name)s: %(n)d person checked in.",
                "%(name)s: %(n)d people checked in.",
                count,
            )
            % {"name": registration.household.name, "n": count},
        )
    return _back(request, event, registration.pk)
