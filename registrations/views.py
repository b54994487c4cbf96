"""Public pages of registrations: the form, its confirmation, the household's manage
page and "link lost?".

The views parse, call one service and render; every rule lives in
registrations.services. A family needs no account: the unguessable tokens in the
links are the access (household token: the whole week; registration token: one
registration).
"""

import datetime as dt
from dataclasses import dataclass, field, replace
from itertools import groupby
from typing import NamedTuple

import segno
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms import BaseFormSet, Form
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from events.models import Event
from events.selectors import event_list_public, seats_available_map
from events.templatetags.festwoche import age_range
from registrations.forms import (
    SERVICE_FIELDS,
    LinkResendForm,
    ParticipantFormSet,
    RegistrationForm,
)
from registrations.models import (
    ADULT_AGE,
    Household,
    Need,
    Participant,
    Registration,
)
from registrations.orga_views import checkin_url_for
from registrations.privacy import privacy_notice_text
from registrations.ratelimit import ratelimit_exceeded
from registrations.selectors import (
    household_by_token,
    household_export,
    household_registrations,
    registration_by_token,
)
from registrations.services import (
    PARTY_HARD_LIMIT,
    ContactInput,
    RegistrationResult,
    contact_clean,
    eligibility_check,
    household_erase,
    household_link_resend,
    needs_clean,
    participant_cancel,
    participants_clean,
    registration_cancel,
    registration_change_party,
    registration_create,
    waitlist_position,
)

PEOPLE_PREFIX = "p"
FIRST_ROWS = 2
# Registration tokens whose household was created by this browser's request: only
# then does the confirmation show the household's link (a household that existed
# gets its link by e-mail; typing an e-mail address must not reveal it).
SESSION_NEW_HOUSEHOLDS = "registrations:new_households"
REGISTER_LIMIT = {"scope": "register", "limit": 10, "window": 60}
LINK_LIMIT = {"scope": "link", "limit": 5, "window": 600}


