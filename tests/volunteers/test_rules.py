"""The time arithmetic of the shift rules, checked against brute force.

Moments are drawn minute by minute around the festival and around both changes of
summer time in Europe/Berlin (2027-03-28 and 2027-10-31), in UTC and in Berlin time:
the functions must measure elapsed time, whatever zone the datetimes carry.
"""

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from volunteers import rules
from volunteers.models import AgeGroup, VolunteerPolicy
from volunteers.selectors import shift_problems

BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.UTC
MINUTE = dt.timedelta(minutes=1)

# Around the festival and around both DST changes of 2027.
ANCHORS = [
    dt.datetime(2027, 6, 14, tzinfo=BERLIN),
    dt.datetime(2027, 3, 27, tzinfo=BERLIN),
    dt.datetime(2027, 10, 30, tzinfo=BERLIN),
]


@st.composite
def moments(draw, anchor=None):
    base = anchor or draw(st.sampled_from(ANCHORS))
    minutes = draw(st.integers(min_value=0, max_value=3 * 24 * 60))
    moment = base.astimezone(UTC) + dt.timedelta(minutes=minutes)
    zone = draw(st.sampled_from([UTC, BERLIN]))
    return moment.astimezone(zone)


@st.composite
def intervals(draw, max_minutes=30 * 60):
    start = draw(moments())
    length = draw(st.integers(min_value=1, max_value=max_minutes))
    end = (start.astimezone(UTC) + dt.timedelta(minutes=length)).astimezone(
        draw(st.sampled_from([UTC, BERLIN]))
    )
    return start, end


@st.composite
def interval_pairs(draw):
    """Two intervals near each other (so overlaps and small gaps are common)."""
    a = draw(intervals(max_minutes=12 * 60))
    offset = draw(st.integers(min_value=-14 * 60, max_value=14 * 60))
    length = draw(st.integers(min_value=1, max_value=12 * 60))
    start = a[0].astimezone(UTC) + dt.timedelta(minutes=offset)
    zone = draw(st.sampled_from([UTC, BERLIN]))
    b = (
        start.astimezone(zone),
        (start + dt.timedelta(minutes=length)).astimezone(zone),
    )
    return a, b


def elapsed_minutes(start: dt.datetime, end: dt.datetime) -> int:
    return round((end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() / 60)


def minute_starts(start: dt.datetime, end: dt.datetime):
    """Each minute of `[start, end)`, as an aware UTC moment."""
    cursor, stop = start.astimezone(UTC), end.astimezone(UTC)
    while cursor < stop:
        yield cursor
        cursor += MINUTE


# --- days and minutes ---------------------------------------------------------------


@settings(deadline=None)  # counts minute by minute
@given(intervals())
@example(  # the night summer time begins: 23 hours on the wall clock's 24
    (
        dt.datetime(2027, 3, 28, 0, 0, tzinfo=BERLIN),
        dt.datetime(2027, 3, 28, 12, 0, tzinfo=BERLIN),
    )
)
@example(  # the night it ends: 25 hours
    (
        dt.datetime(2027, 10, 31, 0, 0, tzinfo=BERLIN),
        dt.datetime(2027, 10, 31, 12, 0, tzinfo=BERLIN),
    )
)
def test_minutes_by_day_sum_to_the_length_and_match_a_count_by_minute(interval):
    start, end = interval
    by_day = rules.minutes_by_day([interval])

    brute: dict[dt.date, int] = {}
    for minute in minute_starts(start, end):
        day = minute.astimezone(BERLIN).date()
        brute[day] = brute.get(day, 0) + 1

    assert by_day == brute
    assert sum(by_day.values()) == elapsed_minutes(start, end)


def test_the_days_summer_time_changes_have_23_and_25_hours():
    spring = dt.date(2027, 3, 28)
    autumn = dt.date(2027, 10, 31)

    def whole(day):
        start = dt.datetime.combine(day, dt.time(0), tzinfo=BERLIN)
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=BERLIN)
        return rules.minutes_by_day([(start, end)])

    assert whole(spring) == {spring: 23 * 60}
    assert whole(autumn) == {autumn: 25 * 60}


def test_a_night_shift_counts_on_both_days():
    start = dt.datetime(2027, 6, 18, 22, 0, tzinfo=BERLIN)
    end = dt.datetime(2027, 6, 19, 2, 30, tzinfo=BERLIN)

    assert rules.minutes_by_day([(start, end)]) == {
        dt.date(2027, 6, 18): 120,
        dt.date(2027, 6, 19): 150,
    }


