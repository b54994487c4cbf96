"""Every feed type built from factories and read by two independent parsers
(icalendar and vobject), checked on exact values: times in summer and winter,
SEQUENCE after changes, cancellation, hostile text, UIDs, alarms, filters."""

import datetime as dt
from decimal import Decimal

import icalendar
import pytest
import vobject
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import formats, translation
from django.utils.translation import gettext as _

from events import services as event_services
from events.models import BERLIN, Event
from registrations.services import registration_cancel
from tests.calendars.helpers import (
    entries,
    get_feed,
    household_url,
    programme_url,
    text_lines,
    unescape,
    v_entries,
    volunteer_url,
)
from tests.events.factories import (
    AudienceFactory,
    EventFactory,
    SubEventFactory,
    VenueFactory,
    at,
)
from tests.registrations.factories import open_event, register
from tests.volunteers.factories import RoleFactory, ShiftFactory, assign
from volunteers.services import assignment_withdraw, shift_update

pytestmark = pytest.mark.django_db

HOST = "127.0.0.1"
SITE = "http://127.0.0.1:8000"

HOSTILE_TITLE = 'Kinder, Eltern; Großeltern: Trommeln \\ Tanzen 🥁 mit "Ayşe Yılmaz"'
HOSTILE_SUMMARY = (
    "Mitbringen: Trinkflasche, Sonnenhut; Decke.\n"
    "Leitung: فاطمة حداد und Ayşe Yılmaz 👩‍👧\n"
    "Pfad: C:\\Festwoche\\Trommeln, Zeile 3"
)


def stamp(moment: dt.datetime) -> dt.datetime:
    """An object's last change as DTSTAMP/LAST-MODIFIED carry it (whole seconds)."""
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def event_url(event: Event) -> str:
    return f"/calendar/events/{event.slug}.ics"


def full_event(**fields) -> Event:
    venue = VenueFactory(
        name="Stadtbücherei",
        street="Marktplatz 1",
        postal_code="12345",
        city="Musterstadt",
        latitude=Decimal("50.981420"),
        longitude=Decimal("9.124870"),
        step_free=True,
        accessible_toilet=True,
        accessibility_notes="Aufzug im Hof",
    )
    defaults = {
        "title": "Trommelworkshop",
        "slug": "trommelworkshop",
        "sub_event": SubEventFactory(name="Kinowoche"),
        "venue": venue,
        "starts_at": at(2, 15),
        "ends_at": at(2, 16, 30),
        "summary": "Trommeln für alle.",
        "min_age": 3,
        "max_age": 8,
        "is_free": False,
        "price_text": "5 € pro Person",
        "capacity": 12,
        "registration_opens_at": dt.datetime(2027, 5, 3, 9, 0, tzinfo=BERLIN),
        "accessibility_notes": "Gebärdensprache auf Anfrage",
        "audiences": [
            AudienceFactory(name="Familien", position=1),
            AudienceFactory(name="Kita-Kinder", position=0),
        ],
    }
    defaults.update(fields)
    return EventFactory(**defaults)


# --- One event: every property on exact values ----------------------------------------


