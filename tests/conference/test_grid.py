"""The public grid (time × room, phone list, projector view) and the sessions'
detail lines on the core's pages."""

import re

import pytest
from django.utils import translation

from events.models import Event
from events.registry import registry
from subevents.conference.models import Audience, Format, Level
from tests.conference.factories import (
    ConferenceFactory,
    SessionFactory,
    SpeakerFactory,
    TrackFactory,
)
from tests.events.factories import (
    EventFactory,
    FestivalFactory,
    PartnerFactory,
    VenueFactory,
    at,
)
from tests.planning.factories import english

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference():
    return ConferenceFactory(festival=FestivalFactory())


def make(conference, venue, start, end, title, track=None, **kwargs):
    event = EventFactory(
        sub_event=conference, venue=venue, starts_at=start, ends_at=end, title=title
    )
    return SessionFactory(event=event, track=track, **kwargs)


def cells(html: str) -> list[tuple[str, str]]:
    return re.findall(
        r'<article class="cf-session" data-cell="([^"]+)"[^>]*>\s*'
        r'<a class="cf-session__title" href="[^"]+">([^<]+)</a>',
        html,
    )


def test_the_grid_places_sessions_by_room_and_time(client, conference):
    aula, bib = VenueFactory(name="Aula"), VenueFactory(name="Bibliothek")
    track = TrackFactory(sub_event=conference, name="Frühe Bildung")
    make(conference, aula, at(1, 9), at(1, 10, 30), "Keynote", format=Format.KEYNOTE)
    make(conference, aula, at(1, 11), at(1, 12, 30), "Workshop A", track)
    make(conference, bib, at(1, 11), at(1, 11, 45), "Vortrag B", track)
    EventFactory(
        sub_event=conference,
        venue=bib,
        starts_at=at(1, 14),
        ends_at=at(1, 15),
        title="Entwurf",
        status=Event.Status.DRAFT,
    )

    response = english(client).get("/conference/")

    assert response.status_code == 200
    html = response.content.decode()
    # columns: 2 = Aula, 3 = Bibliothek; rows: 15 minutes from 9:00 (line 2)
    assert cells(html) == [
        ("2:2:8", "Keynote"),
        ("2:10:16", "Workshop A"),
        ("3:10:13", "Vortrag B"),
    ]
    assert "Entwurf" not in html
    assert '<span class="cf-track">Frühe Bildung</span> · Workshop' in html
    assert [day.slots[0] for day in response.context["days"]] == ["09:00"]
    assert len(response.context["days"][0].slots) == 14
    assert [t for t, _ in response.context["days"][0].by_time] == [
        "09:00",
        "11:00",
    ]


def test_the_screen_view_has_no_navigation(client, conference):
    make(conference, VenueFactory(), at(1, 9), at(1, 10), "Keynote")

    html = english(client).get("/conference/", {"view": "screen"}).content.decode()

    assert 'class="cf-screen"' in html
    assert "site-nav" not in html
    assert "Keynote" in html


def test_an_empty_grid_says_so(client, conference):
    html = english(client).get("/conference/").content.decode()
    assert "No sessions are published yet." in html


def test_the_detail_line_names_format_track_language_level_and_speakers(conference):
    track = TrackFactory(
        sub_event=conference, name="Frühe Bildung", audience=Audience.PROFESSIONAL
    )
    session = make(
        conference,
        VenueFactory(),
        at(1, 11),
        at(1, 12),
        "Wald",
        track,
        format=Format.WORKSHOP,
        level=Level.INTRODUCTORY,
    )
    session.speakers.add(
        SpeakerFactory(
            name="Anna Beispiel",
            partner=PartnerFactory(name="Kita Sonnenschein"),
            organisation_text="",
        ),
        SpeakerFactory(name="Jörg Lindner", organisation_text=""),
    )

    with translation.override("en"):
        lines = registry.detail_lines(session.event)

    assert lines == [
        "Workshop · Frühe Bildung · Professionals · Deutsch · Introductory · with "
        "Anna Beispiel (Kita Sonnenschein), Jörg Lindner"
    ]
    assert registry.detail_lines(EventFactory()) == []


def test_the_event_page_shows_the_detail_line(client, conference):
    session = make(conference, VenueFactory(), at(1, 11), at(1, 12), "Wald")

    html = english(client).get(session.event.get_absolute_url()).content.decode()

    assert "<dd>Workshop · Deutsch · Introductory</dd>" in html


def test_the_detail_line_follows_a_change_of_speakers(
    conference, django_capture_on_commit_callbacks
):
    session = make(conference, VenueFactory(), at(1, 11), at(1, 12), "Wald")
    with translation.override("en"):
        before = registry.detail_lines(session.event)

    with django_capture_on_commit_callbacks(execute=True):
        session.speakers.add(SpeakerFactory(name="Anna Beispiel", organisation_text=""))

    with translation.override("en"):
        after = registry.detail_lines(session.event)
    assert before == ["Workshop · Deutsch · Introductory"]
    assert after == ["Workshop · Deutsch · Introductory · with Anna Beispiel"]
