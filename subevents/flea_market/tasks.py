"""Celery tasks of the market: thin wrappers around the services."""

from celery import shared_task

from . import services


# A seller's mail must not be lost when the broker is away: it is then built
# here and waits in the outbox (events.notifications) for the relay.
@shared_task(run_here_when_unpublished=True)
def application_mail(application_id: int, template: str, extra: dict) -> None:
    """Send one of a seller's mails (built with the state at sending time)."""
    services.application_mail_send(
        application_id=application_id, template=template, extra=extra
    )
