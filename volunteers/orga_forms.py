"""Forms of the coordination's pages. They only parse input: every rule (times,
people needed, sign-up rules, qualifications) lives in volunteers.services, whose
errors `add_service_error` puts back on the form's fields."""

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from events import roles
from events.forms import add_service_error, mail_language_field
from events.models import BERLIN, Event, Festival, Partner, SubEvent, Venue
from volunteers.forms import volunteer_input_from
from volunteers.models import AgeGroup, QualificationKind, Role, Shift, TShirtSize
from volunteers.services import NAME_MAX, VolunteerInput

SLOTS = 4


def coordinators() -> QuerySet:
    """Accounts that may coordinate a shift: the volunteer coordination and the
    Orga-Team."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name__in=[roles.VOLUNTEER_COORDINATION, roles.ORGA],
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class CoordinatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Event) -> str:
        start = timezone.localtime(obj.starts_at, BERLIN)
        return f"{formats.date_format(start, 'SHORT_DATE_FORMAT')} {obj.title}"


def _day_choices(festival: Festival) -> list[tuple[str, str]]:
    return [
        (day.isoformat(), formats.date_format(day, "D j.n.")) for day in festival.days
    ]


def _event_field() -> EventChoiceField:
    """An optional event; _FestivalForm offers the festival's."""
    return EventChoiceField(
        label=_("Event (optional)"), queryset=Event.objects.none(), required=False
    )


def _sub_event_field(**kwargs) -> forms.ModelChoiceField:
    """An optional sub-event; _FestivalForm offers the festival's."""
    return forms.ModelChoiceField(
        label=_("Sub-event (optional)"),
        queryset=SubEvent.objects.none(),
        required=False,
        **kwargs,
    )


class _FestivalForm(forms.Form):
    """A form whose choices are the festival's roles, venues, events and sub-events."""

    def __init__(self, *args, festival: Festival, **kwargs):
        super().__init__(*args, **kwargs)
        self.festival = festival
        querysets = {
            "role": Role.objects.filter(festival=festival).order_by("name"),
            "venue": Venue.objects.order_by("name"),
            "event": Event.objects.filter(sub_event__festival=festival)
            .select_related("sub_event")
            .order_by("starts_at", "title"),
            "sub_event": SubEvent.objects.filter(festival=festival).order_by("name"),
        }
        for name, queryset in querysets.items():
            if name in self.fields:
                self.fields[name].queryset = queryset

    def add_service_error(self, exc: ValidationError) -> None:
        add_service_error(self, exc, {"starts_at": "start", "ends_at": "end"})


# --- Filters (GET: a bad value is ignored, never an error page) -----------------------


