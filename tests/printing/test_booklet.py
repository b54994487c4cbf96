"""The programme booklet read back the way readers and printers see it."""

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from events import demo
from events.models import Event
from events.pdf.fonts import MISSING
from printing.documents import KINDS
from printing.documents.booklet import booklet_build, programme_build
from tests.events.factories import EventFactory, FestivalFactory, VenueFactory
from tests.printing.test_imposition import numbers_on_halves

pytestmark = pytest.mark.django_db

A5 = (419.5, 595.3)
A4_LANDSCAPE = (841.9, 595.3)


def fonts_of(reader: PdfReader) -> dict[str, object]:
    """Every font the pages use, by base name, resolved."""
    fonts = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
        # Fonts of form XObjects (the imposed sheets carry the pages as forms).
        for xobject in (resources.get("/XObject") or {}).values():
            inner = xobject.get_object().get("/Resources") or {}
            for font in (inner.get("/Font") or {}).values():
                font = font.get_object()
                fonts[str(font["/BaseFont"])] = font
    return fonts


def embedded(font) -> bool:
    if "/FontDescriptor" in font:
        return "/FontFile2" in font["/FontDescriptor"].get_object()
    return all(embedded(f.get_object()) for f in font.get("/DescendantFonts", []))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def demo_festival():
    return demo.demo_load(start=dt.date(2027, 6, 14), with_accounts=False)


def test_demo_booklet_is_a5_embedded_german_with_contents_and_outline(
    demo_festival,
):
    pdf = programme_build()
    reader = PdfReader(io.BytesIO(pdf))
    if os.environ.get("FESTWOCHE_PRINT_OUT"):  # for check-pdf and pdftoppm by hand
        out = Path(os.environ["FESTWOCHE_PRINT_OUT"])
        out.mkdir(parents=True, exist_ok=True)
        (out / "programme.pdf").write_bytes(pdf)
        (out / "programme-booklet.pdf").write_bytes(booklet_build())

    sizes = {
        (round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1))
        for p in reader.pages
    }
    assert sizes == {A5}
    fonts = fonts_of(reader)
    assert fonts and all(embedded(font) for font in fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)
    text = text_of(reader)
    for expected in ("Grußwort", "Programm", "Teilveranstaltungen", "Netzwerkpartner"):
        assert expected in text
    assert "Montag, 14. Juni 2027" in text
    assert reader.metadata.title.endswith("– Programm")
    assert reader.metadata.author
    assert reader.trailer["/Root"]["/Lang"] == "de-DE"
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[:2] == ["Grußwort", "Programm"]
    assert len(reader.pages) > 8


def test_umlaut_title_is_extractable_and_page_numbers_are_printed():
    FestivalFactory(greeting="Herzlich willkommen zur Festwoche!")
    EventFactory(title="Große Märchenstunde für Kinder – Übung macht’s")

    reader = PdfReader(io.BytesIO(programme_build()))

    text = text_of(reader)
    assert "Große Märchenstunde für Kinder – Übung macht’s" in text
    assert "Herzlich willkommen zur Festwoche!" in text
    # Page 3 (the contents) carries its number in the footer; the cover none.
    assert numbers_on_halves(reader.pages[2]) == (None, 3)
    assert numbers_on_halves(reader.pages[3]) == (4, None)
    assert numbers_on_halves(reader.pages[0]) == (None, None)


def test_bad_data_builds_and_shows_missing_characters():
    FestivalFactory(tagline="20 Jahre 🎉 Bündnis", greeting="")
    # As long as a title can be (200 characters, the model's limit).
    no_venue = EventFactory(title=("Kinderfest 🎈 " + "Langer Titel " * 23)[:200])
    # Older data or a direct database edit: a public event without a venue.
    Event.objects.filter(pk=no_venue.pk).update(venue=None)
    EventFactory(
        title="Çocuk tiyatrosu – مسرح الأطفال",
        summary="",
        description="",
        venue=VenueFactory(name="Gemeindehaus Şehitlik"),
    )

    reader = PdfReader(io.BytesIO(programme_build()))

    text = text_of(reader)
    assert MISSING in text
    assert "Çocuk tiyatrosu" in text
    assert "Şehitlik" in text
    fonts = fonts_of(reader)
    assert all(embedded(font) for font in fonts.values())


def test_without_a_festival_a_cover_is_still_built():
    reader = PdfReader(io.BytesIO(programme_build()))

    assert len(reader.pages) == 1
    assert "Programm" in text_of(reader)
    assert all(embedded(font) for font in fonts_of(reader).values())


def test_imposed_edition_is_a4_landscape_sheets_in_saddle_stitch_order():
    FestivalFactory()
    EventFactory()
    a5 = PdfReader(io.BytesIO(programme_build()))
    pages = len(a5.pages)
    padded = -(-pages // 4) * 4

    imposed = booklet_build()
    reader = PdfReader(io.BytesIO(imposed))
    # The sheets' merged content is compressed (uncompressed, the demo's edition
    # was 1.3 MB instead of 0.24 MB).
    contents = [sheet["/Contents"].get_object() for sheet in reader.pages]
    assert [
        c.get("/Filter") if hasattr(c, "get_data") else "unmerged" for c in contents
    ] == ["/FlateDecode"] * len(contents)

    assert len(reader.pages) == padded // 2
    sizes = {
        (round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1))
        for p in reader.pages
    }
    assert sizes == {A4_LANDSCAPE}
    assert reader.trailer["/Root"]["/Lang"] == "de-DE"
    assert all(embedded(font) for font in fonts_of(reader).values())
    # The footers on the first sheet's back: page 2 left, page n-1 right.
    left, right = numbers_on_halves(reader.pages[1])
    assert left == 2
    assert right == (padded - 1 if padded - 1 <= pages else None)


def test_both_kinds_are_registered_with_the_programme_version_as_fingerprint():
    programme, booklet = KINDS["programme"], KINDS["programme-booklet"]

    assert programme.filename() == "programme.pdf"
    assert booklet.filename() == "programme-booklet.pdf"
    assert programme.permission is None and booklet.permission is None
    assert programme.fingerprint() == booklet.fingerprint() != ""
