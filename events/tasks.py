from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, retry_kwargs={"max_retries": 5}
)
def send_email(*, to: list[str], subject: str, body: str) -> int:
    """Send one rendered e-mail; retried with backoff when the mail server is away."""
    message = EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    )
    return message.send()
