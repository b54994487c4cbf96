"""The calendar feeds: what each contains, built in a fixed number of queries, and the
key under which a built feed is cached.

A feed is cached under a key that changes whenever its content can change: the
programme version for the public feeds (bumped after every committed change to an
event, venue, sub-event, …), a one-query fingerprint of the owner's rows for the
personal feeds. So a calendar app's conditional request is answered from the cache
(304) without building anything, and a rebuilt feed has the same bytes — and the
same ETag, a hash of the bytes — as long as its content is the same.
"""

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Prefetch, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar

from calendars.models import FeedToken
from events import ics
from events.models import Audience, Event, SubEvent, Venue
from events.registry import registry
from events.selectors import event_list_public, festival_current, programme_version
from events.tokens import token_lookup
from registrations.ics import registration_entry
from registrations.models import Registration
from volunteers.models import Assignment

# Reminders in the personal feeds: families two hours before (time to get the
# children ready and there), volunteers one hour before their shift.
HOUSEHOLD_ALARM = dt.timedelta(hours=2)
VOLUNTEER_ALARM = dt.timedelta(hours=1)

CACHE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Feed:
    body: bytes
    etag: str  # quoted, strong: a hash of the bytes
    last_modified: dt.datetime | None
    filename: str


def _feed(
    calendar: Calendar,
    entries: list[ics.Entry],
    *,
    filename: str,
    changed_at: dt.datetime | None = None,
) -> Feed:
    """`changed_at`: the last change of what the feed is made from, removals
    included. The newest entry alone is not enough: when an entry leaves the feed
    (a cancelled registration, a withdrawn shift, an event moved to another
    sub-event) Last-Modified would go back, and a calendar app asking
    If-Modified-Since would get 304 and keep the entry."""
    body = ics.calendar_bytes(calendar, entries)
    changes = [e.changed_at for e in entries] + ([changed_at] if changed_at else [])
    return _feed_of(body, max(changes, default=None), filename)


def _feed_of(body: bytes, last_modified: dt.datetime | None, filename: str) -> Feed:
    return Feed(
        body=body,
        etag='"' + hashlib.sha256(body).hexdigest()[:32] + '"',
        # Whole seconds, as in the HTTP date: with microseconds the time would
        # always be later than the If-Modified-Since a client sends back, and
        # no such request would ever get 304.
        last_modified=last_modified.replace(microsecond=0) if last_modified else None,
        filename=filename,
    )


def feed_cached(key: str, build: Callable[[], Feed]) -> Feed:
    """The feed stored under `key`, built and stored on a miss."""
    feed = cache.get(key)
    if feed is None:
        feed = build()
        cache.set(key, feed, CACHE_SECONDS)
    return feed


def _public_key(kind: str, ident: str, language: str) -> str:
    return f"calendar:{kind}:{ident}:{language}:{programme_version()}"


def _programme_changed_at() -> dt.datetime | None:
    """When the programme last changed: its version is the time of the last bump
    (events.services.programme_touch), deletions and unpublishing included."""
    try:
        return dt.datetime.strptime(programme_version(), "%Y%m%d%H%M%S%f").replace(
            tzinfo=dt.UTC
        )
    except ValueError:
        return None


def _festival_name() -> str:
    festival = festival_current()
    return festival.name if festival is not None else _("Festival week")


def _event_entries(events: QuerySet[Event] | list[Event]) -> list[ics.Entry]:
    return [ics.event_entry(event) for event in events]


# --- Public feeds ---------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeFilter:
    """The programme feed's optional filters (from the query string, checked)."""

    sub_event: SubEvent | None = None
    audience: Audience | None = None
    age_from: int | None = None
    age_to: int | None = None

    @property
    def ident(self) -> str:
        return ":".join(
            str(part)
            for part in (
                self.sub_event.pk if self.sub_event else "",
                self.audience.pk if self.audience else "",
                "" if self.age_from is None else self.age_from,
                "" if self.age_to is None else self.age_to,
            )
        )

    def apply(self, events: QuerySet[Event]) -> QuerySet[Event]:
        if self.sub_event is not None:
            events = events.filter(sub_event=self.sub_event)
        if self.audience is not None:
            events = events.filter(audiences=self.audience)
        if self.age_from is not None:
            # Events whose age range meets [age_from, age_to]: "for 6–10-year-olds"
            # includes an event for 3–8 and one for 9 and up.
            events = events.exclude(max_age__lt=self.age_from)
            events = events.exclude(min_age__gt=self.age_to)
        return events

    def describe(self) -> str:
        parts = []
        if self.sub_event is not None:
            parts.append(self.sub_event.name)
        if self.audience is not None:
            parts.append(self.audience.name)
        if self.age_from is not None:
            parts.append(
                _("%(low)s–%(high)s years")
                % {"low": self.age_from, "high": self.age_to}
                if self.age_from != self.age_to
                else _("%(age)s years") % {"age": self.age_from}
            )
        return ", ".join(parts)


