"""Celery tasks of volunteers: thin wrappers around the services."""

from celery import shared_task

from volunteers import services


@shared_task
def send_reminders() -> int:
    """Remind volunteers of tomorrow's shifts (every 15 minutes, CELERY_BEAT_SCHEDULE);
    idempotent, so a missed or doubled run does no harm. Returns how many were sent."""
    return services.reminders_send_due()


@shared_task
def send_digest() -> int:
    """The coordinators' daily digest of understaffed shifts; once a day whatever
    how often it runs. Returns how many digests were sent."""
    return services.digest_send_due()
