"""E-mail: render a message from templates in the recipient's language, send it later.

The rendered mail is stored as an `OutboxMail` row in the caller's transaction (the
transactional outbox): it exists exactly when the change that caused it was
committed. After the commit a Celery task is published to send it; when the broker
is unreachable the row simply stays pending and the relay (`outbox_relay`, every
minute) sends it once the broker and a worker are back. A rolled-back change never
sends mail, a slow SMTP server never slows a request, and a broker outage never
fails one.
"""

import base64
import logging
import time
from dataclasses import dataclass
from email.utils import parseaddr
from functools import partial

from django.conf import settings
from django.db import DatabaseError, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from events.models import OutboxMail
from events.tasks import outbox_backlog, send_outbox_mail

logger = logging.getLogger(__name__)

# After a failed publish, mails of the next seconds are left to the relay without
# trying the broker: a broker that is away costs one request a connect timeout (2 s,
# settings.CELERY_BROKER_CONNECTION_TIMEOUT), not every request that sends mail.
BROKER_RETRY_AFTER = 30.0
_broker_down_until: dict[str, float] = {}

__all__ = [
    "Attachment",
    "mail_send",
    "outbox_backlog",
    "outbox_publish",
    "outbox_retry",
]


@dataclass(frozen=True)
class Attachment:
    """A file sent with a mail: text (an .ics) or bytes (a PDF)."""

    filename: str
    content: str | bytes
    mimetype: str

    def as_task_argument(self) -> list[str]:
        """[filename, content, mimetype, encoding]: JSON-safe for the broker, bytes
        travel as base64."""
        if isinstance(self.content, bytes):
            encoded = base64.b64encode(self.content).decode("ascii")
            return [self.filename, encoded, self.mimetype, "base64"]
        return [self.filename, self.content, self.mimetype, "text"]


def mail_send(
    *,
    to: list[str],
    template: str,
    context: dict,
    language: str | None = None,
    attachments: list[Attachment] | None = None,
) -> OutboxMail:
    """Render `<template>_subject.txt`, `<template>_body.txt` and, if it exists,
    `<template>_body.html`; store the mail in the outbox and send it after commit."""
    context = {**context, "site_url": settings.SITE_URL}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
        try:
            html = render_to_string(f"{template}_body.html", context)
        except TemplateDoesNotExist:
            html = ""
    mail = OutboxMail.objects.create(
        to=list(to),
        subject=subject,
        body=body,
        html=html,
        attachments=[a.as_task_argument() for a in (attachments or [])],
    )
    transaction.on_commit(partial(outbox_publish, mail.pk))
    return mail


def outbox_publish(outbox_id: int) -> bool:
    """Publish the send task for a committed outbox row; True when published.

    Without a broker (eager mode) the task runs here and now, as before the outbox.
    With one, a failure to publish (broker down or unreachable) is logged and the
    row stays pending for the relay: the request that caused the mail succeeds.
    """
    if send_outbox_mail.app.conf.task_always_eager:
        try:
            send_outbox_mail.apply_async(args=[outbox_id])
        except DatabaseError as exc:  # the change is committed; the relay sends it
            logger.warning(
                "outbox mail %s stays pending, the database went away: %s",
                outbox_id,
                type(exc).__name__,
            )
            return False
        return True
    broker = send_outbox_mail.app.conf.broker_url
    if time.monotonic() < _broker_down_until.get(broker, 0.0):
        return False  # failed a moment ago: do not make this request wait, too
    try:
        send_outbox_mail.apply_async(args=[outbox_id], retry=False)
    except Exception as exc:  # whatever the broker did: the relay sends the row
        _broker_down_until[broker] = time.monotonic() + BROKER_RETRY_AFTER
        logger.warning(
            "outbox mail %s stays pending, the broker is unreachable: %s",
            outbox_id,
            type(exc).__name__,
        )
        return False
    return True


def outbox_retry(*, mail_ids: list[int]) -> int:
    """Give failed mails a fresh set of attempts and send them after commit; the
    number of mails queued again (pending or sent ones are left alone)."""
    with transaction.atomic():
        mails = list(
            OutboxMail.objects.select_for_update().filter(
                pk__in=mail_ids, status=OutboxMail.Status.FAILED
            )
        )
        for mail in mails:
            mail.status = OutboxMail.Status.PENDING
            mail.attempts = 0
            mail.next_attempt_at = timezone.now()
            mail.save(update_fields=["status", "attempts", "next_attempt_at"])
            transaction.on_commit(partial(outbox_publish, mail.pk))
    return len(mails)


def outbox_forget(*, email: str) -> int:
    """Delete the stored copies of the e-mails sent to `email` (the outbox keeps
    each mail with names and addresses; an erasure must not leave them behind
    until the retention period). Pending mails stay: they are on their way out.
    Returns how many were deleted."""
    wanted = email.strip().lower()
    ids = [
        mail.pk
        for mail in OutboxMail.objects.filter(to__icontains=wanted)
        .exclude(status=OutboxMail.Status.PENDING)
        .only("pk", "to")
        if any(parseaddr(str(to))[1].lower() == wanted for to in mail.to)
    ]
    return OutboxMail.objects.filter(pk__in=ids).delete()[0]
