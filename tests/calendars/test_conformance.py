"""Every feed type built from the demo festival: read by icalendar and vobject in
the suite, and — where the project's validators are installed — accepted by the
parsers of real calendar apps (Mozilla ical.js, libical, vobject) via check-ics.

check-ics lives beside the project in the development setup only, not on users'
machines: without it that test is skipped, also under FESTWOCHE_REQUIRE_SERVICES.
"""

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext as _

from events.demo import demo_load
from events.models import Event
from registrations.models import Household
from tests.calendars.helpers import (
    entries,
    get_feed,
    household_url,
    programme_url,
    text_lines,
    v_entries,
    volunteer_url,
)
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

CHECK_ICS = Path(settings.BASE_DIR).parent / "shared" / "validators" / "check-ics"


@pytest.fixture
def demo_feeds() -> dict[str, bytes]:
    """One feed of every type from the demo festival, by name."""
    demo_load(start=dt.date(2027, 6, 14), with_accounts=False)
    event = Event.objects.public().filter(status=Event.Status.PUBLISHED).first()
    cancelled = Event.objects.filter(status=Event.Status.CANCELLED).first()
    household = max(Household.objects.all(), key=lambda h: h.registrations.count())
    volunteer = max(Volunteer.objects.all(), key=lambda v: v.assignments.count())
    urls = {
        "programme": programme_url(),
        "programme_6-10": programme_url(age="6-10"),
        "programme_en": programme_url(lang="en"),
        "sub_event": f"/calendar/subevents/{event.sub_event.slug}.ics",
        "venue": f"/calendar/venues/{event.venue.slug}.ics",
        "event": f"/calendar/events/{event.slug}.ics",
        "event_cancelled": f"/calendar/events/{cancelled.slug}.ics",
        "household": household_url(household),
        "volunteer": volunteer_url(volunteer),
    }
    feeds = {name: get_feed(url) for name, url in urls.items()}
    # Requested again: the same bytes (no clock, no random UID in them).
    assert {name: Client().get(url).content for name, url in urls.items()} == feeds
    return feeds


def test_every_demo_feed_reads_in_icalendar_and_vobject_with_the_rules_kept(
    demo_feeds,
):
    kinds = {"household": "registration", "volunteer": "assignment"}
    alarms = {"household": -dt.timedelta(hours=2), "volunteer": -dt.timedelta(hours=1)}
    public_events = Event.objects.public().count()
    for name, body in demo_feeds.items():
        lines = text_lines(body)
        assert all(len(line.encode("utf-8")) <= 75 for line in lines), name
        assert not any(line.startswith("METHOD") for line in lines), name
        assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in lines, name
        assert "X-PUBLISHED-TTL:PT1H" in lines, name
        assert "X-WR-TIMEZONE:Europe/Berlin" in lines, name
        assert sum(line.startswith("X-WR-CALNAME:") for line in lines) == 1, name
        found = entries(body)
        assert found, name
        assert set(v_entries(body)) == set(found), name
        kind = kinds.get(name, "event")
        for uid, entry in found.items():
            assert uid.startswith(f"{kind}-") and uid.endswith("@127.0.0.1"), uid
            assert entry.decoded("DTSTAMP") == entry.decoded("LAST-MODIFIED")
            assert entry["DTSTART"].params["TZID"] == "Europe/Berlin"
            # The demo week is in June: summer time.
            assert entry.decoded("DTSTART").utcoffset() == dt.timedelta(hours=2)
            assert entry.decoded("DTEND") > entry.decoded("DTSTART")
            cancelled = str(entry["STATUS"]) == "CANCELLED"
            if cancelled:
                with translation.override("en" if name.endswith("_en") else "de"):
                    prefix = _("Cancelled: %(title)s") % {"title": ""}
                assert str(entry["SUMMARY"]).startswith(prefix), uid
            expected = [] if cancelled or name not in alarms else [alarms[name]]
            assert [a.decoded("TRIGGER") for a in entry.walk("VALARM")] == expected
    assert len(entries(demo_feeds["programme"])) == public_events
    statuses = {str(e["STATUS"]) for e in entries(demo_feeds["programme"]).values()}
    assert statuses == {"CONFIRMED", "CANCELLED"}
    assert len(entries(demo_feeds["programme_6-10"])) < public_events


@pytest.mark.skipif(
    not CHECK_ICS.exists(),
    reason=f"the calendar validators are not installed ({CHECK_ICS} is missing; "
    "they exist only in the project's development setup)",
)
def test_real_calendar_parsers_accept_every_demo_feed(demo_feeds, tmp_path):
    files = []
    for name, body in demo_feeds.items():
        path = tmp_path / f"{name}.ics"
        path.write_bytes(body)
        files.append(str(path))

    result = subprocess.run(
        [str(CHECK_ICS), *files], capture_output=True, text=True, timeout=600
    )

    assert result.returncode == 0, result.stdout + result.stderr
