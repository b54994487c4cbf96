"""Who works when, as a spreadsheet: CSV and XLSX, one row per active assignment,
in time order. File formats and the guard against formulas in names
(events.spreadsheets) are shared with the registrations' exports."""

import datetime as dt

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from events.models import BERLIN, Festival
from events.spreadsheets import Cell, cell_safe, csv_bytes, xlsx_bytes
from volunteers.models import Assignment, Shift

DATE_FORMAT = "%d.%m.%Y"
TIME_FORMAT = "%H:%M"


def header() -> list[str]:
    return [
        _("Day"),
        _("Start"),
        _("End"),
        _("Role"),
        _("Venue"),
        _("Event"),
        _("Volunteer"),
        _("Phone"),
        _("E-mail"),
        _("Partner organisation"),
        _("T-shirt size"),
        _("Age group"),
        _("Attendance"),
    ]


def assignments(festival: Festival, day: dt.date | None = None) -> list[Assignment]:
    """The festival's active assignments (of one day's shifts), in time order."""
    shifts = Shift.objects.filter(role__festival=festival)
    if day is not None:
        shifts = shifts.on_day(day)
    return list(
        Assignment.objects.active()
        .filter(shift__in=shifts, volunteer__erased_at__isnull=True)
        .select_related(
            "shift__role", "shift__venue", "shift__event", "volunteer__partner"
        )
        .order_by("shift__starts_at", "shift__role__name", "volunteer__name", "pk")
    )


def _end(shift: Shift) -> str:
    """The end's clock time; "(+1)" when the shift runs past midnight."""
    start = timezone.localtime(shift.starts_at, BERLIN)
    end = timezone.localtime(shift.ends_at, BERLIN)
    text = end.strftime(TIME_FORMAT)
    days = (end.date() - start.date()).days
    return f"{text} (+{days})" if days else text


def rows(festival: Festival, day: dt.date | None = None) -> list[list[Cell]]:
    table: list[list[Cell]] = []
    for assignment in assignments(festival, day):
        shift, volunteer = assignment.shift, assignment.volunteer
        start = timezone.localtime(shift.starts_at, BERLIN)
        row: list[Cell] = [
            start.strftime(DATE_FORMAT),
            start.strftime(TIME_FORMAT),
            _end(shift),
            shift.role.name,
            shift.venue.name,
            shift.event.title if shift.event_id else "",
            volunteer.name,
            volunteer.phone,
            volunteer.email,
            volunteer.partner.name if volunteer.partner_id else "",
            volunteer.tshirt_size,
            volunteer.get_age_group_display(),
            assignment.get_attendance_display(),
        ]
        table.append([cell_safe(value) for value in row])
    return table


def assignments_csv(festival: Festival, day: dt.date | None = None) -> bytes:
    return csv_bytes(header(), rows(festival, day))


def assignments_xlsx(festival: Festival, day: dt.date | None = None) -> bytes:
    return xlsx_bytes(_("Shifts"), header(), rows(festival, day))


def filename(extension: str, day: dt.date | None = None) -> str:
    suffix = f"-{day.isoformat()}" if day else ""
    return f"{slugify(_('shifts'))}{suffix}.{extension}"
