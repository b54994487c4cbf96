"""The organisers' warnings: a speaker in two sessions at once, a session that
overruns, a room over capacity — on the planners' list and the overview page."""

import pytest
from django.utils import translation

from events import roles
from events.registry import registry
from tests.conference.factories import (
    ConferenceFactory,
    SessionFactory,
    SpeakerFactory,
    SubmissionFactory,
)
from tests.events.factories import EventFactory, FestivalFactory, VenueFactory, at
from tests.planning.factories import english, staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def speak_english():
    """The warnings' texts are compared in English (the UI speaks German first)."""
    with translation.override("en"):
        yield


@pytest.fixture
def conference():
    return ConferenceFactory(festival=FestivalFactory())


def make(conference, start, end, title, venue=None, **event):
    return SessionFactory(
        event=EventFactory(
            sub_event=conference,
            venue=venue or VenueFactory(),
            starts_at=start,
            ends_at=end,
            title=title,
            **event,
        )
    )


def kinds(festival):
    return [
        (c.kind, c.message, c.severity)
        for c in registry.conflicts(festival)
        if c.kind.startswith(("speaker_", "session_", "room_"))
    ]


def test_a_speaker_in_two_sessions_at_once(conference):
    anna = SpeakerFactory(name="Anna Beispiel")
    a = make(conference, at(1, 11), at(1, 12, 30), "Wald")
    b = make(conference, at(1, 12), at(1, 13), "Sprache")
    c = make(conference, at(1, 13), at(1, 14), "Später")
    for session in (a, b, c):
        session.speakers.add(anna)

    assert kinds(conference.festival) == [
        (
            "speaker_double_booked",
            "Anna Beispiel speaks in “Wald” (15.06. 11:00–12:30) and “Sprache” "
            "(15.06. 12:00–13:00) at the same time.",
            "high",
        )
    ]


def test_a_session_that_differs_from_its_proposal_or_runs_late(conference):
    short = make(conference, at(1, 11), at(1, 11, 30), "Zu kurz")
    SubmissionFactory(
        sub_event=conference, session=short, duration=45, state="scheduled"
    )
    make(conference, at(1, 17, 30), at(1, 18, 30), "Zu spät")
    make(conference, at(1, 17), at(1, 18), "Gerade noch")

    assert kinds(conference.festival) == [
        (
            "session_overrun",
            "“Zu kurz” is scheduled for 30 minutes but was proposed for 45.",
            "medium",
        ),
        (
            "session_overrun",
            "“Zu spät” runs past the end of the day (18:00).",
            "medium",
        ),
    ]


def test_a_room_over_capacity(conference):
    room = VenueFactory(name="Bibliothek", capacity=30)
    make(conference, at(1, 11), at(1, 12), "Voll", venue=room, capacity=40)
    make(conference, at(1, 13), at(1, 14), "Passt", venue=room, capacity=30)

    [conflict] = registry.conflicts(conference.festival)

    assert (conflict.kind, conflict.message, conflict.fix_url) == (
        "room_over_capacity",
        "“Voll” offers 40 seats but Bibliothek holds 30.",
        f"/admin/events/event/{conflict.event_ids[0]}/change/",
    )


def test_the_overview_lists_warnings_and_counts(client, conference):
    room = VenueFactory(name="Bibliothek", capacity=30)
    make(conference, at(1, 11), at(1, 12), "Voll", venue=room, capacity=40)
    SubmissionFactory(sub_event=conference)
    SubmissionFactory(sub_event=conference, state="declined")
    client.force_login(staff("orga1", roles.ORGA))

    response = english(client).get("/orga/conference/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-kind="room_over_capacity"' in html
    assert [(s, n) for s, _, n in response.context["counts"]] == [
        ("submitted", 1),
        ("in_review", 0),
        ("accepted", 0),
        ("declined", 1),
        ("scheduled", 0),
        ("withdrawn", 0),
    ]
    assert response.context["by_room"] == [("Bibliothek", 1)]


def test_no_warnings_says_so(client, conference):
    client.force_login(staff("orga1", roles.ORGA))

    html = english(client).get("/orga/conference/").content.decode()

    assert "No warnings" in html
