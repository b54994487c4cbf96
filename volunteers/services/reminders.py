"""The volunteers' reminder the day before and the coordinators' daily digest,
each sent once however often beat runs."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import BERLIN, Festival
from volunteers import notifications, rules
from volunteers.models import (
    Assignment,
    DigestLog,
)
from volunteers.selectors import (
    policy_of,
    understaffed_shifts,
)


def reminders_send_due(*, now: dt.datetime | None = None) -> int:
    """Remind each volunteer of tomorrow's shifts once the festival's reminder time
    has passed today; returns how many reminders were sent (Celery beat, every 15
    minutes). Only shifts on tomorrow's local day: the mail says "tomorrow", and a
    shift later today was due yesterday. Who signed up after today's reminder time
    has just had the confirmation and gets no reminder on top.

    The due rows are locked and marked in one transaction, so two overlapping runs
    never remind twice: the second waits for the first, then finds them marked.
    A withdrawn assignment is never reminded.
    """
    now = now or timezone.now()
    local_now = timezone.localtime(now, BERLIN)
    sent = 0
    for festival in Festival.objects.filter(
        end_date__gte=local_now.date() - dt.timedelta(days=1)
    ):
        policy = policy_of(festival)
        if local_now.time() < policy.reminder_time:
            continue
        reminder_moment = rules.local_moment(local_now.date(), policy.reminder_time)
        tomorrow = local_now.date() + dt.timedelta(days=1)
        day_start = rules.local_moment(tomorrow, dt.time(0))
        day_after = rules.local_moment(tomorrow + dt.timedelta(days=1), dt.time(0))
        with transaction.atomic():
            due = list(
                Assignment.objects.select_for_update(of=("self",))
                .filter(
                    withdrawn_at__isnull=True,
                    reminder_sent_at__isnull=True,
                    volunteer__festival=festival,
                    volunteer__erased_at__isnull=True,
                    shift__starts_at__gte=day_start,
                    shift__starts_at__lt=day_after,
                    # Signed up after today's reminders: the confirmation has just
                    # said it all.
                    created_at__lt=reminder_moment,
                )
                .select_related(
                    "volunteer", "shift__role", "shift__venue", "shift__coordinator"
                )
                .order_by("shift__starts_at", "pk")
            )
            Assignment.objects.filter(pk__in=[a.pk for a in due]).update(
                reminder_sent_at=now
            )
            for assignment in due:
                notifications.assignment_reminder(assignment)  # sent after commit
        sent += len(due)
    return sent


def digest_send_due(*, now: dt.datetime | None = None) -> int:
    """Send the coordinators the day's digest of understaffed shifts, in the two
    weeks (policy.digest_days_before) before and during the festival; once a day.
    Returns how many digests went out."""
    now = now or timezone.now()
    today = timezone.localtime(now, BERLIN).date()
    sent = 0
    for festival in Festival.objects.filter(end_date__gte=today):
        policy = policy_of(festival)
        first_day = festival.start_date - dt.timedelta(days=policy.digest_days_before)
        if today < first_day:
            continue
        try:
            with transaction.atomic():
                DigestLog.objects.create(festival=festival, day=today)
                shifts = understaffed_shifts(festival, after=now)
                if shifts:
                    notifications.coordinator_digest(festival, shifts)
        except IntegrityError:
            continue  # another run sent today's digest
        sent += 1 if shifts else 0
    return sent
