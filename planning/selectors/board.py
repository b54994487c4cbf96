"""The week board's reads: days × rows (venues or sub-events) as timelines.

Every event becomes a block placed in % along one time axis shared by all days, so
the days line up and the page needs no JavaScript to draw them. The board costs a
fixed number of queries however many events it shows.
"""

import datetime as dt
import math
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from events import roles
from events.models import BERLIN, Event, Festival, Partner, SubEvent, Venue

# The axis covers at least the festival's usual day; earlier or later events (set-up
# and tear-down included) widen it to the full hour.
AXIS_START = 7 * 60
AXIS_END = 23 * 60
DAY_MINUTES = 24 * 60

ROWS_VENUE = "venue"
ROWS_SUB_EVENT = "sub_event"
NO_VENUE_KEY = "venue-none"


@dataclass(frozen=True)
class BoardFilters:
    sub_event: SubEvent | None = None
    partner: Partner | None = None
    status: str = ""
    day: dt.date | None = None

    @property
    def active(self) -> bool:
        return bool(self.sub_event or self.partner or self.status or self.day)


@dataclass(frozen=True)
class Axis:
    """The time span a day's track shows, in minutes after local midnight."""

    start: int = AXIS_START
    end: int = AXIS_END

    @property
    def span(self) -> int:
        return self.end - self.start

    @property
    def span_hours(self) -> int:
        return self.span // 60

    def percent(self, minutes: int) -> float:
        return round((minutes - self.start) / self.span * 100, 4)

    @property
    def hours(self) -> list[tuple[str, float]]:
        """The hour marks: ("07:00", left %), one per full hour on the axis."""
        return [
            (f"{minutes // 60:02d}:00", self.percent(minutes))
            for minutes in range(self.start, self.end + 1, 60)
        ]

    @classmethod
    def around(cls, spans: list[tuple[int, int]]) -> "Axis":
        """The default axis widened to whole hours around every (from, until)."""
        start = min([AXIS_START, *(s for s, _ in spans)])
        end = max([AXIS_END, *(e for _, e in spans)])
        return cls(
            start=max(0, start // 60 * 60),
            end=min(DAY_MINUTES, math.ceil(end / 60) * 60),
        )


def _ink(colour: str) -> str:
    """Black or white, whichever reads better on the colour (WCAG luminance)."""
    try:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    except (ValueError, TypeError):
        return "#ffffff"
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    # Contrast with white (1.05 / (L + 0.05)) against with black ((L + 0.05) / 0.05).
    return (
        "#111111"
        if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05)
        else "#ffffff"
    )


