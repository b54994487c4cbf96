"""Lists for the day: attendance lists, shift plans and volunteers' name badges.

They are printed the evening before and carried on a clipboard; they hold
personal data, so each needs the permission of the people who see that data on
screen, and phone numbers appear only on the coordinators' copy.
"""

import datetime as dt
import hashlib
import io
import math

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Paragraph, Spacer

from events.models import BERLIN, Event, Festival, Venue
from events.pdf.fonts import BOLD, REGULAR, fonts_register, printable
from events.pdf.layout import (
    LANG,
    MUTED,
    PALE,
    RULE,
    CheckBox,
    Document,
    hex_colour,
    joined,
    markup,
    numbered_canvas,
    page_label,
    safe,
    style,
    table,
)
from events.selectors import festival_current, programme_version
from events.templatetags.festwoche import time_range
from printing.documents import Kind, Progress, no_progress, register
from registrations.models import Participant, Registration
from registrations.selectors import event_registration_board
from volunteers.models import Assignment, Shift, Volunteer
from volunteers.selectors import shifts_with_counts


def _digest(rows: object) -> str:
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:32]


def _clock(moment: dt.datetime) -> str:
    return timezone.localtime(moment, BERLIN).strftime("%H:%M")


def _list_canvas(heading: str, note: str = ""):
    """Footer of a list: what it is, a note (confidentiality), page x of y."""

    def footer(canvas, page: int, pages: int) -> None:
        width, _height = canvas._pagesize
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setFont(REGULAR, 8)
        line = printable(heading)
        while canvas.stringWidth(line, REGULAR, 8) > width / 2 and line:
            line = line[:-2] + "…"
        canvas.drawString(12 * mm, 8 * mm, line)
        if note:
            canvas.setFont(BOLD, 8)
            canvas.drawString(12 * mm, 11.5 * mm, printable(note))
        canvas.setFont(REGULAR, 8)
        canvas.drawRightString(width - 12 * mm, 8 * mm, page_label(page, pages))
        canvas.restoreState()

    return numbered_canvas(footer)


def _author() -> str:
    festival = festival_current()
    return festival.name if festival else "Festwoche"


def _header_style(size: float = 9):
    # Headings break between words only: "Plät-ze" in a header reads badly.
    return style("th", size, bold=True, leading=size * 1.2, hyphenationLang="")


# --- Attendance list of an event --------------------------------------------------


def attendance_build(*, event: str, progress: Progress = no_progress, **_p) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        event_obj = Event.objects.select_related("venue", "sub_event").get(slug=event)
        return _attendance_pdf(event_obj, progress)


