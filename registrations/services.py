"""Writes of registrations: register a party, cancel, change, promote the waiting list.

Every change of seats locks the event's row first (SELECT ... FOR UPDATE on
PostgreSQL; on SQLite the IMMEDIATE transaction holds the write lock), counts the
seats under the lock and only then writes, so a seat is never given twice.
"""

import datetime as dt
import logging
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from events.models import Event
from events.registry import registry
from events.services import event_update
from registrations import notifications
from registrations.models import (
    ADULT_AGE,
    Household,
    Need,
    Participant,
    Registration,
    new_token,
)
from registrations.privacy import PRIVACY_NOTICE_VERSION, privacy_notice_text
from registrations.selectors import seats_taken

logger = logging.getLogger(__name__)

NAME_MAX = 80
CONTACT_NAME_MAX = 150
NEEDS_TEXT_MAX = 500
PHONE_MAX = 40
EMAIL_MAX = 254
# No party is larger than this, whatever the event allows; checked before anything
# else so that an absurd request costs nothing.
PARTY_HARD_LIMIT = 50


@dataclass(frozen=True)
class ContactInput:
    name: str
    email: str
    phone: str = ""
    language: str = ""


@dataclass(frozen=True)
class ParticipantInput:
    name: str
    age: int
    photo_consent: bool = False


@dataclass
class RegistrationResult:
    registration: Registration
    household_is_new: bool
    waitlist_position: int | None = None
    seats: int = 0
    promoted: list[Registration] = field(default_factory=list)


def _refuse(message: str, code: str, field: str | None = None) -> ValidationError:
    if field:
        return ValidationError({field: ValidationError(message, code=code)})
    return ValidationError(message, code=code)


# Whole sentences per field: a label spliced into a sentence cannot be translated
# (German changes the article's case).
CONTACT_NAME_MESSAGES = {
    "invalid": gettext_lazy("Your name must be text."),
    "required": gettext_lazy("Please enter your name."),
    "too_long": gettext_lazy("Your name may have at most %(max)d characters."),
    "invalid_characters": gettext_lazy(
        "Your name contains characters that cannot be used."
    ),
}
FIRST_NAME_MESSAGES = {
    "invalid": gettext_lazy("Each first name must be text."),
    "required": gettext_lazy("Please enter a first name for each person."),
    "too_long": gettext_lazy("A first name may have at most %(max)d characters."),
    "invalid_characters": gettext_lazy(
        "A first name contains characters that cannot be used."
    ),
}


def _clean_text(
    value: object, *, field: str, max_length: int, messages: dict[str, str]
) -> str:
    """Strip, refuse empty, overlong and control characters; keep emoji and RTL."""
    if not isinstance(value, str):
        raise _refuse(str(messages["invalid"]), "invalid", field)
    text = unicodedata.normalize("NFC", " ".join(value.split()))
    if not text:
        raise _refuse(str(messages["required"]), "required", field)
    if len(text) > max_length:
        raise _refuse(
            str(messages["too_long"]) % {"max": max_length}, "too_long", field
        )
    if any(unicodedata.category(ch) in {"Cc", "Cs", "Co"} for ch in text):
        raise _refuse(str(messages["invalid_characters"]), "invalid_characters", field)
    return text


def contact_clean(contact: ContactInput) -> ContactInput:
    """Check and normalise a contact; ValidationError with a field and code."""
    name = _clean_text(
        contact.name,
        field="contact.name",
        max_length=CONTACT_NAME_MAX,
        messages=CONTACT_NAME_MESSAGES,
    )
    email = (contact.email or "").strip() if isinstance(contact.email, str) else ""
    try:
        # validate_email allows 320 characters; the column (RFC 5321 path) holds 254.
        if len(email) > EMAIL_MAX:
            raise ValidationError("too long")
        validate_email(email)
    except ValidationError:
        raise _refuse(
            _("Please enter a valid e-mail address."), "email_invalid", "contact.email"
        ) from None
    phone = contact.phone or ""
    if (
        not isinstance(phone, str)
        or len(phone) > PHONE_MAX
        or any(ch not in "+0123456789 ()/-" for ch in phone)
    ):
        raise _refuse(
            _("Please enter a phone number with digits only (or leave it empty)."),
            "phone_invalid",
            "contact.phone",
        )
    languages = {code for code, _name in settings.LANGUAGES}
    language = contact.language if contact.language in languages else ""
    return ContactInput(name=name, email=email, phone=phone.strip(), language=language)


