"""Reads of the cinema module, each in a fixed number of queries."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from events.models import Event, Festival
from events.selectors import seats_available_map

from .models import Film, Screening


@dataclass
class ScreeningRow:
    screening: Screening
    seats_left: int | None

    @property
    def event(self) -> Event:
        return self.screening.event

    @property
    def film(self) -> Film:
        return self.screening.film


@dataclass
class Day:
    date: dt.date
    rows: list[ScreeningRow] = field(default_factory=list)


def _public_screenings() -> QuerySet[Screening]:
    return (
        Screening.objects.filter(event__status__in=_PUBLIC)
        .select_related("film", "event__venue", "event__sub_event")
        .order_by("event__starts_at", "event__venue__name", "pk")
    )


_PUBLIC = [Event.Status.PUBLISHED, Event.Status.CANCELLED]


def _rows(screenings: list[Screening]) -> list[ScreeningRow]:
    seats = seats_available_map([s.event for s in screenings])
    return [ScreeningRow(s, seats.get(s.event_id)) for s in screenings]


def cinema_week(*, festival: Festival | None) -> list[Day]:
    """The festival's public screenings by day (every festival day, also empty
    ones); without a festival, every public screening by its day. Three queries
    (screenings with film and venue, seats taken)."""
    screenings = _public_screenings()
    if festival is not None:
        screenings = screenings.filter(event__sub_event__festival=festival)
    rows = _rows(list(screenings))
    days = {day: Day(day) for day in festival.days} if festival else {}
    for row in rows:
        date = timezone.localdate(row.event.starts_at)
        days.setdefault(date, Day(date)).rows.append(row)
    return [days[date] for date in sorted(days)]


def film_list(*, festival: Festival | None = None) -> QuerySet[Film]:
    """Films with at least one public screening (of the festival), by title, each
    with its public screenings prefetched (two queries)."""
    screenings = _public_screenings()
    if festival is not None:
        screenings = screenings.filter(event__sub_event__festival=festival)
    return (
        Film.objects.filter(screenings__in=screenings)
        .distinct()
        .order_by("title")
        .prefetch_related(Prefetch("screenings", queryset=screenings))
    )


def film_detail(*, slug: str) -> tuple[Film, list[ScreeningRow]] | None:
    """A film and its public screenings with seats left; None if unknown."""
    film = Film.objects.filter(slug=slug).first()
    if film is None:
        return None
    return film, _rows(list(_public_screenings().filter(film=film)))


def orga_films() -> QuerySet[Film]:
    """Every film with all its screenings (any status), for the organisers."""
    return Film.objects.order_by("title").prefetch_related(
        Prefetch(
            "screenings",
            queryset=Screening.objects.select_related(
                "event__venue", "event__sub_event"
            ).order_by("event__starts_at"),
        )
    )
