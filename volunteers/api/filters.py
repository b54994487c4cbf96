"""Query filters of the volunteers' API. A value that cannot be one (?day=2027-13-40,
an unknown role or sub-event, ?open=maybe, an id out of range) is 400 with the
field's code, never ignored; slugs are looked up among the current festival's
objects only.
"""

import datetime as dt

import django_filters
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy
from django_filters.utils import translate_validation

from events.models import BERLIN, Festival, Partner, SubEvent
from volunteers.models import AgeGroup, Assignment, Role, Shift, Volunteer
from volunteers.serializers import ID_MAX


class IdFilter(django_filters.Filter):
    """A whole number in the range of ids ("1.5" and 10**30 are refused)."""

    field_class = django_filters.fields.forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(*args, **kwargs)


BOOLEAN_CHOICES = [("true", "true"), ("false", "false")]


class StrictFilterSet(django_filters.FilterSet):
    def filtered(self) -> QuerySet:
        """The filtered queryset; a 400 with the field's code for a bad value."""
        if not self.is_valid():
            raise translate_validation(self.errors)
        return self.qs


class FestivalScopedFilterSet(StrictFilterSet):
    """Slug filters look among the given festival's objects only."""

    scoped: dict[str, str] = {}

    def __init__(self, *args, festival: Festival | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, lookup in self.scoped.items():
            model = self.filters[name].queryset.model
            self.filters[name].queryset = model.objects.filter(**{lookup: festival})


def _on_day(prefix: str, queryset: QuerySet, day: dt.date | None) -> QuerySet:
    if not day:
        return queryset
    start = dt.datetime.combine(day, dt.time(0), tzinfo=BERLIN)
    return queryset.filter(
        **{
            f"{prefix}starts_at__gte": start,
            f"{prefix}starts_at__lt": start + dt.timedelta(days=1),
        }
    )


class ShiftFilter(FestivalScopedFilterSet):
    day = django_filters.DateFilter(
        method="filter_day", help_text=gettext_lazy("Shifts starting on this day.")
    )
    role = django_filters.ModelChoiceFilter(
        field_name="role",
        to_field_name="slug",
        queryset=Role.objects.none(),
        help_text=gettext_lazy("The role's slug."),
    )
    sub_event = django_filters.ModelChoiceFilter(
        field_name="sub_event",
        to_field_name="slug",
        queryset=SubEvent.objects.none(),
        help_text=gettext_lazy("The sub-event's slug."),
    )
    open = django_filters.ChoiceFilter(
        choices=BOOLEAN_CHOICES,
        method="filter_open",
        help_text=gettext_lazy(
            "true: only shifts with free places; false: only full ones."
        ),
    )

    scoped = {"role": "festival", "sub_event": "festival"}

    class Meta:
        model = Shift
        fields = ["day", "role", "sub_event", "open"]

    def filter_day(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return _on_day("", queryset, value)

    def filter_open(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "true":
            return queryset.filter(filled__lt=F("needed"))
        if value == "false":
            return queryset.filter(filled__gte=F("needed"))
        return queryset


class VolunteerFilter(StrictFilterSet):
    q = django_filters.CharFilter(
        method="filter_search",
        max_length=100,
        help_text=gettext_lazy("Part of the name, e-mail address or phone number."),
    )
    age_group = django_filters.ChoiceFilter(choices=AgeGroup.choices)
    partner = django_filters.ModelChoiceFilter(
        field_name="partner",
        to_field_name="slug",
        queryset=Partner.objects.all(),
        help_text=gettext_lazy("The partner organisation's slug."),
    )
    shift = IdFilter(
        method="filter_shift", help_text=gettext_lazy("People on this shift.")
    )

    class Meta:
        model = Volunteer
        fields = ["q", "age_group", "partner", "shift"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(email__icontains=value)
            | Q(phone__icontains=value)
        )

    def filter_shift(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        on_shift = Assignment.objects.active().filter(shift_id=value)
        return queryset.filter(pk__in=on_shift.values("volunteer_id"))


class AssignmentFilter(FestivalScopedFilterSet):
    shift = IdFilter(field_name="shift_id", help_text=gettext_lazy("The shift's id."))
    volunteer = IdFilter(
        field_name="volunteer_id", help_text=gettext_lazy("The volunteer's id.")
    )
    day = django_filters.DateFilter(
        method="filter_day",
        help_text=gettext_lazy("Assignments on shifts starting on this day."),
    )
    role = django_filters.ModelChoiceFilter(
        field_name="shift__role",
        to_field_name="slug",
        queryset=Role.objects.none(),
        help_text=gettext_lazy("The role's slug."),
    )

    scoped = {"role": "festival"}

    class Meta:
        model = Assignment
        fields = ["shift", "volunteer", "day", "role"]

    def filter_day(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return _on_day("shift__", queryset, value)
