"""The programme's filters, shared by the page and the API so both answer alike."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from events.models import Audience, Event, SubEvent, Venue


class EventFilter(django_filters.FilterSet):
    day = django_filters.DateFilter(label=_("Day"), method="filter_day")
    sub_event = django_filters.ModelChoiceFilter(
        label=_("Sub-event"),
        field_name="sub_event",
        to_field_name="slug",
        queryset=SubEvent.objects.all(),
        empty_label=_("All sub-events"),
    )
    venue = django_filters.ModelChoiceFilter(
        label=_("Venue"),
        field_name="venue",
        to_field_name="slug",
        queryset=Venue.objects.filter(is_published=True),
        empty_label=_("All venues"),
    )
    audience = django_filters.ModelChoiceFilter(
        label=_("Audience"),
        field_name="audiences",
        to_field_name="slug",
        queryset=Audience.objects.all(),
        empty_label=_("All audiences"),
    )
    age = django_filters.NumberFilter(
        label=_("Age of your child"),
        method="filter_age",
        min_value=0,
        max_value=120,
    )
    free = django_filters.BooleanFilter(
        label=_("Free of charge only"),
        method="filter_free",
        widget=django_filters.widgets.BooleanWidget(),
    )
    accessible = django_filters.BooleanFilter(
        label=_("Step-free access only"),
        method="filter_accessible",
        widget=django_filters.widgets.BooleanWidget(),
    )
    q = django_filters.CharFilter(
        label=_("Search"), method="filter_search", max_length=100
    )

    class Meta:
        model = Event
        fields = [
            "day",
            "sub_event",
            "venue",
            "audience",
            "age",
            "free",
            "accessible",
            "q",
        ]

    def filter_day(
        self, queryset: QuerySet[Event], name: str, value
    ) -> QuerySet[Event]:
        return queryset.on_day(value) if value else queryset

    def filter_age(
        self, queryset: QuerySet[Event], name: str, value
    ) -> QuerySet[Event]:
        return queryset if value is None else queryset.for_age(int(value))

    def filter_free(
        self, queryset: QuerySet[Event], name: str, value
    ) -> QuerySet[Event]:
        return queryset.filter(is_free=True) if value else queryset

    def filter_accessible(self, queryset, name: str, value) -> QuerySet[Event]:
        return queryset.filter(venue__step_free=True) if value else queryset

    def filter_search(self, queryset: QuerySet[Event], name: str, value: str):
        words = value.split()
        for word in words:
            matches = Event.objects.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
                | Q(venue__name__icontains=word)
                | Q(sub_event__name__icontains=word)
                | Q(host_partners__name__icontains=word)
            ).values("pk")
            queryset = queryset.filter(pk__in=matches)
        return queryset