def participants_clean(
    participants: Sequence[ParticipantInput],
) -> list[ParticipantInput]:
    if not participants:
        raise _refuse(
            _("Please add at least one person."),
            "participants_required",
            "participants",
        )
    if len(participants) > PARTY_HARD_LIMIT:
        raise _refuse(
            _("A party can have at most %(max)d people.") % {"max": PARTY_HARD_LIMIT},
            "party_too_large",
            "participants",
        )
    cleaned = []
    for person in participants:
        name = _clean_text(
            person.name,
            field="participants",
            max_length=NAME_MAX,
            messages=FIRST_NAME_MESSAGES,
        )
        age = person.age
        if isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= 120:
            raise _refuse(
                _("Please enter each age as a whole number from 0 to 120."),
                "age_invalid",
                "participants",
            )
        cleaned.append(
            ParticipantInput(
                name=name, age=age, photo_consent=bool(person.photo_consent)
            )
        )
    return cleaned


def needs_clean(needs: Iterable[str], needs_text: str) -> tuple[list[str], str]:
    try:
        needs = list(needs or [])
    except TypeError:  # not a list at all
        raise _refuse(_("Unknown need."), "needs_invalid", "needs") from None
    if any(need not in Need.values for need in needs):
        raise _refuse(_("Unknown need."), "needs_invalid", "needs")
    if not isinstance(needs_text or "", str):
        raise _refuse(_("Please describe your needs as text."), "invalid", "needs_text")
    text = (needs_text or "").strip()
    # Line breaks and tabs are fine in free text; other control characters are not
    # (PostgreSQL refuses NUL outright).
    if any(
        unicodedata.category(ch) in {"Cc", "Cs", "Co"}
        for ch in text.translate({ord("\n"): None, ord("\r"): None, ord("\t"): None})
    ):
        raise _refuse(
            _("The description of your needs contains characters that cannot be used."),
            "invalid_characters",
            "needs_text",
        )
    if len(text) > NEEDS_TEXT_MAX:
        raise _refuse(
            _("Please describe your needs in at most %(max)d characters.")
            % {"max": NEEDS_TEXT_MAX},
            "too_long",
            "needs_text",
        )
    return sorted(set(needs), key=Need.values.index), text


def eligibility_check(*, event: Event, participants: list[ParticipantInput]) -> None:
    """The event's rules for a party; ValidationError with a code if it may not come.

    Minimum and maximum age apply to children (and to adults at adults-only events);
    a child under `adult_required_under` needs an adult in the party; the party may
    not exceed `max_party_size`; sub-event modules add rules through the registry.
    """
    if len(participants) > event.max_party_size:
        raise _refuse(
            ngettext(
                "At most %(max)d person can register together for this event.",
                "At most %(max)d people can register together for this event.",
                event.max_party_size,
            )
            % {"max": event.max_party_size},
            "party_too_large",
        )
    adults_only = event.min_age is not None and event.min_age >= ADULT_AGE
    for person in participants:
        if person.age >= ADULT_AGE and not adults_only:
            continue
        too_young = event.min_age is not None and person.age < event.min_age
        too_old = event.max_age is not None and person.age > event.max_age
        if too_young or too_old:
            raise _refuse(
                _("%(name)s (%(age)d) is outside this event's age range.")
                % {"name": person.name, "age": person.age},
                "age_not_allowed",
            )
    if (
        event.adult_required_under is not None
        and not any(p.age >= ADULT_AGE for p in participants)
        and any(p.age < event.adult_required_under for p in participants)
    ):
        raise _refuse(
            _("Children under %(age)d need an accompanying adult: please add one.")
            % {"age": event.adult_required_under},
            "adult_required",
        )
    if not event.adults_take_seats and all(p.age >= ADULT_AGE for p in participants):
        raise _refuse(
            _("This event is for children; adults come along as companions."),
            "child_required",
        )
    registry.check_eligibility(event, participants)


