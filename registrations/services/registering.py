"""Register a party, change or cancel it, promote the waiting list.

Every change of seats locks the event's row first (SELECT ... FOR UPDATE on
PostgreSQL; on SQLite the IMMEDIATE transaction holds the write lock), counts the
seats under the lock and only then writes, so a seat is never given twice.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.audit import Via, audit_record
from events.models import Event
from events.registry import registry
from registrations import notifications
from registrations.models import (
    ADULT_AGE,
    Household,
    Participant,
    Registration,
)
from registrations.privacy import PRIVACY_NOTICE_VERSION, privacy_notice_text
from registrations.selectors import seats_taken, waitlist_position
from registrations.services.inputs import (
    ContactInput,
    ParticipantInput,
    consent_check,
    contact_clean,
    needs_clean,
    participants_clean,
    refuse,
)
from registrations.services.reminders import REMINDER_LEAD


@dataclass
class RegistrationResult:
    registration: Registration
    household_is_new: bool
    waitlist_position: int | None = None
    seats: int = 0
    promoted: list[Registration] = field(default_factory=list)


def eligibility_check(*, event: Event, participants: list[ParticipantInput]) -> None:
    """The event's rules for a party; ValidationError with a code if it may not come.

    Minimum and maximum age apply to children (and to adults at adults-only events);
    a child under `adult_required_under` needs an adult in the party; the party may
    not exceed `max_party_size`; sub-event modules add rules through the registry.
    """
    if len(participants) > event.max_party_size:
        raise refuse(
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
            raise refuse(
                _("%(name)s (%(age)d) is outside this event's age range.")
                % {"name": person.name, "age": person.age},
                "age_not_allowed",
            )
    if (
        event.adult_required_under is not None
        and not any(p.age >= ADULT_AGE for p in participants)
        and any(p.age < event.adult_required_under for p in participants)
    ):
        raise refuse(
            _("Children under %(age)d need an accompanying adult: please add one.")
            % {"age": event.adult_required_under},
            "adult_required",
        )
    if not event.adults_take_seats and all(p.age >= ADULT_AGE for p in participants):
        raise refuse(
            _("This event is for children; adults come along as companions."),
            "child_required",
        )
    registry.check_eligibility(event, participants)


def _registration_open_check(
    event: Event, now: dt.datetime, *, window: bool = True
) -> None:
    if event.status != Event.Status.PUBLISHED or event.capacity is None:
        raise refuse(
            _("This event takes no registrations."), "registration_not_offered"
        )
    if not window:  # organisers may register outside the window, never past seats
        return
    state = event.registration_state(now)
    if state == "not_yet_open":
        raise refuse(_("Registration has not opened yet."), "registration_not_open")
    if state == "closed":
        raise refuse(_("Registration has closed."), "registration_closed")


def _participants_add(
    *, registration: Registration, event: Event, people: Iterable[ParticipantInput]
) -> None:
    """Store people of a party; whether each takes a seat follows the event."""
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
    consent_check(consent_privacy)
    now = now or timezone.now()
    event = Event.objects.select_for_update().get(pk=event.pk)
    _registration_open_check(event, now, window=not by_organiser)
    eligibility_check(event=event, participants=people)
    household, is_new = _household_for(contact)
    if Registration.objects.active().filter(household=household, event=event).exists():
        raise refuse(
            _(
                "This e-mail address is already registered for this event. Your "
                "confirmation e-mail has a link to change the registration."
            ),
            "already_registered",
        )
    if registry.household_rules:
        # Modules' rules across the household's week (one conference session per
        # time slot), judged against its other active registrations.
        registry.check_household(
            event,
            list(
                Event.objects.filter(
                    pk__in=Registration.objects.active()
                    .filter(household=household)
                    .exclude(event=event)
                    .values("event_id")
                )
            ),
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
    _participants_add(registration=registration, event=event, people=people)
    audit_record(
        action="registrations.create",
        obj=registration,
        summary=f"{event.title}: {registration.status}, {len(people)} people, "
        f"{seats} seats",
        link_via=Via.FAMILY,
    )
    position = waitlist_position(registration)
    # The mail is rendered and stored in the outbox inside this transaction, under
    # the event's lock: rendering after the commit (outside the lock) was faster
    # for the families queueing on the same event, but a database failure between
    # the commit and the callback lost the family's mail. A stored registration
    # now always has its mail (tests/resilience/test_database_restart.py).
    if confirmed:
        notifications.registration_confirmed(registration)
    else:
        notifications.registration_waitlisted(registration, position=position)
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
        # Tentative → confirmed is a new revision for calendar apps.
        registration.sequence += 1
        registration.save(
            update_fields=["status", "confirmed_at", "sequence", "updated_at"]
        )
        free -= seats
        promoted.append(registration)
        # The rule moved them up, not whoever freed the seat.
        audit_record(
            action="registrations.promote",
            obj=registration,
            via=Via.SYSTEM,
            summary=f"{event.title}: waitlisted → confirmed, {seats} seats",
        )
        # In the transaction, so the mail cannot be lost (see registration_create).
        notifications.registration_promoted(registration)
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
    audit_record(
        action="registrations.cancel",
        obj=registration,
        summary=f"{registration.event.title}: {registration.status} → cancelled",
        link_via=Via.FAMILY,
    )
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    notifications.registration_cancelled(registration)
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
        raise refuse(
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
        raise refuse(
            _(
                "This event is for children; adults come along as companions: cancel "
                "the whole registration instead."
            ),
            "child_required",
        )
    participant.cancelled_at = timezone.now()
    participant.save(update_fields=["cancelled_at"])
    audit_record(
        action="registrations.participant_cancel",
        obj=participant,
        summary=f"{event.title}: registration {registration.pk}, "
        f"{len(remaining)} remaining",
        link_via=Via.FAMILY,
    )
    promoted = []
    if participant.takes_seat:
        # A confirmed party frees a seat; a waiting party that was skipped for its
        # size may fit now. Either way the waiting list is looked at again.
        promoted = waitlist_promote(event=event)
        registration.refresh_from_db(fields=["status", "confirmed_at", "updated_at"])
    if registration.pk not in {r.pk for r in promoted}:
        # A party that moved up gets the promotion mail (with the new party) only.
        notifications.participant_cancelled(
            registration,
            participant=participant,
            position=waitlist_position(registration),
        )
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
        raise refuse(
            _("This registration has been cancelled."), "registration_cancelled"
        )
    now = now or timezone.now()
    if (
        event.status != Event.Status.PUBLISHED
        or event.registration_state(now) != "open"
    ):
        raise refuse(
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
            raise refuse(
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
    _participants_add(registration=registration, event=event, people=added)
    registration.save(update_fields=["updated_at"])
    audit_record(
        action="registrations.party_change",
        obj=registration,
        summary=f"{event.title}: {len(added)} added, {len(removed)} removed, "
        f"{len(consent_changed)} photo consents changed",
        link_via=Via.FAMILY,
    )
    was_waiting = registration.is_waitlisted
    promoted = []
    if was_waiting or seats_after < seats_before:
        promoted = waitlist_promote(event=event, now=now)
    registration.refresh_from_db(fields=["status", "confirmed_at", "updated_at"])
    if registration.pk not in {r.pk for r in promoted}:
        # A party that moved up gets the promotion mail (with the new party) only.
        notifications.registration_changed(
            registration,
            position=waitlist_position(registration),
        )
    return registration


def on_event_changed(event: Event, changed: set[str]) -> None:
    """Registry hook of the core: promote when capacity grows, remind again when
    postponed.

    Families hear about a new time or place and about a cancellation with the next
    programme release (one mail listing all their affected registrations), not on
    every edit: an event dragged three times in an afternoon is one change to them.
    """
    if "status" in changed and event.status == Event.Status.CANCELLED:
        return
    if "starts_at" in changed and event.starts_at > timezone.now() + REMINDER_LEAD:
        # Postponed beyond the reminder window: a reminder sent for the old date
        # does not count, the family is reminded again before the new one.
        Registration.objects.filter(event=event).update(reminder_sent_at=None)
    if changed & {"capacity", "status"}:
        waitlist_promote(event=event)


def _lock_events(*event_ids: int) -> dict[int, Event]:
    """Lock events in primary-key order, so that two actions on the same pair of
    events (a move A→B and one B→A) cannot deadlock."""
    return {
        pk: Event.objects.select_for_update().get(pk=pk)
        for pk in sorted(set(event_ids))
    }