def test_an_event_carries_every_property_on_exact_values():
    event = full_event()

    body = get_feed(event_url(event))

    [entry] = entries(body).values()
    assert str(entry["UID"]) == f"event-{event.pk}@{HOST}"
    assert entry.decoded("SEQUENCE") == 0
    assert str(entry["SUMMARY"]) == "Trommelworkshop"
    assert str(entry["STATUS"]) == "CONFIRMED"
    assert entry.decoded("DTSTART") == dt.datetime(2027, 6, 16, 15, 0, tzinfo=BERLIN)
    assert entry.decoded("DTEND") == dt.datetime(2027, 6, 16, 16, 30, tzinfo=BERLIN)
    assert entry.decoded("DTSTAMP") == stamp(event.updated_at)
    assert entry.decoded("LAST-MODIFIED") == stamp(event.updated_at)
    assert str(entry["LOCATION"]) == "Stadtbücherei, Marktplatz 1, 12345 Musterstadt"
    assert entry.decoded("GEO") == (50.98142, 9.12487)
    assert str(entry["URL"]) == f"{SITE}/events/trommelworkshop/"
    assert [str(c) for c in entry["CATEGORIES"].cats] == [
        "Kinowoche",
        "Kita-Kinder",
        "Familien",
    ]
    opens = formats.date_format(
        dt.datetime(2027, 5, 3, 9, 0, tzinfo=BERLIN), "DATETIME_FORMAT"
    )
    assert str(entry["DESCRIPTION"]) == "\n".join(
        [
            "Trommeln für alle.",
            _("Age: %(ages)s")
            % {"ages": _("%(low)s–%(high)s years") % {"low": 3, "high": 8}},
            _("Price: %(price)s") % {"price": "5 € pro Person"},
            _("Registration needed, from %(opens)s: %(url)s")
            % {"opens": opens, "url": f"{SITE}/events/trommelworkshop/"},
            _("Accessibility: %(notes)s")
            % {
                "notes": "; ".join(
                    [
                        _("step-free access"),
                        _("accessible toilet"),
                        "Aufzug im Hof",
                        "Gebärdensprache auf Anfrage",
                    ]
                )
            },
        ]
    )
    assert "TRANSP" not in entry
    assert entry.walk("VALARM") == []  # public feeds remind nobody

    [v_entry] = v_entries(body).values()
    assert v_entry.summary.value == "Trommelworkshop"
    assert v_entry.location.value == "Stadtbücherei, Marktplatz 1, 12345 Musterstadt"
    assert v_entry.description.value == str(entry["DESCRIPTION"])
    assert v_entry.dtstart.value == event.starts_at
    assert v_entry.dtstamp.value == stamp(event.updated_at)
    assert v_entry.categories.value == ["Kinowoche", "Kita-Kinder", "Familien"]


def test_the_calendar_names_itself_and_says_how_often_to_refresh():
    event = full_event()

    body = get_feed(event_url(event))

    lines = text_lines(body)
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in lines
    assert "X-PUBLISHED-TTL:PT1H" in lines
    assert "X-WR-TIMEZONE:Europe/Berlin" in lines
    assert "NAME:Trommelworkshop" in lines
    assert "X-WR-CALNAME:Trommelworkshop" in lines
    assert not any(line.startswith("METHOD") for line in lines)
    assert lines[:3] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Festwoche//Festwoche//DE",
    ]


def test_a_summer_date_is_plus_two_hours_and_a_winter_date_plus_one():
    summer = full_event()
    winter = full_event(
        title="Neujahrskonzert",
        slug="neujahrskonzert",
        starts_at=dt.datetime(2028, 1, 12, 10, 0, tzinfo=BERLIN),
        ends_at=dt.datetime(2028, 1, 12, 11, 15, tzinfo=BERLIN),
        venue=VenueFactory(),
    )

    for event, local, offset in [
        (summer, ("20270616T150000", "20270616T163000"), dt.timedelta(hours=2)),
        (winter, ("20280112T100000", "20280112T111500"), dt.timedelta(hours=1)),
    ]:
        body = get_feed(event_url(event))
        lines = text_lines(body)
        assert f"DTSTART;TZID=Europe/Berlin:{local[0]}" in lines
        assert f"DTEND;TZID=Europe/Berlin:{local[1]}" in lines
        [v_entry] = v_entries(body).values()
        # vobject resolves the zone from the file's own VTIMEZONE
        assert v_entry.dtstart.value.utcoffset() == offset
        assert v_entry.dtend.value.utcoffset() == offset
        assert (v_entry.dtstart.value, v_entry.dtend.value) == (
            event.starts_at,
            event.ends_at,
        )
        [entry] = entries(body).values()
        assert entry.decoded("DTSTART") == event.starts_at


