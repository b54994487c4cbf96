"""Tables as files for German spreadsheets: CSV and XLSX, shared by every app's
exports.

The CSV is for German Excel, which opens a double-clicked file with the Windows
locale's list separator and guesses the encoding: hence UTF-8 *with* a byte-order
mark (without it, "Özdemir" arrives as "Ã–zdemir") and ';' as the delimiter (the
German list separator; ',' would put every row into one column).

Names and free text come from public forms. A cell starting with =, +, - or @ (or a
tab or carriage return) would be run as a formula by Excel and LibreOffice ("CSV
injection"), so callers pass such text through `cell_safe`: a leading apostrophe
makes the spreadsheet show it as text. Numbers are not touched.
"""

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int


def cell_safe(value: Cell) -> Cell:
    """Text that a spreadsheet would run as a formula, made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 with BOM, ';'-separated, CRLF line ends: opens as columns in German
    Excel by double-click."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(
    title: str, header: Sequence[str], rows: Iterable[Sequence[Cell]]
) -> bytes:
    """One sheet: a bold, frozen header row with a filter, columns as wide as
    their text (up to 40 characters)."""
    workbook = Workbook()
    sheet = workbook.active
    # Excel allows 31 characters and none of []:*?/\ in a sheet's name.
    sheet.title = "".join(c for c in title if c not in "[]:*?/\\")[:31]
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
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
