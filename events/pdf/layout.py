"""What every printed document shares: the typeface, paragraph styles, tables,
page furniture and a doc template that embeds its fonts and says its language.

The booklet, posters, lists and badges all build on this one module. Every
paragraph and table names the embedded family (reportlab would otherwise fall
back to its non-embedded Helvetica), every document says it is German (/Lang
de-DE) and who made it, and builds are `invariant` (no timestamp, no random id)
so the same content gives the same bytes.

- `styles()` — the booklet's paragraph styles by name (body, small, meta, h1,
  h2, h3, cover_title, cover_line, toc1, toc2); `style(name, size, …)` — one
  more style on the same base (posters and lists set their own sizes). German
  hyphenation on, the Festwoche family everywhere.
- `para(text, style)` — a Paragraph from *user* text: escaped and passed
  through `printable`, so markup characters and emoji cannot break a build;
  `markup(text, style)` for our own markup, with user parts through `safe()`.
- `table(rows, widths, commands=(), size=9, padded=False)` — a Table whose
  style names the font (a TableStyle without FONT falls back to Helvetica).
- `Document(buffer, pagesize=…, title=…, author=…, subject=…, margins=…)` — a
  BaseDocTemplate with the family as initial font, lang de-DE and metadata;
  with `margins` it has one page frame, else add templates with
  `frame_template(...)`. `numbered_canvas(footer)` for "Seite x von y".
- `hex_colour(value, default)` — a festival's '#rrggbb' colour, safely.
- `qr_code(url, size)` — a vector QR code flowable (no Helvetica in it).
- `CheckBox(size)` — an empty square to tick by hand.
"""

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from events.pdf.fonts import BOLD, REGULAR, fonts_register, printable

LANG = "de-DE"
INK = colors.HexColor("#1f2328")
MUTED = colors.HexColor("#5b6169")
RULE = colors.HexColor("#c8ccd1")
PALE = colors.HexColor("#efefef")
DEFAULT_ACCENT = "#1b6e5a"


def hex_colour(value: str | None, default: str = DEFAULT_ACCENT) -> colors.Color:
    """`value` ('#rrggbb') as a reportlab colour; `default` if it is not one."""
    try:
        return colors.HexColor(value or default)
    except (ValueError, TypeError):
        return colors.HexColor(default)


def style(
    name: str, size: float, *, bold: bool = False, **kwargs: object
) -> ParagraphStyle:
    """A paragraph style in the family at `size` (leading 1.22 × size unless
    given), German hyphenation on unless `hyphenationLang=""`."""
    fonts_register()
    kwargs.setdefault("leading", round(size * 1.22, 1))
    kwargs.setdefault("textColor", INK)
    kwargs.setdefault("alignment", TA_LEFT)
    kwargs.setdefault("hyphenationLang", "de_DE")
    return ParagraphStyle(
        name,
        fontName=BOLD if bold else REGULAR,
        fontSize=size,
        embeddedHyphenation=1,
        # Break a long URL or compound instead of leaving a line mostly empty.
        uriWasteReduce=0.3,
        **kwargs,
    )


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles by name; one set per process (they are immutable)."""
    base = style("body", 9, leading=12, spaceAfter=3)

    def derive(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "small": derive("small", fontSize=7.5, leading=9.5, spaceAfter=1),
        "meta": derive("meta", fontSize=7.5, leading=9.5, textColor=MUTED),
        "h1": derive(
            "h1",
            fontName=BOLD,
            fontSize=17,
            leading=21,
            spaceBefore=0,
            spaceAfter=8,
            keepWithNext=1,
            hyphenationLang="",
        ),
        "h2": derive(
            "h2",
            fontName=BOLD,
            fontSize=12,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "h3": derive(
            "h3", fontName=BOLD, fontSize=9.5, leading=12, spaceAfter=1, keepWithNext=1
        ),
        "cover_title": derive(
            "cover_title",
            fontName=BOLD,
            fontSize=26,
            leading=31,
            textColor=colors.white,
            hyphenationLang="",
        ),
        "cover_line": derive(
            "cover_line", fontSize=13, leading=17, textColor=colors.white
        ),
        "centre": derive("centre", alignment=TA_CENTER),
        "toc1": derive("toc1", fontName=BOLD, fontSize=10, leading=15),
        "toc2": derive("toc2", fontSize=9, leading=12.5, leftIndent=4 * mm),
    }


def para(text: str | None, style: str | ParagraphStyle = "body") -> Paragraph:
    """A paragraph of user text: escaped, unprintable characters made visible."""
    if isinstance(style, str):
        style = styles()[style]
    body = escape(printable(text or "")).replace("\n", "<br/>")
    return Paragraph(body, style)


def markup(text: str, style: str | ParagraphStyle = "body") -> Paragraph:
    """A paragraph of *our own* markup (<b>, <br/>); escape user parts yourself
    with `safe()`."""
    if isinstance(style, str):
        style = styles()[style]
    return Paragraph(text, style)


def safe(text: object) -> str:
    """User text ready to go inside `markup`."""
    return escape(printable(str(text or "")))


def joined(parts: Iterable[str], separator: str = " · ") -> str:
    """The non-empty `parts`, joined."""
    return separator.join(part for part in parts if part)


# Cells flush with the column edges, for the booklet's narrow A5 columns.
_TIGHT = (
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
)


def table(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float] | None = None,
    commands: Iterable[tuple] = (),
    *,
    size: float = 9,
    padded: bool = False,
    **kwargs: object,
) -> Table:
    """A Table set in the family at `size` (the FONT command keeps every glyph
    embedded); cells tight unless `padded` (reportlab's default padding)."""
    fonts_register()
    table_style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), REGULAR, size),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *(() if padded else _TIGHT),
            *commands,
        ]
    )
    return Table(rows, colWidths=widths, style=table_style, **kwargs)


