"""The calendar file attached to a family's mails, read by two independent parsers
(icalendar and vobject) the way calendar programs read it."""

import datetime as dt

import icalendar
import pytest
import vobject
from django.utils.translation import gettext as _

from events import services as event_services
from events.models import BERLIN
from registrations.ics import registration_ics
from registrations.models import Registration
from tests.events.factories import VenueFactory, at
from tests.registrations.factories import open_event, register

pytestmark = pytest.mark.django_db


def berlin(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


def last_change(event, registration) -> dt.datetime:
    return max(event.updated_at, event.venue.updated_at, registration.updated_at)


def ics_for(**event_fields) -> tuple[str, object]:
    fields = {
        "title": "Trommelworkshop",
        "slug": "trommelworkshop",
        "venue": VenueFactory(
            name="Stadtbücherei",
            street="Marktplatz 1",
            postal_code="12345",
            city="Musterstadt",
        ),
        "starts_at": at(2, 15),
        "ends_at": at(2, 16, 30),
    }
    fields.update(event_fields)
    event = open_event(**fields)
    registration = register(event, 7, 36).registration
    registration.refresh_from_db()
    return registration_ics(registration), event


def test_icalendar_reads_the_event_in_berlin_wall_time():
    text, event = ics_for()

    calendar = icalendar.Calendar.from_ical(text)
    [entry] = calendar.walk("VEVENT")
    assert str(calendar["VERSION"]) == "2.0"
    registration = Registration.objects.get(event=event)
    assert str(calendar["PRODID"]) == "-//Festwoche//Festwoche//DE"
    # The registration's UID, as in the family's feed: the mail's file and the
    # subscribed feed update one entry.
    assert str(entry["UID"]) == f"registration-{registration.pk}@127.0.0.1"
    assert entry.decoded("SEQUENCE") == 0
    assert str(entry["SUMMARY"]) == "Trommelworkshop"
    assert entry["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert entry["DTEND"].params["TZID"] == "Europe/Berlin"
    assert entry.decoded("DTSTART") == berlin(2027, 6, 16, 15, 0)
    assert entry.decoded("DTEND") == berlin(2027, 6, 16, 16, 30)
    # The last change of what the entry shows: the event, its venue or the
    # registration (registered a few milliseconds after the event was saved).
    changed = last_change(event, registration)
    assert entry.decoded("DTSTAMP") == changed.replace(microsecond=0)
    assert str(entry["LOCATION"]) == "Stadtbücherei, Marktplatz 1, 12345 Musterstadt"
    assert str(entry["URL"]) == "http://127.0.0.1:8000/events/trommelworkshop/"
    assert str(entry["STATUS"]) == "CONFIRMED"
    assert str(entry["DESCRIPTION"]) == "\n".join(
        [_("For all ages"), _("Free of charge"), _("You are registered.")]
    )


def test_the_raw_lines_carry_the_tzid_and_the_local_time():
    text, event = ics_for()

    lines = text.splitlines()
    assert "DTSTART;TZID=Europe/Berlin:20270616T150000" in lines
    assert "DTEND;TZID=Europe/Berlin:20270616T163000" in lines
    registration = Registration.objects.get(event=event)
    changed = last_change(event, registration).astimezone(dt.UTC)
    assert f"DTSTAMP:{changed:%Y%m%dT%H%M%SZ}" in lines
    assert f"UID:registration-{registration.pk}@127.0.0.1" in lines
    assert text.endswith("END:VCALENDAR\r\n")
    assert all(line.endswith("\r") for line in text.split("\n")[:-1])  # CRLF


def test_the_vtimezone_is_europe_berlin_built_from_rrules():
    text, _event = ics_for()

    [zone] = icalendar.Calendar.from_ical(text).walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"
    rules = {
        part.name: (
            part.decoded("TZOFFSETFROM"),
            part.decoded("TZOFFSETTO"),
            part["RRULE"].to_ical().decode(),
            part.decoded("DTSTART"),
        )
        for part in zone.subcomponents
    }
    assert rules == {
        "DAYLIGHT": (
            dt.timedelta(hours=1),
            dt.timedelta(hours=2),
            "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
            dt.datetime(1981, 3, 29, 2, 0),
        ),
        "STANDARD": (
            dt.timedelta(hours=2),
            dt.timedelta(hours=1),
            "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
            dt.datetime(1996, 10, 27, 3, 0),
        ),
    }
    assert "RDATE" not in text  # Outlook reads only RRULE-based zones


def test_vobject_reads_and_validates_it_and_resolves_the_zone_from_the_file():
    text, event = ics_for()

    calendar = vobject.readOne(text, validate=True)
    [entry] = calendar.vevent_list
    start = entry.dtstart.value
    registration = Registration.objects.get(event=event)
    assert entry.uid.value == f"registration-{registration.pk}@127.0.0.1"
    assert entry.summary.value == "Trommelworkshop"
    assert (start.replace(tzinfo=None), start.utcoffset()) == (
        dt.datetime(2027, 6, 16, 15, 0),
        dt.timedelta(hours=2),
    )
    assert start == event.starts_at
    assert entry.dtend.value == event.ends_at
    assert entry.dtstamp.value == event.updated_at.replace(microsecond=0)
    assert entry.location.value == "Stadtbücherei, Marktplatz 1, 12345 Musterstadt"
    calendar.serialize(validate=True)


@pytest.mark.parametrize(
    ("start", "end", "offsets"),
    [
        # Winter time: +01:00.
        (berlin(2027, 11, 2, 9, 30), berlin(2027, 11, 2, 11, 0), (1, 1)),
        # Over the night the clocks go back (31 October 2027, 03:00 → 02:00).
        (berlin(2027, 10, 30, 22, 0), berlin(2027, 10, 31, 4, 0), (2, 1)),
        # Over the night the clocks go forward (28 March 2027, 02:00 → 03:00).
        (berlin(2027, 3, 27, 22, 0), berlin(2027, 3, 28, 4, 0), (1, 2)),
    ],
    ids=["winter", "dst-ends", "dst-starts"],
)
def test_both_parsers_get_the_same_instants_in_winter_and_over_a_dst_change(
    start, end, offsets
):
    text, event = ics_for(
        starts_at=start.astimezone(dt.UTC),
        ends_at=end.astimezone(dt.UTC),
    )

    lines = text.splitlines()
    assert f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}" in lines
    assert f"DTEND;TZID=Europe/Berlin:{end:%Y%m%dT%H%M%S}" in lines
    [entry] = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert (entry.decoded("DTSTART"), entry.decoded("DTEND")) == (start, end)
    [v_entry] = vobject.readOne(text).vevent_list
    assert (v_entry.dtstart.value, v_entry.dtend.value) == (start, end)
    assert (
        v_entry.dtstart.value.utcoffset(),
        v_entry.dtend.value.utcoffset(),
    ) == (dt.timedelta(hours=offsets[0]), dt.timedelta(hours=offsets[1]))
    assert event.ends_at - event.starts_at == end.astimezone(dt.UTC) - start.astimezone(
        dt.UTC
    )


def test_text_with_commas_semicolons_and_line_breaks_survives_both_parsers():
    title = "Kinder, Eltern; Großeltern: Trommeln \\ Tanzen"
    summary = "Mitbringen: Trinkflasche, Sonnenhut.\nBei Regen in der Halle."
    text, _event = ics_for(title=title, summary=summary)

    [entry] = icalendar.Calendar.from_ical(text).walk("VEVENT")
    description = "\n".join(
        [summary, _("For all ages"), _("Free of charge"), _("You are registered.")]
    )
    assert (str(entry["SUMMARY"]), str(entry["DESCRIPTION"])) == (title, description)
    [v_entry] = vobject.readOne(text).vevent_list
    assert (v_entry.summary.value, v_entry.description.value) == (title, description)
    assert all(len(line.encode()) <= 75 for line in text.splitlines())  # folded


def test_a_cancelled_event_is_marked_cancelled_under_the_same_uid():
    text, event = ics_for()
    registration = event.registrations.get()

    event_services.event_cancel(event=event, reason="Sturmwarnung")
    registration.refresh_from_db()
    cancelled = registration_ics(registration)

    [before] = icalendar.Calendar.from_ical(text).walk("VEVENT")
    [after] = icalendar.Calendar.from_ical(cancelled).walk("VEVENT")
    assert str(after["UID"]) == str(before["UID"])
    assert str(after["STATUS"]) == "CANCELLED"
    assert str(after["SUMMARY"]) == _("Cancelled: %(title)s") % {
        "title": "Trommelworkshop"
    }
    assert (before.decoded("SEQUENCE"), after.decoded("SEQUENCE")) == (0, 1)
    assert after.decoded("DTSTAMP") >= before.decoded("DTSTAMP")


def test_the_same_registration_gives_the_same_bytes():
    text, event = ics_for()

    again = registration_ics(event.registrations.get())

    assert again == text  # DTSTAMP comes from the event, not from the clock


def test_an_event_without_a_venue_has_no_location():
    _text, event = ics_for()
    type(event).objects.filter(pk=event.pk).update(venue=None)  # as a draft could be
    registration = Registration.objects.get(event=event)  # the event reloaded

    [entry] = icalendar.Calendar.from_ical(registration_ics(registration)).walk(
        "VEVENT"
    )

    assert "LOCATION" not in entry
