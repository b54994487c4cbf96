"""The time arithmetic behind the shift rules, as pure functions (no database).

Intervals are half-open `[start, end)` of aware datetimes. Days and clock times are
those of Europe/Berlin: a shift from 22:00 to 02:00 counts two hours on each of two
days, and a day across a change of summer time has 23 or 25 hours, so elapsed time is
always measured between aware datetimes, never on wall clocks.

Python compares and subtracts two datetimes that share a tzinfo on their wall clocks
(a Berlin 00:00–12:00 on the day summer time begins would be 12 hours, not 11), so
every function here works on UTC copies of what it is given.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")

Interval = tuple[dt.datetime, dt.datetime]


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def local_moment(day: dt.date, clock: dt.time, tz: ZoneInfo = BERLIN) -> dt.datetime:
    """The aware moment of a wall-clock time on a local day."""
    return dt.datetime.combine(day, clock, tzinfo=tz)


def _next_midnight(moment: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    local_day = moment.astimezone(tz).date()
    return dt.datetime.combine(local_day + dt.timedelta(days=1), dt.time(0), tzinfo=tz)


def day_parts(
    start: dt.datetime, end: dt.datetime, tz: ZoneInfo = BERLIN
) -> list[tuple[dt.date, dt.datetime, dt.datetime]]:
    """Split `[start, end)` at local midnights: `(day, part start, part end)`."""
    parts = []
    cursor, end = _utc(start), _utc(end)
    while cursor < end:
        cut = min(end, _utc(_next_midnight(cursor, tz)))
        parts.append((cursor.astimezone(tz).date(), cursor, cut))
        cursor = cut
    return parts


def minutes_by_day(
    intervals: Iterable[Interval], tz: ZoneInfo = BERLIN
) -> dict[dt.date, int]:
    """Minutes worked per local day, summed over (non-overlapping) intervals."""
    totals: dict[dt.date, float] = defaultdict(float)
    for start, end in intervals:
        for day, part_start, part_end in day_parts(start, end, tz):
            totals[day] += (part_end - part_start).total_seconds() / 60
    return {day: round(minutes) for day, minutes in totals.items()}


def overlaps(a: Interval, b: Interval) -> bool:
    """Whether two half-open intervals share a moment (touching ends do not)."""
    return _utc(a[0]) < _utc(b[1]) and _utc(b[0]) < _utc(a[1])


def gap(a: Interval, b: Interval) -> dt.timedelta:
    """The time between two intervals; negative when they overlap."""
    return max(_utc(a[0]), _utc(b[0])) - min(_utc(a[1]), _utc(b[1]))


def too_close(a: Interval, b: Interval, buffer: dt.timedelta) -> bool:
    """Whether less than `buffer` lies between two (non-overlapping) intervals."""
    return gap(a, b) < buffer


def outside_window(
    start: dt.datetime,
    end: dt.datetime,
    earliest: dt.time,
    latest: dt.time,
    tz: ZoneInfo = BERLIN,
) -> bool:
    """Whether any part of `[start, end)` lies before `earliest` or after `latest`
    on its local day (a part ending at midnight ends after any `latest`)."""
    for day, part_start, part_end in day_parts(start, end, tz):
        window_start = _utc(dt.datetime.combine(day, earliest, tzinfo=tz))
        window_end = _utc(dt.datetime.combine(day, latest, tzinfo=tz))
        if part_start < window_start or part_end > window_end:
            return True
    return False


def valid_until(
    issued_on: dt.date, *, years: int | None, explicit: dt.date | None = None
) -> dt.date | None:
    """The last day a qualification is valid: an explicit date if the document
    names one, else `years` after issue (the day before the anniversary), or None
    when it does not expire."""
    if explicit is not None:
        return explicit
    if years is None:
        return None
    try:
        anniversary = issued_on.replace(year=issued_on.year + years)
    except ValueError:  # issued on 29 February, anniversary in a common year
        anniversary = issued_on.replace(year=issued_on.year + years, day=28)
        return anniversary
    return anniversary - dt.timedelta(days=1)


def valid_on(
    day: dt.date, *, issued_on: dt.date, last_valid_day: dt.date | None
) -> bool:
    """Whether a qualification issued on `issued_on` is valid on `day`."""
    return issued_on <= day and (last_valid_day is None or day <= last_valid_day)
