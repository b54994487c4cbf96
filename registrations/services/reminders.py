"""The reminder two days before an event, sent once per registration."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from events.models import Event
from registrations import notifications
from registrations.models import (
    Registration,
)

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
