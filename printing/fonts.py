"""The typeface every printed document uses, shipped with the project.

DejaVu Sans (printing/fonts/, Bitstream Vera licence, see LICENSE there): it has
umlauts, ß, €, dashes, typographic quotes, Turkish and Arabic letters. reportlab
falls back to its built-in, non-embedded Helvetica wherever a font is not named,
so every document names this family explicitly and embeds it.

A character the font lacks (most emoji) would be drawn as nothing; `printable`
replaces it with a visible placeholder instead, so a reader sees that something
is missing rather than a silently shortened name.
"""

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"

REGULAR = "Festwoche"
BOLD = "Festwoche-Bold"
ITALIC = "Festwoche-Italic"
BOLD_ITALIC = "Festwoche-BoldItalic"

FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

# Shown for a character the font cannot draw (U+25A1 WHITE SQUARE, which it has).
MISSING = "\u25a1"


@cache
def fonts_register() -> str:
    """Register the family with reportlab (once per process); returns its name."""
    for name, filename in FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD_ITALIC)
    return REGULAR


@cache
def _codepoints() -> frozenset[int]:
    fonts_register()
    face = pdfmetrics.getFont(REGULAR).face
    return frozenset(face.charToGlyph)


def printable(text: str) -> str:
    """`text` with every character the font lacks replaced by a visible square.

    Line breaks and tabs pass; other control characters are dropped."""
    have = _codepoints()
    out = []
    for ch in text or "":
        if ch in "\n\t" or ord(ch) in have:
            out.append(ch)
        elif ord(ch) < 32:
            continue
        elif 0xFE00 <= ord(ch) <= 0xFE0F or ord(ch) == 0x200D:
            continue  # variation selectors and joiners of emoji sequences
        else:
            out.append(MISSING)
    return "".join(out)