def _attendance_pdf(event: Event, progress: Progress) -> bytes:
    board = event_registration_board(event)
    progress(0.3)
    buffer = io.BytesIO()
    when = joined(
        [
            date_format(timezone.localtime(event.starts_at, BERLIN), "l, j. F Y"),
            time_range(event),
        ],
        ", ",
    )
    title = _("Attendance list: %(event)s") % {"event": event.title}
    doc = Document(
        buffer,
        pagesize=A4,
        title=title,
        author=_author(),
        subject=_("Attendance list"),
        margins=(14 * mm, 12 * mm, 16 * mm, 12 * mm),
    )
    cell = style("cell", 9.5, leading=11.5)
    small = style("small", 8, leading=9.5, textColor=MUTED)
    facts = [
        (_("When"), when),
        (_("Venue"), event.venue.name if event.venue else _("no venue set")),
        (
            _("Capacity"),
            str(event.capacity) if event.capacity is not None else _("no limit"),
        ),
        (
            _("Confirmed"),
            _("%(parties)d parties, %(people)d people, %(seats)d seats")
            % {
                "parties": len(board.confirmed),
                "people": board.people_confirmed,
                "seats": board.seats_taken,
            },
        ),
        (
            _("Waiting list"),
            _("%(parties)d parties, %(people)d people")
            % {"parties": len(board.waiting), "people": board.waiting_people},
        ),
    ]
    fact_table = table(
        [
            [markup(safe(label), _header_style(9.5)), markup(safe(value), cell)]
            for label, value in facts
        ],
        [32 * mm, 154 * mm],
        [
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
        ],
        size=10,
        padded=True,
        hAlign="LEFT",
    )
    story = [
        markup(safe(_("Attendance list")), style("kicker", 10, textColor=MUTED)),
        markup(safe(event.title), style("title", 16, bold=True, spaceAfter=4)),
        fact_table,
        Spacer(1, 4 * mm),
    ]
    widths_inner = [11 * mm, 43 * mm, 12 * mm, 21 * mm]
    inner = [
        ("LEFTPADDING", (0, 0), (-1, -1), 1),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    people_head = table(
        [
            [
                markup(safe(label), _header_style())
                for label in (_("Here"), _("Participant"), _("Age"), _("Photos"))
            ]
        ],
        widths_inner,
        inner,
        size=9.5,
        padded=True,
    )
    head = [
        markup("#", _header_style()),
        markup(safe(_("Party (contact)")), _header_style()),
        people_head,
        markup(safe(_("Seats")), _header_style()),
        markup(safe(_("Signature / notes")), _header_style()),
    ]
    rows = [head]
    for number, registration in enumerate(board.confirmed, start=1):
        people = table(
            [
                [
                    CheckBox(9),
                    markup(safe(person.name), cell),
                    markup(str(person.age), cell),
                    markup(
                        f"<font name='{BOLD}'>{_('✓ yes')}</font>"
                        if person.photo_consent
                        else f"<font name='{BOLD}'>{_('✗ no')}</font>",
                        cell,
                    ),
                ]
                for person in registration.active_people
            ]
            or [["", markup(_("nobody left"), small), "", ""]],
            widths_inner,
            inner,
            size=9.5,
            padded=True,
        )
        party = [markup(safe(registration.household.name), cell)]
        if registration.need_labels or registration.needs_text:
            party.append(
                markup(
                    safe(
                        joined(
                            [
                                ", ".join(registration.need_labels),
                                registration.needs_text,
                            ],
                            "; ",
                        )
                    ),
                    small,
                )
            )
        rows.append(
            [
                markup(str(number), cell),
                party,
                people,
                markup(str(registration.seats), cell),
                "",
            ]
        )
    if not board.confirmed:
        rows.append(["", markup(_("No confirmed registrations."), cell), "", "", ""])
    story.append(
        table(
            rows,
            [10 * mm, 40 * mm, 89 * mm, 17 * mm, 30 * mm],
            [
                ("BACKGROUND", (0, 0), (-1, 0), PALE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                ("BOX", (0, 0), (-1, -1), 0.6, MUTED),
                ("LINEBEFORE", (4, 0), (4, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (2, 0), (2, -1), 2),
            ],
            size=9.5,
            padded=True,
            repeatRows=1,
            hAlign="LEFT",
        )
    )
    progress(0.7)
    doc.build(
        story,
        canvasmaker=_list_canvas(
            f"{event.title} · {when}", _("Personal data – do not leave lying around")
        ),
    )
    progress(1.0)
    return buffer.getvalue()


def attendance_fingerprint(*, event: str, **_p) -> str:
    """Changes with any confirmed party or participant (one query) and with the
    event itself (the programme version)."""
    state = list(
        Participant.objects.filter(
            registration__event__slug=event,
            registration__status=Registration.Status.CONFIRMED,
        )
        .order_by("registration_id", "pk")
        .values_list(
            "registration_id",
            "registration__updated_at",
            "registration__household__name",
            "pk",
            "name",
            "age",
            "photo_consent",
            "takes_seat",
            "cancelled_at",
        )
    )
    return f"{programme_version()}:{event}:{_digest(state)}"


def attendance_filename(*, event: str, **_p) -> str:
    return f"attendance-{event}.pdf"


register(
    Kind(
        name="attendance",
        title=gettext_lazy("Attendance list"),
        build=attendance_build,
        fingerprint=attendance_fingerprint,
        filename=attendance_filename,
        permission="registrations.view_registration",
        listed=False,
    )
)


# --- Shift plan of a day and venue -------------------------------------------------

COORDINATORS = "coordinators"


def _shifts(festival: Festival | None, venue: Venue, day: dt.date) -> QuerySet[Shift]:
    if festival is None:
        return Shift.objects.none()
    return (
        shifts_with_counts(festival)
        .filter(venue=venue)
        .on_day(day)
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.active()
                .filter(volunteer__erased_at__isnull=True)
                .select_related("volunteer__partner")
                .order_by("volunteer__name", "pk"),
                to_attr="working",
            )
        )
    )


def shift_plan_build(
    *,
    day: str,
    venue: str,
    copy: str = "public",
    progress: Progress = no_progress,
    **_p,
) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        return _shift_plan_pdf(
            dt.date.fromisoformat(day),
            Venue.objects.get(slug=venue),
            coordinators=copy == COORDINATORS,
            progress=progress,
        )


def _coordinator_name(shift: Shift) -> str:
    user = shift.coordinator
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _shift_plan_pdf(
    day: dt.date, venue: Venue, *, coordinators: bool, progress: Progress
) -> bytes:
    festival = festival_current()
    shifts = list(_shifts(festival, venue, day))
    progress(0.3)
    day_text = date_format(day, "l, j. F Y")
    edition = _("Coordinators' copy") if coordinators else _("Public copy")
    title = _("Shift plan: %(venue)s, %(day)s") % {"venue": venue.name, "day": day_text}
    buffer = io.BytesIO()
    doc = Document(
        buffer,
        pagesize=landscape(A4),
        title=title,
        author=_author(),
        subject=edition,
        margins=(14 * mm, 12 * mm, 16 * mm, 12 * mm),
    )
    cell = style("cell", 10, leading=12.5)
    bold = style("cellb", 10, bold=True, leading=12.5)
    small = style("small", 8.5, leading=10.5, textColor=MUTED)
    story = [
        markup(
            safe(_("Shift plan")) + " · " + safe(edition),
            style("k", 10, textColor=MUTED),
        ),
        markup(safe(venue.name), style("title", 18, bold=True)),
        markup(safe(day_text), style("day", 13, spaceAfter=6)),
    ]
    head = [
        markup(safe(_("Time")), _header_style(10)),
        markup(safe(_("Role")), _header_style(10)),
        markup(safe(_("Who works")), _header_style(10)),
        markup(safe(_("Filled")), _header_style(10)),
        markup(safe(_("Coordination")), _header_style(10)),
    ]
    rows = [head]
    for shift in shifts:
        people = []
        for assignment in shift.working:
            volunteer = assignment.volunteer
            line = f"<font name='{BOLD}'>{safe(volunteer.name)}</font>"
            details = [volunteer.partner.name if volunteer.partner else ""]
            if coordinators:
                details.append(volunteer.phone)
            extra = joined(details)
            if extra:
                line += " · " + safe(extra)
            people.append(line)
        coordination = [_coordinator_name(shift)]
        if coordinators:
            coordination.append(shift.coordinator_phone)
        what = [markup(safe(shift.role.name), bold)]
        if shift.event_id:
            what.append(markup(safe(shift.event.title), small))
        if coordinators and shift.notes:
            what.append(markup(safe(shift.notes), small))
        rows.append(
            [
                markup(f"{_clock(shift.starts_at)}–{_clock(shift.ends_at)}", bold),
                what,
                markup("<br/>".join(people) or safe(_("nobody yet")), cell),
                markup(f"{shift.filled} / {shift.needed}", cell),
                markup("<br/>".join(safe(part) for part in coordination if part), cell),
            ]
        )
    if not shifts:
        rows.append(["", markup(_("No shifts here on this day."), cell), "", "", ""])
    story.append(
        table(
            rows,
            [30 * mm, 56 * mm, 114 * mm, 22 * mm, 51 * mm],
            [
                ("BACKGROUND", (0, 0), (-1, 0), PALE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                ("BOX", (0, 0), (-1, -1), 0.6, MUTED),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ],
            size=10,
            padded=True,
            repeatRows=1,
            hAlign="LEFT",
        )
    )
    progress(0.7)
    note = _("Contains phone numbers – coordinators only") if coordinators else ""
    doc.build(story, canvasmaker=_list_canvas(title, note))
    progress(1.0)
    return buffer.getvalue()


def shift_plan_fingerprint(*, day: str, venue: str, copy: str = "public", **_p) -> str:
    """Changes with the day's shifts at the venue and their assignments (one query)."""
    start = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(0), tzinfo=BERLIN)
    state = list(
        Shift.objects.filter(
            venue__slug=venue,
            starts_at__gte=start,
            starts_at__lt=start + dt.timedelta(days=1),
        )
        .order_by("pk", "assignments__pk")
        .values_list(
            "pk",
            "updated_at",
            "role__updated_at",
            "coordinator__last_name",
            "coordinator__first_name",
            "assignments__pk",
            "assignments__withdrawn_at",
            "assignments__volunteer__updated_at",
            "assignments__volunteer__partner__name",
        )
    )
    return f"{programme_version()}:{venue}:{day}:{copy}:{_digest(state)}"


def shift_plan_filename(*, day: str, venue: str, copy: str = "public", **_p) -> str:
    return f"shifts-{venue}-{day}-{copy}.pdf"


register(
    Kind(
        name="shift-plan",
        title=gettext_lazy("Shift plan"),
        build=shift_plan_build,
        fingerprint=shift_plan_fingerprint,
        filename=shift_plan_filename,
        permission="volunteers.view_shift",
        listed=False,
    )
)


# --- Name badges -----------------------------------------------------------------

BADGE_WIDTH = 85 * mm
BADGE_HEIGHT = 54 * mm
COLUMNS, ROWS = 2, 5
PER_SHEET = COLUMNS * ROWS


def _badge_assignments(festival: Festival | None, day: str | None):
    if festival is None:
        return Assignment.objects.none()
    assignments = Assignment.objects.active().filter(
        shift__role__festival=festival, volunteer__erased_at__isnull=True
    )
    if day:
        assignments = assignments.filter(
            shift__in=Shift.objects.on_day(dt.date.fromisoformat(day))
        )
    return assignments


def badge_volunteers(*, festival: Festival | None, day: str | None = None) -> list:
    """Active volunteers with an active assignment (on `day` if given), by name,
    each with .role_names; two queries."""
    assignments = _badge_assignments(festival, day).select_related("shift__role")
    volunteers = list(
        Volunteer.objects.active()
        .filter(pk__in=assignments.values("volunteer_id"))
        .select_related("partner")
        .prefetch_related(
            Prefetch("assignments", queryset=assignments, to_attr="badge_assignments")
        )
    )
    for volunteer in volunteers:
        volunteer.role_names = sorted(
            {a.shift.role.name for a in volunteer.badge_assignments}
        )
    volunteers.sort(key=lambda v: (v.name.casefold(), v.pk))
    return volunteers


def badges_build(*, day: str | None = None, progress: Progress = no_progress, **_p):
    with translation.override(settings.LANGUAGE_CODE):
        festival = festival_current()
        return _badges_pdf(
            festival, badge_volunteers(festival=festival, day=day), progress
        )


def _fit(canvas, value: str, font: str, size: float, width: float, smallest: float):
    """The font size at which `value` fits `width` (not below `smallest`)."""
    while size > smallest and canvas.stringWidth(value, font, size) > width:
        size -= 0.5
    return size


def _badge(canvas, volunteer, x: float, y: float, band, festival_name: str) -> None:
    pad = 5 * mm
    inner = BADGE_WIDTH - 2 * pad
    canvas.saveState()
    # Thin border to cut along.
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.3)
    canvas.setDash(2, 2)
    canvas.rect(x, y, BADGE_WIDTH, BADGE_HEIGHT, stroke=1, fill=0)
    canvas.setDash()
    band_height = 10 * mm
    canvas.setFillColor(band)
    canvas.rect(
        x, y + BADGE_HEIGHT - band_height, BADGE_WIDTH, band_height, stroke=0, fill=1
    )
    canvas.setFillColorRGB(1, 1, 1)
    name = printable(festival_name)
    size = _fit(canvas, name, BOLD, 10, inner, 6)
    while canvas.stringWidth(name, BOLD, size) > inner and name:
        name = name[:-2] + "…"
    canvas.setFont(BOLD, size)
    canvas.drawString(x + pad, y + BADGE_HEIGHT - band_height + 3.5 * mm, name)
    # The name, as large as fits on up to two lines.
    # Names are never hyphenated: the size is chosen so the longest word fits,
    # and the name wraps between words onto at most two lines if it can.
    person = printable(volunteer.name)
    longest = max(
        person.split() or [""], key=lambda word: canvas.stringWidth(word, BOLD, 10)
    )
    size = min(
        _fit(canvas, person, BOLD, 22, inner, 16),
        _fit(canvas, longest, BOLD, 22, inner, 9),
    )
    name_style = style("badge-name", size, bold=True, hyphenationLang="")
    name_para = Paragraph(safe(person), name_style)
    _w, height = name_para.wrap(inner, 20 * mm)
    if height > 2.3 * name_style.leading and size > 12:
        name_style = style(
            "badge-name-small", min(size, 12), bold=True, hyphenationLang=""
        )
        name_para = Paragraph(safe(person), name_style)
        _w, height = name_para.wrap(inner, 20 * mm)
    if height > 16 * mm:  # a name longer than any real one: shorten it visibly
        name_para = Paragraph(safe(person[:50] + "…"), name_style)
        _w, height = name_para.wrap(inner, 20 * mm)
    top = y + BADGE_HEIGHT - band_height - 3 * mm
    name_para.drawOn(canvas, x + pad, top - height)
    lines = []
    if volunteer.role_names:
        lines.append(
            (style("badge-role", 10, textColor=band), ", ".join(volunteer.role_names))
        )
    if volunteer.partner:
        lines.append(
            (style("badge-partner", 9, textColor=MUTED), volunteer.partner.name)
        )
    bottom = y + 4 * mm
    for line_style, value in reversed(lines):
        paragraph = Paragraph(safe(value), line_style)
        _w, h = paragraph.wrap(inner, 12 * mm)
        if h > 2 * line_style.leading:  # keep to two lines
            paragraph = Paragraph(safe(value[:80] + "…"), line_style)
            _w, h = paragraph.wrap(inner, 12 * mm)
        paragraph.drawOn(canvas, x + pad, bottom)
        bottom += h + 1 * mm
    canvas.restoreState()


