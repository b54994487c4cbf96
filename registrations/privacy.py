"""The privacy notice families agree to when they register.

Its version and the exact text agreed to are stored with each registration, so it
can always be shown what someone consented to. Change the version whenever the
text changes.
"""

from django.template.loader import render_to_string
from django.utils import translation

PRIVACY_NOTICE_VERSION = "2026-12"


def privacy_notice_text(language: str | None = None) -> str:
    """The notice as plain text in the given (or the active) language."""
    with translation.override(language or translation.get_language()):
        return render_to_string("registrations/privacy_notice.txt").strip()
