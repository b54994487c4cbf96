"""The festival's statistics without personal data: what stays after the
retention period (and what organisers export before it). One row per figure:
(area, subject, figure, value); no name, e-mail address or phone number, and no
figure about one person (a count of one family is still a count).

The same rows before and after anonymising: everything here reads ages,
statuses, times, laps and amounts, which the retention handlers keep.
"""

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db.models import Count

from events.models import BERLIN, Festival
from registrations.models import Participant, Registration
from subevents.charity_run.models import Run
from subevents.charity_run.selectors import run_figures
from subevents.flea_market.models import Application
from volunteers.models import Assignment, Volunteer

Row = tuple[str, str, str, int]

# Age bands as the organisers count them (Kita, primary, teens, adults).
AGE_BANDS = ((0, 5, "age_0_5"), (6, 11, "age_6_11"), (12, 17, "age_12_17"))


def _age_band(age: int) -> str:
    for low, high, name in AGE_BANDS:
        if low <= age <= high:
            return name
    return "age_18_plus"


def _registration_rows(festival: Festival) -> list[Row]:
    rows: list[Row] = []
    per_status = (
        Registration.objects.filter(event__sub_event__festival=festival)
        .values_list("event__slug", "status")
        .annotate(n=Count("pk"))
        .order_by("event__slug", "status")
    )
    rows += [("registrations", slug, status, n) for slug, status, n in per_status]
    people: dict[tuple[str, str], int] = Counter()
    for slug, status, age, cancelled, photo, checked_in in Participant.objects.filter(
        registration__event__sub_event__festival=festival
    ).values_list(
        "registration__event__slug",
        "registration__status",
        "age",
        "cancelled_at",
        "photo_consent",
        "checked_in_at",
    ):
        if cancelled is not None:
            people[slug, "people_cancelled"] += 1
            continue
        people[slug, f"people_{status}"] += 1
        if status == Registration.Status.CONFIRMED:
            people[slug, _age_band(age)] += 1
            people[slug, "photo_consent"] += photo
            people[slug, "checked_in"] += checked_in is not None
    rows += [
        ("participants", slug, figure, n)
        for (slug, figure), n in sorted(people.items())
    ]
    return rows


def _volunteer_rows(festival: Festival) -> list[Row]:
    minutes: dict[tuple[str, str], int] = defaultdict(int)
    people: dict[tuple[str, str], int] = Counter()
    for role, starts, ends, attendance in (
        Assignment.objects.filter(
            shift__role__festival=festival, withdrawn_at__isnull=True
        )
        .values_list(
            "shift__role__slug", "shift__starts_at", "shift__ends_at", "attendance"
        )
        .order_by("pk")
    ):
        length = int((ends - starts).total_seconds() // 60)
        minutes[role, "minutes"] += length
        minutes[role, f"minutes_{starts.astimezone(BERLIN).date().isoformat()}"] += (
            length
        )
        people[role, "assignments"] += 1
        people[role, f"attendance_{attendance}"] += 1
    groups = (
        Volunteer.objects.filter(festival=festival)
        .values_list("age_group")
        .annotate(n=Count("pk"))
        .order_by("age_group")
    )
    rows: list[Row] = [
        ("shifts", role, figure, n)
        for (role, figure), n in sorted({**minutes, **people}.items())
    ]
    rows += [("volunteers", "all", f"age_group_{group}", n) for group, n in groups]
    return rows


def _run_rows(festival: Festival) -> list[Row]:
    rows: list[Row] = []
    for run in Run.objects.filter(event__sub_event__festival=festival).select_related(
        "event"
    ):
        figures = run_figures(run)
        total = figures.overall
        slug = run.event.slug
        rows += [
            ("charity_run", slug, "runners", total.runners),
            ("charity_run", slug, "teams", run.teams.count()),
            ("charity_run", slug, "laps", total.laps),
            ("charity_run", slug, "pledges", total.pledges),
            ("charity_run", slug, "pledged_cents", total.pledged),
            ("charity_run", slug, "received_cents", total.received),
        ]
    return rows


def _market_rows(festival: Festival) -> list[Row]:
    rows: list[Row] = []
    figures: dict[tuple[str, str], int] = Counter()
    for slug, status, kind, fee, paid in Application.objects.filter(
        market__event__sub_event__festival=festival
    ).values_list(
        "market__event__slug", "status", "seller_kind", "fee_cents", "paid_cents"
    ):
        figures[slug, f"applications_{status}"] += 1
        figures[slug, f"sellers_{kind}"] += 1
        if status == Application.Status.ALLOCATED:
            figures[slug, "pitches_allocated"] += 1
        figures[slug, "fees_cents"] += fee or 0
        figures[slug, "paid_cents"] += paid or 0
    rows += [
        ("flea_market", slug, figure, n)
        for (slug, figure), n in sorted(figures.items())
    ]
    return rows


def statistics_rows(festival: Festival) -> list[Row]:
    """Every figure of the festival that outlives its personal data."""
    return [
        *_registration_rows(festival),
        *_volunteer_rows(festival),
        *_run_rows(festival),
        *_market_rows(festival),
    ]


def statistics_csv(rows: Iterable[Row]) -> str:
    """The rows as CSV with a header line (area, subject, figure, value)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["area", "subject", "figure", "value"])
    writer.writerows(rows)
    return out.getvalue()
