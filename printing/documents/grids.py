"""Grids that modules offer for printing (events.registry's print grids), as an
A4 landscape table: the time column and one column per room, the header row
repeated on every page.

The modules register their grids in their AppConfig.ready(), which may run after
this module is imported, so there is one kind, "grid", with the grid's name as
its parameter; the grid is looked up when the document is fetched or built.
"""

import io

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm

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
    safe,
    style,
    table,
)
from events.registry import GridData, PrintGrid, registry
from events.selectors import festival_current
from printing.documents import Kind, Progress, no_progress, register

PAGE = landscape(A4)
MARGINS = (14 * mm, 12 * mm, 16 * mm, 12 * mm)  # top, right, bottom, left
TIME_WIDTH = 22 * mm


def grid_get(name: str) -> PrintGrid | None:
    return registry.print_grid(name)


def grids_printable() -> list[PrintGrid]:
    """The registered grids that have something to print for the current
    festival (remembered per fingerprint, so the downloads page pays a build's
    queries only after a change)."""
    festival = festival_current()
    found = []
    for grid in registry.print_grids():
        key = f"printing:grid-has-data:{grid.name}:{grid.fingerprint(festival)}"
        has_data = cache.get(key)
        if has_data is None:
            with translation.override(settings.LANGUAGE_CODE):
                has_data = grid.build(festival) is not None
            cache.set(key, has_data, 3600)
        if has_data:
            found.append(grid)
    return found


def _canvas(festival_name: str, title: str):
    def footer(canvas, page: int, pages: int) -> None:
        width, _height = canvas._pagesize
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setFont(REGULAR, 8)
        line = printable(" · ".join(part for part in (festival_name, title) if part))
        while canvas.stringWidth(line, REGULAR, 8) > width / 2 and line:
            line = line[:-2] + "…"
        canvas.drawString(12 * mm, 8 * mm, line)
        canvas.drawRightString(width - 12 * mm, 8 * mm, page_label(page, pages))
        canvas.restoreState()

    return numbered_canvas(footer)


def _cell(text: str, first, rest):
    """A cell's first line (the session's title) bold, the others plain."""
    title, *lines = text.split("\n")
    body = f"<font name='{BOLD}'>{safe(title)}</font>"
    if lines:
        body += "<br/>" + "<br/>".join(safe(line) for line in lines)
    return markup(body, rest if lines else first)


def grid_build(*, grid: str, progress: Progress = no_progress, **_params) -> bytes:
    spec = grid_get(grid)
    if spec is None:
        raise LookupError(f"no print grid {grid!r} is registered")
    with translation.override(settings.LANGUAGE_CODE):
        festival = festival_current()
        data = spec.build(festival)
        progress(0.4)
        return _grid_pdf(spec, data, festival, progress)


def _grid_pdf(spec: PrintGrid, data: GridData | None, festival, progress) -> bytes:
    festival_name = festival.name if festival else "Festwoche"
    title = data.title if data else str(spec.title)
    accent = hex_colour(festival.colour if festival else None)
    buffer = io.BytesIO()
    doc = Document(
        buffer,
        pagesize=PAGE,
        title=title,
        author=festival_name,
        subject=_("Programme grid"),
        margins=MARGINS,
    )
    story = [
        markup(
            safe(festival_name),
            style("festival", 11, bold=True, textColor=accent, spaceAfter=2),
        ),
        markup(safe(title), style("title", 17, bold=True, spaceAfter=2)),
    ]
    if data and data.subtitle:
        story.append(markup(safe(data.subtitle), style("sub", 10, textColor=MUTED)))
    if not data or not data.rows or not data.columns:
        story.append(
            markup(
                _("Nothing is scheduled yet."),
                style("none", 14, bold=True, textColor=MUTED, spaceBefore=12),
            )
        )
        doc.build(story, canvasmaker=_canvas(festival_name, title))
        progress(1.0)
        return buffer.getvalue()

    rooms = len(data.columns)
    size = 8.5 if rooms <= 4 else 7.5 if rooms <= 6 else 6.5
    # Room names break between words only.
    head = style(
        "th", size + 0.5, bold=True, leading=(size + 0.5) * 1.2, hyphenationLang=""
    )
    first = style("cellb", size, leading=size * 1.25)
    rest = style("cell", size, leading=size * 1.25)
    time_style = style("time", size + 0.5, bold=True, leading=(size + 0.5) * 1.2)
    rows = [
        [markup(_("Time"), head)]
        + [markup(safe(column), head) for column in data.columns]
    ]
    for row in data.rows:
        rows.append(
            [markup(safe(row.label).replace("\n", "<br/>"), time_style)]
            + [_cell(text, first, rest) if text else "" for text in row.cells]
        )
    progress(0.7)
    usable = PAGE[0] - MARGINS[1] - MARGINS[3] - 12  # the frame's padding
    room_width = (usable - TIME_WIDTH) / rooms
    story.append(
        table(
            rows,
            [TIME_WIDTH] + [room_width] * rooms,
            [
                ("BACKGROUND", (0, 0), (-1, 0), PALE),
                ("LINEBELOW", (0, 0), (-1, 0), 1, MUTED),
                ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
                ("LINEAFTER", (0, 0), (-2, -1), 0.5, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ],
            size=size,
            padded=True,
            repeatRows=1,
            hAlign="LEFT",
            spaceBefore=8,
        )
    )
    doc.build(story, canvasmaker=_canvas(festival_name, title))
    progress(1.0)
    return buffer.getvalue()


def grid_fingerprint(*, grid: str, **_params) -> str:
    spec = grid_get(grid)
    if spec is None:
        return f"missing:{grid}"
    return f"{grid}:{spec.fingerprint(festival_current())}"


def grid_filename(*, grid: str, **_params) -> str:
    return f"{grid}.pdf"


register(
    Kind(
        name="grid",
        title=gettext_lazy("Programme grid"),
        build=grid_build,
        fingerprint=grid_fingerprint,
        filename=grid_filename,
        permission=None,
        listed=False,
    )
)
