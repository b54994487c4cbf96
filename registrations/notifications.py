"""The e-mails families get about their registrations, in the household's language.

Each function renders templates/registrations/mail/<name>_{subject,body}.txt and
_body.html through events.notifications.mail_send, which sends after commit.
"""

from django.conf import settings

from events.notifications import Attachment, mail_send
from registrations.ics import registration_ics
from registrations.models import Registration


def _links(registration: Registration) -> dict:
    household = registration.household
    return {
        "manage_url": settings.SITE_URL + household.get_absolute_url(),
        "registration_url": f"{settings.SITE_URL}/r/{registration.token}/",
    }


def _send(
    registration: Registration,
    name: str,
    *,
    with_ics: bool = False,
    **extra,
) -> None:
    household = registration.household
    context = {
        "registration": registration,
        "household": household,
        "event": registration.event,
        "participants": [
            p for p in registration.participants.all() if p.cancelled_at is None
        ],
        **_links(registration),
        **extra,
    }
    attachments = (
        [
            Attachment(
                "festwoche.ics",
                registration_ics(registration),
                "text/calendar; charset=utf-8",
            )
        ]
        if with_ics
        else []
    )
    mail_send(
        to=[household.email],
        template=f"registrations/mail/{name}",
        context=context,
        language=household.language,
        attachments=attachments,
    )


def registration_confirmed(registration: Registration) -> None:
    _send(registration, "confirmed", with_ics=True)


def registration_waitlisted(
    registration: Registration, *, position: int | None
) -> None:
    _send(registration, "waitlisted", position=position)


def registration_promoted(registration: Registration) -> None:
    _send(registration, "promoted", with_ics=True)


def registration_cancelled(registration: Registration) -> None:
    _send(registration, "cancelled")


def registration_reminder(registration: Registration) -> None:
    _send(registration, "reminder", with_ics=True)


def event_changed(registration: Registration) -> None:
    _send(registration, "event_changed", with_ics=True)


def event_cancelled(registration: Registration) -> None:
    _send(registration, "event_cancelled")


def manage_link(household) -> None:
    """The household's link, sent again on request."""
    mail_send(
        to=[household.email],
        template="registrations/mail/manage_link",
        context={
            "household": household,
            "manage_url": settings.SITE_URL + household.get_absolute_url(),
        },
        language=household.language,
    )