class ShiftFilterForm(_FestivalForm):
    day = forms.ChoiceField(label=_("Day"), required=False)
    role = forms.ModelChoiceField(
        label=_("Role"), queryset=Role.objects.none(), required=False
    )
    venue = forms.ModelChoiceField(
        label=_("Venue"), queryset=Venue.objects.none(), required=False
    )
    sub_event = forms.ModelChoiceField(
        label=_("Sub-event"), queryset=SubEvent.objects.none(), required=False
    )
    understaffed = forms.BooleanField(label=_("Only understaffed"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = _day_choices(self.festival)
        # The board links days outside the festival too (set-up the day before).
        asked = self.data.get("day", "")
        if asked and asked not in dict(days):
            try:
                extra = dt.date.fromisoformat(asked)
            except ValueError:
                extra = None
            if extra and abs((extra - self.festival.start_date).days) <= 60:
                days = sorted([*days, (asked, formats.date_format(extra, "D j.n."))])
        self.fields["day"].choices = [("", _("All days")), *days]
        self.fields["role"].empty_label = _("All roles")
        self.fields["venue"].empty_label = _("All venues")
        self.fields["sub_event"].empty_label = _("All sub-events")
        self.fields["venue"].queryset = Venue.objects.filter(
            shifts__role__festival=self.festival
        ).distinct()

    def filters(self) -> dict:
        """The valid filters only: a bad value in the query string is dropped."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class VolunteerFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail"), max_length=100, required=False)
    partner = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=Partner.objects.order_by("name"),
        required=False,
        empty_label=_("All"),
    )
    age_group = forms.ChoiceField(
        label=_("Age group"),
        choices=[("", _("All")), *AgeGroup.choices],
        required=False,
    )
    no_shift = forms.BooleanField(label=_("No shift yet"), required=False)

    def filters(self) -> dict:
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


# --- Shifts ---------------------------------------------------------------------------


class ShiftForm(_FestivalForm):
    role = forms.ModelChoiceField(label=_("Role"), queryset=Role.objects.none())
    day = forms.DateField(
        label=_("Day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    start = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.TimeField(
        label=_("Ends at"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("An end before the start means the shift runs past midnight."),
    )
    venue = forms.ModelChoiceField(label=_("Venue"), queryset=Venue.objects.none())
    event = _event_field()
    sub_event = _sub_event_field(help_text=_("Taken from the event when empty."))
    needed = forms.IntegerField(label=_("People needed"), min_value=1, max_value=500)
    coordinator = CoordinatorChoiceField(
        label=_("Coordinator (optional)"), queryset=coordinators(), required=False
    )
    coordinator_phone = forms.CharField(
        label=_("Coordinator's phone on the day"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
    )
    notes = forms.CharField(
        label=_("Notes"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = coordinators()

    @staticmethod
    def initial_for(shift: Shift) -> dict:
        start = timezone.localtime(shift.starts_at, BERLIN)
        end = timezone.localtime(shift.ends_at, BERLIN)
        return {
            "role": shift.role_id,
            "day": start.date(),
            "start": start.time(),
            "end": end.time(),
            "venue": shift.venue_id,
            "event": shift.event_id,
            "sub_event": shift.sub_event_id,
            "needed": shift.needed,
            "coordinator": shift.coordinator_id,
            "coordinator_phone": shift.coordinator_phone,
            "notes": shift.notes,
        }

    def shift_fields(self) -> dict:
        """What the services take: aware start and end (an end at or before the
        start is on the next day)."""
        data = self.cleaned_data
        starts_at = dt.datetime.combine(data["day"], data["start"], tzinfo=BERLIN)
        end_day = data["day"] + dt.timedelta(days=data["end"] <= data["start"])
        return {
            "role": data["role"],
            "starts_at": starts_at,
            "ends_at": dt.datetime.combine(end_day, data["end"], tzinfo=BERLIN),
            "venue": data["venue"],
            "event": data["event"],
            "sub_event": data["sub_event"],
            "needed": data["needed"],
            "notes": data["notes"],
            "coordinator": data["coordinator"],
            "coordinator_phone": data["coordinator_phone"].strip(),
        }


class ShiftTemplateForm(_FestivalForm):
    role = forms.ModelChoiceField(label=_("Role"), queryset=Role.objects.none())
    venue = forms.ModelChoiceField(label=_("Venue"), queryset=Venue.objects.none())
    days = forms.MultipleChoiceField(
        label=_("Days"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    needed = forms.IntegerField(
        label=_("People needed per shift"), min_value=1, max_value=500
    )
    event = _event_field()
    sub_event = _sub_event_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].choices = _day_choices(self.festival)
        for n in range(1, SLOTS + 1):
            for part, label in (("start", _("Start")), ("end", _("End"))):
                self.fields[f"slot{n}_{part}"] = forms.TimeField(
                    label=label,
                    required=False,
                    widget=forms.TimeInput(attrs={"type": "time"}),
                )

    def slot_rows(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        return [
            (n, self[f"slot{n}_start"], self[f"slot{n}_end"])
            for n in range(1, SLOTS + 1)
        ]

    def clean(self):
        data = super().clean()
        slots = []
        for n in range(1, SLOTS + 1):
            start, end = data.get(f"slot{n}_start"), data.get(f"slot{n}_end")
            if f"slot{n}_start" in self.errors or f"slot{n}_end" in self.errors:
                continue
            if (start is None) != (end is None):
                self.add_error(
                    f"slot{n}_end" if end is None else f"slot{n}_start",
                    ValidationError(
                        _("Please enter both the start and the end."),
                        code="slot_incomplete",
                    ),
                )
            elif start is not None:
                slots.append((start, end))
        data["slots"] = slots
        data["day_dates"] = [dt.date.fromisoformat(d) for d in data.get("days", [])]
        return data

    def add_service_error(self, exc: ValidationError) -> None:
        add_service_error(self, exc, {"slots": "slot1_start"})


# --- People on a shift ----------------------------------------------------------------


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), required=False)
    body = forms.CharField(
        label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def add_service_error(self, exc: ValidationError) -> None:
        add_service_error(self, exc)


# --- Volunteers and qualifications ----------------------------------------------------


class VolunteerForm(forms.Form):
    """A coordinator adds or changes a volunteer; the service checks every field."""

    name = forms.CharField(
        label=_("Name"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": NAME_MAX}),
    )
    email = forms.CharField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"maxlength": 254, "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
    )
    partner = forms.ModelChoiceField(
        label=_("Partner organisation (optional)"),
        queryset=Partner.objects.order_by("name"),
        required=False,
    )
    tshirt_size = forms.ChoiceField(
        label=_("T-shirt size (optional)"),
        choices=[("", _("No T-shirt")), *TShirtSize.choices],
        required=False,
    )
    age_group = forms.ChoiceField(
        label=_("Age group"), choices=AgeGroup.choices, initial=AgeGroup.ADULT
    )
    guardian_name = forms.CharField(
        label=_("Guardian's name (under 18)"), required=False
    )
    guardian_contact = forms.CharField(
        label=_("Guardian's phone or e-mail (under 18)"), required=False
    )
    guardian_consent = forms.BooleanField(
        label=_("The guardian has consented (under 18)."), required=False
    )
    language = mail_language_field()
    notes = forms.CharField(
        label=_("Coordinators' notes"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @staticmethod
    def initial_for(volunteer) -> dict:
        return {
            "name": volunteer.name,
            "email": volunteer.email,
            "phone": volunteer.phone,
            "partner": volunteer.partner_id,
            "tshirt_size": volunteer.tshirt_size,
            "age_group": volunteer.age_group,
            "guardian_name": volunteer.guardian_name,
            "guardian_contact": volunteer.guardian_contact,
            "guardian_consent": volunteer.guardian_consent_at is not None,
            "language": volunteer.language,
            "notes": volunteer.notes,
        }

    def volunteer_input(self) -> VolunteerInput:
        return volunteer_input_from(
            self.cleaned_data, language=self.cleaned_data["language"]
        )

    def add_service_error(self, exc: ValidationError) -> None:
        add_service_error(self, exc)


class QualificationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=QualificationKind.choices)
    issued_on = forms.DateField(
        label=_("Issued on / course date"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    valid_until = forms.DateField(
        label=_("Valid until (JuLeiCa only)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sighted_on = forms.DateField(
        label=_("Sighted on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sighted_by = forms.CharField(label=_("Sighted by"), max_length=150, required=False)

    def add_service_error(self, exc: ValidationError) -> None:
        add_service_error(self, exc)


def volunteer_search(queryset: QuerySet, text: str) -> QuerySet:
    """Volunteers whose name or e-mail contains every word of `text`."""
    for word in text.split()[:5]:
        queryset = queryset.filter(Q(name__icontains=word) | Q(email__icontains=word))
    return queryset
