"""Celery tasks of the planning workspace: thin wrappers around the services."""

from celery import shared_task

from planning.services.releases import release_notify


@shared_task
def release_notify_task(*, release_id: int) -> int:
    """Tell the families and volunteers about a release's moved and cancelled events;
    idempotent (a second run sends nothing). Returns the number of mails."""
    return release_notify(release_id=release_id)
