"""An event's registrations as a spreadsheet: CSV and XLSX, one row per participant.

The file formats (BOM and ';' for German Excel) and the guard against formulas in
names and free text ("CSV injection") live in events.spreadsheets; numbers (ages,
positions) are not touched.
"""

import datetime as dt

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from events.models import BERLIN, Event
from events.spreadsheets import XLSX, Cell, cell_safe, csv_bytes, xlsx_bytes
from registrations.models import Need, Participant, Registration
from registrations.selectors import event_registration_board

__all__ = ["XLSX", "filename", "registrations_csv", "registrations_xlsx"]

DATETIME_FORMAT = "%d.%m.%Y %H:%M"


def _local(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    return timezone.localtime(moment, BERLIN).strftime(DATETIME_FORMAT)


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def header() -> list[str]:
    return [
        _("Event"),
        _("Status"),
        _("Waiting position"),
        _("Household"),
        _("E-mail"),
        _("Phone"),
        _("Participant"),
        _("Age"),
        _("Child/adult"),
        _("Takes a seat"),
        _("Photo consent"),
        _("Needs"),
        _("Other needs"),
        _("Registered at"),
        _("Checked in at"),
    ]


def _status(registration: Registration, person: Participant) -> str:
    if person.cancelled_at is not None:
        return str(Registration.Status.CANCELLED.label)
    return registration.get_status_display()


def rows(event: Event) -> list[list[Cell]]:
    """Confirmed parties, then the waiting list in order, then cancelled ones; a
    row per person of a party (people cancelled on their own say so)."""
    board = event_registration_board(event)
    needs = dict(Need.choices)
    table: list[list[Cell]] = []
    for registration in board.confirmed + board.waiting + board.cancelled:
        household = registration.household
        for person in registration.people:
            row: list[Cell] = [
                event.title,
                _status(registration, person),
                registration.position or "",
                household.name,
                household.email,
                household.phone,
                person.name,
                person.age,
                _("child") if person.is_child else _("adult"),
                _yes_no(person.takes_seat),
                _yes_no(person.photo_consent),
                ", ".join(str(needs.get(n, n)) for n in registration.needs),
                registration.needs_text,
                _local(registration.created_at),
                _local(person.checked_in_at),
            ]
            table.append([cell_safe(value) for value in row])
    return table


def registrations_csv(event: Event) -> bytes:
    return csv_bytes(header(), rows(event))


def registrations_xlsx(event: Event) -> bytes:
    return xlsx_bytes(_("Registrations"), header(), rows(event))


def filename(event: Event, extension: str) -> str:
    return f"{slugify(_('registrations'))}-{event.slug}.{extension}"
