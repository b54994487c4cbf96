"""Reads of the core planning model that pages, the API, feeds and PDFs share."""

import datetime as dt
from dataclasses import dataclass, field
from itertools import groupby

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from events import roles
from events.models import (
    BERLIN,
    Audience,
    Event,
    Festival,
    Partner,
    SubEvent,
    Venue,
    VenueBooking,
)
from events.registry import registry


def festival_current() -> Festival | None:
    """The festival the site is about: the next one to end, else the latest.

    Every page's layout shows it, so it is cached per programme version and day
    (the answer changes when a festival changes or one ends).
    """
    today = timezone.localdate()
    key = f"festival:current:{programme_version()}:{today.isoformat()}"
    cached = cache.get(key)
    if cached is not None:
        return cached or None
    upcoming = (
        Festival.objects.filter(end_date__gte=today).order_by("start_date").first()
    )
    festival = upcoming or Festival.objects.order_by("-start_date").first()
    cache.set(key, festival or False, 3600)
    return festival


def venue_clashes(
    *,
    venue: Venue,
    blocked_from: dt.datetime,
    blocked_until: dt.datetime,
    exclude_event_id: int | None = None,
) -> list[Event]:
    """Events holding `venue` at some moment of [blocked_from, blocked_until)."""
    bookings = (
        VenueBooking.objects.filter(
            venue=venue, blocked_from__lt=blocked_until, blocked_until__gt=blocked_from
        )
        .exclude(event_id=exclude_event_id)
        .select_related("event")
        .order_by("blocked_from")
    )
    return [booking.event for booking in bookings]


def event_list_programme() -> QuerySet[Event]:
    """Published and cancelled events with what a programme card shows, 1 query.

    The cards show no audiences or host partners, so unlike event_list_public
    this fetches none (15% of a cold programme render went to those prefetches).
    """
    return (
        Event.objects.public()
        .select_related("sub_event", "venue")
        .order_by("starts_at", "title")
    )


def _with_relations(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """What the event API and page show of each event, in 3 queries in all."""
    return (
        queryset.select_related("sub_event", "venue")
        .prefetch_related(
            Prefetch("audiences", queryset=Audience.objects.order_by("position")),
            Prefetch(
                "host_partners", queryset=Partner.objects.only("id", "name", "slug")
            ),
        )
        .order_by("starts_at", "title")
    )


def event_list_public() -> QuerySet[Event]:
    """Published and cancelled events with their relations."""
    return _with_relations(Event.objects.public())


def event_list_visible(*, user: AbstractBaseUser) -> QuerySet[Event]:
    """The public events plus the drafts `user` may edit (planners' view)."""
    editable = roles.events_editable_by(user).values("pk")
    return _with_relations(
        Event.objects.filter(
            Q(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])
            | Q(pk__in=editable)
        )
    )


def event_get_public(*, slug: str) -> Event:
    return event_list_public().get(slug=slug)


@dataclass
class ProgrammeDay:
    day: dt.date
    events: list[Event] = field(default_factory=list)


def programme_group_by_day(events: QuerySet[Event] | list[Event]) -> list[ProgrammeDay]:
    """Split a start-ordered list of events into days (Europe/Berlin)."""
    return [
        ProgrammeDay(day=day, events=list(group))
        for day, group in groupby(events, key=lambda event: event.local_day)
    ]


PROGRAMME_VERSION_KEY = "programme:version"


def programme_version() -> str:
    """A key that changes whenever anything the programme shows changes.

    Kept in the cache and bumped after each committed change to a programme model
    (see events.signals), so a page reading it costs no query.
    """
    version = cache.get(PROGRAMME_VERSION_KEY)
    if version is None:
        version = timezone.now().strftime("%Y%m%d%H%M%S%f")
        cache.add(PROGRAMME_VERSION_KEY, version, timeout=None)
        version = cache.get(PROGRAMME_VERSION_KEY, version)
    return str(version)


def seats_available_map(events: list[Event]) -> dict[int, int | None]:
    """Free seats per event id (None where the event takes no registration).

    Apps that hold seats (registrations) report them through the registry in one
    query for all events, so a list's query count does not grow with its length.
    """
    taken = registry.seats_taken(events)
    return {
        event.pk: (
            None
            if event.capacity is None
            else max(event.capacity - taken.get(event.pk, 0), 0)
        )
        for event in events
    }


def sub_event_list() -> QuerySet[SubEvent]:
    # The explicit order_by matters: Meta.ordering is not applied to a query that
    # aggregates, and the API pages through this list.
    return (
        SubEvent.objects.select_related("lead_partner")
        .annotate(
            public_events=Count(
                "events",
                filter=Q(
                    events__status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED]
                ),
            )
        )
        .order_by("position", "name")
    )


def venue_list_public() -> QuerySet[Venue]:
    return Venue.objects.filter(is_published=True)


# --- Conflicts ----------------------------------------------------------------------
@dataclass(frozen=True)
class Conflict:
    """One scheduling problem, with a link where an organiser can fix it.

    `severity` orders a to-do list ("high" before "medium" before "low");
    `fix_label` names the link ("" lets the page choose); `sub_event_ids` are the
    sub-events the problem belongs to, so a module lead can find theirs.
    """

    kind: str
    message: str
    event_ids: tuple[int, ...]
    fix_url: str
    severity: str = "medium"
    fix_label: str = ""
    sub_event_ids: tuple[int, ...] = ()


