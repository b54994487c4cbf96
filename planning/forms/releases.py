"""The form to publish a programme release (the service cleans and decides)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from planning.services.releases import NAME_MAX, NOTE_MAX


class ReleaseForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the release"),
        max_length=NAME_MAX,
        help_text=_("Shown to the public, e.g. “Programme 2”."),
    )
    note = forms.CharField(
        label=_("Note for the public"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: a sentence on what changed and why."),
    )
