"""Form plumbing shared by the public and the organisers' forms of every app.

Forms only parse what was typed; the rules live in the apps' services, whose
ValidationErrors `add_service_error` puts back on the fields.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from events.inputs import EMAIL_MAX, PHONE_MAX


def describe_errors(*forms_: forms.Form) -> None:
    """Tie each error to its input for screen readers (aria-describedby; the
    templates give the error the id "<input id>-error")."""
    for form in forms_:
        for name in form.errors:
            if name in form.fields:
                bound = form[name]
                ids = [f"{bound.auto_id}-error"]
                if bound.help_text:
                    ids.insert(0, f"{bound.auto_id}_helptext")
                bound.field.widget.attrs["aria-describedby"] = " ".join(ids)


def add_service_error(
    form: forms.Form, exc: ValidationError, fields: dict[str, str] | None = None
) -> None:
    """Put a service's ValidationError on the form: on the field it names when the
    form has it (`fields` maps the service's names to the form's), else on top."""
    fields = fields or {}
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = fields.get(name, name)
            for error in errors:
                form.add_error(target if target in form.fields else None, error)
    else:
        for error in exc.error_list:
            form.add_error(None, error)


def mail_language_field() -> forms.ChoiceField:
    """The language a person's e-mails are written in (organisers' forms)."""
    return forms.ChoiceField(
        label=_("Language of the e-mails"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )


# --- Fields of the public forms ---------------------------------------------------
# Everything is optional and unstripped: the service checks and normalises, so that
# a form and the API refuse the same input with the same message.


def name_field(*, max_length: int) -> forms.CharField:
    return forms.CharField(
        label=_("Your name"),
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"autocomplete": "name", "maxlength": max_length}),
    )


def email_field(*, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=_("E-mail"),
        required=False,
        help_text=help_text,
        widget=forms.EmailInput(
            attrs={
                "autocomplete": "email",
                "maxlength": EMAIL_MAX,
                "spellcheck": "false",
            }
        ),
    )


def phone_field(*, label: str, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.TextInput(
            attrs={
                "type": "tel",
                "autocomplete": "tel",
                "inputmode": "tel",
                "maxlength": PHONE_MAX,
            }
        ),
    )


def privacy_consent_field() -> forms.BooleanField:
    return forms.BooleanField(label=_("I agree to the privacy notice."), required=False)


def honeypot_field() -> forms.CharField:
    """Hidden from people and screen readers; bots fill in every field."""
    return forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


def honeypot_filled(form: forms.Form, name: str = "website") -> bool:
    """Whether a bot filled in the honeypot field `name`."""
    return bool(form.data.get(form.add_prefix(name), "").strip())


class LinkResendForm(forms.Form):
    """Asking again for the link to one's personal page."""

    email = forms.EmailField(
        label=_("E-mail"),
        max_length=EMAIL_MAX,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
