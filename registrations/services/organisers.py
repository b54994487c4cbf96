"""What organisers do with parties: move them, change capacity, check them in."""

import datetime as dt
import logging
from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.audit import audit_record
from events.models import Event
from events.services import event_update
from registrations import notifications
from registrations.models import (
    Participant,
    Registration,
)
from registrations.selectors import seats_taken, waitlist_position
from registrations.services.inputs import ParticipantInput, refuse
from registrations.services.registering import (
    _lock_events,
    _participants_add,
    _registration_open_check,
    _takes_seat,
    eligibility_check,
    waitlist_promote,
)

logger = logging.getLogger(__name__)


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
        raise refuse(
            _("This registration has been cancelled."), "registration_cancelled"
        )
    if target.pk == registration.event_id:
        raise refuse(_("The party is already registered for this event."), "same_event")
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
        raise refuse(
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
    _participants_add(registration=moved, event=target, people=inputs)
    was_confirmed = registration.is_confirmed
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    # One mail about the move, from the old event to the new one: a cancellation
    # notice for the old one would read as if they had lost their place. Rendered
    # after the commit, outside the two events' locks (see registration_create).
    transaction.on_commit(
        partial(
            notifications.registration_moved,
            moved,
            from_event=registration.event,
            position=waitlist_position(moved),
        )
    )
    audit_record(
        action="registrations.move",
        obj=registration,
        actor=by,
        summary=f"{registration.event.title} → {target.title} "
        f"(registration {moved.pk}, {moved.status})",
    )
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
        raise refuse(
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
        return refuse(
            _("Only confirmed registrations can be checked in."), "not_confirmed"
        )
    return refuse(
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
    newly = Participant.objects.filter(
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
    if newly:
        audit_record(
            action="registrations.check_in",
            obj=participant,
            actor=by,
            summary=f"registration {participant.registration_id}: 1 person",
        )
    return participant


def participant_check_in_undo(
    *, participant: Participant, by: AbstractBaseUser | None = None
) -> Participant:
    """Take back a check-in (a wrong tap); nothing happens if there was none."""
    if Participant.objects.filter(
        pk=participant.pk, checked_in_at__isnull=False
    ).update(checked_in_at=None):
        audit_record(
            action="registrations.check_in_undo",
            obj=participant,
            actor=by,
            summary=f"registration {participant.registration_id}: 1 person",
        )
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
        raise refuse(
            _("Only confirmed registrations can be checked in."), "not_confirmed"
        )
    if count:
        audit_record(
            action="registrations.check_in",
            obj=registration,
            actor=by,
            summary=f"{count} people",
        )
    return count
