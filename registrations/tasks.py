"""Celery tasks of registrations: thin wrappers around the services."""

from celery import shared_task

from registrations import services


@shared_task
def send_reminders() -> int:
    """Send the reminders that are due (hourly, CELERY_BEAT_SCHEDULE); idempotent,
    so a missed or doubled run does no harm. Returns how many were sent."""
    return services.reminders_send_due()
