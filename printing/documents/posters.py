"""Posters to hang at the door: a venue's day (A4) and a sub-event (A3).

Large type for reading from a few steps away; a QR code leads to the programme
online, where changes after printing show.
"""

import datetime as dt
import io
from itertools import groupby

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from events.models import Event, SubEvent, Venue
from events.pdf.fonts import BOLD, REGULAR, printable
from events.pdf.layout import (
    MUTED,
    PALE,
    RULE,
    Document,
    hex_colour,
    markup,
    numbered_canvas,
    page_label,
    qr_code,
    safe,
    style,
    table,
)
from events.selectors import event_list_programme, festival_current, programme_version
from events.templatetags.festwoche import age_range, time_range
from printing.documents import Kind, Progress, no_progress, register


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _festival_name() -> str:
    festival = festival_current()
    return festival.name if festival else ""


def _poster_canvas(band, festival_name: str, *, scale: float):
    """The colour band with the festival's name on top, page numbers at the foot."""

    def footer(canvas, page: int, pages: int) -> None:
        width, height = canvas._pagesize
        band_height = 22 * mm * scale
        canvas.saveState()
        canvas.setFillColor(band)
        canvas.rect(0, height - band_height, width, band_height, stroke=0, fill=1)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.setFont(BOLD, 16 * scale)
        name = printable(festival_name)
        while canvas.stringWidth(name, BOLD, 16 * scale) > width - 30 * mm and name:
            name = name[:-2] + "…"
        canvas.drawString(15 * mm, height - band_height + 8 * mm * scale, name)
        canvas.setFillColor(band)
        canvas.rect(0, 0, width, 5 * mm, stroke=0, fill=1)
        label = page_label(page, pages)
        if label:
            canvas.setFillColor(MUTED)
            canvas.setFont(REGULAR, 9)
            canvas.drawRightString(width - 15 * mm, 8 * mm, label)
        canvas.restoreState()

    return numbered_canvas(footer)


def _event_title(event: Event, size: float) -> str:
    title = f"<font name='{BOLD}'>{safe(event.title)}</font>"
    if event.status == Event.Status.CANCELLED:
        title = (
            f"<strike>{title}</strike> – <font name='{BOLD}'>{_('cancelled')}</font>"
        )
    if event.sub_event_id:
        title += (
            f"<br/><font size='{size * 0.7:.1f}'>{safe(event.sub_event.name)}</font>"
        )
    return title


# --- Poster of a venue's day (A4) ------------------------------------------------


def venue_day_events(*, venue: Venue, day: dt.date) -> list[Event]:
    return list(event_list_programme().filter(venue=venue).on_day(day))


def venue_day_build(
    *, venue: str, day: str, progress: Progress = no_progress, **_params
) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        return _venue_day_pdf(Venue.objects.get(slug=venue), _day(day), progress)


def _venue_day_pdf(venue: Venue, day: dt.date, progress: Progress) -> bytes:
    festival = festival_current()
    events = venue_day_events(venue=venue, day=day)
    progress(0.3)
    band = hex_colour(festival.colour if festival else None)
    day_text = date_format(day, "l, j. F Y")
    buffer = io.BytesIO()
    doc = Document(
        buffer,
        pagesize=A4,
        title=f"{venue.name} – {day_text}",
        author=_festival_name(),
        subject=_("What happens here today"),
        margins=(34 * mm, 15 * mm, 18 * mm, 15 * mm),
    )
    big = style("venue", 34, bold=True, leading=38, spaceAfter=4)
    date_style = style("day", 22, textColor=band, spaceAfter=10)
    lead = style("lead", 15, textColor=MUTED, spaceAfter=6)
    cell = style("cell", 15, leading=18)
    cell_bold = style("cellb", 16, bold=True, leading=19)
    small = style("small", 11, textColor=MUTED)

    story = [
        markup(safe(venue.name), big),
        markup(safe(day_text), date_style),
    ]
    if venue.address:
        story.append(markup(safe(venue.address), lead))
    if events:
        story.append(markup(_("What happens here today"), style("h", 20, bold=True)))
        story.append(Spacer(1, 4 * mm))
        rows = [
            [
                markup(safe(time_range(event)), cell_bold),
                markup(_event_title(event, 15), cell),
                markup(safe(age_range(event)) or _("all ages"), cell),
            ]
            for event in events
        ]
        story.append(
            table(
                rows,
                [42 * mm, 96 * mm, 42 * mm],
                [
                    ("LINEBELOW", (0, 0), (-1, -1), 0.6, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                    ("LEFTPADDING", (0, 0), (0, -1), 0),
                ],
                size=15,
                padded=True,
                repeatRows=0,
                hAlign="LEFT",
            )
        )
    else:
        story.append(Spacer(1, 20 * mm))
        story.append(
            markup(
                _("There are no festival events here on this day."),
                # A statement in display type breaks between words only.
                style("none", 22, bold=True, textColor=MUTED, hyphenationLang=""),
            )
        )
    url = settings.SITE_URL + "/"
    qr = table(
        [
            [
                qr_code(url, 34 * mm, border=4),
                markup(
                    _("The whole programme, with every change:")
                    + f"<br/><font name='{BOLD}'>{safe(url)}</font>",
                    style("qr", 14, leading=18),
                ),
            ]
        ],
        [40 * mm, 140 * mm],
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, -1), PALE),
        ],
        size=10,
        padded=True,
        hAlign="LEFT",
    )
    story += [Spacer(1, 10 * mm), KeepTogether([qr])]
    if festival and festival.tagline:
        story += [Spacer(1, 4 * mm), markup(safe(festival.tagline), small)]
    doc.build(
        story,
        canvasmaker=_poster_canvas(band, _festival_name(), scale=1),
    )
    progress(1.0)
    return buffer.getvalue()


