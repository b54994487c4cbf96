"""Reads of the programme's releases: the public programme as a snapshot, what
changed between two snapshots, and the rows the organisers' and the public page
show.

A snapshot is {str(event_id): {"title", "slug", "starts_at", "ends_at", "venue",
"venue_id", "status"}} of every public event (published or cancelled), times in
ISO 8601 UTC, so that it compares equal however often it is stored and loaded.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from events.models import Event, Festival
from planning.models import Release, ReleaseChange
from registrations.services import releases as registration_releases
from volunteers.services import releases as volunteer_releases

Kind = ReleaseChange.Kind

# The order a list of changes is read in: what is new first, what is gone last.
KIND_ORDER = [Kind.NEW, Kind.MOVED, Kind.CANCELLED, Kind.REMOVED]
# Who is told: the people registered for (or helping at) a moved or cancelled event.
TOLD_KINDS = (Kind.MOVED, Kind.CANCELLED)
PLACE_KEYS = ("starts_at", "ends_at", "venue_id")

PUBLISHED = Event.Status.PUBLISHED
CANCELLED = Event.Status.CANCELLED


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat()


def event_snapshot(event: Event) -> dict:
    """One event as a release records it (its venue must be loaded)."""
    return {
        "title": event.title,
        "slug": event.slug,
        "starts_at": _iso(event.starts_at),
        "ends_at": _iso(event.ends_at),
        "venue": event.venue.name if event.venue else None,
        "venue_id": event.venue_id,
        "status": event.status,
    }


def snapshot_current(*, festival: Festival) -> dict[str, dict]:
    """The festival's public programme as it is now, in one query."""
    events = (
        Event.objects.public()
        .filter(sub_event__festival=festival)
        .select_related("venue")
        .order_by("pk")
    )
    return {str(event.pk): event_snapshot(event) for event in events}


@dataclass(frozen=True)
class Change:
    """One line of a diff: `before` and `after` are snapshot entries (or None)."""

    event_id: int
    kind: str
    title: str
    before: dict | None
    after: dict | None


def _sort_key(change: Change) -> tuple:
    entry = change.after or change.before or {}
    return (
        KIND_ORDER.index(change.kind),
        entry.get("starts_at", ""),
        change.title,
        change.event_id,
    )


def diff_snapshots(before: dict[str, dict], after: dict[str, dict]) -> list[Change]:
    """What the public learns between two snapshots, in reading order.

    NEW: published now, not before (also an event published again after a
    cancellation). MOVED: published in both, another start, end or venue.
    CANCELLED: cancelled now, published before. REMOVED: published before, now
    neither published nor cancelled (a draft again, or deleted). A new title alone
    is no change; an event cancelled before it was ever released is no change.
    """
    changes: list[Change] = []
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        was_published = old is not None and old["status"] == PUBLISHED
        kind = None
        if new is not None and new["status"] == PUBLISHED:
            if not was_published:
                kind = Kind.NEW
            elif any(old.get(name) != new.get(name) for name in PLACE_KEYS):
                kind = Kind.MOVED
        elif new is not None and new["status"] == CANCELLED:
            if was_published:
                kind = Kind.CANCELLED
        elif was_published:
            kind = Kind.REMOVED
        if kind is None:
            continue
        title = (new or old)["title"]
        changes.append(
            Change(
                event_id=int(key),
                kind=str(kind),
                title=title,
                before=old if was_published else None,
                after=new,
            )
        )
    return sorted(changes, key=_sort_key)


def release_latest(*, festival: Festival) -> Release | None:
    return Release.objects.filter(festival=festival).order_by("-number").first()


# --- what the pages show --------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """Day, time and place of an event as a snapshot recorded it."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    venue: str | None

    @classmethod
    def of(cls, entry: dict | None) -> "Slot | None":
        if not entry:
            return None
        return cls(
            starts_at=dt.datetime.fromisoformat(entry["starts_at"]),
            ends_at=dt.datetime.fromisoformat(entry["ends_at"]),
            venue=entry.get("venue"),
        )


