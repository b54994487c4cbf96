"""The planners' dashboard: the festival's figures at a glance.

Everything is counted in the database (values/annotate/aggregate), so the number
of queries stays the same however many events, registrations and shifts there are.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q
from django.db.models.functions import Lower, TruncDate
from django.utils import timezone

from events.models import BERLIN, Event, Festival
from events.registry import registry
from planning.selectors.todo import todo_count
from registrations.models import Participant, Registration
from volunteers.models import Volunteer
from volunteers.selectors import coverage

# The last days the registrations chart shows (a long sale would be unreadable).
MAX_DAYS = 120
AGE_GROUPS = [(0, 2), (3, 5), (6, 9), (10, 13), (14, 17)]
ADULT_AGE = 18


@dataclass
class KeyFigures:
    published: int = 0
    draft: int = 0
    cancelled: int = 0
    registrations: int = 0
    seats_taken: int = 0
    capacity: int = 0
    todo: int = 0
    volunteers: int = 0
    places_needed: int = 0
    places_filled: int = 0

    @property
    def seats_percent(self) -> int | None:
        return _percent(self.seats_taken, self.capacity)

    @property
    def coverage_percent(self) -> int | None:
        return _percent(self.places_filled, self.places_needed)


def _percent(part: int, whole: int) -> int | None:
    return round(part * 100 / whole) if whole else None


@dataclass
class DayCount:
    day: dt.date
    registrations: int = 0
    seats: int = 0


@dataclass
class EventFill:
    pk: int
    title: str
    starts_at: dt.datetime
    capacity: int
    taken: int
    sub_event: str = ""

    @property
    def ratio(self) -> float:
        return self.taken / self.capacity if self.capacity else 1.0

    @property
    def percent(self) -> int:
        return round(self.ratio * 100)

    @property
    def band(self) -> str:
        """'full' (100 % or more), 'almost' (80 % or more), 'some', 'empty' (0)."""
        if self.taken >= self.capacity:
            return "full"
        if self.taken * 100 >= self.capacity * 80:
            return "almost"
        return "some" if self.taken else "empty"


BANDS = ["full", "almost", "some", "empty"]


@dataclass
class SubEventFill:
    name: str
    full: int = 0
    almost: int = 0
    some: int = 0
    empty: int = 0

    @property
    def counts(self) -> list[int]:
        return [self.full, self.almost, self.some, self.empty]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass
class CoverageDay:
    day: dt.date
    needed: int
    filled: int


@dataclass
class Families:
    households: int = 0
    people: int = 0
    # (label, count): "0–2", "3–5", "6–9", "10–13", "14–17", then adults last.
    groups: list[tuple[str, int]] = field(default_factory=list)
    adults: int = 0

    @property
    def children(self) -> int:
        return sum(count for _label, count in self.groups)


@dataclass
class WaitingEvent:
    pk: int
    title: str
    parties: int
    people: int


@dataclass
class Waiting:
    events: list[WaitingEvent]  # the ten with most people waiting
    parties: int = 0
    people: int = 0
    event_count: int = 0


@dataclass
class Dashboard:
    festival: Festival
    figures: KeyFigures
    per_day: list[DayCount]
    fill_by_sub_event: list[SubEventFill]
    fullest: list[EventFill]
    emptiest: list[EventFill]
    coverage_days: list[CoverageDay]
    families: Families
    waiting: Waiting


def dashboard_for(festival: Festival, *, today: dt.date | None = None) -> Dashboard:
    """The dashboard's figures for `festival`; a fixed number of queries."""
    today = today or timezone.localdate()
    figures = KeyFigures()
    events = Event.objects.filter(sub_event__festival=festival)
    for row in events.values("status").annotate(n=Count("id")).order_by():
        setattr(figures, row["status"], row["n"])

    registrations = Registration.objects.active().filter(
        event__sub_event__festival=festival
    )
    per_day = _per_day(festival, registrations, today)
    figures.registrations = registrations.count()

    fills = _fills(events)
    figures.seats_taken = sum(fill.taken for fill in fills)
    figures.capacity = sum(fill.capacity for fill in fills)
    fill_rows: dict[str, SubEventFill] = {}
    for fill in fills:
        row = fill_rows.setdefault(fill.sub_event, SubEventFill(fill.sub_event))
        setattr(row, fill.band, getattr(row, fill.band) + 1)
    # The fuller half (at most ten, none without a seat taken) and, of the others,
    # the ten emptiest: with few events each list shows different ones.
    ranked = sorted(fills, key=lambda f: (-f.ratio, f.starts_at, f.pk))
    fullest = [f for f in ranked[: min(10, (len(ranked) + 1) // 2)] if f.taken]
    emptiest = sorted(
        ranked[len(fullest) :], key=lambda f: (f.ratio, f.starts_at, f.pk)
    )[:10]

    board = coverage(festival)
    coverage_days = [
        CoverageDay(day, cell.needed, cell.filled)
        for day, cell in zip(board.days, board.totals, strict=True)
    ]
    figures.places_needed = sum(day.needed for day in coverage_days)
    figures.places_filled = sum(day.filled for day in coverage_days)
    figures.volunteers = Volunteer.objects.active().filter(festival=festival).count()
    figures.todo = todo_count(festival)

    return Dashboard(
        festival=festival,
        figures=figures,
        per_day=per_day,
        fill_by_sub_event=list(fill_rows.values()),
        fullest=fullest,
        emptiest=emptiest,
        coverage_days=coverage_days,
        families=_families(registrations),
        waiting=_waiting(festival),
    )


def _per_day(festival: Festival, registrations, today: dt.date) -> list[DayCount]:
    """New registrations (still active) and the seats they hold, per calendar day
    (Europe/Berlin) from the first opening or registration until today."""
    rows = (
        registrations.annotate(day=TruncDate("created_at", tzinfo=BERLIN))
        .values("day")
        .annotate(
            registrations=Count("id", distinct=True),
            seats=Count(
                "participants",
                filter=Q(
                    status=Registration.Status.CONFIRMED,
                    participants__cancelled_at__isnull=True,
                    participants__takes_seat=True,
                ),
            ),
        )
        .order_by("day")
    )
    counted = {row["day"]: row for row in rows}
    opened = Event.objects.filter(
        sub_event__festival=festival, registration_opens_at__isnull=False
    ).aggregate(first=Min("registration_opens_at"))["first"]
    starts = [*counted]
    if opened is not None:
        starts.append(timezone.localtime(opened, BERLIN).date())
    if not starts:
        return []
    first = min(starts)
    last = max([today, *counted])
    if first > last:
        return []
    first = max(first, last - dt.timedelta(days=MAX_DAYS - 1))
    days = []
    day = first
    while day <= last:
        row = counted.get(day, {})
        days.append(DayCount(day, row.get("registrations", 0), row.get("seats", 0)))
        day += dt.timedelta(days=1)
    return days


def _fills(events) -> list[EventFill]:
    """Published events with registration and the seats taken (two queries)."""
    rows = list(
        events.filter(status=Event.Status.PUBLISHED, capacity__isnull=False)
        .select_related("sub_event")
        .only("pk", "title", "starts_at", "capacity", "sub_event__name")
        .order_by("starts_at", "pk")
    )
    taken = registry.seats_taken(rows)
    fills = []
    for event in rows:
        fill = EventFill(
            event.pk,
            event.title,
            event.starts_at,
            event.capacity,
            taken.get(event.pk, 0),
            event.sub_event.name,
        )
        fills.append(fill)
    return fills


def _families(registrations) -> Families:
    """Households with an active registration (confirmed or waiting) and the people
    in them: one person per household, first name and age, however many events
    they come to."""
    households = registrations.order_by().values("household_id").distinct().count()
    people = (
        Participant.objects.filter(
            registration__in=registrations, cancelled_at__isnull=True
        )
        .values_list("registration__household_id", Lower("name"), "age")
        .order_by()  # the model's ordering by pk would make every row distinct
        .distinct()
    )
    groups = [0] * len(AGE_GROUPS)
    adults = 0
    total = 0
    for _household, _name, age in people:
        total += 1
        if age >= ADULT_AGE:
            adults += 1
            continue
        for n, (low, high) in enumerate(AGE_GROUPS):
            if low <= age <= high:
                groups[n] += 1
    return Families(
        households=households,
        people=total,
        groups=[
            (f"{low}–{high}", count)
            for (low, high), count in zip(AGE_GROUPS, groups, strict=True)
        ],
        adults=adults,
    )


def _waiting(festival: Festival) -> Waiting:
    rows = list(
        Registration.objects.filter(
            event__sub_event__festival=festival,
            status=Registration.Status.WAITLISTED,
        )
        .values("event_id", "event__title", "event__starts_at")
        .annotate(
            parties=Count("id", distinct=True),
            people=Count(
                "participants", filter=Q(participants__cancelled_at__isnull=True)
            ),
        )
        .order_by()
    )
    rows.sort(key=lambda r: (-r["people"], -r["parties"], r["event__starts_at"]))
    return Waiting(
        events=[
            WaitingEvent(r["event_id"], r["event__title"], r["parties"], r["people"])
            for r in rows[:10]
        ],
        parties=sum(r["parties"] for r in rows),
        people=sum(r["people"] for r in rows),
        event_count=len(rows),
    )
