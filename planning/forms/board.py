"""The week board's forms: its filters (GET) and moving an event (day, times, venue)."""

import datetime as dt

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from events.models import BERLIN, Event, Festival, Partner, SubEvent, Venue
from planning.selectors.board import ROWS_SUB_EVENT, ROWS_VENUE, BoardFilters


def _day_choices(days: list[dt.date]) -> list[tuple[str, str]]:
    return [(day.isoformat(), date_format(day, "l, j. F")) for day in days]


class BoardFilterForm(forms.Form):
    """What the board shows; a value that does not fit is dropped, never an error
    page (the board then shows everything for that field)."""

    sub_event = forms.ModelChoiceField(
        label=_("Sub-event"),
        queryset=SubEvent.objects.none(),
        required=False,
        empty_label=_("All sub-events"),
    )
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=Partner.objects.all(),
        required=False,
        empty_label=_("All partners"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *Event.Status.choices],
        required=False,
    )
    day = forms.ChoiceField(label=_("Day"), required=False)
    rows = forms.ChoiceField(
        label=_("Rows"),
        choices=[(ROWS_VENUE, _("by venue")), (ROWS_SUB_EVENT, _("by sub-event"))],
        required=False,
    )
    all_rows = forms.BooleanField(label=_("Show empty rows too"), required=False)

    def __init__(self, *args, festival: Festival, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sub_event"].queryset = SubEvent.objects.filter(festival=festival)
        self.fields["day"].choices = [
            ("", _("All days")),
            *_day_choices(festival.days),
        ]

    def filters(self) -> BoardFilters:
        self.is_valid()
        data = self.cleaned_data
        day = data.get("day")
        return BoardFilters(
            sub_event=data.get("sub_event"),
            partner=data.get("partner"),
            status=data.get("status") or "",
            day=dt.date.fromisoformat(day) if day else None,
        )

    def rows_by(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("rows") or ROWS_VENUE

    def shows_all_rows(self) -> bool:
        self.is_valid()
        return bool(self.cleaned_data.get("all_rows"))


class EventMoveForm(forms.Form):
    """Where and when an event takes place: one day, a start and an end that day."""

    day = forms.ChoiceField(label=_("Day"))
    start = forms.TimeField(
        label=_("Start"), widget=forms.TimeInput(attrs={"type": "time", "step": 300})
    )
    end = forms.TimeField(
        label=_("End"), widget=forms.TimeInput(attrs={"type": "time", "step": 300})
    )
    venue = forms.ModelChoiceField(
        label=_("Venue"),
        queryset=Venue.objects.all(),
        required=False,
        empty_label=_("No venue yet"),
    )

    def __init__(
        self, *args, festival: Festival, event: Event | None = None, **kwargs
    ) -> None:
        if event is not None and "initial" not in kwargs:
            local_start = event.starts_at.astimezone(BERLIN)
            local_end = event.ends_at.astimezone(BERLIN)
            kwargs["initial"] = {
                "day": local_start.date().isoformat(),
                "start": local_start.time().strftime("%H:%M"),
                "end": local_end.time().strftime("%H:%M"),
                "venue": event.venue_id,
            }
        super().__init__(*args, **kwargs)
        days = list(festival.days)
        if event is not None and event.local_day not in days:
            days = sorted([*days, event.local_day])
        self.fields["day"].choices = _day_choices(days)

    def moment(self, time: dt.time) -> dt.datetime:
        day = dt.date.fromisoformat(self.cleaned_data["day"])
        return dt.datetime.combine(day, time, tzinfo=BERLIN)

    def changes(self) -> dict:
        """The event fields this form sets (for events.services.event_update)."""
        return {
            "starts_at": self.moment(self.cleaned_data["start"]),
            "ends_at": self.moment(self.cleaned_data["end"]),
            "venue": self.cleaned_data["venue"],
        }


# The service's field names on the form's (a venue conflict shows at the venue).
SERVICE_FIELDS = {"starts_at": "start", "ends_at": "end", "venue": "venue"}
