"""The e-mails families get about their registrations, in the household's language.

Each function renders templates/registrations/mail/<name>_{subject,body}.txt and
_body.html through events.notifications.mail_send, which sends after commit.
"""

import segno
from django.conf import settings
from django.urls import reverse

from events.models import Event
from events.notifications import Attachment, mail_send
from registrations.ics import registration_ics
from registrations.models import Participant, Registration

QR_SCALE = 4  # pixels per module: about 4 cm wide on a phone, easy to scan


def qr_code_data_uri(url: str) -> tuple[str, int]:
    """A PNG QR code of `url` as a data: URI and its width (= height) in pixels,
    for the HTML e-mails.

    A PNG because many mail clients block SVG; inline because the mail task
    carries text attachments only.
    """
    qr = segno.make(url, error="m")
    return qr.png_data_uri(scale=QR_SCALE), qr.symbol_size(scale=QR_SCALE)[0]


def _links(registration: Registration) -> dict:
    household = registration.household
    registration_url = settings.SITE_URL + reverse(
        "registrations:manage", kwargs={"token": registration.token}
    )
    qr_code, qr_code_size = qr_code_data_uri(registration_url)
    return {
        "manage_url": settings.SITE_URL + household.get_absolute_url(),
        "registration_url": registration_url,
        "qr_code": qr_code,
        "qr_code_size": qr_code_size,
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


def registration_changed(registration: Registration, *, position: int | None) -> None:
    """The party as it is now, after the family changed it."""
    _send(
        registration, "changed", with_ics=registration.is_confirmed, position=position
    )


def registration_cancelled(registration: Registration) -> None:
    _send(registration, "cancelled")


def participant_cancelled(
    registration: Registration, *, participant: Participant, position: int | None
) -> None:
    """One person taken out of a party that goes on: who left, who is still coming.

    No calendar file: the event in the family's calendar has not changed.
    """
    _send(
        registration,
        "participant_cancelled",
        cancelled_participant=participant,
        position=position,
    )


def registration_moved(
    registration: Registration, *, from_event: Event, position: int | None
) -> None:
    """The party's new registration after organisers moved it from `from_event`;
    the one mail the family gets about the move (a calendar file if confirmed)."""
    _send(
        registration,
        "moved",
        with_ics=registration.is_confirmed,
        from_event=from_event,
        position=position,
    )


def registration_reminder(registration: Registration) -> None:
    _send(registration, "reminder", with_ics=True)


def release_changes(
    household, *, release_name: str, items: list[tuple[Registration, bool]]
) -> None:
    """One mail about a programme release: each of the household's registrations
    whose event moved (the new day, time and place) or was cancelled (why), as
    (registration, cancelled) pairs, and the household's link. A confirmed party
    gets a calendar file per moved event that updates its calendar entry (a waiting
    party has no seats, so no entry yet)."""
    updates = [
        registration
        for registration, cancelled in items
        if not cancelled and registration.is_confirmed
    ]
    attachments = [
        Attachment(
            "festwoche.ics" if len(updates) == 1 else f"festwoche-{number}.ics",
            registration_ics(registration),
            "text/calendar; charset=utf-8",
        )
        for number, registration in enumerate(updates, start=1)
    ]
    mail_send(
        to=[household.email],
        template="registrations/mail/release_changes",
        context={
            "household": household,
            "release_name": release_name,
            "items": [
                {
                    "registration": registration,
                    "event": registration.event,
                    "cancelled": cancelled,
                    "participants": [
                        p
                        for p in registration.participants.all()
                        if p.cancelled_at is None
                    ],
                }
                for registration, cancelled in items
            ],
            "any_moved": any(not cancelled for _r, cancelled in items),
            "any_cancelled": any(cancelled for _r, cancelled in items),
            "manage_url": settings.SITE_URL + household.get_absolute_url(),
            "calendar_files": len(updates),
        },
        language=household.language,
        attachments=attachments,
    )


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
