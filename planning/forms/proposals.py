"""Forms of the proposals: the partner's proposal and comment, the organisers'
review actions and list filter. They parse; the rules live in
planning.services.proposals, whose errors go back on the fields."""

import datetime as dt

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.forms import add_service_error
from events.models import BERLIN, Audience, Festival, Partner, SubEvent, Venue
from planning.models import Proposal
from planning.services.comments import COMMENT_MAX
from planning.services.proposals import (
    AGE_MAX,
    DESCRIPTION_MAX,
    NEEDS_MAX,
    PARTICIPANTS_MAX,
    ProposalInput,
)

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _moment_field(label) -> forms.DateTimeField:
    """A date and time in one browser picker (Europe/Berlin)."""
    return forms.DateTimeField(
        label=label,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format=DATETIME_FORMAT
        ),
        error_messages={"invalid": _("Please enter a date and time.")},
    )


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    return timezone.localtime(moment, BERLIN) if moment else None


class _ServiceErrors:
    def add_service_error(self, exc) -> None:
        add_service_error(self, exc)


class ProposalForm(_ServiceErrors, forms.Form):
    partner = forms.ModelChoiceField(
        label=_("For the organisation"), queryset=Partner.objects.none()
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("What happens?"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The first sentence becomes the short text in the programme."),
    )
    sub_event = forms.ModelChoiceField(
        label=_("Part of the week (optional)"),
        queryset=SubEvent.objects.none(),
        required=False,
        empty_label=_("Not sure / none"),
    )
    audiences = forms.ModelMultipleChoiceField(
        label=_("For whom?"),
        queryset=Audience.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    min_age = forms.IntegerField(
        label=_("From age"), min_value=0, max_value=AGE_MAX, required=False
    )
    max_age = forms.IntegerField(
        label=_("To age"), min_value=0, max_value=AGE_MAX, required=False
    )
    wished_starts_at = _moment_field(_("Wished start"))
    wished_ends_at = _moment_field(_("Wished end"))
    wished_venue = forms.ModelChoiceField(
        label=_("Wished venue (optional)"),
        queryset=Venue.objects.none(),
        required=False,
        empty_label=_("No wish / another place"),
    )
    venue_note = forms.CharField(
        label=_("Another place or wishes for the place"), max_length=300, required=False
    )
    expected_participants = forms.IntegerField(
        label=_("Expected participants"),
        min_value=1,
        max_value=PARTICIPANTS_MAX,
        required=False,
    )
    needs = forms.CharField(
        label=_("What do you need?"),
        max_length=NEEDS_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Rooms, tables, electricity, helpers, material …"),
    )

    def __init__(
        self, *args, festival: Festival, partners: QuerySet[Partner] | None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        if partners is None:  # changing: the organisation stays
            del self.fields["partner"]
        else:
            self.fields["partner"].queryset = partners.order_by("name")
            if len(self.fields["partner"].queryset) == 1:
                self.fields["partner"].initial = self.fields["partner"].queryset[0].pk
                self.fields["partner"].widget = forms.HiddenInput()
        self.fields["sub_event"].queryset = SubEvent.objects.filter(
            festival=festival
        ).order_by("position", "name")
        self.fields["audiences"].queryset = Audience.objects.order_by(
            "position", "name"
        )
        self.fields["wished_venue"].queryset = Venue.objects.filter(
            is_published=True
        ).order_by("name")

    @classmethod
    def initial_for(cls, proposal: Proposal) -> dict:
        return {
            "title": proposal.title,
            "description": proposal.description,
            "sub_event": proposal.sub_event_id,
            "audiences": [a.pk for a in proposal.audiences.all()],
            "min_age": proposal.min_age,
            "max_age": proposal.max_age,
            "wished_starts_at": _local(proposal.wished_starts_at),
            "wished_ends_at": _local(proposal.wished_ends_at),
            "wished_venue": proposal.wished_venue_id,
            "venue_note": proposal.venue_note,
            "expected_participants": proposal.expected_participants,
            "needs": proposal.needs,
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("wished_starts_at"), data.get("wished_ends_at")
        if start and end and end <= start:
            self.add_error("wished_ends_at", _("The end must be after the start."))
        low, high = data.get("min_age"), data.get("max_age")
        if low is not None and high is not None and low > high:
            self.add_error("min_age", _("The minimum age is above the maximum age."))
        return data

    def proposal_input(self) -> ProposalInput:
        data = self.cleaned_data
        return ProposalInput(
            title=data["title"],
            description=data["description"],
            wished_starts_at=data["wished_starts_at"],
            wished_ends_at=data["wished_ends_at"],
            sub_event=data["sub_event"],
            audiences=list(data["audiences"]),
            min_age=data["min_age"],
            max_age=data["max_age"],
            wished_venue=data["wished_venue"],
            venue_note=data["venue_note"],
            expected_participants=data["expected_participants"],
            needs=data["needs"],
        )


class CommentForm(_ServiceErrors, forms.Form):
    text = forms.CharField(
        label=_("Your message"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class OrgaCommentForm(CommentForm):
    text = forms.CharField(
        label=_("Comment"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    internal = forms.BooleanField(
        label=_("Internal note: the partner does not see it"),
        required=False,
        initial=True,
    )


class AskForm(_ServiceErrors, forms.Form):
    text = forms.CharField(
        label=_("Your question to the partner"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeclineForm(_ServiceErrors, forms.Form):
    reason = forms.CharField(
        label=_("Reason (the partner reads it)"),
        max_length=Proposal._meta.get_field("decline_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ScheduleForm(_ServiceErrors, forms.Form):
    sub_event = forms.ModelChoiceField(
        label=_("Part of the week"), queryset=SubEvent.objects.none()
    )
    venue = forms.ModelChoiceField(label=_("Venue"), queryset=Venue.objects.none())
    starts_at = _moment_field(_("Start"))
    ends_at = _moment_field(_("End"))
    capacity = forms.IntegerField(
        label=_("Capacity (optional)"),
        min_value=1,
        max_value=100_000,
        required=False,
        help_text=_("Empty: no registration needed."),
    )

    def __init__(
        self, *args, festival: Festival, sub_events: QuerySet[SubEvent], **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["sub_event"].queryset = sub_events.filter(
            festival=festival
        ).order_by("position", "name")
        self.fields["venue"].queryset = Venue.objects.order_by("name")

    @classmethod
    def initial_for(cls, proposal: Proposal) -> dict:
        return {
            "sub_event": proposal.sub_event_id,
            "venue": proposal.wished_venue_id,
            "starts_at": _local(proposal.wished_starts_at),
            "ends_at": _local(proposal.wished_ends_at),
            "capacity": proposal.expected_participants,
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The end must be after the start."))
        return data


class ProposalFilterForm(forms.Form):
    """GET filters: a bad value is dropped, never an error page."""

    state = forms.ChoiceField(
        label=_("State"),
        choices=[("", _("All states")), *Proposal.State.choices],
        required=False,
    )
    sub_event = forms.ModelChoiceField(
        label=_("Part of the week"), queryset=SubEvent.objects.none(), required=False
    )
    partner = forms.ModelChoiceField(
        label=_("Partner organisation"), queryset=Partner.objects.none(), required=False
    )

    def __init__(self, *args, festival: Festival, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sub_event"].queryset = SubEvent.objects.filter(festival=festival)
        self.fields["partner"].queryset = Partner.objects.all()

    def filters(self) -> dict:
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
