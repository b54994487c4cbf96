"""Forms of the Denkfabrik: the list's filters, a comment, a review, a state change,
a merge, the conversion into an event or a part of the week, and the CSV import."""

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from events.models import SubEvent, Venue
from planning.models import Criterion, Idea, Rating
from planning.selectors.ideas import SORTS, IdeaFilters
from planning.services.ideas import (
    IMPORT_MAX_BYTES,
    REASON_MAX,
    TRANSITIONS,
    idea_import_decode,
)

SORT_LABELS = {
    "number": _("Number"),
    "score": _("Score (best first)"),
    "cost": _("Cost (lowest first)"),
    "-cost": _("Cost (highest first)"),
    "reach": _("Reach (most first)"),
}


class IdeaFilterForm(forms.Form):
    """The list's filters (GET); an unknown value is ignored, never an error page."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    state = forms.ChoiceField(label=_("State"), required=False)
    sub_event = forms.ChoiceField(label=_("Part of the week"), required=False)
    proposer = forms.ChoiceField(label=_("Proposed by"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=list(SORT_LABELS.items())
    )
    merged = forms.BooleanField(label=_("Show merged ideas"), required=False)

    def __init__(
        self,
        data,
        *,
        sub_events: list[SubEvent],
        proposers: list[tuple[str, str]],
    ) -> None:
        super().__init__(data)
        self.fields["state"].choices = [("", _("All states")), *Idea.State.choices]
        self.fields["sub_event"].choices = [
            ("", _("All parts")),
            ("new", _("New part of the week")),
            *[(str(s.pk), s.name) for s in sub_events],
        ]
        self.fields["proposer"].choices = [("", _("Everyone")), *proposers]
        self.fields["q"].widget.input_type = "search"

    def filters(self) -> IdeaFilters:
        """The valid filters; invalid ones are dropped."""
        self.is_valid()
        data = {
            name: self.cleaned_data.get(name)
            for name in self.fields
            if name not in self.errors
        }
        sort = data.get("sort") or "number"
        return IdeaFilters(
            state=data.get("state") or "",
            sub_event=data.get("sub_event") or "",
            proposer=data.get("proposer") or "",
            q=(data.get("q") or "").strip(),
            sort=sort if sort in SORTS else "number",
            show_merged=bool(data.get("merged")),
        )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


class RatingForm(forms.Form):
    """One fieldset of radio buttons (1–5) per criterion; all are required."""

    def __init__(self, *args, criteria: list[Criterion], initial_scores=None, **kw):
        super().__init__(*args, **kw)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                help_text=criterion.description,
                choices=[
                    (n, str(n)) for n in range(Rating.SCORE_MIN, Rating.SCORE_MAX + 1)
                ],
                coerce=int,
                widget=forms.RadioSelect,
                initial=(initial_scores or {}).get(criterion.pk),
                error_messages={"required": _("Please choose a score from 1 to 5.")},
            )

    def scores(self) -> dict[int, int]:
        return {
            criterion.pk: self.cleaned_data[f"criterion_{criterion.pk}"]
            for criterion in self.criteria
        }

    def rows(self):
        """(criterion, bound field) for the template."""
        return [(c, self[f"criterion_{c.pk}"]) for c in self.criteria]


class StateForm(forms.Form):
    """The moves open from the idea's state; planning happens through "convert"."""

    state = forms.ChoiceField(label=_("New state"))
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=REASON_MAX,
        help_text=_("Needed when you park or decline an idea."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, idea: Idea, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("Choose …"))] + [
            (state, Idea.State(state).label)
            for state in TRANSITIONS.get(idea.state, ())
            if state != Idea.State.PLANNED
        ]


class MergeForm(forms.Form):
    into = forms.IntegerField(
        label=_("Number of the idea this one duplicates"), min_value=1
    )


def _datetime_field(label) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )


class ConvertEventForm(forms.Form):
    sub_event = forms.ModelChoiceField(
        label=_("Part of the week"), queryset=SubEvent.objects.none()
    )
    starts_at = _datetime_field(_("Starts"))
    ends_at = _datetime_field(_("Ends"))
    venue = forms.ModelChoiceField(
        label=_("Venue"), queryset=Venue.objects.order_by("name"), required=False
    )

    def __init__(self, *args, sub_events: QuerySet[SubEvent], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sub_event"].queryset = sub_events


class ConvertSubEventForm(forms.Form):
    name = forms.CharField(label=_("Name of the new part of the week"), max_length=200)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: Nr, Titel, Beschreibung, Vorgeschlagen von, Teilveranstaltung, "
            "Kosten, Reichweite (English names work too), separated by ; or ,"
        ),
    )

    def clean_file(self) -> str:
        """The file's text (ValidationError if too large, empty or binary)."""
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            # Not read at all: the refusal needs only the size.
            data = b"x" * (IMPORT_MAX_BYTES + 1)
        else:
            data = upload.read()
        try:
            return idea_import_decode(data)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["file"]) from None


IMPORT_SALT = "planning.ideas.import"
IMPORT_MAX_AGE = 60 * 60  # an hour between preview and import


def import_payload(*, text: str, festival_id: int, user_id: int) -> str:
    """The previewed file, signed (and compressed) for the confirming POST."""
    return signing.dumps(
        {"text": text, "festival": festival_id, "user": user_id},
        salt=IMPORT_SALT,
        compress=True,
    )


class ImportConfirmForm(forms.Form):
    """The second step: the preview's file comes back signed (see views.ideas)."""

    payload = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, festival_id: int, user_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.festival_id, self.user_id = festival_id, user_id

    def clean_payload(self) -> str:
        try:
            data = signing.loads(
                self.cleaned_data["payload"], salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE
            )
        except signing.BadSignature:
            data = None
        if (
            not isinstance(data, dict)
            or data.get("festival") != self.festival_id
            or data.get("user") != self.user_id
            or not isinstance(data.get("text"), str)
        ):
            raise ValidationError(
                _("The preview has expired: please upload the file again."),
                code="payload",
            )
        return data["text"]