# --- SEQUENCE and cancellation --------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "sequence"),
    [
        ("time", 1),
        ("venue", 1),
        ("cancel", 1),
        ("title", 0),
        ("summary", 0),
    ],
)
def test_sequence_rises_with_time_place_and_status_only(
    change, sequence, django_capture_on_commit_callbacks
):
    event = full_event()
    before = entries(get_feed(event_url(event)))[f"event-{event.pk}@{HOST}"]

    with django_capture_on_commit_callbacks(execute=True):
        if change == "time":
            event_services.event_update(
                event=event, starts_at=at(2, 16), ends_at=at(2, 17, 30)
            )
        elif change == "venue":
            event_services.event_update(event=event, venue=VenueFactory())
        elif change == "cancel":
            event_services.event_cancel(event=event, reason="Sturmwarnung")
        else:
            event_services.event_update(event=event, **{change: "Neu, anders"})
    event.refresh_from_db()
    after = entries(get_feed(event_url(event)))[f"event-{event.pk}@{HOST}"]

    assert (before.decoded("SEQUENCE"), after.decoded("SEQUENCE")) == (0, sequence)
    assert after.decoded("DTSTAMP") == stamp(event.updated_at)
    assert after.decoded("LAST-MODIFIED") == stamp(event.updated_at)


def test_a_cancelled_event_stays_marked_cancelled_in_german_and_english(
    django_capture_on_commit_callbacks,
):
    event = full_event()
    with django_capture_on_commit_callbacks(execute=True):
        event_services.event_cancel(event=event, reason="Sturmwarnung")

    body = get_feed(programme_url())
    english = get_feed(programme_url(lang="en"))

    entry = entries(body)[f"event-{event.pk}@{HOST}"]
    assert str(entry["STATUS"]) == "CANCELLED"
    assert str(entry["TRANSP"]) == "TRANSPARENT"
    with translation.override("de"):
        title = _("Cancelled: %(title)s") % {"title": "Trommelworkshop"}
        reason = _("Cancelled: %(reason)s") % {"reason": "Sturmwarnung"}
    assert str(entry["SUMMARY"]) == title
    assert str(entry["DESCRIPTION"]).split("\n")[0] == reason
    assert v_entries(body)[f"event-{event.pk}@{HOST}"].summary.value == title
    with translation.override("en"):
        assert str(entries(english)[f"event-{event.pk}@{HOST}"]["SUMMARY"]) == (
            "Cancelled: Trommelworkshop"
        )


# --- Hostile text ---------------------------------------------------------------------


def test_hostile_text_round_trips_through_both_parsers_folded_and_crlf():
    sub_event = SubEventFactory(
        name="Kinder, Jugend; Familie 🎈",
        description="Zeile eins, mit Komma;\nZeile zwei: فاطمة حداد \\ Ayşe",
    )
    event = full_event(
        title=HOSTILE_TITLE,
        summary=HOSTILE_SUMMARY,
        sub_event=sub_event,
        venue=VenueFactory(
            name="Haus „Sonne“, Saal; 2",
            street="Yılmaz-Straße 5",
            postal_code="12345",
            city="Musterstadt",
        ),
        accessibility_notes="Rampe, 6 % Steigung; Klingel\\Tür 🔔",
    )

    for url in (event_url(event), f"/calendar/subevents/{sub_event.slug}.ics"):
        body = get_feed(url)
        lines = text_lines(body)
        assert all(len(line.encode("utf-8")) <= 75 for line in lines)
        key = f"event-{event.pk}@{HOST}"
        entry, v_entry = entries(body)[key], v_entries(body)[key]
        description = str(entry["DESCRIPTION"])
        assert description.startswith(HOSTILE_SUMMARY + "\n")
        assert description.endswith(
            "\n"
            + _("Accessibility: %(notes)s")
            % {"notes": "Rampe, 6 % Steigung; Klingel\\Tür 🔔"}
        )
        location = "Haus „Sonne“, Saal; 2, Yılmaz-Straße 5, 12345 Musterstadt"
        assert (str(entry["SUMMARY"]), str(entry["LOCATION"])) == (
            HOSTILE_TITLE,
            location,
        )
        assert (
            v_entry.summary.value,
            v_entry.location.value,
            v_entry.description.value,
        ) == (HOSTILE_TITLE, location, description)
        assert str(entry["CATEGORIES"].cats[0]) == sub_event.name
        assert v_entry.categories.value[0] == sub_event.name

    # The calendar's own name and description (RFC 7986 TEXT, escaped). icalendar
    # reads NAME and X-WR-* as unknown properties without unescaping them, so
    # its raw value is unescaped here; vobject unescapes on its own.
    calendar = icalendar.Calendar.from_ical(body)
    name = f"{sub_event.festival.name}: {sub_event.name}"
    assert unescape(str(calendar["NAME"])) == name
    assert unescape(str(calendar["X-WR-CALNAME"])) == name
    assert str(calendar["DESCRIPTION"]) == sub_event.description
    assert unescape(str(calendar["X-WR-CALDESC"])) == (sub_event.description)
    v_calendar = vobject.readOne(body.decode())
    assert v_calendar.contents["name"][0].value == name
    assert v_calendar.contents["x-wr-calname"][0].value == name
    assert v_calendar.contents["description"][0].value == sub_event.description
    assert v_calendar.contents["x-wr-caldesc"][0].value == sub_event.description