@given(intervals())
def test_day_parts_cover_the_interval_without_gaps(interval):
    start, end = interval
    parts = rules.day_parts(start, end)

    # Compared in UTC: an ambiguous Berlin time never equals a moment in another zone.
    assert parts[0][1] == start.astimezone(UTC)
    assert parts[-1][2] == end.astimezone(UTC)
    for (_d, _s, part_end), (_d2, next_start, _e) in itertools.pairwise(parts):
        assert part_end == next_start
    days = [day for day, _s, _e in parts]
    assert days == sorted(set(days))
    for day, part_start, part_end in parts:
        assert part_start < part_end
        assert part_start.astimezone(BERLIN).date() == day
        # the part ends at the latest at the next local midnight
        last_minute = (part_end.astimezone(UTC) - MINUTE).astimezone(BERLIN)
        assert last_minute.date() == day


# --- overlap, gap and travel buffer ---------------------------------------------------


@settings(deadline=None)  # counts minute by minute
@given(interval_pairs())
def test_overlaps_is_symmetric_and_the_same_as_a_negative_gap(pair):
    a, b = pair
    shared = set(minute_starts(*a)) & set(minute_starts(*b))

    assert rules.overlaps(a, b) == rules.overlaps(b, a)
    assert rules.gap(a, b) == rules.gap(b, a)
    assert rules.overlaps(a, b) == (rules.gap(a, b) < dt.timedelta(0))
    assert rules.overlaps(a, b) == bool(shared)


@given(interval_pairs(), st.integers(min_value=0, max_value=60))
def test_too_close_means_less_than_the_buffer_between_them(pair, buffer_minutes):
    a, b = pair
    assume(not rules.overlaps(a, b))
    buffer = dt.timedelta(minutes=buffer_minutes)
    first, second = sorted([a, b], key=lambda i: i[0].astimezone(UTC))
    between = second[0].astimezone(UTC) - first[1].astimezone(UTC)

    assert rules.too_close(a, b, buffer) == (between < buffer)
    assert rules.too_close(a, b, buffer) == rules.too_close(b, a, buffer)


def test_exactly_the_buffer_is_enough_and_touching_shifts_do_not_overlap():
    a = (
        dt.datetime(2027, 6, 14, 9, tzinfo=BERLIN),
        dt.datetime(2027, 6, 14, 13, tzinfo=BERLIN),
    )
    touching = (a[1], a[1] + dt.timedelta(hours=2))
    later = (a[1] + dt.timedelta(minutes=15), a[1] + dt.timedelta(hours=2))
    buffer = dt.timedelta(minutes=15)

    assert not rules.overlaps(a, touching)
    assert rules.gap(a, touching) == dt.timedelta(0)
    assert rules.too_close(a, touching, buffer)
    assert not rules.too_close(a, later, buffer)
    assert rules.too_close(a, later, buffer + MINUTE)


# --- the youth protection window ------------------------------------------------------


@settings(deadline=None)  # counts minute by minute
@given(
    intervals(max_minutes=20 * 60),
    st.sampled_from(
        [
            (dt.time(8), dt.time(18)),
            (dt.time(6), dt.time(20)),
            (dt.time(5, 30), dt.time(23)),
        ]
    ),
)
@example(
    (
        dt.datetime(2027, 6, 14, 16, tzinfo=BERLIN),
        dt.datetime(2027, 6, 14, 18, tzinfo=BERLIN),
    ),
    (dt.time(8), dt.time(18)),
)
@example(
    (
        dt.datetime(2027, 6, 14, 19, tzinfo=BERLIN),
        dt.datetime(2027, 6, 15, 0, tzinfo=BERLIN),
    ),
    (dt.time(6), dt.time(20)),
)
def test_outside_window_matches_a_check_minute_by_minute(interval, window):
    earliest, latest = window
    start, end = interval

    def outside(minute: dt.datetime) -> bool:
        clock = minute.astimezone(BERLIN).time()
        return clock < earliest or clock >= latest

    expected = any(outside(m) for m in minute_starts(start, end))

    assert rules.outside_window(start, end, earliest, latest) == expected


# --- validity of qualifications -------------------------------------------------------


