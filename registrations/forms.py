"""Forms of the public registration pages.

The forms only parse what was typed (text, whole numbers, ticks); every rule (names,
e-mail, ages, party size, consent) lives in registrations.services, whose
ValidationErrors the views map back onto these fields.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from events.forms import (
    email_field,
    honeypot_field,
    honeypot_filled,
    name_field,
    phone_field,
    privacy_consent_field,
)
from registrations.models import Need
from registrations.services import (
    CONTACT_NAME_MAX,
    NAME_MAX,
    NEEDS_TEXT_MAX,
    PARTY_HARD_LIMIT,
    ContactInput,
    ParticipantInput,
    consent_check,
)

# Service error fields → form fields (the rest are rules about the whole party).
SERVICE_FIELDS = {
    "contact.name": "name",
    "contact.email": "email",
    "contact.phone": "phone",
    "needs": "needs",
    "needs_text": "needs_text",
    "consent_privacy": "consent_privacy",
}


class RegistrationForm(forms.Form):
    """Contact, needs, consent and the honeypot; the people come in a formset."""

    name = name_field(max_length=CONTACT_NAME_MAX)
    email = email_field(
        help_text=_("We send the confirmation and your personal link here.")
    )
    phone = phone_field(
        label=_("Phone (optional)"),
        help_text=_("Only in case we need to reach you on the day."),
    )
    needs = forms.MultipleChoiceField(
        label=_("We need"),
        required=False,
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    needs_text = forms.CharField(
        label=_("Anything else we should know?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": NEEDS_TEXT_MAX}),
    )
    consent_privacy = privacy_consent_field()
    website = honeypot_field()

    def clean_consent_privacy(self) -> bool:
        # The service's check, run here too so that a missing tick shows together
        # with the other mistakes, not one round trip later.
        consented = bool(self.cleaned_data.get("consent_privacy"))
        try:
            consent_check(consented)
        except ValidationError as error:
            raise ValidationError(error.error_dict["consent_privacy"]) from None
        return True

    def is_spam(self) -> bool:
        return honeypot_filled(self)

    def contact(self, *, language: str) -> ContactInput:
        data = self.cleaned_data
        return ContactInput(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            language=language,
        )


class ParticipantForm(forms.Form):
    name = forms.CharField(
        label=_("First name"),
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"maxlength": NAME_MAX, "autocomplete": "off"}),
    )
    age = forms.IntegerField(
        label=_("Age on the day"),
        required=False,
        widget=forms.NumberInput(
            attrs={"min": 0, "max": 120, "inputmode": "numeric", "class": "age"}
        ),
    )
    photo_consent = forms.BooleanField(label=_("Photos allowed"), required=False)

    def clean(self) -> dict:
        data = super().clean()
        if self.is_blank():
            return data
        if not (data.get("name") or "").strip() and "name" not in self.errors:
            self.add_error("name", _("Please enter a first name."))
        if data.get("age") is None and "age" not in self.errors:
            self.add_error("age", _("Please enter the age."))
        return data

    def is_blank(self) -> bool:
        """A row left empty (no name, no age) is ignored: rows are offered in
        advance so that the form also works without JavaScript."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        name = (data.get("name") or "").strip()
        return not name and data.get("age") is None and "age" not in self.errors

    def participant(self) -> ParticipantInput:
        data = self.cleaned_data
        return ParticipantInput(
            name=data["name"], age=data["age"], photo_consent=data["photo_consent"]
        )


ParticipantFormSet = formset_factory(
    ParticipantForm,
    extra=0,
    max_num=PARTY_HARD_LIMIT,
    absolute_max=PARTY_HARD_LIMIT,
)