PageDecorator = Callable[[Canvas, BaseDocTemplate], None]


def frame_template(
    template_id: str,
    pagesize: tuple[float, float],
    *,
    margins: tuple[float, float, float, float] = (15 * mm, 14 * mm, 18 * mm, 14 * mm),
    on_page: PageDecorator | None = None,
    padding: float = 0,
) -> PageTemplate:
    """A one-frame page template; margins are (top, right, bottom, left), the
    frame's `padding` inside them."""
    top, right, bottom, left = margins
    width, height = pagesize
    frame = Frame(
        left,
        bottom,
        width - left - right,
        height - top - bottom,
        id=f"{template_id}-frame",
        leftPadding=padding,
        rightPadding=padding,
        topPadding=padding,
        bottomPadding=padding,
    )
    return PageTemplate(
        id=template_id, frames=[frame], pagesize=pagesize, onPage=on_page or _nothing
    )


def _nothing(canvas: Canvas, doc: BaseDocTemplate) -> None:
    pass


class Document(BaseDocTemplate):
    """A doc template in the family, in German, with the metadata readers show.

    With `margins` (top, right, bottom, left) it has one page template, a frame
    with 6 pt padding inside the margins; without, add your own."""

    def __init__(
        self,
        buffer: object,
        *,
        pagesize: tuple[float, float],
        title: str,
        author: str,
        subject: str = "",
        margins: tuple[float, float, float, float] | None = None,
        **kwargs: object,
    ) -> None:
        fonts_register()
        super().__init__(
            buffer,
            pagesize=pagesize,
            title=printable(title),
            author=printable(author),
            subject=printable(subject),
            creator="Festwoche",
            lang=LANG,
            initialFontName=REGULAR,
            initialFontSize=9,
            initialLeading=12,
            displayDocTitle=1,
            invariant=1,  # the same content gives the same bytes
            **kwargs,
        )
        if margins is not None:
            self.addPageTemplates(
                [frame_template("page", pagesize, margins=margins, padding=6)]
            )


class ColourBand(Flowable):
    """A full-width band of colour, `height` high."""

    def __init__(self, height: float, colour: colors.Color) -> None:
        super().__init__()
        self.height = height
        self.colour = colour

    def wrap(self, available_width: float, available_height: float):
        self.width = available_width
        return available_width, self.height

    def draw(self) -> None:
        self.canv.setFillColor(self.colour)
        self.canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)


def qr_code(url: str, size: float, *, border: int = 0) -> Drawing:
    """A square QR code `size` wide, error correction M, as a vector drawing,
    with a quiet zone of `border` modules inside `size`.

    A drawing starts in Helvetica unless told otherwise, which would put a
    non-embedded font into the page's resources even though it draws no text."""
    fonts_register()
    widget = QrCodeWidget(url, barLevel="M", barBorder=border)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(
        size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0]
    )
    drawing.initialFontName = REGULAR
    drawing.add(widget)
    return drawing


class CheckBox(Flowable):
    """An empty square to tick by hand."""

    def __init__(self, size: float = 10) -> None:
        super().__init__()
        self.size = size

    def wrap(self, available_width: float, available_height: float):
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setLineWidth(0.8)
        self.canv.setStrokeColor(INK)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


def numbered_canvas(footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas class that knows the page count when it draws each page's footer
    (`footer(canvas, page, pages)`), so "Seite 2 von 3" is possible."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            # Keep the page's state; it is drawn in save(), once the count is known.
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                footer(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def page_label(page: int, pages: int) -> str:
    """'Page 2 of 3' ("Seite 2 von 3"), or '' for a one-page document."""
    if pages <= 1:
        return ""
    return _("Page %(page)d of %(pages)d") % {"page": page, "pages": pages}