# --- UIDs -----------------------------------------------------------------------------


def test_an_event_has_one_uid_in_every_public_feed_and_the_same_bytes_twice():
    event = full_event()
    urls = [
        programme_url(),
        f"/calendar/subevents/{event.sub_event.slug}.ics",
        f"/calendar/venues/{event.venue.slug}.ics",
        event_url(event),
    ]

    first = [get_feed(url) for url in urls]
    second = [get_feed(url) for url in urls]

    assert first == second
    for body in first:
        assert list(entries(body)) == [f"event-{event.pk}@{HOST}"]
        assert list(v_entries(body)) == [f"event-{event.pk}@{HOST}"]


def test_drafts_are_in_no_public_feed_and_their_download_is_404():
    published = full_event()
    draft = EventFactory(
        status=Event.Status.DRAFT,
        sub_event=published.sub_event,
        venue=published.venue,
        starts_at=at(4, 10),
        ends_at=at(4, 11),
    )

    for url in (
        programme_url(),
        f"/calendar/subevents/{published.sub_event.slug}.ics",
        f"/calendar/venues/{published.venue.slug}.ics",
    ):
        assert list(entries(get_feed(url))) == [f"event-{published.pk}@{HOST}"]
    assert Client().get(event_url(draft)).status_code == 404


# --- Programme filters ----------------------------------------------------------------


def ages_event(low, high, **fields) -> Event:
    return EventFactory(min_age=low, max_age=high, **fields)


def uids(body: bytes) -> set[str]:
    return set(entries(body))


def test_the_age_filter_takes_every_event_whose_range_meets_the_ages():
    young = ages_event(3, 8)
    older = ages_event(9, None)
    teens = ages_event(11, 14)
    everyone = ages_event(None, None)
    toddlers = ages_event(None, 5)

    def feed(age):
        return uids(get_feed(programme_url(age=age)))

    def u(*events):
        return {f"event-{e.pk}@{HOST}" for e in events}

    assert feed("6-10") == u(young, older, everyone)
    assert feed("7") == u(young, everyone)
    assert feed("12") == u(older, teens, everyone)
    assert feed("4") == u(young, everyone, toddlers)
    assert uids(get_feed(programme_url())) == u(young, older, teens, everyone, toddlers)


def test_the_sub_event_and_audience_filters():
    cinema, run = SubEventFactory(slug="kinowoche"), SubEventFactory(slug="lauf")
    kids = AudienceFactory(slug="kinder")
    film = EventFactory(sub_event=cinema, audiences=[kids])
    lap = EventFactory(sub_event=run)
    both = EventFactory(sub_event=run, audiences=[kids, AudienceFactory()])

    assert uids(get_feed(programme_url(sub_event="kinowoche"))) == {
        f"event-{film.pk}@{HOST}"
    }
    assert uids(get_feed(programme_url(audience="kinder"))) == {
        f"event-{film.pk}@{HOST}",
        f"event-{both.pk}@{HOST}",
    }
    assert uids(get_feed(programme_url(sub_event="lauf", audience="kinder"))) == {
        f"event-{both.pk}@{HOST}"
    }
    assert f"event-{lap.pk}@{HOST}" in uids(get_feed(programme_url()))


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"sub_event": "gibt-es-nicht"}, "sub_event_unknown"),
        ({"audience": "gibt-es-nicht"}, "audience_unknown"),
        ({"age": "sieben"}, "age_invalid"),
        ({"age": "10-6"}, "age_invalid"),
        ({"age": "121"}, "age_invalid"),
        ({"age": "-3"}, "age_invalid"),
    ],
)
def test_bad_filters_are_400_with_a_code(query, code):
    response = Client().get(programme_url(**query))

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == code
    assert response.json()["detail"]


