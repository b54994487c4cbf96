"""Reading printed documents back the way a reader's software does (pypdf)."""

import io

from django.utils import translation
from pypdf import PdfReader

A4 = (595.3, 841.9)
A3 = (841.9, 1190.6)


def german(msgid: str) -> str:
    """What the German edition prints for one of the document's own texts."""
    with translation.override("de"):
        return translation.gettext(msgid)


def read(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_size(reader: PdfReader, index: int = 0) -> tuple[float, float]:
    box = reader.pages[index].mediabox
    return (round(float(box.width), 1), round(float(box.height), 1))


def all_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def fonts_embedded(reader: PdfReader) -> list[bool]:
    """One entry per font used on any page: whether its program is embedded."""
    found = []
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            if descendants is not None:
                font = descendants[0].get_object()
            descriptor = font.get("/FontDescriptor")
            found.append(
                descriptor is not None and "/FontFile2" in descriptor.get_object()
            )
    return found


def assert_german_and_embedded(reader: PdfReader, title: str) -> None:
    assert reader.metadata.title == title
    assert reader.metadata.author == "Festwoche 20 Jahre Bündnis für Familie"
    assert reader.trailer["/Root"]["/Lang"] == "de-DE"
    embedded = fonts_embedded(reader)
    assert embedded and all(embedded)