def _too_many(request: HttpRequest, *, window: int) -> HttpResponse:
    response = render(
        request,
        "registrations/public/rate_limited.html",
        {"minutes": max(1, window // 60)},
        status=429,
    )
    response["Retry-After"] = str(window)
    return response


def _public_event(slug: str) -> Event:
    try:
        return event_list_public().get(slug=slug)
    except Event.DoesNotExist:
        raise Http404 from None


def _max_rows(event: Event) -> int:
    return max(1, min(event.max_party_size, PARTY_HARD_LIMIT))


def _rules(event: Event) -> list[str]:
    """The event's registration rules in plain words (the service enforces them)."""
    rules = []
    ages = age_range(event)
    if event.min_age is not None and event.min_age >= ADULT_AGE:
        rules.append(_("For adults: %(ages)s.") % {"ages": ages})
    elif ages:
        rules.append(
            _("Children: %(ages)s (age on the day of the event).") % {"ages": ages}
        )
    else:
        rules.append(_("For all ages."))
    if event.adult_required_under is not None:
        rules.append(
            _(
                "Children under %(age)d come with an adult: please register the "
                "adult too."
            )
            % {"age": event.adult_required_under}
        )
    rules.append(
        ngettext(
            "Up to %(n)d person per registration.",
            "Up to %(n)d people per registration.",
            event.max_party_size,
        )
        % {"n": event.max_party_size}
    )
    if event.adults_take_seats:
        rules.append(_("Accompanying adults take a seat, too."))
    else:
        rules.append(_("Accompanying adults do not take a seat."))
    rules.append(
        _(
            "If all seats are taken, you join the waiting list. When seats become "
            "free, waiting families move up in the order in which they registered; "
            "a family for whom the free seats are not enough is skipped."
        )
    )
    return rules


def _describe_errors(*forms: Form) -> None:
    """Tie each error to its input for screen readers (aria-describedby; the
    templates give the error the id "<input id>-error")."""
    for form in forms:
        for name in form.errors:
            if name in form.fields:
                bound = form[name]
                ids = [f"{bound.auto_id}-error"]
                if bound.help_text:
                    ids.insert(0, f"{bound.auto_id}_helptext")
                bound.field.widget.attrs["aria-describedby"] = " ".join(ids)


# --- The registration form -------------------------------------------------------


class ErrorItem(NamedTuple):
    anchor: str  # the id of the input, "" for a rule about the whole registration
    message: str
    code: str


@dataclass
class _Page:
    """The form page's state: the forms and the errors the service reported that
    belong to the party as a whole."""

    form: RegistrationForm
    people: BaseFormSet
    people_errors: list[ValidationError] = field(default_factory=list)

    def people_problems(self) -> list[ValidationError]:
        """Errors about the party as a whole (nobody, too many)."""
        return [*self.people.non_form_errors().as_data(), *self.people_errors]

    def people_messages(self) -> list[str]:
        return [message for e in self.people_problems() for message in e.messages]

    def error_summary(self) -> list[ErrorItem]:
        """Every error in page order, with the id of its input to link to."""

        def items(errors: list[ValidationError], anchor: str, label: str = ""):
            for error in errors:
                for message in error.messages:
                    yield ErrorItem(anchor, f"{label}{message}", error.code or "")

        summary = [*items(self.form.non_field_errors().as_data(), "")]
        summary += items(self.people_problems(), "people")
        for number, row in enumerate(self.people, start=1):
            label = _("Person %(number)s") % {"number": number} + ": "
            for name, errors in row.errors.as_data().items():
                summary += items(errors, row[name].auto_id, label)
        form_errors = self.form.errors.as_data()
        for name in self.form.fields:
            summary += items(form_errors.get(name, []), self.form[name].auto_id)
        return summary

    def describe_errors(self) -> None:
        _describe_errors(self.form, *self.people)


def _blank_page(event: Event) -> _Page:
    rows = min(FIRST_ROWS, _max_rows(event))
    return _Page(
        form=RegistrationForm(),
        people=ParticipantFormSet(prefix=PEOPLE_PREFIX, initial=[{}] * rows),
    )


def _page_with_one_more_row(data: QueryDict, event: Event) -> _Page:
    """The form as typed plus an empty row for one more person (the "add person"
    button without JavaScript); nothing is checked yet."""
    try:
        rows = int(data.get(f"{PEOPLE_PREFIX}-TOTAL_FORMS", ""))
    except ValueError:
        rows = FIRST_ROWS
    rows = max(1, min(rows + 1, _max_rows(event)))
    people = [
        {
            "name": data.get(f"{PEOPLE_PREFIX}-{i}-name", ""),
            "age": data.get(f"{PEOPLE_PREFIX}-{i}-age", ""),
            "photo_consent": bool(data.get(f"{PEOPLE_PREFIX}-{i}-photo_consent")),
        }
        for i in range(rows)
    ]
    form = RegistrationForm(
        initial={
            "name": data.get("name", ""),
            "email": data.get("email", ""),
            "phone": data.get("phone", ""),
            "needs": data.getlist("needs"),
            "needs_text": data.get("needs_text", ""),
            "consent_privacy": bool(data.get("consent_privacy")),
        }
    )
    return _Page(
        form=form, people=ParticipantFormSet(prefix=PEOPLE_PREFIX, initial=people)
    )


def _apply_service_errors(page: _Page, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        page.form.add_error(None, error)
        return
    for key, errors in error.error_dict.items():
        if key == "participants":
            page.people_errors += errors
        elif key in SERVICE_FIELDS:
            page.form.add_error(SERVICE_FIELDS[key], errors)
        else:
            page.form.add_error(None, errors)


# A contact that passes the service's checks: probing one typed field at a time
# against it shows every mistake at once (the service stops at the first).
_VALID_CONTACT = ContactInput(name="Probe", email="probe@example.org")


def _check_input(event: Event, page: _Page) -> bool:
    """Run the service's checks field by field and row by row, so that each error
    stands at its field and all show in one round trip. True if all pass."""
    rows = [row for row in page.people if not row.is_blank()]
    for row in rows:
        try:
            participants_clean([row.participant()])
        except ValidationError as error:
            for problem in error.error_dict.get("participants", []):
                field = "age" if problem.code == "age_invalid" else "name"
                row.add_error(field, problem)
    if rows and not any(row.errors for row in rows):
        try:
            eligibility_check(
                event=event, participants=[row.participant() for row in rows]
            )
        except ValidationError as error:
            _apply_service_errors(page, error)
    data = page.form.cleaned_data
    for name in ("name", "email", "phone"):
        if name in data:
            try:
                contact_clean(replace(_VALID_CONTACT, **{name: data[name]}))
            except ValidationError as error:
                _apply_service_errors(page, error)
    if "needs" in data and "needs_text" in data:
        try:
            needs_clean(data["needs"], data["needs_text"])
        except ValidationError as error:
            _apply_service_errors(page, error)
    return not (
        page.form.errors or page.people_errors or any(row.errors for row in page.people)
    )


def _submit(event: Event, page: _Page) -> RegistrationResult | None:
    """Register the party typed into the page; None (errors on the page) if the
    input or one of the event's rules refuses it."""
    page.form.is_valid()
    if not page.people.is_valid() or not _check_input(event, page):
        return None
    data = page.form.cleaned_data
    try:
        return registration_create(
            event=event,
            contact=page.form.contact(language=translation.get_language()),
            participants=[
                row.participant() for row in page.people if not row.is_blank()
            ],
            consent_privacy=data["consent_privacy"],
            needs=data["needs"],
            needs_text=data["needs_text"],
        )
    except ValidationError as error:
        _apply_service_errors(page, error)
        return None


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, slug: str) -> HttpResponse:
    """The registration form of an event: the party, the contact, needs, consent."""
    event = _public_event(slug)
    state = "cancelled" if event.is_cancelled else event.registration_state()
    if request.method == "POST":
        if ratelimit_exceeded(request, **REGISTER_LIMIT):
            return _too_many(request, window=REGISTER_LIMIT["window"])
        page = _Page(
            form=RegistrationForm(request.POST),
            people=ParticipantFormSet(request.POST, prefix=PEOPLE_PREFIX),
        )
        if page.form.is_spam():
            # Look like success to the bot; store nothing.
            return redirect("registrations:received", slug=event.slug)
        if "add_person" in request.POST:
            page = _page_with_one_more_row(request.POST, event)
        else:
            result = _submit(event, page)
            if result is not None:
                return _registered_redirect(request, result)
            page.describe_errors()
    else:
        page = _blank_page(event)
    return render(
        request,
        "registrations/public/register.html",
        {
            "event": event,
            "state": state,
            "seats_available": seats_available_map([event])[event.pk],
            "page": page,
            "form": page.form,
            "people": page.people,
            "max_rows": _max_rows(event),
            "rules": _rules(event),
            "already_registered": page.form.has_error(
                NON_FIELD_ERRORS, "already_registered"
            ),
            "privacy_notice": privacy_notice_text(),
        },
    )


def _registered_redirect(
    request: HttpRequest, result: RegistrationResult
) -> HttpResponse:
    token = result.registration.token
    if result.household_is_new:
        shown = request.session.get(SESSION_NEW_HOUSEHOLDS, [])
        request.session[SESSION_NEW_HOUSEHOLDS] = [*shown[-9:], token]
    return redirect("registrations:registered", token=token)


@require_http_methods(["GET"])
def received(request: HttpRequest, slug: str) -> HttpResponse:
    """What the honeypot answers: a thank-you without a registration behind it."""
    return render(
        request, "registrations/public/received.html", {"event": _public_event(slug)}
    )


def _registration_url(request: HttpRequest, registration: Registration) -> str:
    return request.build_absolute_uri(
        reverse("registrations:manage", kwargs={"token": registration.token})
    )


@require_http_methods(["GET"])
def registered(request: HttpRequest, token: str) -> HttpResponse:
    """The confirmation after the form: status, the party, the link to manage it."""
    registration = registration_by_token(token)
    if registration is None:
        raise Http404
    household = registration.household
    new_household = token in request.session.get(SESSION_NEW_HOUSEHOLDS, [])
    manage_url = request.build_absolute_uri(
        household.get_absolute_url()
        if new_household
        else reverse("registrations:manage", kwargs={"token": token})
    )
    return render(
        request,
        "registrations/public/registered.html",
        {
            "registration": registration,
            "event": registration.event,
            "household": household,
            "position": waitlist_position(registration),
            "new_household": new_household,
            "manage_url": manage_url,
        },
    )


# --- The manage page ---------------------------------------------------------------


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
    for registration in scope.registrations:
        registration.position = waitlist_position(registration)
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
        _describe_errors(*people)
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


def _household_or_404(token: str) -> Household:
    household = household_by_token(token)
    if household is None:
        raise Http404
    return household


def _readable(data: dict) -> dict:
    """The export for the page: times as datetimes, statuses and needs as words."""
    needs = dict(Need.choices)
    statuses = dict(Registration.Status.choices)

    def times(item: dict) -> dict:
        return {
            key: (
                dt.datetime.fromisoformat(value)
                if key.endswith("_at") and value
                else value
            )
            for key, value in item.items()
        }

    registrations = []
    for registration in data["registrations"]:
        item = times(registration)
        item["event"] = times(registration["event"])
        item["status_label"] = statuses.get(registration["status"], "")
        item["need_labels"] = [needs.get(n, n) for n in registration["needs"]]
        item["participants"] = [times(p) for p in registration["participants"]]
        registrations.append(item)
    return {**times(data), "registrations": registrations}


@never_cache
@require_http_methods(["GET"])
def data_json(request: HttpRequest, token: str) -> HttpResponse:
    """Everything stored about the household as a JSON file to download."""
    household = _household_or_404(token)
    response = JsonResponse(
        household_export(household),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = 'attachment; filename="festwoche-data.json"'
    return response


@never_cache
@require_http_methods(["GET"])
def data_page(request: HttpRequest, token: str) -> HttpResponse:
    """The same data as the download, as a page to read."""
    household = _household_or_404(token)
    return render(
        request,
        "registrations/public/data.html",
        {"token": token, "data": _readable(household_export(household))},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def data_delete(request: HttpRequest, token: str) -> HttpResponse:
    """GET: what deleting means; POST: cancel everything and erase the data."""
    household = _household_or_404(token)
    if request.method == "POST":
        household_erase(household=household)
        return render(request, "registrations/public/deleted.html")
    active = list(household.registrations.active().select_related("event"))
    return render(
        request,
        "registrations/public/delete.html",
        {
            "token": token,
            "household": household,
            "active": sorted(active, key=lambda r: (r.event.starts_at, r.pk)),
        },
    )


# --- Link lost? -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def link_resend(request: HttpRequest) -> HttpResponse:
    """Send the household's link again. The answer is the same whether or not the
    address is known, so the page reveals nobody's registration."""
    if request.method == "POST":
        if ratelimit_exceeded(request, **LINK_LIMIT):
            return _too_many(request, window=LINK_LIMIT["window"])
        form = LinkResendForm(request.POST)
        if form.is_valid():
            household_link_resend(email=form.cleaned_data["email"])
            return redirect(reverse("registrations:link") + "?sent=1")
        _describe_errors(form)
    else:
        form = LinkResendForm()
    return render(
        request,
        "registrations/public/link.html",
        {"form": form, "sent": request.GET.get("sent") == "1"},
    )
