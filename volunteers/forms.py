"""Forms of the volunteers' own pages.

The forms only parse what was typed; every rule (names, e-mail, age groups, the
guardian's consent) lives in volunteers.services, whose ValidationErrors the views
put back onto these fields (the service's field names are the form's).
"""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.forms import (
    email_field,
    honeypot_field,
    honeypot_filled,
    name_field,
    phone_field,
    privacy_consent_field,
)
from events.models import Festival, Partner, SubEvent
from volunteers.models import AgeGroup, Role, TShirtSize
from volunteers.services import NAME_MAX, VolunteerInput


class VolunteerForm(forms.Form):
    """Registering oneself as a volunteer; the honeypot `website` catches bots."""

    name = name_field(max_length=NAME_MAX)
    email = email_field(help_text=_("We send the link to your personal page here."))
    phone = phone_field(
        label=_("Mobile phone (optional)"),
        help_text=_("So that the coordinator can reach you on the day."),
    )
    partner = forms.ModelChoiceField(
        label=_("Partner organisation (optional)"),
        required=False,
        queryset=Partner.objects.order_by("name"),
        empty_label=_("None – I help as a private person"),
        help_text=_("If you help on behalf of a Kita, school, club or other partner."),
    )
    tshirt_size = forms.ChoiceField(
        label=_("T-shirt size (optional)"),
        required=False,
        choices=[("", _("No T-shirt, thank you")), *TShirtSize.choices],
    )
    age_group = forms.ChoiceField(
        label=_("Your age"),
        required=False,
        choices=AgeGroup.choices,
        widget=forms.RadioSelect,
    )
    guardian_name = forms.CharField(
        label=_("Name of a parent or guardian"),
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"maxlength": 150, "autocomplete": "off"}),
    )
    guardian_contact = forms.CharField(
        label=_("Their phone number or e-mail address"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 254, "autocomplete": "off"}),
    )
    guardian_consent = forms.BooleanField(
        label=_(
            "My parent or guardian agrees that I help at the festival week "
            "(within the youth protection rules)."
        ),
        required=False,
    )
    consent_privacy = privacy_consent_field()
    website = honeypot_field()

    def clean_consent_privacy(self) -> bool:
        # volunteer_register refuses the same (and is the rule); asked here too so
        # that a missing tick shows together with the other mistakes.
        if not self.cleaned_data.get("consent_privacy"):
            raise ValidationError(
                _("Please agree to the privacy notice."), code="consent_missing"
            )
        return True

    def is_spam(self) -> bool:
        return honeypot_filled(self)

    def is_minor(self) -> bool:
        """Whether the typed age group is under 18 (shows the guardian's part)."""
        value = self["age_group"].value()
        return bool(value) and value != AgeGroup.ADULT

    def volunteer_input(self, *, language: str) -> VolunteerInput:
        return volunteer_input_from(self.cleaned_data, language=language)


def volunteer_input_from(data: dict, *, language: str) -> VolunteerInput:
    """What the services take, from the cleaned data of a volunteer's form (theirs
    or the coordinators')."""
    return VolunteerInput(
        name=data["name"],
        email=data["email"],
        phone=data["phone"],
        partner=data["partner"],
        tshirt_size=data["tshirt_size"],
        age_group=data["age_group"],
        guardian_name=data["guardian_name"],
        guardian_contact=data["guardian_contact"],
        guardian_consent=data["guardian_consent"],
        language=language,
    )


class ShiftFilterForm(forms.Form):
    """The open shifts on the personal page, narrowed by day, role and sub-event
    (GET; a value that does not fit is ignored, never an error page)."""

    day = forms.TypedChoiceField(
        label=_("Day"), required=False, coerce=dt.date.fromisoformat, empty_value=None
    )
    role = forms.ModelChoiceField(
        label=_("Role"), required=False, queryset=Role.objects.none()
    )
    sub_event = forms.ModelChoiceField(
        label=_("Part of the festival"),
        required=False,
        queryset=SubEvent.objects.none(),
    )

    def __init__(self, *args, festival: Festival, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = [
            ("", _("All days")),
            *(
                (day.isoformat(), formats.date_format(day, gettext("l, F j")))
                for day in festival.days
            ),
        ]
        self.fields["role"].queryset = Role.objects.filter(festival=festival)
        self.fields["role"].empty_label = _("All roles")
        self.fields["sub_event"].queryset = SubEvent.objects.filter(
            festival=festival
        ).order_by("name")
        self.fields["sub_event"].empty_label = _("All parts")

    def values(self) -> dict:
        """The valid filters only: a wrong value is dropped, not an error."""
        self.is_valid()  # invalid fields are left out of cleaned_data
        data = self.cleaned_data
        return {
            name: data.get(name)
            for name in ("day", "role", "sub_event")
            if data.get(name) is not None
        }