def _registration_open_check(
    event: Event, now: dt.datetime, *, window: bool = True
) -> None:
    if event.status != Event.Status.PUBLISHED or event.capacity is None:
        raise _refuse(
            _("This event takes no registrations."), "registration_not_offered"
        )
    if not window:  # organisers may register outside the window, never past seats
        return
    state = event.registration_state(now)
    if state == "not_yet_open":
        raise _refuse(_("Registration has not opened yet."), "registration_not_open")
    if state == "closed":
        raise _refuse(_("Registration has closed."), "registration_closed")


def _takes_seat(event: Event, person: ParticipantInput) -> bool:
    return person.age < ADULT_AGE or event.adults_take_seats


def _household_for(contact: ContactInput) -> tuple[Household, bool]:
    """The household of this e-mail, created if new (race-safe)."""
    existing = Household.objects.filter(email__iexact=contact.email).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            household = Household.objects.create(
                email=contact.email,
                name=contact.name,
                phone=contact.phone,
                language=contact.language or settings.LANGUAGE_CODE,
            )
        return household, True
    except IntegrityError:  # created a moment ago by a parallel request
        return Household.objects.get(email__iexact=contact.email), False


def waitlist_position(registration: Registration) -> int | None:
    if not registration.is_waitlisted:
        return None
    return (
        Registration.objects.waiting_in_order()
        .filter(event_id=registration.event_id)
        .filter(created_at__lte=registration.created_at)
        .exclude(created_at=registration.created_at, pk__gt=registration.pk)
        .count()
    )


def _seats_of(registration: Registration) -> int:
    return registration.participants.filter(
        cancelled_at__isnull=True, takes_seat=True
    ).count()


@transaction.atomic
def registration_create(
    *,
    event: Event,
    contact: ContactInput,
    participants: Sequence[ParticipantInput],
    consent_privacy: bool,
    needs: Iterable[str] = (),
    needs_text: str = "",
    now: dt.datetime | None = None,
    by_organiser: bool = False,
) -> RegistrationResult:
    """Register a household's party: confirmed if all its seats are free, else on
    the waiting list as a whole. An organiser (by_organiser=True) may register
    outside the registration window; seats and all other rules still apply.
    ValidationError codes: consent_required,
    registration_not_offered, registration_not_open, registration_closed,
    party_too_large, age_not_allowed, adult_required, already_registered and the
    input codes of contact_clean/participants_clean."""
    contact = contact_clean(contact)
    people = participants_clean(participants)
    needs, needs_text = needs_clean(needs, needs_text)
    if consent_privacy is not True:
        raise _refuse(
            _("Please agree to the privacy notice."),
            "consent_required",
            "consent_privacy",
        )
    now = now or timezone.now()
    event = Event.objects.select_for_update().get(pk=event.pk)
    _registration_open_check(event, now, window=not by_organiser)
    eligibility_check(event=event, participants=people)
    household, is_new = _household_for(contact)
    if Registration.objects.active().filter(household=household, event=event).exists():
        raise _refuse(
            _(
                "This e-mail address is already registered for this event. Your "
                "confirmation e-mail has a link to change the registration."
            ),
            "already_registered",
        )
    seats = sum(1 for person in people if _takes_seat(event, person))
    free = event.capacity - seats_taken([event]).get(event.pk, 0)
    confirmed = seats <= free
    registration = Registration.objects.create(
        household=household,
        event=event,
        status=(
            Registration.Status.CONFIRMED
            if confirmed
            else Registration.Status.WAITLISTED
        ),
        confirmed_at=now if confirmed else None,
        needs=needs,
        needs_text=needs_text,
        consent_privacy_version=PRIVACY_NOTICE_VERSION,
        consent_privacy_text=privacy_notice_text(),
    )
    Participant.objects.bulk_create(
        [
            Participant(
                registration=registration,
                name=person.name,
                age=person.age,
                takes_seat=_takes_seat(event, person),
                photo_consent=person.photo_consent,
            )
            for person in people
        ]
    )
    position = waitlist_position(registration)
    # Rendered after the commit, outside the event's lock: templates, the .ics and
    # the QR code took two thirds of the time a registration held the lock, and
    # every family registering for the event at the same moment waited for it.
    if confirmed:
        transaction.on_commit(
            partial(notifications.registration_confirmed, registration)
        )
    else:
        transaction.on_commit(
            partial(
                notifications.registration_waitlisted, registration, position=position
            )
        )
    return RegistrationResult(
        registration=registration,
        household_is_new=is_new,
        waitlist_position=position,
        seats=seats,
    )