# --- The family's feed ----------------------------------------------------------------


def test_the_family_feed_has_confirmed_and_waiting_entries_and_no_cancelled_ones(
    django_capture_on_commit_callbacks,
):
    full = open_event(title="Kletterturm", capacity=2, venue=VenueFactory())
    other = open_event(
        title="Trommeln", starts_at=at(1, 10), ends_at=at(1, 12), venue=VenueFactory()
    )
    dropped = open_event(
        title="Basteln", starts_at=at(3, 10), ends_at=at(3, 12), venue=VenueFactory()
    )
    first = register(full, 7, 36).registration  # takes both seats
    email = "ayse@example.org"
    waiting = register(full, 9, email=email).registration
    confirmed = register(other, 9, email=email).registration
    gone = register(dropped, 9, email=email).registration
    registration_cancel(registration=gone)
    household = waiting.household
    url = household_url(household)

    body = get_feed(url)

    found = entries(body)
    # In the order of the events: the full one (day 0) first.
    assert list(found) == [
        f"registration-{waiting.pk}@{HOST}",
        f"registration-{confirmed.pk}@{HOST}",
    ]
    tentative, entry = found.values()
    assert (str(entry["STATUS"]), str(tentative["STATUS"])) == (
        "CONFIRMED",
        "TENTATIVE",
    )
    assert entry.decoded("SEQUENCE") == tentative.decoded("SEQUENCE") == 0
    confirmed.refresh_from_db()
    assert entry.decoded("DTSTAMP") == stamp(
        max(confirmed.updated_at, other.updated_at)
    )
    assert str(entry["DESCRIPTION"]).split("\n")[-1] == _("You are registered.")
    assert str(tentative["DESCRIPTION"]).split("\n")[-1] == _(
        "You are on the waiting list; we e-mail you when places are free."
    )
    for item in (entry, tentative):
        [alarm] = item.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == -dt.timedelta(hours=2)
        assert str(alarm["DESCRIPTION"]) == str(item["SUMMARY"])
    assert "TRIGGER:-PT2H" in text_lines(body)
    calendar_name = [line for line in text_lines(body) if line.startswith("NAME:")]
    assert calendar_name == [f"NAME:{_('My festival week')}"]
    assert set(v_entries(body)) == set(found)

    # The first party cancels: the waiting one moves up, a new revision.
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=first)
    promoted = entries(get_feed(url))[f"registration-{waiting.pk}@{HOST}"]
    assert str(promoted["STATUS"]) == "CONFIRMED"
    assert promoted.decoded("SEQUENCE") == 1


def test_a_cancelled_event_in_the_family_feed_has_no_alarm(
    django_capture_on_commit_callbacks,
):
    event = open_event(title="Kletterturm", venue=VenueFactory())
    registration = register(event, 7, 36).registration
    with django_capture_on_commit_callbacks(execute=True):
        event_services.event_cancel(event=event, reason="Sturm")

    [entry] = entries(get_feed(household_url(registration.household))).values()

    assert str(entry["STATUS"]) == "CANCELLED"
    assert str(entry["SUMMARY"]) == _("Cancelled: %(title)s") % {"title": "Kletterturm"}
    assert entry.walk("VALARM") == []
    assert entry.decoded("SEQUENCE") == 1


def test_the_family_feed_is_in_the_family_language():
    event = open_event(title="Kletterturm", venue=VenueFactory())
    registration = register(event, 7, language="en").registration

    body = get_feed(household_url(registration.household))

    assert "NAME:My festival week" in text_lines(body)
    [entry] = entries(body).values()
    assert str(entry["DESCRIPTION"]).split("\n")[-1] == "You are registered."


