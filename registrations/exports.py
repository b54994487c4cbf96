"""An event's registrations as a spreadsheet: CSV and XLSX, one row per participant.

The CSV is for German Excel, which opens a double-clicked file with the Windows
locale's list separator and guesses the encoding: hence UTF-8 *with* a byte-order
mark (without it, "Özdemir" arrives as "Ã–zdemir") and ';' as the delimiter (the
German list separator; ',' would put every row into one column).

Names and free text come from the public form. A cell starting with =, +, - or @
(or a tab or carriage return) would be run as a formula by Excel and LibreOffice
("CSV injection"), so such text gets a leading apostrophe in both formats: the
spreadsheet shows it as text. Numbers (ages, positions) are not touched.
"""

import csv
import datetime as dt
import io

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from events.models import BERLIN, Event
from registrations.models import Need, Participant, Registration
from registrations.selectors import event_registration_board

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATETIME_FORMAT = "%d.%m.%Y %H:%M"

Cell = str | int


def cell_safe(value: Cell) -> Cell:
    """Text that a spreadsheet would run as a formula, made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


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
    """UTF-8 with BOM, ';'-separated, CRLF line ends: opens as columns in German
    Excel by double-click."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header())
    writer.writerows(rows(event))
    return buffer.getvalue().encode("utf-8-sig")


def registrations_xlsx(event: Event) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    # Excel allows 31 characters and none of []:*?/\ in a sheet's name.
    sheet.title = "".join(c for c in _("Registrations") if c not in "[]:*?/\\")[:31]
    sheet.append(header())
    for row in rows(event):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(width + 2, 40)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def filename(event: Event, extension: str) -> str:
    return f"{slugify(_('registrations'))}-{event.slug}.{extension}"