def _clock(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _minutes(moment: dt.datetime, day: dt.date) -> int:
    """Minutes from the local midnight starting `day` to the moment (may be < 0 or
    > 1440 for moments on another day)."""
    local = timezone.localtime(moment, BERLIN)
    midnight = dt.datetime.combine(day, dt.time.min, tzinfo=BERLIN)
    return int((local - midnight).total_seconds() // 60)


@dataclass
class Block:
    """One event on the board: its times in minutes after its day's midnight."""

    event: Event
    day: dt.date
    start: int
    end: int
    setup: int
    teardown: int
    movable: bool
    row_key: str = ""
    lane: int = 0
    axis: Axis = field(default_factory=Axis)

    @classmethod
    def of(cls, event: Event, *, movable: bool, row_key: str = "") -> "Block":
        day = event.local_day
        return cls(
            event=event,
            day=day,
            start=_minutes(event.starts_at, day),
            end=_minutes(event.ends_at, day),
            setup=event.setup_minutes,
            teardown=event.teardown_minutes,
            movable=movable,
            row_key=row_key,
        )

    @property
    def shown_from(self) -> int:
        """Where the drawing starts (set-up included), cut at the day's edges."""
        return max(0, self.start - self.setup)

    @property
    def shown_until(self) -> int:
        return min(DAY_MINUTES, self.end + self.teardown)

    @property
    def continues(self) -> bool:
        """The event (or its tear-down) runs past midnight."""
        return self.end + self.teardown > DAY_MINUTES

    @property
    def inside_axis(self) -> bool:
        return self.axis.start <= self.shown_from and self.shown_until <= self.axis.end

    @property
    def left(self) -> float:
        """Left edge of the drawing (set-up included), % of the track."""
        return max(0.0, self.axis.percent(self.shown_from))

    @property
    def width(self) -> float:
        """Width of the drawing (set-up and tear-down included), % of the track."""
        right = min(100.0, self.axis.percent(self.shown_until))
        return round(max(0.0, right - self.left), 4)

    @property
    def setup_share(self) -> float:
        """The set-up's part of the drawing's width, %."""
        total = self.shown_until - self.shown_from
        shown = max(0, self.start - self.shown_from)
        return round(shown / total * 100, 4) if total > 0 else 0.0

    @property
    def teardown_share(self) -> float:
        total = self.shown_until - self.shown_from
        shown = max(0, self.shown_until - max(self.end, self.shown_from))
        return round(shown / total * 100, 4) if total > 0 else 0.0

    @property
    def style(self) -> str:
        """The inline style that places and colours the block (dots, never commas:
        a German locale must not reach the CSS)."""
        colour = self.event.sub_event.colour
        return (
            f"left:{self.left:.4f}%;width:{self.width:.4f}%;"
            f"--setup:{self.setup_share:.4f}%;--teardown:{self.teardown_share:.4f}%;"
            f"--lane:{self.lane};--colour:{colour};--ink:{_ink(colour)}"
        )

    @property
    def start_text(self) -> str:
        return _clock(self.start)

    @property
    def end_text(self) -> str:
        return _clock(self.end)

    @property
    def time_text(self) -> str:
        return f"{self.start_text}–{self.end_text}"


@dataclass
class BoardRow:
    key: str
    label: str
    venue_id: int | None = None
    colour: str = ""
    blocks: list[Block] = field(default_factory=list)

    @property
    def lanes(self) -> int:
        return max([block.lane for block in self.blocks], default=0) + 1


@dataclass
class BoardDay:
    day: dt.date
    rows: list[BoardRow]

    @property
    def count(self) -> int:
        return sum(len(row.blocks) for row in self.rows)


@dataclass
class SubEventKey:
    sub_event: SubEvent

    @property
    def ink(self) -> str:
        return _ink(self.sub_event.colour)


@dataclass
class Board:
    days: list[BoardDay]
    axis: Axis
    rows_by: str
    sub_events: list[SubEventKey]
    venues: list[Venue]
    count: int
    festival_has_events: bool


def lanes_assign(blocks: list[Block]) -> None:
    """Put overlapping blocks of one row on separate lanes (first free lane)."""
    ends: list[int] = []
    for block in sorted(blocks, key=lambda b: (b.shown_from, b.shown_until)):
        for lane, until in enumerate(ends):
            if until <= block.shown_from:
                block.lane, ends[lane] = lane, block.shown_until
                break
        else:
            block.lane = len(ends)
            ends.append(block.shown_until)


def event_list_board(*, festival: Festival, filters: BoardFilters) -> QuerySet[Event]:
    """The festival's events the board shows, with what a block draws."""
    events = Event.objects.filter(sub_event__festival=festival).select_related(
        "sub_event", "venue"
    )
    if filters.sub_event is not None:
        events = events.filter(sub_event=filters.sub_event)
    if filters.partner is not None:
        events = events.filter(host_partners=filters.partner)
    if filters.status:
        events = events.filter(status=filters.status)
    if filters.day is not None:
        events = events.on_day(filters.day)
    return events.order_by("starts_at", "title", "pk")


def movable_ids(*, user: AbstractBaseUser, festival: Festival) -> set[int]:
    """Ids of the festival's events the user may move (change permission and scope)."""
    if not user.has_perm("events.change_event"):
        return set()
    return set(
        roles.events_editable_by(user)
        .filter(sub_event__festival=festival)
        .values_list("pk", flat=True)
    )


def row_key_for(event: Event, rows_by: str) -> str:
    if rows_by == ROWS_SUB_EVENT:
        return f"sub-{event.sub_event_id}"
    return f"venue-{event.venue_id}" if event.venue_id else NO_VENUE_KEY


def board_build(
    *,
    festival: Festival,
    user: AbstractBaseUser,
    filters: BoardFilters,
    rows_by: str = ROWS_VENUE,
    all_rows: bool = False,
) -> Board:
    """The week board for the user: the festival's days (or the chosen one), each
    with the same rows: the venues (or sub-events) some shown event uses, or all of
    them with `all_rows`, and "No venue yet" where needed."""
    sub_events = list(SubEvent.objects.filter(festival=festival))
    venues = list(Venue.objects.all())
    events = list(event_list_board(festival=festival, filters=filters))
    movable = movable_ids(user=user, festival=festival) if events else set()
    has_events = bool(events) or (
        filters.active and Event.objects.filter(sub_event__festival=festival).exists()
    )

    blocks = [
        Block.of(
            event, movable=event.pk in movable, row_key=row_key_for(event, rows_by)
        )
        for event in events
    ]
    axis = Axis.around([(b.shown_from, b.shown_until) for b in blocks])
    for block in blocks:
        block.axis = axis

    if filters.day is not None:
        days = [filters.day]
    else:
        days = sorted(set(festival.days) | {b.day for b in blocks})
    by_day: dict[dt.date, dict[str, list[Block]]] = {}
    for block in blocks:
        by_day.setdefault(block.day, {}).setdefault(block.row_key, []).append(block)

    used = {b.row_key for b in blocks}
    if not all_rows:
        sub_events_shown = [s for s in sub_events if f"sub-{s.pk}" in used]
        venues_shown = [v for v in venues if f"venue-{v.pk}" in used]
    else:
        sub_events_shown, venues_shown = sub_events, venues

    board_days = []
    for day in days:
        found = by_day.get(day, {})
        if rows_by == ROWS_SUB_EVENT:
            rows = [
                BoardRow(key=f"sub-{s.pk}", label=s.name, colour=s.colour)
                for s in sub_events_shown
            ]
        else:
            rows = [
                BoardRow(key=f"venue-{v.pk}", label=v.name, venue_id=v.pk)
                for v in venues_shown
            ]
            if NO_VENUE_KEY in found:
                rows.append(BoardRow(key=NO_VENUE_KEY, label=_("No venue yet")))
        for row in rows:
            row.blocks = found.get(row.key, [])
            lanes_assign(row.blocks)
        board_days.append(BoardDay(day=day, rows=rows))

    return Board(
        days=board_days,
        axis=axis,
        rows_by=rows_by,
        sub_events=[SubEventKey(s) for s in sub_events],
        venues=venues,
        count=len(blocks),
        festival_has_events=has_events,
    )
