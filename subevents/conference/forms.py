"""Forms of the conference module: the call for proposals and the committee's."""

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Venue

from .models import DURATIONS, Audience, Format


class ProposalForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    organisation = forms.CharField(
        label=_("Organisation"), max_length=200, required=False
    )
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("Only for mails about your proposal.")
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    abstract = forms.CharField(
        label=_("Abstract"), max_length=3000, widget=forms.Textarea(attrs={"rows": 6})
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[c for c in Format.choices if c[0] != Format.KEYNOTE],
    )
    duration = forms.TypedChoiceField(
        label=_("Duration (minutes)"),
        coerce=int,
        choices=[(d, str(d)) for d in DURATIONS],
    )
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    needs = forms.CharField(
        label=_("What you need (room, equipment)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    availability = forms.CharField(
        label=_("When you can on the day"),
        max_length=300,
        required=False,
        help_text=_("Time windows, e.g. “9:00–12:00”; empty means any time."),
    )
    # A honeypot: hidden from people, filled in by bots.
    website = forms.CharField(required=False, label=_("Leave this empty"))


class ReviewForm(forms.Form):
    """One 1–5 field per criterion (built from the module's criteria)."""

    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, criteria=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            self.fields[f"c{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                coerce=int,
                choices=[(n, str(n)) for n in range(1, 6)],
                widget=forms.RadioSelect,
            )
        self.criteria = list(criteria)

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the submitter)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ScheduleForm(forms.Form):
    venue = forms.ModelChoiceField(label=_("Room"), queryset=Venue.objects.all())
    starts_at = forms.DateTimeField(
        label=_("Start"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
