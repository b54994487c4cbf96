"""E-mail tasks: the outbox's send task and relay, and the old direct send task.

`send_outbox_mail` delivers one `OutboxMail` row; `outbox_relay` (beat, every minute)
delivers the pending rows whose publishing failed or whose last attempt failed. Both
lock the row while sending and mark it sent in the same transaction, so a mail goes
out once however often the task runs (a worker killed mid-task, acks_late, two
relays). `send_email` stays for messages queued before the outbox existed.
"""

import base64
import datetime as dt
import logging
import smtplib

from celery import Task, shared_task
from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from events.models import OutboxMail

logger = logging.getLogger(__name__)

# After this many failed attempts a mail is FAILED (organisers may send it again in
# the admin). With the backoff below the last attempt is about four hours after the
# first.
OUTBOX_MAX_ATTEMPTS = 8
OUTBOX_BACKOFF_FIRST = dt.timedelta(minutes=1)
OUTBOX_BACKOFF_MAX = dt.timedelta(hours=2)
# One relay run sends at most this many mails; the next run continues.
OUTBOX_RELAY_BATCH = 200
# Pending mails older than this count as a backlog (health check, organisers' banner).
OUTBOX_BACKLOG_AGE = dt.timedelta(minutes=5)
# Where each relay run leaves the backlog for the organisers' banner, which must not
# query the database on every page (organisers' pages count their queries).
OUTBOX_BACKLOG_CACHE_KEY = "outbox:backlog"


def outbox_backlog() -> int:
    """How many mails have been waiting longer than OUTBOX_BACKLOG_AGE."""
    return OutboxMail.objects.filter(
        status=OutboxMail.Status.PENDING,
        created_at__lt=timezone.now() - OUTBOX_BACKLOG_AGE,
    ).count()


def outbox_backoff(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failed attempt: 1, 2, 4 … minutes, at most
    two hours."""
    return min(OUTBOX_BACKOFF_FIRST * 2 ** max(attempts - 1, 0), OUTBOX_BACKOFF_MAX)


def _error_text(exc: Exception) -> str:
    """The kind of failure without personal data: the exception's class and, for an
    SMTP answer, its code (a refused recipient's message names the address)."""
    code = getattr(exc, "smtp_code", None)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = sorted({c for c, _msg in exc.recipients.values()})
        code = ",".join(str(c) for c in codes)
    return f"{type(exc).__name__} {code}" if code else type(exc).__name__


def _message(mail: OutboxMail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(mail.to),
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    for filename, content, mimetype, *encoding in mail.attachments or []:
        if encoding == ["base64"]:
            message.attach(filename, base64.b64decode(content), mimetype)
        else:
            message.attach(filename, content, mimetype)
    return message


def outbox_deliver(mail: OutboxMail) -> bool:
    """Send a locked, pending row and record the outcome on it; True when sent.

    The caller holds the row lock in its transaction: marking the row sent commits
    with that transaction, and nobody else sends the row meanwhile.
    """
    now = timezone.now()
    mail.attempts += 1
    try:
        _message(mail).send()
    except Exception as exc:  # any failure: count it, retry later or give up
        mail.last_error = _error_text(exc)[:300]
        if mail.attempts >= OUTBOX_MAX_ATTEMPTS:
            mail.status = OutboxMail.Status.FAILED
        else:
            mail.next_attempt_at = now + outbox_backoff(mail.attempts)
        mail.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        logger.warning(
            "outbox mail %s: attempt %s failed (%s)%s",
            mail.pk,
            mail.attempts,
            mail.last_error,
            ", given up" if mail.status == OutboxMail.Status.FAILED else "",
        )
        return False
    mail.status = OutboxMail.Status.SENT
    mail.sent_at = timezone.now()
    mail.last_error = ""
    mail.save(update_fields=["attempts", "last_error", "status", "sent_at"])
    return True


# A plain Task, not the project's publish-on-commit task class: events.notifications
# publishes it from its own on-commit callback, where a broker failure must be caught.
@shared_task(base=Task, name="events.tasks.send_outbox_mail")
def send_outbox_mail(outbox_id: int) -> bool:
    """Send one outbox row unless it is already sent (or failed, or gone); True when
    this run sent it. Safe to run twice: the second run waits for the row lock and
    then finds it sent."""
    with transaction.atomic():
        mail = OutboxMail.objects.select_for_update().filter(pk=outbox_id).first()
        if mail is None or mail.status != OutboxMail.Status.PENDING:
            return False
        return outbox_deliver(mail)


@shared_task(name="events.tasks.outbox_relay")
def outbox_relay(limit: int = OUTBOX_RELAY_BATCH) -> int:
    """Send the pending rows that are due, oldest first; the number sent.

    Each row in its own transaction, taken with SKIP LOCKED: a row that a send task
    or another relay is sending right now is left to it, so two relays never send
    one mail twice (on SQLite the IMMEDIATE transaction serialises them instead).
    """
    sent = 0
    for _ in range(limit):
        with transaction.atomic():
            mail = (
                OutboxMail.objects.select_for_update(skip_locked=True)
                .filter(
                    status=OutboxMail.Status.PENDING,
                    next_attempt_at__lte=timezone.now(),
                )
                .order_by("next_attempt_at", "pk")
                .first()
            )
            if mail is None:
                break
            sent += outbox_deliver(mail)
    # Kept for three relay runs: when the relay stops running (the worker or beat
    # is away) the figure expires rather than stays stale.
    cache.set(OUTBOX_BACKLOG_CACHE_KEY, outbox_backlog(), timeout=180)
    return sent


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, retry_kwargs={"max_retries": 5}
)
def send_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    html: str = "",
    attachments: list[list[str]] | None = None,
) -> int:
    """Send one rendered e-mail (plain text, optional HTML alternative and
    attachments as [filename, content, mimetype, encoding], the encoding "text" or
    "base64" for bytes; without it, text); retried with backoff when the mail
    server is away."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype, *encoding in attachments or []:
        if encoding == ["base64"]:
            message.attach(filename, base64.b64decode(content), mimetype)
        else:
            message.attach(filename, content, mimetype)
    return message.send()


@shared_task
def retention_run_due() -> dict[str, dict[str, int]]:
    """Daily (beat): anonymise every festival whose retention period is over;
    returns the counts per festival slug. Idempotent: a festival is done once."""
    from events.retention import retention_run_due as run_due

    return {result.festival.slug: result.counts for result in run_due()}
