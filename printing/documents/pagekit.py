"""What the posters and the lists for the day share: page frame, styles, footer.

Every paragraph and table names the embedded family (reportlab would otherwise
fall back to its non-embedded Helvetica), every document says it is German
(/Lang de-DE) and who made it, and builds are `invariant` (no timestamp, no
random id) so the same content gives the same bytes.
"""

import io
from collections.abc import Callable, Iterable
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, TableStyle

from printing.fonts import BOLD, REGULAR, fonts_register, printable

LANG = "de-DE"
INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#9a9a9a")
PALE = colors.HexColor("#efefef")


def text(value: object) -> str:
    """User text made safe for a Paragraph: drawable characters, markup escaped."""
    return escape(printable(str(value or "")))


def colour(hex_value: str | None, default: str = "#1d5fa8") -> colors.Color:
    try:
        return colors.HexColor(hex_value or default)
    except ValueError:
        return colors.HexColor(default)


def style(name: str, size: float, *, bold: bool = False, **kwargs) -> ParagraphStyle:
    fonts_register()
    return ParagraphStyle(
        name,
        fontName=BOLD if bold else REGULAR,
        fontSize=size,
        leading=kwargs.pop("leading", round(size * 1.22, 1)),
        textColor=kwargs.pop("textColor", INK),
        hyphenationLang=kwargs.pop("hyphenationLang", "de_DE"),
        embeddedHyphenation=1,
        uriWasteReduce=0.3,
        **kwargs,
    )


def para(value: str, paragraph_style: ParagraphStyle) -> Paragraph:
    """A paragraph from markup the caller built (user parts through `text`)."""
    return Paragraph(value, paragraph_style)


def table_style(*commands: tuple, size: float = 10) -> TableStyle:
    """A TableStyle that names the embedded font for every cell (see module doc)."""
    fonts_register()
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), REGULAR, size),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *commands,
        ]
    )


def qr_code(url: str, size: float) -> Drawing:
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    # A Drawing sets Helvetica (not embedded) on the page unless told otherwise.
    drawing = Drawing(
        size,
        size,
        transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0],
        initialFontName=REGULAR,
    )
    drawing.add(widget)
    return drawing


class CheckBox(Flowable):
    """An empty square to tick by hand."""

    def __init__(self, size: float = 10):
        super().__init__()
        self.size = size

    def wrap(self, available_width: float, available_height: float):
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setLineWidth(0.8)
        self.canv.setStrokeColor(INK)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


def numbered_canvas(
    footer: Callable[[pdfcanvas.Canvas, int, int], None],
) -> type[pdfcanvas.Canvas]:
    """A canvas class that knows the page count when it draws each page's footer
    (`footer(canvas, page, pages)`), so "page 2 of 3" is possible."""

    class NumberedCanvas(pdfcanvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
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
    """'Page 2 of 3', or '' for a one-page document."""
    if pages <= 1:
        return ""
    return _("Page %(page)d of %(pages)d") % {"page": page, "pages": pages}


def document(
    buffer: io.BytesIO,
    *,
    pagesize: tuple[float, float],
    title: str,
    author: str,
    margins: tuple[float, float, float, float],
    subject: str = "",
) -> SimpleDocTemplate:
    """A document template with the family embedded, German and its metadata set.

    `margins` are top, right, bottom, left in points."""
    fonts_register()
    top, right, bottom, left = margins
    return SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        title=printable(title),
        author=printable(author),
        subject=printable(subject),
        creator="Festwoche",
        lang=LANG,
        initialFontName=REGULAR,
        invariant=1,
        topMargin=top,
        rightMargin=right,
        bottomMargin=bottom,
        leftMargin=left,
    )


def joined(parts: Iterable[str], separator: str = " · ") -> str:
    return separator.join(part for part in parts if part)