def _public_feed(events: QuerySet[Event], calendar: Calendar, *, filename: str) -> Feed:
    """A public feed of `events`, assembled from each event's cached VEVENT.

    After an edit the programme version changes and every public feed is built
    again, but only the edited events' entries are serialized again: each entry
    is cached under the event's, its venue's and its sub-event's last change and
    its audiences. Serializing is most of a feed's cost (icalendar's to_ical and
    its line folding), so a 600-event feed after one edit costs two small
    queries and one entry.
    """
    language = translation.get_language()
    rows = list(
        events.values_list(
            "pk", "updated_at", "venue__updated_at", "sub_event__updated_at"
        )
    )
    audiences: dict[int, list[str]] = {}
    for event_id, name in (
        Event.audiences.through.objects.filter(event__in=events)
        .order_by("audience__position", "audience__pk")
        .values_list("event_id", "audience__name")
    ):
        audiences.setdefault(event_id, []).append(name)
    keys = {
        pk: "calendar:vevent:{}:{}:{}:{}:{}:{}".format(
            language,
            pk,
            updated.timestamp(),
            venue_updated.timestamp() if venue_updated else "",
            sub_event_updated.timestamp(),
            hashlib.sha256("\x1f".join(audiences.get(pk, [])).encode()).hexdigest()[
                :16
            ],
        )
        for pk, updated, venue_updated, sub_event_updated in rows
    }
    cached = cache.get_many(list(keys.values()))
    missing = [pk for pk, key in keys.items() if key not in cached]
    if missing:
        built = {}
        to_build = list(event_list_public().filter(pk__in=missing))
        details = registry.detail_lines_map(to_build)
        for event in to_build:
            entry = ics.event_entry(event, details=details.get(event.pk, []))
            built[keys[event.pk]] = (ics.vevent(entry).to_ical(), entry.changed_at)
        cache.set_many(built, CACHE_SECONDS)
        cached.update(built)
    parts = [cached[keys[pk]] for pk, *_rest in rows if keys[pk] in cached]
    head = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    body = head[: -len(end)] + b"".join(part for part, _changed in parts) + end
    changes = [changed for _part, changed in parts]
    if (programme_changed := _programme_changed_at()) is not None:
        changes.append(programme_changed)
    return _feed_of(body, max(changes, default=None), filename)


def programme_feed(selection: ProgrammeFilter, *, language: str) -> Feed:
    """The whole programme (published and cancelled events), optionally filtered."""

    def build() -> Feed:
        events = selection.apply(Event.objects.public())
        if selection.audience is not None:
            events = events.distinct()
        name = _festival_name()
        what = selection.describe()
        if what:
            name = f"{name}: {what}"
        calendar = ics.calendar_new(
            name=name,
            description=_("The programme of the festival week. Updated every hour."),
        )
        return _public_feed(
            events.order_by("starts_at", "title"), calendar, filename="programme.ics"
        )

    with translation.override(language):
        return feed_cached(_public_key("programme", selection.ident, language), build)


def sub_event_feed(sub_event: SubEvent, *, language: str) -> Feed:
    def build() -> Feed:
        calendar = ics.calendar_new(
            name=f"{_festival_name()}: {sub_event.name}",
            description=sub_event.description,
        )
        events = Event.objects.public().filter(sub_event=sub_event)
        return _public_feed(
            events.order_by("starts_at", "title"),
            calendar,
            filename=f"{sub_event.slug}.ics",
        )

    with translation.override(language):
        return feed_cached(_public_key("sub_event", str(sub_event.pk), language), build)


def venue_feed(venue: Venue, *, language: str) -> Feed:
    def build() -> Feed:
        calendar = ics.calendar_new(
            name=f"{_festival_name()}: {venue.name}",
            description=_("Everything at %(venue)s, %(address)s.")
            % {"venue": venue.name, "address": venue.address},
        )
        events = Event.objects.public().filter(venue=venue)
        return _public_feed(
            events.order_by("starts_at", "title"),
            calendar,
            filename=f"{venue.slug}.ics",
        )

    with translation.override(language):
        return feed_cached(_public_key("venue", str(venue.pk), language), build)


def event_feed(event: Event, *, language: str) -> Feed:
    """One event, the "add to calendar" download (with the event's UID, so a later
    subscription to the programme does not show it twice in apps that merge)."""

    def build() -> Feed:
        calendar = ics.calendar_new(name=event.title, refresh=ics.REFRESH_INTERVAL)
        return _feed(
            calendar,
            [ics.event_entry(event)],
            filename=f"{event.slug}.ics",
            changed_at=_programme_changed_at(),
        )

    with translation.override(language):
        return feed_cached(_public_key("event", str(event.pk), language), build)


# --- Personal feeds -------------------------------------------------------------------


def feed_token_owner(token: str) -> FeedToken | None:
    """The valid feed token with its owner, or None (unknown or revoked)."""
    return token_lookup(
        FeedToken.objects.valid().select_related("household", "volunteer__festival"),
        token,
    )


