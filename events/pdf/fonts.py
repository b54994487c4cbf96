"""The typeface every printed document uses, shipped with the project.

DejaVu Sans (events/pdf/fonts/, Bitstream Vera licence, see LICENSE there): it has
umlauts, ß, €, dashes, typographic quotes, Turkish and Arabic letters. reportlab
falls back to its built-in, non-embedded Helvetica wherever a font is not named,
so every document names this family explicitly and embeds it.

A character the font lacks (most emoji) would be drawn as nothing; `printable`
replaces it with a visible placeholder instead, so a reader sees that something
is missing rather than a silently shortened name.

reportlab draws characters one after another, left to right, as they come: Arabic
would print as unjoined letters in reverse order. `printable` therefore shapes
Arabic (arabic-reshaper: the joined forms) and puts right-to-left runs in visual
order (python-bidi) first. That is right for names and short lines, which is what
the documents print in Arabic; a long right-to-left paragraph wrapped over several
lines would need bidi per line, which reportlab does not offer.
"""

import re
from functools import cache
from pathlib import Path

import arabic_reshaper
from bidi import get_display
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

# Hebrew, Arabic, Syriac, Thaana and the Arabic presentation forms.
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


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
    if text and RIGHT_TO_LEFT.search(text):
        text = get_display(arabic_reshaper.reshape(text))
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