def venue_day_fingerprint(*, venue: str, day: str, **_params) -> str:
    return f"{programme_version()}:{venue}:{day}"


def venue_day_filename(*, venue: str, day: str, **_params) -> str:
    return f"poster-{venue}-{day}.pdf"


register(
    Kind(
        name="poster-venue-day",
        title=gettext_lazy("Poster for a venue's day"),
        build=venue_day_build,
        fingerprint=venue_day_fingerprint,
        filename=venue_day_filename,
        permission=None,
        listed=False,
    )
)


# --- Poster of a sub-event (A3) ----------------------------------------------------


def sub_event_build(
    *, sub_event: str, progress: Progress = no_progress, **_params
) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        return _sub_event_pdf(SubEvent.objects.get(slug=sub_event), progress)


def _sub_event_pdf(sub_event: SubEvent, progress: Progress) -> bytes:
    events = list(event_list_programme().filter(sub_event=sub_event))
    progress(0.3)
    band = hex_colour(sub_event.colour, "#4a5568")
    festival_name = sub_event.festival.name
    buffer = io.BytesIO()
    doc = Document(
        buffer,
        pagesize=A3,
        title=sub_event.name,
        author=festival_name,
        subject=_("Poster"),
        margins=(44 * mm, 20 * mm, 22 * mm, 20 * mm),
    )
    width = A3[0] - 40 * mm
    name_style = style("name", 48, bold=True, leading=54, spaceAfter=10)
    description = style("desc", 17, leading=23, spaceAfter=8)
    day_style = style(
        "dayh", 24, bold=True, textColor=band, spaceBefore=14, spaceAfter=6
    )
    cell = style("cell", 15, leading=19)
    cell_bold = style("cellb", 15, bold=True, leading=19)

    story = [markup(safe(sub_event.name), name_style)]
    for block in printable(sub_event.description).split("\n\n"):
        if block.strip():
            story.append(markup(safe(block).replace("\n", "<br/>"), description))
    if not events:
        story.append(
            markup(
                _("The dates are not published yet."),
                style(
                    "none",
                    20,
                    bold=True,
                    textColor=MUTED,
                    spaceBefore=16,
                    hyphenationLang="",
                ),
            )
        )
    for day, group in groupby(events, key=lambda event: event.local_day):
        rows = [
            [
                markup(safe(time_range(event)), cell_bold),
                markup(_event_title(event, 15), cell),
                markup(
                    safe(event.venue.name if event.venue else _("venue to follow")),
                    cell,
                ),
                markup(safe(age_range(event)) or _("all ages"), cell),
            ]
            for event in group
        ]
        day_table = table(
            rows,
            [width * 0.17, width * 0.43, width * 0.25, width * 0.15],
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.6, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ],
            size=15,
            padded=True,
            hAlign="LEFT",
        )
        heading = markup(safe(date_format(day, "l, j. F")), day_style)
        story += (
            [KeepTogether([heading, day_table])]
            if len(rows) < 6
            else [heading, day_table]
        )
    progress(0.6)
    url = settings.SITE_URL + sub_event.get_absolute_url()
    qr = table(
        [
            [
                qr_code(url, 45 * mm, border=4),
                markup(
                    _("All dates, with every change, and registration:")
                    + f"<br/><font name='{BOLD}'>{safe(url)}</font>",
                    style("qr", 17, leading=22),
                ),
            ]
        ],
        [52 * mm, width - 52 * mm],
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, -1), PALE),
        ],
        size=10,
        padded=True,
        hAlign="LEFT",
    )
    story += [Spacer(1, 12 * mm), KeepTogether([qr])]
    doc.build(story, canvasmaker=_poster_canvas(band, festival_name, scale=1.4))
    progress(1.0)
    return buffer.getvalue()


def sub_event_fingerprint(*, sub_event: str, **_params) -> str:
    return f"{programme_version()}:{sub_event}"


def sub_event_filename(*, sub_event: str, **_params) -> str:
    return f"poster-{sub_event}.pdf"


register(
    Kind(
        name="poster-sub-event",
        title=gettext_lazy("Poster for a sub-event"),
        build=sub_event_build,
        fingerprint=sub_event_fingerprint,
        filename=sub_event_filename,
        permission=None,
        listed=False,
    )
)
