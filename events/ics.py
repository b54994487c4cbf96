"""iCalendar building blocks shared by the calendar feeds and the e-mail attachments.

Built with the icalendar library, around what real calendar apps need:
- times carry TZID=Europe/Berlin with an RRULE-based VTIMEZONE, which Outlook,
  Google, Apple, Thunderbird (ical.js) and libical all read; icalendar's own
  `add_missing_timezones()` writes RDATE lists that libical and Outlook reject;
- DTSTAMP and LAST-MODIFIED are the object's last change, never "now", so the same
  content always gives the same bytes (and an ETag can match);
- SEQUENCE comes from the objects' revision counters: apps replace an entry only
  when it rises;
- text values are wrapped in vText, which escapes commas, semicolons and newlines
  (icalendar leaves calendar-level NAME and X-WR-* unescaped otherwise);
- no METHOD: with METHOD:PUBLISH libical demands an ORGANIZER on every event.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _
from icalendar import (
    Alarm,
    Calendar,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vDuration,
    vText,
)
from icalendar import Event as VEvent

from events.models import BERLIN, Event
from events.registry import registry
from events.templatetags.festwoche import age_range

# How often subscribed apps should fetch a feed again (RFC 7986 and Outlook's
# X-PUBLISHED-TTL). Apple and Thunderbird follow it; Google fetches on its own
# schedule (several hours) whatever a feed says.
REFRESH_INTERVAL = dt.timedelta(hours=1)


def host() -> str:
    """The site's host name, the right-hand side of every UID."""
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]


def uid(kind: str, pk: int) -> str:
    """A stable UID per object and feed type: `event-12@festwoche.example.org`."""
    return f"{kind}-{pk}@{host()}"


def berlin_vtimezone() -> Timezone:
    """Europe/Berlin as RRULEs: last Sunday of March 02:00 → CEST (+02:00), last
    Sunday of October 03:00 → CET (+01:00)."""
    tz = Timezone()
    tz.add("tzid", "Europe/Berlin")
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("dtstart", dt.datetime(1981, 3, 29, 2, 0))
    summer.add("tzoffsetfrom", dt.timedelta(hours=1))
    summer.add("tzoffsetto", dt.timedelta(hours=2))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("dtstart", dt.datetime(1996, 10, 27, 3, 0))
    winter.add("tzoffsetfrom", dt.timedelta(hours=2))
    winter.add("tzoffsetto", dt.timedelta(hours=1))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


def calendar_new(
    *,
    name: str,
    description: str = "",
    refresh: dt.timedelta | None = REFRESH_INTERVAL,
) -> Calendar:
    """An empty calendar with its name, description, refresh hint and time zone."""
    calendar = Calendar()
    calendar.add("prodid", "-//Festwoche//Festwoche//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", vText(name))
    calendar.add("x-wr-calname", vText(name))
    if description:
        calendar.add("description", vText(description))
        calendar.add("x-wr-caldesc", vText(description))
    calendar.add("x-wr-timezone", "Europe/Berlin")
    if refresh is not None:
        calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(refresh))
    calendar.add_component(berlin_vtimezone())
    return calendar


@dataclass
class Entry:
    """What one VEVENT says; built by the feeds from events, registrations and
    shifts."""

    uid: str
    sequence: int
    changed_at: dt.datetime
    starts_at: dt.datetime
    ends_at: dt.datetime
    summary: str
    status: str = "CONFIRMED"  # or TENTATIVE, CANCELLED
    location: str = ""
    geo: tuple[Decimal, Decimal] | None = None
    url: str = ""
    categories: list[str] = field(default_factory=list)
    description: str = ""
    alarm_before: dt.timedelta | None = None


def vevent(entry: Entry) -> VEvent:
    component = VEvent()
    changed = entry.changed_at.astimezone(dt.UTC).replace(microsecond=0)
    component.add("uid", entry.uid)
    component.add("dtstamp", changed)
    component.add("last-modified", changed)
    component.add("sequence", entry.sequence)
    component.add("dtstart", entry.starts_at.astimezone(BERLIN))
    component.add("dtend", entry.ends_at.astimezone(BERLIN))
    component.add("summary", vText(entry.summary))
    component.add("status", entry.status)
    if entry.status == "CANCELLED":
        component.add("transp", "TRANSPARENT")
    if entry.location:
        component.add("location", vText(entry.location))
    if entry.geo is not None:
        component.add("geo", (float(entry.geo[0]), float(entry.geo[1])))
    if entry.url:
        component.add("url", entry.url)
    if entry.categories:
        component.add("categories", [vText(c) for c in entry.categories])
    # An empty DESCRIPTION is invalid: libical drops it with a warning.
    if entry.description:
        component.add("description", vText(entry.description))
    if entry.alarm_before is not None and entry.status != "CANCELLED":
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", vText(entry.summary))
        alarm.add("trigger", -entry.alarm_before)
        component.add_component(alarm)
    return component