@transaction.atomic
def waitlist_promote(
    *, event: Event, now: dt.datetime | None = None
) -> list[Registration]:
    """Confirm waiting parties in order of arrival while seats are free; a party
    that does not fit is skipped, smaller parties behind it may move up."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.capacity is None or event.status != Event.Status.PUBLISHED:
        return []
    now = now or timezone.now()
    free = event.capacity - seats_taken([event]).get(event.pk, 0)
    promoted = []
    for registration in Registration.objects.waiting_in_order().filter(event=event):
        if free <= 0:
            break
        seats = _seats_of(registration)
        if seats > free:
            continue
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        free -= seats
        promoted.append(registration)
        # After the commit, outside the lock (see registration_create).
        transaction.on_commit(
            partial(notifications.registration_promoted, registration)
        )
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration:
    """Cancel a whole registration; its seats go to the waiting list."""
    Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_related("event", "household").get(
        pk=registration.pk
    )
    if registration.status == Registration.Status.CANCELLED:
        return registration
    was_confirmed = registration.is_confirmed
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    transaction.on_commit(partial(notifications.registration_cancelled, registration))
    if was_confirmed:
        waitlist_promote(event=registration.event)
    return registration


@transaction.atomic
def participant_cancel(*, participant: Participant) -> Registration:
    """Take one person out of a party; the last one cancels the registration."""
    registration = participant.registration
    Event.objects.select_for_update().get(pk=registration.event_id)
    participant = Participant.objects.select_related(
        "registration__event", "registration__household"
    ).get(pk=participant.pk)
    registration = participant.registration
    if participant.cancelled_at or registration.status == Registration.Status.CANCELLED:
        return registration
    remaining = registration.participants.filter(cancelled_at__isnull=True).exclude(
        pk=participant.pk
    )
    if not remaining.exists():
        return registration_cancel(registration=registration)
    remaining = list(remaining)
    remaining_people = [ParticipantInput(p.name, p.age) for p in remaining]
    event = registration.event
    if (
        event.adult_required_under is not None
        and any(p.age < event.adult_required_under for p in remaining_people)
        and not any(p.age >= ADULT_AGE for p in remaining_people)
    ):
        raise _refuse(
            _(
                "Children under %(age)d need an accompanying adult: cancel the whole "
                "registration instead."
            )
            % {"age": event.adult_required_under},
            "adult_required",
        )
    # Companions who take no seat cannot stay on their own (eligibility's
    # child_required): the party would hold a place without a seat.
    if not any(p.takes_seat for p in remaining):
        raise _refuse(
            _(
                "This event is for children; adults come along as companions: cancel "
                "the whole registration instead."
            ),
            "child_required",
        )
    participant.cancelled_at = timezone.now()
    participant.save(update_fields=["cancelled_at"])
    if participant.takes_seat:
        # A confirmed party frees a seat; a waiting party that was skipped for its
        # size may fit now. Either way the waiting list is looked at again.
        waitlist_promote(event=event)
        registration.refresh_from_db(fields=["status", "confirmed_at", "updated_at"])
    return registration


@transaction.atomic
def registration_change_party(
    *,
    registration: Registration,
    participants: Sequence[ParticipantInput],
    now: dt.datetime | None = None,
) -> Registration:
    """Replace a party with the new full list of its people, while registration is
    open. Rows whose name and age match stay (photo consent updated), the others are
    cancelled, new people are added; the event's rules apply as at registration.

    A confirmed party may grow only into free seats (it is never moved to the
    waiting list behind the family's back); a waiting party changes freely and keeps
    its place in line. Freed seats, or a waiting party that now fits, promote the
    waiting list. ValidationError codes: registration_cancelled,
    registration_closed, not_enough_seats, the eligibility codes (party_too_large,
    age_not_allowed, adult_required, child_required, ...) and the input codes of
    participants_clean.
    """
    people = participants_clean(participants)
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_related("household").get(
        pk=registration.pk
    )
    registration.event = event
    if registration.status == Registration.Status.CANCELLED:
        raise _refuse(
            _("This registration has been cancelled."), "registration_cancelled"
        )
    now = now or timezone.now()
    if (
        event.status != Event.Status.PUBLISHED
        or event.registration_state(now) != "open"
    ):
        raise _refuse(
            _(
                "Registration for this event has closed, so the party can no longer "
                "be changed. You can still cancel people."
            ),
            "registration_closed",
        )
    eligibility_check(event=event, participants=people)

    current = list(registration.participants.filter(cancelled_at__isnull=True))
    unmatched = list(current)
    kept: list[tuple[Participant, ParticipantInput]] = []
    added: list[ParticipantInput] = []
    for person in people:
        row = next(
            (p for p in unmatched if (p.name, p.age) == (person.name, person.age)),
            None,
        )
        if row is None:
            added.append(person)
        else:
            unmatched.remove(row)
            kept.append((row, person))
    removed = unmatched
    consent_changed = []
    for row, person in kept:
        if row.photo_consent != person.photo_consent:
            row.photo_consent = person.photo_consent
            consent_changed.append(row)
    if not (added or removed or consent_changed):
        return registration

    seats_before = sum(1 for p in current if p.takes_seat)
    # A kept person keeps the seat rule they registered under.
    seats_after = sum(1 for row, _person in kept if row.takes_seat) + sum(
        1 for person in added if _takes_seat(event, person)
    )
    if registration.is_confirmed and seats_after > seats_before:
        free = event.capacity - seats_taken([event]).get(event.pk, 0)
        if seats_after - seats_before > free:
            raise _refuse(
                ngettext(
                    "Your party can only grow if seats are free, and %(free)d seat "
                    "is free right now. Your registration stays as it was.",
                    "Your party can only grow if seats are free, and %(free)d seats "
                    "are free right now. Your registration stays as it was.",
                    max(free, 0),
                )
                % {"free": max(free, 0)},
                "not_enough_seats",
            )

    for row in removed:
        row.cancelled_at = now
    Participant.objects.bulk_update(removed, ["cancelled_at"])
    Participant.objects.bulk_update(consent_changed, ["photo_consent"])
    Participant.objects.bulk_create(
        [
            Participant(
                registration=registration,
                name=person.name,
                age=person.age,
                takes_seat=_takes_seat(event, person),
                photo_consent=person.photo_consent,
            )
            for person in added
        ]
    )
    registration.save(update_fields=["updated_at"])
    was_waiting = registration.is_waitlisted
    promoted = []
    if was_waiting or seats_after < seats_before:
        promoted = waitlist_promote(event=event, now=now)
    registration.refresh_from_db(fields=["status", "confirmed_at", "updated_at"])
    if registration.pk not in {r.pk for r in promoted}:
        # A party that moved up gets the promotion mail (with the new party) only.
        transaction.on_commit(
            partial(
                notifications.registration_changed,
                registration,
                position=waitlist_position(registration),
            )
        )
    return registration


def on_event_changed(event: Event, changed: set[str]) -> None:
    """Registry hook of the core: promote when capacity grows, tell families about
    a new time or place, and about a cancellation."""
    active = list(
        Registration.objects.active().filter(event=event).select_related("household")
    )
    for registration in active:  # the changed event as saved, not N reloads
        registration.event = event
    if "status" in changed and event.status == Event.Status.CANCELLED:
        for registration in active:
            notifications.event_cancelled(registration)
        return
    if "starts_at" in changed and event.starts_at > timezone.now() + REMINDER_LEAD:
        # Postponed beyond the reminder window: a reminder sent for the old date
        # does not count, the family is reminded again before the new one.
        Registration.objects.filter(event=event).update(reminder_sent_at=None)
    if changed & {"starts_at", "ends_at", "venue_id"}:
        for registration in active:
            notifications.event_changed(registration)
    if changed & {"capacity", "status"}:
        waitlist_promote(event=event)


ERASED_NAME = "—"


@transaction.atomic
def household_erase(*, household: Household) -> None:
    """Delete a household's personal data at its own request ("delete my data"):
    every active registration is cancelled (seats go to the waiting lists), then
    the data is anonymised. No e-mail goes to the family that asked to be deleted;
    families promoted on the freed seats are told as always.

    Anonymised, not deleted: the rows stay so that the organisers' figures (people,
    ages, statuses, photo consent) still add up. Contact name and participants'
    first names become "—", the e-mail address erased-<pk>@invalid, phone and the
    needs (ticks and text) are emptied: in a small town a wheelchair tick beside
    two ages can point to one family; the privacy notice's text and
    version stay (the notice, nothing about the family). All link tokens are
    replaced, so the old links open nothing.
    """
    household = Household.objects.select_for_update().get(pk=household.pk)
    active = list(household.registrations.active().order_by("pk"))
    locked = _lock_events(*(r.event_id for r in active))
    now = timezone.now()
    freed: set[int] = set()
    for registration in active:
        if registration.is_confirmed:
            freed.add(registration.event_id)
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    for event_id in sorted(freed):
        waitlist_promote(event=locked[event_id], now=now)
    Participant.objects.filter(registration__household=household).update(
        name=ERASED_NAME
    )
    for registration in household.registrations.all():
        registration.needs = []
        registration.needs_text = ""
        registration.token = new_token()
        registration.save(update_fields=["needs", "needs_text", "token", "updated_at"])
    household.name = ERASED_NAME
    household.email = f"erased-{household.pk}@invalid"
    household.phone = ""
    household.token = new_token()
    household.save(update_fields=["name", "email", "phone", "token", "updated_at"])
    logger.info("household %s erased at its request", household.pk)


def household_link_resend(*, email: str) -> None:
    """Send a household its manage link again. Silent for an unknown address: the
    caller must never learn whether the address is registered."""
    email = (email or "").strip()
    household = Household.objects.filter(email__iexact=email).first() if email else None
    if household is not None:
        notifications.manage_link(household)


# When the reminder goes out: once the event starts within REMINDER_LEAD, but not
# to a party whose confirmation (or promotion) mail is younger than REMINDER_QUIET:
# a family that registered this morning for tomorrow needs no reminder tonight.
REMINDER_LEAD = dt.timedelta(days=2)
REMINDER_QUIET = dt.timedelta(hours=24)


def reminders_send_due(*, now: dt.datetime | None = None) -> int:
    """Remind each confirmed party of a published event starting within two days,
    once; returns how many reminders were sent (run hourly by Celery beat).

    The due rows are locked and marked in one transaction, so two overlapping runs
    never remind a family twice: the second waits for the first, then finds the
    rows marked (PostgreSQL re-checks the condition on the locked rows).
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Registration.objects.select_for_update(of=("self",))
            .filter(
                status=Registration.Status.CONFIRMED,
                reminder_sent_at__isnull=True,
                confirmed_at__lte=now - REMINDER_QUIET,
                event__status=Event.Status.PUBLISHED,
                event__starts_at__gt=now,
                event__starts_at__lte=now + REMINDER_LEAD,
            )
            .select_related("household", "event__venue")
            .order_by("event__starts_at", "pk")
        )
        Registration.objects.filter(pk__in=[r.pk for r in due]).update(
            reminder_sent_at=now
        )
        for registration in due:
            notifications.registration_reminder(registration)  # sent after commit
    return len(due)