def _admin_url(event: Event) -> str:
    return reverse("admin:events_event_change", args=[event.pk])


def _when(event: Event) -> str:
    return date_format(timezone.localtime(event.starts_at, BERLIN), "D, d.m. H:i")


def conflict_list(
    *, festival: Festival | None = None, completeness: bool = False
) -> list[Conflict]:
    """Every scheduling problem of the festival, in a stable order.

    Venue overlaps at non-shared venues (buffers included), events outside the
    festival days, published events at unpublished venues, capacity above the
    venue's capacity; with `completeness` also what an event still lacks: a venue
    (`no_venue`), a description or summary (`no_description`), a registration
    opening date where it has a capacity (`no_registration_opening`). Cancelled
    events are ignored. A fixed number of queries (one).
    """
    festival = festival or festival_current()
    events = list(
        Event.objects.exclude(status=Event.Status.CANCELLED)
        .filter(sub_event__festival=festival)
        .select_related("venue", "sub_event")
        .order_by("starts_at", "pk")
    )
    conflicts: list[Conflict] = []

    by_venue: dict[int, list[Event]] = {}
    for event in events:
        if event.venue is not None and not event.venue.shared:
            by_venue.setdefault(event.venue_id, []).append(event)
    for venue_events in by_venue.values():
        venue_events.sort(key=lambda e: e.blocked_from)
        for i, first in enumerate(venue_events):
            for second in venue_events[i + 1 :]:
                if second.blocked_from >= first.blocked_until:
                    break
                conflicts.append(
                    Conflict(
                        kind="venue_overlap",
                        message=_(
                            "“%(a)s” and “%(b)s” overlap at %(venue)s (%(when)s)."
                        )
                        % {
                            "a": first.title,
                            "b": second.title,
                            "venue": first.venue.name,
                            "when": _when(second),
                        },
                        event_ids=(first.pk, second.pk),
                        fix_url=_admin_url(second),
                        severity="high",
                        sub_event_ids=_sub_events(first, second),
                    )
                )

    if festival is not None:
        for event in events:
            if not festival.start_date <= event.local_day <= festival.end_date:
                conflicts.append(
                    Conflict(
                        kind="outside_festival",
                        message=_(
                            "“%(title)s” is on %(when)s, outside the festival days."
                        )
                        % {"title": event.title, "when": _when(event)},
                        event_ids=(event.pk,),
                        fix_url=_admin_url(event),
                        severity="high",
                        sub_event_ids=(event.sub_event_id,),
                    )
                )
    for event in events:
        if (
            event.status == Event.Status.PUBLISHED
            and event.venue is not None
            and not event.venue.is_published
        ):
            conflicts.append(
                Conflict(
                    kind="unpublished_venue",
                    message=_(
                        "“%(title)s” is published, but its venue %(venue)s is not."
                    )
                    % {"title": event.title, "venue": event.venue.name},
                    event_ids=(event.pk,),
                    fix_url=reverse("admin:events_venue_change", args=[event.venue_id]),
                    severity="high",
                    sub_event_ids=(event.sub_event_id,),
                )
            )
        if (
            event.capacity is not None
            and event.venue is not None
            and event.venue.capacity is not None
            and event.capacity > event.venue.capacity
        ):
            conflicts.append(
                Conflict(
                    kind="capacity_above_venue",
                    message=_(
                        "“%(title)s” takes %(capacity)s people, "
                        "%(venue)s holds %(max)s."
                    )
                    % {
                        "title": event.title,
                        "capacity": event.capacity,
                        "venue": event.venue.name,
                        "max": event.venue.capacity,
                    },
                    event_ids=(event.pk,),
                    fix_url=_admin_url(event),
                    sub_event_ids=(event.sub_event_id,),
                )
            )
    if completeness:
        conflicts.extend(_gaps(events))
    return conflicts


def _sub_events(*events: Event) -> tuple[int, ...]:
    return tuple(dict.fromkeys(event.sub_event_id for event in events))


def _gaps(events: list[Event]) -> list[Conflict]:
    """What the events still lack before families can find and book them."""
    gaps: list[Conflict] = []
    for event in events:
        if event.venue_id is None:
            gaps.append(
                Conflict(
                    kind="no_venue",
                    message=_("“%(title)s” (%(when)s) has no venue yet.")
                    % {"title": event.title, "when": _when(event)},
                    event_ids=(event.pk,),
                    fix_url=_admin_url(event),
                    sub_event_ids=(event.sub_event_id,),
                )
            )
    for event in events:
        if not event.description.strip() and not event.summary.strip():
            gaps.append(
                Conflict(
                    kind="no_description",
                    message=_("“%(title)s” has neither a summary nor a description.")
                    % {"title": event.title},
                    event_ids=(event.pk,),
                    fix_url=_admin_url(event),
                    severity="low",
                    sub_event_ids=(event.sub_event_id,),
                )
            )
    for event in events:
        if event.capacity is not None and event.registration_opens_at is None:
            gaps.append(
                Conflict(
                    kind="no_registration_opening",
                    message=_(
                        "“%(title)s” takes %(capacity)s people, but no date is set "
                        "when registration opens."
                    )
                    % {"title": event.title, "capacity": event.capacity},
                    event_ids=(event.pk,),
                    fix_url=_admin_url(event),
                    severity="low",
                    sub_event_ids=(event.sub_event_id,),
                )
            )
    return gaps
