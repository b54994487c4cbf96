"""E-mail: render a message from templates in the recipient's language, send it later.

Sending happens in a Celery task published after commit, so a rolled-back change
never sends mail and a slow SMTP server never slows a request.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from events.tasks import send_email


def mail_send(
    *,
    to: list[str],
    template: str,
    context: dict,
    language: str | None = None,
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt`, enqueue the mail."""
    context = {**context, "site_url": settings.SITE_URL}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    send_email.delay(to=list(to), subject=subject, body=body)