# --- Organisers' actions -------------------------------------------------------------


def _lock_events(*event_ids: int) -> dict[int, Event]:
    """Lock events in primary-key order, so that two actions on the same pair of
    events (a move A→B and one B→A) cannot deadlock."""
    return {
        pk: Event.objects.select_for_update().get(pk=pk)
        for pk in sorted(set(event_ids))
    }


@transaction.atomic
def registration_move(
    *,
    registration: Registration,
    to_event: Event,
    by: AbstractBaseUser | None = None,
) -> Registration:
    """Move a party to another event (an organiser's action, the registration window
    does not apply): confirmed there if the whole party fits, else waiting there;
    the old registration is cancelled and its event's waiting list promoted.
    Returns the new registration. ValidationError codes: registration_cancelled,
    same_event, registration_not_offered, already_registered and the target's
    eligibility codes (age_not_allowed, party_too_large, adult_required, ...)."""
    locked = _lock_events(registration.event_id, to_event.pk)
    registration = Registration.objects.select_related("event", "household").get(
        pk=registration.pk
    )
    target = locked[to_event.pk]
    if registration.status == Registration.Status.CANCELLED:
        raise _refuse(
            _("This registration has been cancelled."), "registration_cancelled"
        )
    if target.pk == registration.event_id:
        raise _refuse(
            _("The party is already registered for this event."), "same_event"
        )
    now = timezone.now()
    _registration_open_check(target, now, window=False)
    people = list(registration.participants.filter(cancelled_at__isnull=True))
    inputs = [ParticipantInput(p.name, p.age, p.photo_consent) for p in people]
    eligibility_check(event=target, participants=inputs)
    if (
        Registration.objects.active()
        .filter(household=registration.household, event=target)
        .exists()
    ):
        raise _refuse(
            _("This household is already registered for the other event."),
            "already_registered",
        )
    seats = sum(1 for person in inputs if _takes_seat(target, person))
    free = target.capacity - seats_taken([target]).get(target.pk, 0)
    confirmed = seats <= free
    moved = Registration.objects.create(
        household=registration.household,
        event=target,
        status=(
            Registration.Status.CONFIRMED
            if confirmed
            else Registration.Status.WAITLISTED
        ),
        confirmed_at=now if confirmed else None,
        needs=registration.needs,
        needs_text=registration.needs_text,
        consent_privacy_version=registration.consent_privacy_version,
        consent_privacy_text=registration.consent_privacy_text,
    )
    Participant.objects.bulk_create(
        [
            Participant(
                registration=moved,
                name=person.name,
                age=person.age,
                takes_seat=_takes_seat(target, person),
                photo_consent=person.photo_consent,
            )
            for person in inputs
        ]
    )
    was_confirmed = registration.is_confirmed
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    # The family hears about the new event only: a cancellation notice for the old
    # one would read as if they had lost their place.
    if confirmed:
        notifications.registration_confirmed(moved)
    else:
        notifications.registration_waitlisted(moved, position=waitlist_position(moved))
    if was_confirmed:
        waitlist_promote(event=registration.event)
    logger.info(
        "registration %s moved to event %s as %s by %s",
        registration.pk,
        target.pk,
        moved.pk,
        getattr(by, "pk", None),
    )
    return moved