@dataclass
class ChangeRow:
    """A change as a page lists it."""

    kind: str
    title: str
    before: Slot | None
    after: Slot | None
    event: Event | None = None
    url: str | None = None  # the event page, while the event is public
    reason: str = ""  # why it was cancelled
    households: int = 0  # who will be told (pending changes only)
    volunteers: int = 0

    @property
    def time_changed(self) -> bool:
        return bool(
            self.before
            and self.after
            and (self.before.starts_at, self.before.ends_at)
            != (self.after.starts_at, self.after.ends_at)
        )

    @property
    def venue_changed(self) -> bool:
        return bool(
            self.before and self.after and self.before.venue != self.after.venue
        )


@dataclass
class ChangeGroup:
    kind: str
    label: str
    rows: list[ChangeRow]


def _row(
    *,
    kind: str,
    title: str,
    before: dict | None,
    after: dict | None,
    event: Event | None,
) -> ChangeRow:
    public = event is not None and event.status in (PUBLISHED, CANCELLED)
    return ChangeRow(
        kind=kind,
        title=title,
        before=Slot.of(before),
        after=Slot.of(after),
        event=event,
        url=reverse("events:event", kwargs={"slug": event.slug}) if public else None,
        reason=event.cancel_reason
        if event is not None and event.status == CANCELLED
        else "",
    )


def _groups(rows: list[ChangeRow]) -> list[ChangeGroup]:
    labels = dict(Kind.choices)
    return [
        ChangeGroup(
            kind=str(kind),
            label=str(labels[kind]),
            rows=[row for row in rows if row.kind == kind],
        )
        for kind in KIND_ORDER
        if any(row.kind == kind for row in rows)
    ]


@dataclass
class PendingChanges:
    """The live diff between the public programme and the last release."""

    last: Release | None
    snapshot: dict[str, dict]
    rows: list[ChangeRow] = field(default_factory=list)
    households: int = 0  # distinct households that will get a mail
    volunteers: int = 0  # distinct volunteers that will get a mail

    @property
    def groups(self) -> list[ChangeGroup]:
        return _groups(self.rows)


def pending_changes(*, festival: Festival) -> PendingChanges:
    """What the next release would say, and how many people it would tell; a fixed
    number of queries (last release, programme, events, two counts per side)."""
    last = release_latest(festival=festival)
    snapshot = snapshot_current(festival=festival)
    changes = diff_snapshots(last.snapshot if last else {}, snapshot)
    events = Event.objects.in_bulk([change.event_id for change in changes])
    told = [change.event_id for change in changes if change.kind in TOLD_KINDS]
    per_household = registration_releases.households_per_event(event_ids=told)
    per_volunteer = volunteer_releases.volunteers_per_event(event_ids=told)
    rows = []
    for change in changes:
        row = _row(
            kind=change.kind,
            title=change.title,
            before=change.before,
            after=change.after,
            event=events.get(change.event_id),
        )
        if change.kind in TOLD_KINDS:
            row.households = per_household.get(change.event_id, 0)
            row.volunteers = per_volunteer.get(change.event_id, 0)
        rows.append(row)
    return PendingChanges(
        last=last,
        snapshot=snapshot,
        rows=rows,
        households=registration_releases.households_count(event_ids=told),
        volunteers=volunteer_releases.volunteers_count(event_ids=told),
    )


@dataclass
class ReleaseView:
    release: Release
    rows: list[ChangeRow]

    @property
    def groups(self) -> list[ChangeGroup]:
        return _groups(self.rows)

    @property
    def anchor(self) -> str:
        return f"release-{self.release.number}"


def _change_rows(release: Release) -> list[ChangeRow]:
    # Stored in reading order (diff_snapshots' order), so by primary key.
    return [
        _row(
            kind=change.kind,
            title=change.title,
            before=change.before,
            after=change.after,
            event=change.event,
        )
        for change in release.changes.all()
    ]


def releases_with_changes(*, festival: Festival | None) -> list[ReleaseView]:
    """Every release of the festival, newest first, with its changes; 2 queries."""
    if festival is None:
        return []
    releases: QuerySet[Release] = (
        Release.objects.filter(festival=festival)
        .select_related("published_by")
        .prefetch_related(
            Prefetch(
                "changes",
                queryset=ReleaseChange.objects.select_related("event").order_by("pk"),
            )
        )
        .order_by("-number")
    )
    return [
        ReleaseView(release=release, rows=_change_rows(release)) for release in releases
    ]