def calendar_bytes(calendar: Calendar, entries: Iterable[Entry]) -> bytes:
    for entry in entries:
        calendar.add_component(vevent(entry))
    return calendar.to_ical()


# --- Events ---------------------------------------------------------------------------


def _price(event: Event) -> str:
    if event.is_free:
        return _("Free of charge")
    return _("Price: %(price)s") % {"price": event.price_text}


def _registration_note(event: Event) -> str:
    """Whether and from when registration is needed. Free seats are not in the
    feed: they change with every registration and would change the feed's bytes
    all evening; the event's page has them live."""
    if event.capacity is None:
        return _("No registration needed.")
    if event.registration_opens_at:
        opens = formats.date_format(
            event.registration_opens_at.astimezone(BERLIN), "DATETIME_FORMAT"
        )
        return _("Registration needed, from %(opens)s: %(url)s") % {
            "opens": opens,
            "url": settings.SITE_URL + event.get_absolute_url(),
        }
    return _("Registration needed: %(url)s") % {
        "url": settings.SITE_URL + event.get_absolute_url()
    }


def event_location(event: Event) -> str:
    if event.venue is None:
        return ""
    return ", ".join(part for part in (event.venue.name, event.venue.address) if part)


def event_description(
    event: Event,
    *,
    registration_note: str | None = None,
    details: list[str] | None = None,
) -> str:
    """Summary, age range, price, registration and accessibility, one per line.

    `registration_note` replaces the public note on registration (a family's own
    entry says whether they are registered or waiting)."""
    lines = []
    if event.is_cancelled:
        lines.append(
            _("Cancelled: %(reason)s") % {"reason": event.cancel_reason}
            if event.cancel_reason
            else _("Cancelled.")
        )
    if event.summary:
        lines.append(event.summary)
    ages = age_range(event)
    lines.append(_("Age: %(ages)s") % {"ages": ages} if ages else _("For all ages"))
    lines.append(_price(event))
    lines.append(
        registration_note
        if registration_note is not None
        else _registration_note(event)
    )
    # `details`: the modules' lines when the caller fetched them for many events.
    lines.extend(details if details is not None else registry.detail_lines(event))
    access = []
    if event.venue is not None:
        if event.venue.step_free:
            access.append(_("step-free access"))
        if event.venue.accessible_toilet:
            access.append(_("accessible toilet"))
        if event.venue.hearing_loop:
            access.append(_("hearing loop"))
        if event.venue.accessibility_notes:
            access.append(event.venue.accessibility_notes)
    if event.accessibility_notes:
        access.append(event.accessibility_notes)
    if access:
        lines.append(_("Accessibility: %(notes)s") % {"notes": "; ".join(access)})
    return "\n".join(lines)


def event_summary(event: Event) -> str:
    if event.is_cancelled:
        return _("Cancelled: %(title)s") % {"title": event.title}
    return event.title


def event_entry(
    event: Event,
    *,
    kind: str = "event",
    pk: int | None = None,
    sequence: int = 0,
    status: str | None = None,
    changed_at: dt.datetime | None = None,
    alarm_before: dt.timedelta | None = None,
    summary_prefix: str = "",
    registration_note: str | None = None,
    details: list[str] | None = None,
) -> Entry:
    """An event as a calendar entry. The feeds of the programme use the event's own
    UID; a family's feed passes its registration (kind, pk, extra sequence, status
    TENTATIVE while waiting)."""
    venue = event.venue
    geo = (
        (venue.latitude, venue.longitude)
        if venue is not None and venue.latitude is not None
        else None
    )
    categories = [event.sub_event.name] + [a.name for a in event.audiences.all()]
    return Entry(
        uid=uid(kind, pk if pk is not None else event.pk),
        sequence=event.sequence + sequence,
        changed_at=max(
            [event.updated_at, changed_at or event.updated_at]
            + ([venue.updated_at] if venue is not None else [])
        ),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        summary=summary_prefix + event_summary(event),
        status="CANCELLED" if event.is_cancelled else (status or "CONFIRMED"),
        location=event_location(event),
        geo=geo,
        url=settings.SITE_URL + event.get_absolute_url(),
        categories=categories,
        description=event_description(
            event, registration_note=registration_note, details=details
        ),
        alarm_before=alarm_before,
    )
