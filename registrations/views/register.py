"""The registration form and its confirmation.

The view parses, runs the services' checks field by field so that a family sees
every mistake in one round trip, calls registration_create and redirects. A family
needs no account.
"""

from dataclasses import dataclass, field, replace
from typing import NamedTuple

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms import BaseFormSet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from events.forms import describe_errors
from events.models import Event
from events.ratelimit import ratelimit_exceeded, too_many_response
from events.selectors import event_list_public, seats_available_map
from events.templatetags.festwoche import age_range
from registrations.forms import (
    SERVICE_FIELDS,
    ParticipantFormSet,
    RegistrationForm,
)
from registrations.models import (
    ADULT_AGE,
    Registration,
)
from registrations.privacy import privacy_notice_text
from registrations.selectors import (
    registration_by_token,
    waitlist_position,
)
from registrations.services import (
    PARTY_HARD_LIMIT,
    ContactInput,
    RegistrationResult,
    contact_clean,
    eligibility_check,
    needs_clean,
    participants_clean,
    registration_create,
)

PEOPLE_PREFIX = "p"


FIRST_ROWS = 2


# Registration tokens whose household was created by this browser's request: only
# then does the confirmation show the household's link (a household that existed
# gets its link by e-mail; typing an e-mail address must not reveal it).
SESSION_NEW_HOUSEHOLDS = "registrations:new_households"


REGISTER_LIMIT = {"scope": "register", "limit": 10, "window": 60}


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
        describe_errors(self.form, *self.people)


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
            return too_many_response(
                request,
                window=REGISTER_LIMIT["window"],
                template="registrations/public/rate_limited.html",
            )
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