def _badges_pdf(
    festival: Festival | None, volunteers: list, progress: Progress
) -> bytes:
    fonts_register()
    buffer = io.BytesIO()
    page_width, page_height = A4
    festival_name = festival.name if festival else ""
    band = hex_colour(festival.colour if festival else None)
    sheet = pdfcanvas.Canvas(
        buffer,
        pagesize=A4,
        invariant=1,
        initialFontName=REGULAR,
        lang=LANG,
    )
    sheet.setTitle(
        printable(_("Name badges") + (f" – {festival_name}" if festival_name else ""))
    )
    sheet.setAuthor(printable(festival_name or "Festwoche"))
    sheet.setSubject(_("Name badges"))
    sheet.setCreator("Festwoche")
    left = (page_width - COLUMNS * BADGE_WIDTH) / 2
    bottom = (page_height - ROWS * BADGE_HEIGHT) / 2
    pages = max(math.ceil(len(volunteers) / PER_SHEET), 1)
    for page in range(pages):
        chunk = volunteers[page * PER_SHEET : (page + 1) * PER_SHEET]
        _cut_marks(sheet, left, bottom)
        for index, volunteer in enumerate(chunk):
            column, row = index % COLUMNS, index // COLUMNS
            x = left + column * BADGE_WIDTH
            y = bottom + (ROWS - 1 - row) * BADGE_HEIGHT
            _badge(sheet, volunteer, x, y, band, festival_name)
        if not chunk:
            sheet.setFont(REGULAR, 12)
            sheet.drawString(left, page_height / 2, _("No volunteers with a shift."))
        label = page_label(page + 1, pages)
        if label:
            sheet.setFont(REGULAR, 7)
            sheet.setFillColor(MUTED)
            sheet.drawRightString(page_width - left, bottom / 2, label)
        sheet.showPage()
        progress((page + 1) / pages)
    sheet.save()
    return buffer.getvalue()


