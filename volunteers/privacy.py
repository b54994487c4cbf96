"""The privacy notice volunteers agree to when they register themselves.

Its version is stored with each volunteer; change it whenever the text changes.
"""

from django.template.loader import render_to_string
from django.utils import translation

PRIVACY_NOTICE_VERSION = "2026-12"


def privacy_notice_text(language: str | None = None) -> str:
    """The notice as plain text in the given (or the active) language."""
    with translation.override(language or translation.get_language()):
        return render_to_string("volunteers/privacy_notice.txt").strip()
