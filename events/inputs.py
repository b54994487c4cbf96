"""Cleaning what people type, shared by every app that takes names and addresses.

Each function strips and normalises, or raises a ValidationError with a field and a
code the API returns.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

PHONE_MAX = 40


EMAIL_MAX = 254


def refuse(message: str, code: str, field: str | None = None) -> ValidationError:
    """A ValidationError for one field (or none) with a code."""
    if field:
        return ValidationError({field: ValidationError(message, code=code)})
    return ValidationError(message, code=code)


def text_clean(
    value: object, *, field: str, max_length: int, messages: dict[str, str]
) -> str:
    """Strip, refuse empty, overlong and control characters; keep emoji and RTL.

    `messages` holds whole sentences for "invalid", "required", "too_long" (with
    %(max)d) and "invalid_characters": a label spliced into a sentence cannot be
    translated (German changes the article's case).
    """
    if not isinstance(value, str):
        raise refuse(str(messages["invalid"]), "invalid", field)
    text = unicodedata.normalize("NFC", " ".join(value.split()))
    if not text:
        raise refuse(str(messages["required"]), "required", field)
    if len(text) > max_length:
        raise refuse(str(messages["too_long"]) % {"max": max_length}, "too_long", field)
    if any(unicodedata.category(ch) in {"Cc", "Cs", "Co"} for ch in text):
        raise refuse(str(messages["invalid_characters"]), "invalid_characters", field)
    return text


def multiline_clean(
    value: object, *, field: str, max_length: int, messages: dict[str, str]
) -> str:
    """Like text_clean for longer text (a comment, a description): line breaks stay,
    each line is stripped and runs of blank lines become one."""
    if not isinstance(value, str):
        raise refuse(str(messages["invalid"]), "invalid", field)
    lines = [
        " ".join(line.split())
        for line in unicodedata.normalize("NFC", value)
        .replace("\r\n", "\n")
        .split("\n")
    ]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    text = "\n".join(kept).strip()
    if not text:
        raise refuse(str(messages["required"]), "required", field)
    if len(text) > max_length:
        raise refuse(str(messages["too_long"]) % {"max": max_length}, "too_long", field)
    if any(
        unicodedata.category(ch) in {"Cc", "Cs", "Co"} and ch != "\n" for ch in text
    ):
        raise refuse(str(messages["invalid_characters"]), "invalid_characters", field)
    return text


def email_clean(value: object, *, field: str) -> str:
    """A valid e-mail address of at most 254 characters, stripped."""
    email = value.strip() if isinstance(value, str) else ""
    try:
        # validate_email allows 320 characters; the column (RFC 5321 path) holds 254.
        if len(email) > EMAIL_MAX:
            raise ValidationError("too long")
        validate_email(email)
    except ValidationError:
        raise refuse(
            _("Please enter a valid e-mail address."), "email_invalid", field
        ) from None
    return email


def phone_clean(value: object, *, field: str) -> str:
    """Digits and the usual separators, or empty."""
    phone = value or ""
    if (
        not isinstance(phone, str)
        or len(phone) > PHONE_MAX
        or any(ch not in "+0123456789 ()/-" for ch in phone)
    ):
        raise refuse(
            _("Please enter a phone number with digits only (or leave it empty)."),
            "phone_invalid",
            field,
        )
    return phone.strip()