# --- The volunteer's feed -------------------------------------------------------------


def volunteer_shift(**fields):
    coordinator = get_user_model().objects.create_user(
        username="koordination",
        first_name="Ayşe",
        last_name="Yılmaz",
        email="ayse.yilmaz@example.org",
    )
    event = EventFactory(title="Spendenlauf", slug="spendenlauf")
    defaults = {
        "role": RoleFactory(
            name="Rundenzählung",
            briefing="Zählkarten am Zelt holen; bei Regen, Ponchos.",
        ),
        "venue": VenueFactory(
            name="Stadtpark",
            street="Parkallee",
            postal_code="12345",
            city="Musterstadt",
            latitude=Decimal("50.979630"),
            longitude=Decimal("9.127750"),
            shared=True,
        ),
        "event": event,
        "notes": "Treffpunkt: Zelt 2\nWarnweste mitbringen",
        "coordinator": coordinator,
        "coordinator_phone": "0171 555 1234",
    }
    defaults.update(fields)
    return ShiftFactory(**defaults)


def test_the_volunteer_feed_says_role_place_briefing_and_coordinator():
    shift = volunteer_shift()
    assignment = assign(shift)

    body = get_feed(volunteer_url(assignment.volunteer))

    [entry] = entries(body).values()
    assert str(entry["UID"]) == f"assignment-{assignment.pk}@{HOST}"
    assert str(entry["SUMMARY"]) == _("Shift: %(role)s") % {"role": "Rundenzählung"}
    assert str(entry["LOCATION"]) == "Stadtpark, Parkallee, 12345 Musterstadt"
    assert entry.decoded("GEO") == (50.97963, 9.12775)
    assert str(entry["URL"]) == f"{SITE}/events/spendenlauf/"
    assert [str(c) for c in entry["CATEGORIES"].cats] == ["Rundenzählung"]
    assert str(entry["DESCRIPTION"]) == "\n".join(
        [
            _("For: %(event)s") % {"event": "Spendenlauf"},
            _("Briefing: %(text)s")
            % {"text": "Zählkarten am Zelt holen; bei Regen, Ponchos."},
            _("Notes: %(text)s") % {"text": "Treffpunkt: Zelt 2\nWarnweste mitbringen"},
            _("Coordinator: %(contact)s")
            % {"contact": "Ayşe Yılmaz, 0171 555 1234, ayse.yilmaz@example.org"},
        ]
    )
    assert entry.decoded("DTSTART") == at(0, 9)
    assert entry.decoded("DTEND") == at(0, 13)
    assert entry.decoded("SEQUENCE") == 0
    shift.refresh_from_db()
    assignment.refresh_from_db()
    assert entry.decoded("DTSTAMP") == stamp(
        max(
            shift.updated_at,
            shift.role.updated_at,
            shift.venue.updated_at,
            assignment.created_at,
        )
    )
    [alarm] = entry.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -dt.timedelta(hours=1)
    assert "TRIGGER:-PT1H" in text_lines(body)
    [v_entry] = v_entries(body).values()
    assert v_entry.description.value == str(entry["DESCRIPTION"])
    assert v_entry.summary.value == str(entry["SUMMARY"])


def test_withdrawn_shifts_leave_the_feed_and_a_moved_shift_raises_sequence():
    shift = volunteer_shift()
    assignment = assign(shift)
    volunteer = assignment.volunteer
    later = ShiftFactory(
        role=shift.role, venue=shift.venue, starts_at=at(1, 9), ends_at=at(1, 12)
    )
    withdrawn = assign(later, volunteer)
    assignment_withdraw(assignment=withdrawn, now=at(-10, 12))
    url = volunteer_url(volunteer)

    assert list(entries(get_feed(url))) == [f"assignment-{assignment.pk}@{HOST}"]

    shift_update(shift=shift, starts_at=at(0, 10), ends_at=at(0, 14))
    [entry] = entries(get_feed(url)).values()
    assert entry.decoded("SEQUENCE") == 1
    assert entry.decoded("DTSTART") == at(0, 10)
