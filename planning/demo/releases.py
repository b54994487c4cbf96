"""Two demo releases that tell a believable story without changing any event (the
core's load_demo sets every demo event from its content on each run): release 1
"Erstes Programm", five weeks before the festival, recorded the programme with a few
differences; release 2 "Programm 2", two weeks before, is the programme as it is.
Release 2's changes are what diff_snapshots finds between the two."""

import copy
import datetime as dt

from events.models import BERLIN, Event, Festival
from planning.models import Release, ReleaseChange
from planning.selectors.releases import diff_snapshots, snapshot_current

EARLIER = dt.timedelta(hours=1)


def _moment(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN)


def _shift(entry: dict, delta: dt.timedelta) -> None:
    for key in ("starts_at", "ends_at"):
        moment = dt.datetime.fromisoformat(entry[key]) - delta
        entry[key] = moment.astimezone(dt.UTC).isoformat()


def first_snapshot(current: dict[str, dict]) -> dict[str, dict]:
    """The programme as "Erstes Programm" showed it: three published events, spread
    over the week, an hour earlier, at another venue and not yet in it; the first
    cancelled event still published (any other cancelled one not yet in it)."""
    first = copy.deepcopy(current)
    published = sorted(
        (key for key, entry in current.items() if entry["status"] == "published"),
        key=lambda key: (current[key]["starts_at"], current[key]["slug"]),
    )
    cancelled = sorted(
        (key for key, entry in current.items() if entry["status"] == "cancelled"),
        key=lambda key: (current[key]["starts_at"], current[key]["slug"]),
    )
    venues = sorted(
        {(entry["venue_id"], entry["venue"]) for entry in current.values()},
        key=lambda venue: (venue[0] is None, venue[0] or 0),
    )
    if len(published) >= 4:
        count = len(published)
        _shift(first[published[count // 4]], EARLIER)
        moved = first[published[count // 2]]
        other = next(
            (v for v in venues if v[0] is not None and v[0] != moved["venue_id"]),
            None,
        )
        if other is not None:
            moved["venue_id"], moved["venue"] = other
        del first[published[(3 * count) // 4]]
    for index, key in enumerate(cancelled):
        if index == 0:
            first[key]["status"] = Event.Status.PUBLISHED
        else:
            del first[key]
    return first


def _release(
    festival: Festival,
    *,
    number: int,
    name: str,
    note: str,
    published_at: dt.datetime,
    before: dict,
    after: dict,
) -> Release:
    release = Release.objects.create(
        festival=festival,
        number=number,
        name=name,
        note=note,
        published_at=published_at,
        snapshot=after,
        notified_at=published_at,  # the demo sends no mail
    )
    ReleaseChange.objects.bulk_create(
        ReleaseChange(
            release=release,
            event_id=change.event_id,
            kind=change.kind,
            title=change.title,
            before=change.before,
            after=change.after,
        )
        for change in diff_snapshots(before, after)
    )
    return release


def demo_releases(festival: Festival) -> int:
    """The two releases, once: nothing happens when the festival has a release."""
    if Release.objects.filter(festival=festival).exists():
        return 0
    current = snapshot_current(festival=festival)
    if not current:
        return 0
    first = first_snapshot(current)
    _release(
        festival,
        number=1,
        name="Erstes Programm",
        note=(
            "Das erste Programm der Festwoche ist da! Anmeldungen sind ab sofort "
            "möglich; einzelne Zeiten können sich noch ändern."
        ),
        published_at=_moment(festival.start_date - dt.timedelta(weeks=5), 18),
        before={},
        after=first,
    )
    _release(
        festival,
        number=2,
        name="Programm 2",
        note=(
            "Ein neuer Programmpunkt, zwei Zeiten und Orte haben sich geändert, und "
            "leider mussten wir eine Veranstaltung absagen. Angemeldete Familien "
            "wurden per E-Mail informiert."
        ),
        published_at=_moment(festival.start_date - dt.timedelta(weeks=2), 18),
        before=first,
        after=current,
    )
    return 2