def anniversary(day: dt.date, years: int) -> dt.date:
    """`years` after `day`; 29 February's anniversary in a common year is 1 March."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.integers(min_value=1, max_value=20),
)
@example(dt.date(2024, 2, 29), 2)
@example(dt.date(2024, 2, 29), 4)
@example(dt.date(2023, 3, 1), 1)
def test_valid_until_is_the_day_before_the_anniversary(issued, years):
    last = rules.valid_until(issued, years=years)

    assert last == anniversary(issued, years) - dt.timedelta(days=1)
    assert rules.valid_on(issued, issued_on=issued, last_valid_day=last)
    assert rules.valid_on(last, issued_on=issued, last_valid_day=last)
    assert not rules.valid_on(
        last + dt.timedelta(days=1), issued_on=issued, last_valid_day=last
    )
    assert not rules.valid_on(
        issued - dt.timedelta(days=1), issued_on=issued, last_valid_day=last
    )


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 30)))
def test_a_later_issue_is_never_valid_for_less_long(issued):
    later = issued + dt.timedelta(days=1)

    assert rules.valid_until(later, years=2) >= rules.valid_until(issued, years=2)


def test_an_explicit_date_wins_and_no_years_means_no_end():
    issued = dt.date(2025, 1, 10)

    assert rules.valid_until(issued, years=5, explicit=dt.date(2027, 6, 16)) == (
        dt.date(2027, 6, 16)
    )
    assert rules.valid_until(issued, years=None) is None
    assert rules.valid_on(dt.date(2099, 1, 1), issued_on=issued, last_valid_day=None)


@pytest.mark.parametrize(
    ("day", "valid"),
    [
        (dt.date(2027, 6, 14), True),
        (dt.date(2027, 6, 19), True),
        (dt.date(2027, 6, 20), False),
    ],
)
def test_first_aid_from_june_2025_lasts_until_the_day_before_june_2027(day, valid):
    last = rules.valid_until(dt.date(2025, 6, 20), years=2)

    assert last == dt.date(2027, 6, 19)
    assert rules.valid_on(day, issued_on=dt.date(2025, 6, 20), last_valid_day=last) is (
        valid
    )


# --- the daily-hours decision of shift_problems ---------------------------------------


class _Role:
    def __init__(self):
        self.name = "Einlass"
        self.min_age = 13
        self.required_qualifications: list[str] = []


class _Venue:
    name = "Stadthalle"


class _Shift:
    """Just what shift_problems reads; all at one venue, so no travel buffer."""

    def __init__(self, pk, start, end):
        self.pk = pk
        self.starts_at = start
        self.ends_at = end
        self.role = _Role()
        self.venue = _Venue()
        self.venue_id = 1
        self.needed = 5

    @property
    def local_day(self):
        return self.starts_at.astimezone(BERLIN).date()


class _Volunteer:
    def __init__(self, age_group):
        self.age_group = age_group
        self.guardian_consent_at = dt.datetime(2027, 5, 1, tzinfo=UTC)

    @property
    def is_minor(self):
        return self.age_group != AgeGroup.ADULT

    @property
    def min_age(self):
        return {"adult": 18, "16_17": 16, "13_15": 13}[self.age_group]


LIMITS = {AgeGroup.ADULT: 600, AgeGroup.YOUTH: 480, AgeGroup.CHILD: 120}


@st.composite
def day_of_shifts(draw):
    """Non-overlapping shifts (already taken) plus a new one, over two days."""
    base = dt.datetime(2027, 6, 17, 0, 0, tzinfo=BERLIN).astimezone(UTC)
    cuts = sorted(
        draw(st.lists(st.integers(0, 48 * 4), min_size=2, max_size=12, unique=True))
    )
    slots = [
        (base + dt.timedelta(minutes=15 * a), base + dt.timedelta(minutes=15 * b))
        for a, b in itertools.pairwise(cuts)
    ]
    new = draw(st.sampled_from(slots))
    taken = [slot for slot in slots if slot != new and draw(st.booleans())]
    return taken, new


@settings(deadline=None)  # brute force over two days of minutes; slow under xdist
@given(day_of_shifts(), st.sampled_from(list(AgeGroup)))
def test_daily_hours_are_refused_exactly_when_a_days_sum_passes_the_limit(
    shifts, age_group
):
    taken_slots, new_slot = shifts
    policy = VolunteerPolicy()
    taken = [_Shift(n, *slot) for n, slot in enumerate(taken_slots, start=1)]
    shift = _Shift(999, *new_slot)

    problems = shift_problems(
        volunteer=_Volunteer(age_group),
        shift=shift,
        policy=policy,
        taken=taken,
        qualifications=[],
        filled=0,
    )

    per_day: dict[dt.date, int] = {}
    for minute in (
        m for slot in [*taken_slots, new_slot] for m in minute_starts(*slot)
    ):
        day = minute.astimezone(BERLIN).date()
        per_day[day] = per_day.get(day, 0) + 1
    new_days = {m.astimezone(BERLIN).date() for m in minute_starts(*new_slot)}
    too_much = any(per_day[day] > LIMITS[age_group] for day in new_days)

    assert ("daily_hours" in [p.code for p in problems]) == too_much
