"""E-mail: render a message from templates in the recipient's language, send it later.

Sending happens in a Celery task published after commit, so a rolled-back change
never sends mail and a slow SMTP server never slows a request.
"""

import base64
from dataclasses import dataclass

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from events.tasks import send_email


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
) -> None:
    """Render `<template>_subject.txt`, `<template>_body.txt` and, if it exists,
    `<template>_body.html`; enqueue the mail."""
    context = {**context, "site_url": settings.SITE_URL}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
        try:
            html = render_to_string(f"{template}_body.html", context)
        except TemplateDoesNotExist:
            html = ""
    send_email.delay(
        to=list(to),
        subject=subject,
        body=body,
        html=html,
        attachments=[a.as_task_argument() for a in (attachments or [])],
    )
