"""The programme booklet: A5 in reading order, and its imposed print edition.

Reading order: cover, greeting, contents, the programme day by day, a page per
sub-event, the venue index, the partner network, the imprint. German only (the
booklet is handed out in town), so the fingerprint is the programme version.
"""

import datetime as dt
import io

from django.conf import settings
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib import colors
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
)
from reportlab.platypus.tableofcontents import TableOfContents

from events.models import BERLIN, Event, Festival, Partner, Venue
from events.pdf.fonts import BOLD, REGULAR, printable
from events.pdf.layout import (
    MUTED,
    RULE,
    Document,
    frame_template,
    hex_colour,
    markup,
    para,
    qr_code,
    safe,
    styles,
    table,
)
from events.registry import registry
from events.selectors import (
    event_list_public,
    festival_current,
    programme_group_by_day,
    programme_version,
    sub_event_list,
    venue_list_public,
)
from events.templatetags.festwoche import age_range, time_range
from printing import imposition
from printing.documents import Kind, Progress, no_progress, register

LANGUAGE = "de"
WIDTH, HEIGHT = A5
MARGINS = (14 * mm, 13 * mm, 16 * mm, 13 * mm)  # top, right, bottom, left
TEXT_WIDTH = WIDTH - MARGINS[1] - MARGINS[3]
QR_SIZE = 15 * mm
TIME_WIDTH = 14 * mm


class _Booklet(Document):
    """Files every heading that carries a `toc` entry into contents and outline."""

    def afterFlowable(self, flowable) -> None:
        entry = getattr(flowable, "toc", None)
        if entry is None:
            return
        level, text, key = entry
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(printable(text), key, level=level, closed=level > 0)
        self.notify("TOCEntry", (level, safe(text), self.page, key))


def _heading(text: str, level: int, key: str, style: str | None = None) -> Paragraph:
    paragraph = para(text, style or ("h1" if level == 0 else "h2"))
    paragraph.toc = (level, text, key)
    return paragraph


def _day_label(day: dt.date) -> str:
    return date_format(day, "l, j. F Y")


