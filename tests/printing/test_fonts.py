"""What the printed documents do with text the font cannot draw as it comes."""

from events.pdf.fonts import MISSING, printable


def test_umlauts_euro_dashes_and_quotes_pass_unchanged():
    text = "Grüße, Straße – 5 € „Kinderfest“ ‚klein‘ Ayşe Yılmaz"
    assert printable(text) == text


def test_a_character_the_font_lacks_is_replaced_visibly_not_dropped():
    assert printable("Trommeln 🥁 im Park") == f"Trommeln {MISSING} im Park"
    # An emoji sequence (with joiner and variation selector) is one square each
    # drawn part, never silently gone.
    assert MISSING in printable("Familie 👨‍👩‍👧")


def test_arabic_is_joined_and_in_reading_order():
    shaped = printable("فاطمة")
    # The presentation forms of the joined letters, right to left on the page:
    # the first letter (FEH, initial form U+FED3) is drawn last.
    assert shaped == "\ufe94\ufee4\ufec3\ufe8e\ufed3"
    assert printable("Familie فاطمة (Ayşe)").startswith("Familie ")


def test_control_characters_are_dropped_but_line_breaks_stay():
    assert printable("a\x00b\nc\td") == "ab\nc\td"
