"""Saddle-stitch imposition: A5 pages two-up on A4 landscape sheets.

The pages are padded with blank ones to a multiple of 4 (a folded sheet holds
four). For n pages, sheet k (from 0) carries [n-2k, 2k+1] on its front and
[2k+2, n-2k-1] on its back; printed duplex with short-edge flip, folded in the
middle and stapled, the pages read 1…n.
"""

import io

from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import NameObject
from reportlab.lib.pagesizes import A4, landscape

PRINT_INSTRUCTIONS = _(
    "Print on A4, double-sided, flip on the short edge, at 100 % (no fitting);"
    " fold the stack in the middle and staple it on the fold."
)


def saddle_stitch_order(pages: int) -> list[tuple[int, int]]:
    """The (left, right) page numbers of each sheet side, 1-based; 0 is blank.

    `pages` is padded to a multiple of 4 first."""
    n = padded_count(pages)

    def real(number: int) -> int:
        return number if number <= pages else 0

    sides = []
    for k in range(n // 4):
        sides.append((real(n - 2 * k), real(2 * k + 1)))
        sides.append((real(2 * k + 2), real(n - 2 * k - 1)))
    return sides


def padded_count(pages: int) -> int:
    return max(4, -(-pages // 4) * 4)


def impose_saddle_stitch(pdf: bytes) -> bytes:
    """`pdf` (pages of one size, e.g. A5 portrait) imposed two-up on A4 landscape."""
    reader = PdfReader(io.BytesIO(pdf))
    source = list(reader.pages)
    sheet_width, sheet_height = landscape(A4)
    writer = PdfWriter()
    for left, right in saddle_stitch_order(len(source)):
        sheet = writer.add_blank_page(width=sheet_width, height=sheet_height)
        for slot, number in enumerate((left, right)):
            if not number:
                continue
            page = source[number - 1]
            box = page.mediabox
            width, height = float(box.width), float(box.height)
            # Centre the pair on the sheet; each half meets the fold exactly.
            x = sheet_width / 2 - width + slot * width - float(box.left)
            y = (sheet_height - height) / 2 - float(box.bottom)
            sheet.merge_transformed_page(page, Transformation().translate(tx=x, ty=y))
        # Merging leaves the sheet's content uncompressed: five times the size of
        # the A5 file, too much to mail to a copy shop.
        sheet.compress_content_streams()
    if reader.metadata:
        writer.add_metadata(
            {key: value for key, value in reader.metadata.items() if value}
        )
    lang = reader.trailer["/Root"].get("/Lang")
    if lang is not None:
        writer._root_object[NameObject("/Lang")] = lang
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