def _cut_marks(sheet, left: float, bottom: float) -> None:
    """Short marks in the margin where each cut runs."""
    sheet.saveState()
    sheet.setStrokeColor(MUTED)
    sheet.setLineWidth(0.4)
    top = bottom + ROWS * BADGE_HEIGHT
    right = left + COLUMNS * BADGE_WIDTH
    mark = 4 * mm
    for column in range(COLUMNS + 1):
        x = left + column * BADGE_WIDTH
        sheet.line(x, top + 1 * mm, x, top + 1 * mm + mark)
        sheet.line(x, bottom - 1 * mm, x, bottom - 1 * mm - mark)
    for row in range(ROWS + 1):
        y = bottom + row * BADGE_HEIGHT
        sheet.line(left - 1 * mm, y, left - 1 * mm - mark, y)
        sheet.line(right + 1 * mm, y, right + 1 * mm + mark, y)
    sheet.restoreState()


def badges_fingerprint(*, day: str | None = None, **_p) -> str:
    """Changes with the active assignments, their volunteers and roles (one query)."""
    state = list(
        _badge_assignments(festival_current(), day)
        .order_by("pk")
        .values_list(
            "pk",
            "volunteer_id",
            "volunteer__updated_at",
            "volunteer__partner__name",
            "shift__role__updated_at",
        )
    )
    return f"{programme_version()}:{day or ''}:{_digest(state)}"


def badges_filename(*, day: str | None = None, **_p) -> str:
    return f"badges-{day}.pdf" if day else "badges.pdf"


register(
    Kind(
        name="badges",
        title=gettext_lazy("Name badges"),
        build=badges_build,
        fingerprint=badges_fingerprint,
        filename=badges_filename,
        permission="volunteers.view_volunteer",
        listed=True,
    )
)
