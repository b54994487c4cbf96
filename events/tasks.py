import base64

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives


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