@transaction.atomic
def event_capacity_change(
    *, event: Event, capacity: int, by: AbstractBaseUser | None = None
) -> list[Registration]:
    """Set an event's seats (an organiser's action). Waiting parties that now fit
    are promoted by the core's change hook; they are returned in order.
    ValidationError capacity_below_taken if confirmed parties hold more seats, and
    the event's own field codes (negative_value, ...)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    taken = seats_taken([event]).get(event.pk, 0)
    if capacity is not None and 0 <= capacity < taken:
        raise _refuse(
            ngettext(
                "Confirmed parties already hold %(taken)d seat: cancel or move "
                "parties first.",
                "Confirmed parties already hold %(taken)d seats: cancel or move "
                "parties first.",
                taken,
            )
            % {"taken": taken},
            "capacity_below_taken",
            "capacity",
        )
    waiting = list(
        Registration.objects.waiting_in_order()
        .filter(event=event)
        .values_list("pk", flat=True)
    )
    event_update(event=event, capacity=capacity)
    promoted = {
        r.pk: r
        for r in Registration.objects.filter(
            pk__in=waiting, status=Registration.Status.CONFIRMED
        ).select_related("household")
    }
    logger.info(
        "capacity of event %s set to %s by %s",
        event.pk,
        capacity,
        getattr(by, "pk", None),
    )
    return [promoted[pk] for pk in waiting if pk in promoted]


def _check_in_refusal(participant: Participant) -> ValidationError:
    if participant.registration.status != Registration.Status.CONFIRMED:
        return _refuse(
            _("Only confirmed registrations can be checked in."), "not_confirmed"
        )
    return _refuse(
        _("%(name)s is no longer registered.") % {"name": participant.name},
        "participant_cancelled",
    )


def participant_check_in(
    *,
    participant: Participant,
    by: AbstractBaseUser | None = None,
    now: dt.datetime | None = None,
) -> Participant:
    """Mark a person of a confirmed party as arrived; a second tap changes nothing.
    ValidationError not_confirmed (waiting or cancelled party) or
    participant_cancelled."""
    # One conditional UPDATE: two staff tapping at once keep the first time, and a
    # party cancelled a moment ago is not checked in.
    Participant.objects.filter(
        pk=participant.pk,
        checked_in_at__isnull=True,
        cancelled_at__isnull=True,
        registration__status=Registration.Status.CONFIRMED,
    ).update(checked_in_at=now or timezone.now())
    participant = Participant.objects.select_related("registration").get(
        pk=participant.pk
    )
    if participant.checked_in_at is None:
        raise _check_in_refusal(participant)
    return participant


def participant_check_in_undo(
    *, participant: Participant, by: AbstractBaseUser | None = None
) -> Participant:
    """Take back a check-in (a wrong tap); nothing happens if there was none."""
    Participant.objects.filter(pk=participant.pk).update(checked_in_at=None)
    return Participant.objects.select_related("registration").get(pk=participant.pk)


def registration_check_in(
    *,
    registration: Registration,
    by: AbstractBaseUser | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Check in every active person of a confirmed party; returns how many were
    newly checked in (0 on a second tap). ValidationError not_confirmed."""
    count = Participant.objects.filter(
        registration_id=registration.pk,
        checked_in_at__isnull=True,
        cancelled_at__isnull=True,
        registration__status=Registration.Status.CONFIRMED,
    ).update(checked_in_at=now or timezone.now())
    status = Registration.objects.values_list("status", flat=True).get(
        pk=registration.pk
    )
    if status != Registration.Status.CONFIRMED:
        raise _refuse(
            _("Only confirmed registrations can be checked in."), "not_confirmed"
        )
    return count