def _fingerprint(values: dict) -> str:
    return hashlib.sha256(repr(sorted(values.items())).encode()).hexdigest()[:24]


def household_feed(feed_token: FeedToken) -> Feed:
    """A family's confirmed registrations, and its waiting ones as TENTATIVE."""
    household = feed_token.household
    registrations = Registration.objects.filter(household=household)
    state = registrations.aggregate(
        rows=Count("pk"),
        registration_at=Max("updated_at"),
        event_at=Max("event__updated_at"),
        venue_at=Max("event__venue__updated_at"),
        sub_event_at=Max("event__sub_event__updated_at"),
    )
    state["household_at"] = household.updated_at
    # The programme version too: audiences renamed or set, a venue edited — what
    # the entries show of the events without touching the rows counted above.
    state["programme"] = programme_version()
    key = f"calendar:household:{feed_token.pk}:{_fingerprint(state)}"

    def build() -> Feed:
        active = (
            registrations.active()
            .select_related("event__sub_event", "event__venue")
            .prefetch_related(
                Prefetch(
                    "event__audiences", queryset=Audience.objects.order_by("position")
                )
            )
            .order_by("event__starts_at", "pk")
        )
        calendar = ics.calendar_new(
            name=_("My festival week"),
            description=_("Your registrations for %(festival)s.")
            % {"festival": _festival_name()},
        )
        entries = [
            registration_entry(registration, alarm_before=HOUSEHOLD_ALARM)
            for registration in active
        ]
        return _feed(
            calendar,
            entries,
            filename="festwoche.ics",
            changed_at=max(v for v in state.values() if isinstance(v, dt.datetime)),
        )

    with translation.override(household.language or settings.LANGUAGE_CODE):
        return feed_cached(key, build)


def volunteer_feed(feed_token: FeedToken) -> Feed:
    """A volunteer's shifts with role, place, briefing and the coordinator's contact."""
    volunteer = feed_token.volunteer
    assignments = Assignment.objects.filter(volunteer=volunteer)
    state = assignments.aggregate(
        rows=Count("pk"),
        created_at=Max("created_at"),
        withdrawn_at=Max("withdrawn_at"),
        shift_at=Max("shift__updated_at"),
        role_at=Max("shift__role__updated_at"),
        venue_at=Max("shift__venue__updated_at"),
        event_at=Max("shift__event__updated_at"),
    )
    state["volunteer_at"] = volunteer.updated_at
    state["programme"] = programme_version()
    key = f"calendar:volunteer:{feed_token.pk}:{_fingerprint(state)}"

    def build() -> Feed:
        active = (
            assignments.active()
            .select_related(
                "shift__role", "shift__venue", "shift__event", "shift__coordinator"
            )
            .order_by("shift__starts_at", "pk")
        )
        calendar = ics.calendar_new(
            name=_("My shifts"),
            description=_("Your shifts as a volunteer at %(festival)s.")
            % {"festival": volunteer.festival.name},
        )
        entries = [shift_entry(assignment) for assignment in active]
        return _feed(
            calendar,
            entries,
            filename="schichten.ics",
            changed_at=max(v for v in state.values() if isinstance(v, dt.datetime)),
        )

    with translation.override(volunteer.language or settings.LANGUAGE_CODE):
        return feed_cached(key, build)


def shift_entry(assignment: Assignment) -> ics.Entry:
    shift = assignment.shift
    venue = shift.venue
    lines = []
    if shift.event is not None:
        lines.append(_("For: %(event)s") % {"event": shift.event.title})
    if shift.role.briefing:
        lines.append(_("Briefing: %(text)s") % {"text": shift.role.briefing})
    if shift.notes:
        lines.append(_("Notes: %(text)s") % {"text": shift.notes})
    coordinator = shift.coordinator
    if coordinator is not None:
        contact = ", ".join(
            part
            for part in (
                coordinator.get_full_name() or coordinator.get_username(),
                shift.coordinator_phone,
                coordinator.email,
            )
            if part
        )
        lines.append(_("Coordinator: %(contact)s") % {"contact": contact})
    return ics.Entry(
        uid=ics.uid("assignment", assignment.pk),
        sequence=shift.sequence,
        changed_at=max(
            [
                shift.updated_at,
                shift.role.updated_at,
                venue.updated_at,
                assignment.created_at,
            ]
        ),
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        summary=_("Shift: %(role)s") % {"role": shift.role.name},
        location=", ".join(part for part in (venue.name, venue.address) if part),
        geo=(venue.latitude, venue.longitude) if venue.latitude is not None else None,
        # Not the volunteer's page: its address is their edit link, and a feed
        # address travels further than a person's own link should.
        url=settings.SITE_URL + shift.event.get_absolute_url() if shift.event else "",
        categories=[shift.role.name],
        description="\n".join(lines),
        alarm_before=VOLUNTEER_ALARM,
    )
