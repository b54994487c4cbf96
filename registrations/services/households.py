"""A household's own data: erase it on request, send its lost link again."""

import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from events.audit import Via, audit_record
from events.notifications import outbox_forget
from events.registry import registry
from registrations import notifications
from registrations.models import (
    Household,
    Participant,
    Registration,
    new_token,
)
from registrations.services.registering import _lock_events, waitlist_promote

logger = logging.getLogger(__name__)


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
    outbox_forget(email=household.email)
    household_anonymise(household=household)
    audit_record(
        action="registrations.household_erase",
        obj=household,
        summary=f"{len(active)} active registrations cancelled",
        link_via=Via.FAMILY,
    )
    logger.info("household %s erased at its request", household.pk)


def registrations_anonymise(*, registrations: Iterable[Registration]) -> int:
    """Anonymise registrations without cancelling anything: participants' first
    names become "—", the needs (ticks and text) are emptied, the link token is
    replaced. Ages, statuses, seats and photo consent stay for the figures.
    Returns how many participants were changed."""
    ids = [r.pk for r in registrations]
    participants = Participant.objects.filter(registration_id__in=ids).exclude(
        name=ERASED_NAME
    )
    changed = participants.update(name=ERASED_NAME)
    for registration in Registration.objects.filter(pk__in=ids).order_by("pk"):
        registration.needs = []
        registration.needs_text = ""
        registration.token = new_token()
        registration.save(update_fields=["needs", "needs_text", "token", "updated_at"])
    return changed


def household_anonymise(*, household: Household) -> None:
    """Anonymise a household and all its registrations, cancelling nothing: the
    one anonymising step of erasure on request (after it cancelled what was
    active) and of the retention period (after the festival, nothing is
    cancelled). Contact name "—", e-mail erased-<pk>@invalid, phone emptied, link
    token replaced; registered erase handlers run (the calendars app revokes the
    feed address)."""
    registrations_anonymise(registrations=household.registrations.all())
    household.name = ERASED_NAME
    household.email = f"erased-{household.pk}@invalid"
    household.phone = ""
    household.token = new_token()
    household.save(update_fields=["name", "email", "phone", "token", "updated_at"])
    registry.erased(household)  # e.g. its calendar feed address stops working


def household_link_resend(*, email: str) -> None:
    """Send a household its manage link again. Silent for an unknown address: the
    caller must never learn whether the address is registered."""
    email = (email or "").strip()
    household = Household.objects.filter(email__iexact=email).first() if email else None
    if household is not None:
        notifications.manage_link(household)