def _dates(festival: Festival) -> str:
    start, end = festival.start_date, festival.end_date
    if start == end:
        return date_format(start, "j. F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}.–{date_format(end, 'j. F Y')}"
    return f"{date_format(start, 'j. F')} – {date_format(end, 'j. F Y')}"


def _short_when(event: Event) -> str:
    start = timezone.localtime(event.starts_at, BERLIN)
    return f"{date_format(start, 'D j.n.')} {time_range(event)}"


def _registration_note(event: Event) -> str:
    if event.capacity is None:
        return _("No registration needed.")
    # Printed for typing in: without the scheme (the QR code carries the link).
    url = (settings.SITE_URL + event.get_absolute_url()).split("://", 1)[-1]
    if event.registration_opens_at:
        opens = date_format(
            timezone.localtime(event.registration_opens_at, BERLIN), "j.n.Y"
        )
        return _("Registration needed, from %(opens)s: %(url)s") % {
            "opens": opens,
            "url": url,
        }
    return _("Registration needed: %(url)s") % {"url": url}


def _access(venue: Venue | None) -> str:
    if venue is None:
        return ""
    facts = [
        label
        for flag, label in (
            (venue.step_free, _("step-free access")),
            (venue.accessible_toilet, _("accessible toilet")),
            (venue.hearing_loop, _("hearing loop")),
            (venue.parking, capfirst(_("parking"))),
        )
        if flag
    ]
    return ", ".join(str(fact) for fact in facts)


def _event_block(event: Event, details: list[str]):
    """One programme entry: time | title and facts (accent rule) | QR code."""
    title = safe(event.title)
    if event.is_cancelled:
        title = f"{_('Cancelled')}: <strike>{title}</strike>"
    where = event.venue.name if event.venue else ""
    facts = [event.sub_event.name, where, age_range(event) or _("all ages")]
    price = _("Free of charge") if event.is_free else event.price_text
    lines = [
        markup(title, "h3"),
        para(" · ".join(part for part in facts if part), "meta"),
    ]
    if event.summary:
        lines.append(para(event.summary, "small"))
    lines.append(
        para(" · ".join(p for p in (price, _registration_note(event)) if p), "small")
    )
    access = _access(event.venue)
    if access or event.accessibility_notes:
        text = "; ".join(p for p in (access, event.accessibility_notes) if p)
        lines.append(para(f"{_('Accessibility')}: {text}", "small"))
    for line in details:
        lines.append(para(str(line), "small"))
    qr = qr_code(settings.SITE_URL + event.get_absolute_url(), QR_SIZE)
    with_qr = event.needs_registration and not event.is_cancelled
    details_width = TEXT_WIDTH - TIME_WIDTH - (QR_SIZE + 3 * mm if with_qr else 0)
    accent = hex_colour(event.sub_event.colour)
    widths = [TIME_WIDTH, details_width] + ([QR_SIZE + 3 * mm] if with_qr else [])
    start, _dash, end = time_range(event).partition("–")
    when = [para(start, "h3"), para(f"–{end}", "meta")]
    row = [when, lines] + ([qr] if with_qr else [])
    return table(
        [row],
        widths,
        [
            ("LINEBEFORE", (1, 0), (1, 0), 1.5, accent),
            ("LEFTPADDING", (1, 0), (1, 0), 5),
            ("LEFTPADDING", (2, 0), (2, 0), 3 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ],
    )


def _events_compact(events: list[Event]):
    rows = [
        [
            para(_short_when(event), "small"),
            para(
                f"{_('Cancelled')}: {event.title}"
                if event.is_cancelled
                else event.title,
                "small",
            ),
        ]
        for event in events
    ]
    return table(
        rows,
        [34 * mm, TEXT_WIDTH - 34 * mm],
        [
            ("FONT", (0, 0), (-1, -1), REGULAR, 7.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ],
    )


def _programme_state(festival: Festival) -> dt.datetime:
    latest = Event.objects.aggregate(at=Max("updated_at"))["at"]
    moments = [moment for moment in (latest, festival.updated_at) if moment]
    return max(moments) if moments else timezone.now()


def _story(festival: Festival, progress: Progress) -> list:
    s = styles()
    events = list(event_list_public().filter(sub_event__festival=festival))
    details = registry.detail_lines_map(events)  # the modules' lines, all at once
    by_day = {day.day: day.events for day in programme_group_by_day(events)}
    story: list = [NextPageTemplate("content"), PageBreak()]

    # Greeting
    story.append(_heading(capfirst(_("greeting")), 0, "greeting"))
    for paragraph in (festival.greeting or "").split("\n\n"):
        if paragraph.strip():
            story.append(para(paragraph.strip(), "body"))
    story.append(PageBreak())

    # Contents
    toc = TableOfContents(
        levelStyles=[s["toc1"], s["toc2"]],
        tableStyle=[
            ("FONT", (0, 0), (-1, -1), REGULAR, 9),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ],
        dotsMinLevel=1,
        rightColumnWidth=12 * mm,
    )
    story += [para(_("Contents"), "h1"), toc, PageBreak()]
    progress(0.1)

    # The programme, day by day
    story.append(_heading(_("Programme"), 0, "programme"))
    for number, day in enumerate(festival.days):
        if number:
            story.append(CondPageBreak(60 * mm))
        story.append(_heading(_day_label(day), 1, f"day-{day.isoformat()}"))
        day_events = by_day.get(day, [])
        if not day_events:
            story.append(para(_("No events planned here yet."), "meta"))
        for event in day_events:
            story.append(_event_block(event, details.get(event.pk, [])))
    progress(0.4)

    # A page per sub-event
    sub_events = [
        sub for sub in sub_event_list().filter(festival=festival) if sub.public_events
    ]
    story += [PageBreak(), _heading(_("Sub-events"), 0, "sub-events")]
    for number, sub in enumerate(sub_events):
        if number:
            story.append(PageBreak())
        story.append(_heading(sub.name, 1, f"sub-{sub.pk}"))
        if sub.lead_partner:
            story.append(para(sub.lead_partner.name, "meta"))
        if sub.description:
            story.append(para(sub.description, "body"))
        story.append(Spacer(1, 2 * mm))
        story.append(_events_compact([e for e in events if e.sub_event_id == sub.pk]))
    progress(0.6)

    # Venue index
    story += [PageBreak(), _heading(_("Venues"), 0, "venues")]
    venue_events: dict[int, list[Event]] = {}
    for event in events:
        if event.venue_id:
            venue_events.setdefault(event.venue_id, []).append(event)
    for venue in venue_list_public().order_by("name"):
        block = [para(venue.name, "h3")]
        if venue.address:
            block.append(para(venue.address, "meta"))
        access = "; ".join(p for p in (_access(venue), venue.accessibility_notes) if p)
        if access:
            block.append(para(f"{_('Accessibility')}: {access}", "small"))
        if venue.directions:
            block.append(
                para(f"{capfirst(_('how to get there'))}: {venue.directions}", "small")
            )
        here = venue_events.get(venue.pk, [])
        if here:
            block.append(_events_compact(here))
        block.append(Spacer(1, 4 * mm))
        story.append(KeepTogether(block))
    progress(0.75)

    # Partner network
    story += [PageBreak(), _heading(capfirst(_("partners")), 0, "partners")]
    partners = list(Partner.objects.order_by("name"))
    for value, label in Partner.Sector.choices:
        names = [partner.name for partner in partners if partner.sector == value]
        if not names:
            continue
        story.append(para(str(label), "h3"))
        half = (len(names) + 1) // 2
        rows = [
            [para(left, "small"), para(right, "small") if right else ""]
            for left, right in zip(
                names[:half],
                names[half:] + [""] * (half - len(names[half:])),
                strict=True,
            )
        ]
        story.append(table(rows, [TEXT_WIDTH / 2] * 2))
        story.append(Spacer(1, 3 * mm))

    # Imprint
    state = timezone.localtime(_programme_state(festival), BERLIN)
    story += [PageBreak(), _heading(_("Contact"), 0, "imprint")]
    lines = [
        festival.name,
        festival.contact_name,
        festival.contact_email,
        festival.contact_phone,
        festival.website,
    ]
    story += [para(line, "body") for line in lines if line]
    story.append(Spacer(1, 6 * mm))
    story.append(
        para(
            f"{_('Programme')} – {_('updated')} {date_format(state, 'j. F Y, H:i')}",
            "meta",
        )
    )
    return story


def _cover(festival: Festival):
    """Draws the cover: a colour band with name, jubilee line and dates."""

    def draw(canvas, doc) -> None:
        s = styles()
        band = HEIGHT * 0.58
        canvas.saveState()
        canvas.setFillColor(hex_colour(festival.colour))
        canvas.rect(0, HEIGHT - band, WIDTH, band, stroke=0, fill=1)
        x, width = MARGINS[3], TEXT_WIDTH
        y = HEIGHT - 30 * mm
        for text, style in (
            (festival.name, s["cover_title"]),
            (festival.tagline, s["cover_line"]),
        ):
            if not text:
                continue
            paragraph = para(text, style)
            height = paragraph.wrap(width, band)[1]
            y -= height
            paragraph.drawOn(canvas, x, y)
            y -= 5 * mm
        dates = para(_dates(festival), s["cover_line"])
        dates.wrap(width, band)
        dates.drawOn(canvas, x, HEIGHT - band + 10 * mm)
        canvas.setFillColor(colors.black)
        canvas.setFont(BOLD, 30)
        canvas.drawString(x, HEIGHT - band - 22 * mm, printable(_("Programme")))
        canvas.setFont(REGULAR, 9)
        canvas.setFillColor(MUTED)
        if festival.website:
            canvas.drawString(x, 18 * mm, printable(festival.website))
        canvas.restoreState()

    return draw


def _footer(festival: Festival):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        y = 10 * mm
        canvas.line(MARGINS[3], y + 4 * mm, WIDTH - MARGINS[1], y + 4 * mm)
        canvas.setFillColor(MUTED)
        canvas.setFont(REGULAR, 7.5)
        name = printable(festival.name)[:70]
        number = str(doc.page)
        # Page numbers on the outer edge: right on odd pages, left on even ones.
        if doc.page % 2:
            canvas.drawString(MARGINS[3], y, name)
            canvas.setFont(BOLD, 8)
            canvas.drawRightString(WIDTH - MARGINS[1], y, number)
        else:
            canvas.drawRightString(WIDTH - MARGINS[1], y, name)
            canvas.setFont(BOLD, 8)
            canvas.drawString(MARGINS[3], y, number)
        canvas.restoreState()

    return draw


def _placeholder_festival() -> Festival:
    today = timezone.localdate()
    return Festival(
        name="Festwoche", slug="festwoche", start_date=today, end_date=today
    )


def programme_build(*, progress: Progress = no_progress, **params: object) -> bytes:
    """The A5 booklet of the current festival in reading order, as PDF bytes."""
    with translation.override(LANGUAGE):
        festival = festival_current() or _placeholder_festival()
        buffer = io.BytesIO()
        doc = _Booklet(
            buffer,
            pagesize=A5,
            title=f"{festival.name} – {_('Programme')}",
            author=festival.name,
            subject=festival.tagline or _("Programme"),
        )
        doc.addPageTemplates(
            [
                frame_template("cover", A5, margins=MARGINS, on_page=_cover(festival)),
                frame_template(
                    "content", A5, margins=MARGINS, on_page=_footer(festival)
                ),
            ]
        )
        story = _story(festival, progress) if festival.pk else [Spacer(1, 1)]
        progress(0.8)
        doc.multiBuild(story)
        progress(1.0)
        return buffer.getvalue()


def booklet_build(*, progress: Progress = no_progress, **params: object) -> bytes:
    """The booklet imposed two-up on A4 landscape for saddle-stitch printing."""
    pdf = programme_build(progress=lambda f: progress(f * 0.9))
    result = imposition.impose_saddle_stitch(pdf)
    progress(1.0)
    return result


def _fingerprint(**params: object) -> str:
    return programme_version()


register(
    Kind(
        name="programme",
        title=gettext_lazy("Programme"),
        build=programme_build,
        fingerprint=_fingerprint,
        filename=lambda **params: "programme.pdf",
    )
)
register(
    Kind(
        name="programme-booklet",
        title=gettext_lazy("Programme"),
        build=booklet_build,
        fingerprint=_fingerprint,
        filename=lambda **params: "programme-booklet.pdf",
    )
)
