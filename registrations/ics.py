"""An iCalendar file for one registration, attached to the family's e-mails.

Built with the icalendar library; times carry TZID=Europe/Berlin with an RRULE-based
VTIMEZONE (what Outlook, Google, Apple, Thunderbird and libical all read). The UID
is the event's, so a later update replaces the entry instead of adding a second one.
"""

import datetime as dt

from django.conf import settings
from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard, vText
from icalendar import Event as VEvent

from events.models import BERLIN
from registrations.models import Registration


def berlin_vtimezone() -> Timezone:
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


def event_uid(event) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return f"event-{event.pk}@{host}"


def registration_ics(registration: Registration) -> str:
    event = registration.event
    calendar = Calendar()
    calendar.add("prodid", "-//Festwoche//Registrations//DE")
    calendar.add("version", "2.0")
    calendar.add_component(berlin_vtimezone())
    entry = VEvent()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", event.updated_at.astimezone(dt.UTC))
    entry.add("dtstart", event.starts_at.astimezone(BERLIN))
    entry.add("dtend", event.ends_at.astimezone(BERLIN))
    entry.add("summary", vText(event.title))
    if event.venue:
        entry.add("location", vText(f"{event.venue.name}, {event.venue.address}"))
    entry.add("url", settings.SITE_URL + event.get_absolute_url())
    # An empty DESCRIPTION is invalid: libical drops it with a warning.
    if event.summary:
        entry.add("description", vText(event.summary))
    entry.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    calendar.add_component(entry)
    return calendar.to_ical().decode()
