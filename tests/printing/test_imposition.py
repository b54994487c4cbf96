"""Saddle-stitch imposition: padding, sheet order, and where each page lands."""

import io

import pytest
from pypdf import PageObject, PdfReader
from reportlab.lib.pagesizes import A5
from reportlab.pdfgen.canvas import Canvas

from events.pdf.fonts import REGULAR, fonts_register
from printing.imposition import (
    impose_saddle_stitch,
    padded_count,
    saddle_stitch_order,
)

FOOTER_TOP = 40  # pt; the booklet's footer sits 10 mm above the bottom edge


def numbers_on_halves(sheet: PageObject) -> tuple[int | None, int | None]:
    """The page numbers printed in the footer of the left and right half."""
    middle = float(sheet.mediabox.width) / 2
    found: dict[str, int | None] = {"left": None, "right": None}

    def visit(text, cm, tm, font_dict, font_size):
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip().isdigit() and y < FOOTER_TOP:
            found["left" if x < middle else "right"] = int(text.strip())

    sheet.extract_text(visitor_text=visit)
    return found["left"], found["right"]


def numbered_pdf(pages: int) -> bytes:
    fonts_register()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A5)
    for number in range(1, pages + 1):
        canvas.setFont(REGULAR, 9)
        canvas.drawString(200, 28, str(number))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("pages", "padded"), [(1, 4), (3, 4), (4, 4), (5, 8), (8, 8), (13, 16)]
)
def test_pages_are_padded_to_a_multiple_of_four(pages, padded):
    assert padded_count(pages) == padded


def test_eight_pages_fold_into_two_sheets():
    assert saddle_stitch_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]


def test_padding_pages_are_blank():
    assert saddle_stitch_order(6) == [(0, 1), (2, 0), (6, 3), (4, 5)]


@pytest.mark.parametrize("pages", [4, 6, 12])
def test_sheets_carry_the_pages_in_saddle_stitch_order(pages):
    reader = PdfReader(io.BytesIO(impose_saddle_stitch(numbered_pdf(pages))))

    n = padded_count(pages)
    assert len(reader.pages) == n // 2
    for page in reader.pages:
        assert round(float(page.mediabox.width), 1) == 841.9
        assert round(float(page.mediabox.height), 1) == 595.3
    printed = [numbers_on_halves(page) for page in reader.pages]
    expected = [
        tuple(number or None for number in side) for side in saddle_stitch_order(pages)
    ]
    assert printed == expected
