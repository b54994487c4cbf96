"""What families and organisers type: checked and normalised before any rule runs.

Every refusal is a ValidationError with a field and a code the API returns.
"""

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.inputs import (  # noqa: F401  (re-exported)
    EMAIL_MAX,
    PHONE_MAX,
    email_clean,
    phone_clean,
    refuse,
    text_clean,
)
from registrations.models import (
    Need,
)

NAME_MAX = 80


CONTACT_NAME_MAX = 150


NEEDS_TEXT_MAX = 500


# No party is larger than this, whatever the event allows; checked before anything
# else so that an absurd request costs nothing.
PARTY_HARD_LIMIT = 50


@dataclass(frozen=True)
class ContactInput:
    name: str
    email: str
    phone: str = ""
    language: str = ""


@dataclass(frozen=True)
class ParticipantInput:
    name: str
    age: int
    photo_consent: bool = False


# Whole sentences per field: a label spliced into a sentence cannot be translated
# (German changes the article's case).
CONTACT_NAME_MESSAGES = {
    "invalid": gettext_lazy("Your name must be text."),
    "required": gettext_lazy("Please enter your name."),
    "too_long": gettext_lazy("Your name may have at most %(max)d characters."),
    "invalid_characters": gettext_lazy(
        "Your name contains characters that cannot be used."
    ),
}


FIRST_NAME_MESSAGES = {
    "invalid": gettext_lazy("Each first name must be text."),
    "required": gettext_lazy("Please enter a first name for each person."),
    "too_long": gettext_lazy("A first name may have at most %(max)d characters."),
    "invalid_characters": gettext_lazy(
        "A first name contains characters that cannot be used."
    ),
}


def contact_clean(contact: ContactInput) -> ContactInput:
    """Check and normalise a contact; ValidationError with a field and code."""
    name = text_clean(
        contact.name,
        field="contact.name",
        max_length=CONTACT_NAME_MAX,
        messages=CONTACT_NAME_MESSAGES,
    )
    email = email_clean(contact.email, field="contact.email")
    phone = phone_clean(contact.phone, field="contact.phone")
    languages = {code for code, _name in settings.LANGUAGES}
    language = contact.language if contact.language in languages else ""
    return ContactInput(name=name, email=email, phone=phone, language=language)


def participants_clean(
    participants: Sequence[ParticipantInput],
) -> list[ParticipantInput]:
    if not participants:
        raise refuse(
            _("Please add at least one person."),
            "participants_required",
            "participants",
        )
    if len(participants) > PARTY_HARD_LIMIT:
        raise refuse(
            _("A party can have at most %(max)d people.") % {"max": PARTY_HARD_LIMIT},
            "party_too_large",
            "participants",
        )
    cleaned = []
    for person in participants:
        name = text_clean(
            person.name,
            field="participants",
            max_length=NAME_MAX,
            messages=FIRST_NAME_MESSAGES,
        )
        age = person.age
        if isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= 120:
            raise refuse(
                _("Please enter each age as a whole number from 0 to 120."),
                "age_invalid",
                "participants",
            )
        cleaned.append(
            ParticipantInput(
                name=name, age=age, photo_consent=bool(person.photo_consent)
            )
        )
    return cleaned


def needs_clean(needs: Iterable[str], needs_text: str) -> tuple[list[str], str]:
    try:
        needs = list(needs or [])
    except TypeError:  # not a list at all
        raise refuse(_("Unknown need."), "needs_invalid", "needs") from None
    if any(need not in Need.values for need in needs):
        raise refuse(_("Unknown need."), "needs_invalid", "needs")
    if not isinstance(needs_text or "", str):
        raise refuse(_("Please describe your needs as text."), "invalid", "needs_text")
    text = (needs_text or "").strip()
    # Line breaks and tabs are fine in free text; other control characters are not
    # (PostgreSQL refuses NUL outright).
    if any(
        unicodedata.category(ch) in {"Cc", "Cs", "Co"}
        for ch in text.translate({ord("\n"): None, ord("\r"): None, ord("\t"): None})
    ):
        raise refuse(
            _("The description of your needs contains characters that cannot be used."),
            "invalid_characters",
            "needs_text",
        )
    if len(text) > NEEDS_TEXT_MAX:
        raise refuse(
            _("Please describe your needs in at most %(max)d characters.")
            % {"max": NEEDS_TEXT_MAX},
            "too_long",
            "needs_text",
        )
    return sorted(set(needs), key=Need.values.index), text


def consent_check(consent_privacy: object) -> None:
    """The privacy notice must be agreed to; ValidationError consent_required."""
    if consent_privacy is not True:
        raise refuse(
            _("Please agree to the privacy notice."),
            "consent_required",
            "consent_privacy",
        )
