"""The public "Programmänderungen" page and its Atom feed: every release newest first
with its changes, links only to events that are still public, an empty state, and a
feed an independent XML parser reads."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings

from events import services as event_services
from events.models import Event
from planning.services.releases import release_publish
from tests.events.factories import (
    EventFactory,
    FestivalFactory,
    SubEventFactory,
    VenueFactory,
    at,
)

pytestmark = pytest.mark.django_db

PAGE = "/programme/changes/"
FEED = "/programme/changes.atom"
ATOM = "{http://www.w3.org/2005/Atom}"
FIRST_AT = dt.datetime(2027, 5, 10, 16, 0, tzinfo=dt.UTC)
SECOND_AT = dt.datetime(2027, 5, 31, 16, 30, tzinfo=dt.UTC)


@pytest.fixture
def client_en(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def festival():
    return FestivalFactory()


@pytest.fixture
def story(festival):
    """Release 1 with four events; then one moved, one cancelled, one made a draft
    again, one new: release 2."""
    sub_event = SubEventFactory(festival=festival)
    hall, hall2 = VenueFactory(name="Stadthalle"), VenueFactory(name="Rathaus")
    moved = EventFactory(
        sub_event=sub_event, title="Trommeln", slug="trommeln", venue=hall,
        starts_at=at(2, 15), ends_at=at(2, 16),
    )  # fmt: skip
    cancelled = EventFactory(
        sub_event=sub_event, title="Picknick", slug="picknick", venue=hall,
        starts_at=at(3, 12), ends_at=at(3, 14),
    )  # fmt: skip
    removed = EventFactory(
        sub_event=sub_event, title="Basteln", slug="basteln", venue=hall,
        starts_at=at(4, 10), ends_at=at(4, 11),
    )  # fmt: skip
    release_publish(festival=festival, name="Erstes Programm",
                    note="Viel Spaß!", now=FIRST_AT)  # fmt: skip
    event_services.event_update(
        event=moved, venue=hall2, starts_at=at(2, 16), ends_at=at(2, 17)
    )
    event_services.event_cancel(event=cancelled, reason="Die Wiese ist nass.")
    Event.objects.filter(pk=removed.pk).update(status=Event.Status.DRAFT)
    EventFactory(
        sub_event=sub_event, title="Singen", slug="singen", venue=hall2,
        starts_at=at(5, 9), ends_at=at(5, 10),
    )  # fmt: skip
    release_publish(festival=festival, name="Programm 2", note="", now=SECOND_AT)


def section(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    end = html.find('<section class="rl-release"', start)
    return html[start : end if end != -1 else len(html)]


def squash(text: str) -> str:
    return " ".join(text.split())


def test_the_page_lists_every_release_newest_first(client_en, story):
    response = client_en.get(PAGE)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index('id="release-2"') < html.index('id="release-1"')
    second = squash(section(html, "release-2"))
    assert ">Programm 2</h2>" in second
    assert (
        '<time datetime="2027-05-31T18:30:00+02:00">Published on May 31, 2027' in second
    )
    order = [
        second.index(heading)
        for heading in (
            "New in the programme (1)",
            "New time or place (1)",
            "Cancelled (1)",
            "No longer in the programme (1)",
        )
    ]
    assert order == sorted(order)
    assert '<a href="/events/singen/">Singen</a>' in second
    assert "Sat 19.6. 09:00–10:00, Rathaus" in second
    assert '<a href="/events/trommeln/">Trommeln</a>' in second
    assert (
        '<del><span class="rl-slot">Wed 16.6. 15:00–16:00, Stadthalle</span></del>'
        in second
    )
    assert (
        '<ins><span class="rl-slot">Wed 16.6. 16:00–17:00, Rathaus</span></ins>'
        in second
    )
    assert "new time and new place" in second
    # Cancelled events stay public (with the reason); a draft has no page.
    assert '<a href="/events/picknick/">Picknick</a>' in second
    assert "Reason: Die Wiese ist nass." in second
    assert '<span class="rl-title">Basteln</span>' in second
    assert "/events/basteln/" not in html
    first = squash(section(html, "release-1"))
    assert "Viel Spaß!" in first
    assert "New in the programme (3)" in first
    assert "Moved" not in first


def test_a_feed_link_is_in_the_head(client_en, story):
    html = client_en.get(PAGE).content.decode()

    head = html[: html.index("</head>")]
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'href="/programme/changes.atom"' in head
    )


def test_the_page_has_an_empty_state_before_the_first_release(client_en, festival):
    response = client_en.get(PAGE)

    assert response.status_code == 200
    assert "The programme has not been published in versions yet." in (
        response.content.decode()
    )


def test_the_page_works_without_any_festival(client_en):
    assert client_en.get(PAGE).status_code == 200
    assert client_en.get(FEED).status_code == 200


def test_the_programme_links_to_the_changes(client_en, festival):
    html = client_en.get("/").content.decode()

    assert '<a href="/programme/changes/">Programme changes</a>' in html


def parse(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    assert root.tag == f"{ATOM}feed"
    return root


def test_the_feed_has_one_entry_per_release(client_en, story, festival):
    root = parse(client_en.get(FEED))

    assert root.find(f"{ATOM}updated").text == "2027-05-31T16:30:00+00:00"
    assert root.find(f"{ATOM}title").text == f"Programme changes – {festival.name}"
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "Programm 2",
        "Erstes Programm",
    ]
    assert [e.find(f"{ATOM}id").text for e in entries] == [
        "tag:127.0.0.1,2027-05-31:festwoche/release-2",
        "tag:127.0.0.1,2027-05-10:festwoche/release-1",
    ]
    assert [e.find(f"{ATOM}updated").text for e in entries] == [
        "2027-05-31T16:30:00+00:00",
        "2027-05-10T16:00:00+00:00",
    ]
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == [
        "http://testserver/programme/changes/#release-2",
        "http://testserver/programme/changes/#release-1",
    ]
    second = entries[0]
    assert second.find(f"{ATOM}summary").text == (
        "New: 1, moved: 1, cancelled: 1, removed: 1."
    )
    content = second.find(f"{ATOM}content")
    assert content.get("type") == "html"
    html = " ".join(content.text.split())
    assert '<a href="http://testserver/events/singen/">Singen</a>' in html
    assert (
        '<span class="rl-slot">Wed 16.6. 15:00–16:00, Stadthalle</span> → '
        '<span class="rl-slot">Wed 16.6. 16:00–17:00, Rathaus</span>'
    ) in html
    assert "Reason: Die Wiese ist nass." in html
    assert "<li>Basteln: Was planned for" in html
    assert entries[1].find(f"{ATOM}content").text.startswith("<p>Viel Spaß!</p>")


def test_the_feed_ids_do_not_change(client_en, story):
    first = [
        e.find(f"{ATOM}id").text
        for e in parse(client_en.get(FEED)).iter(f"{ATOM}entry")
    ]
    second = [
        e.find(f"{ATOM}id").text
        for e in parse(client_en.get(FEED)).iter(f"{ATOM}entry")
    ]

    assert first == second


def test_the_feed_of_a_festival_without_releases_is_well_formed(client_en, festival):
    root = parse(client_en.get(FEED))

    assert root.findall(f"{ATOM}entry") == []
    assert root.find(f"{ATOM}id").text == "http://testserver/programme/changes/"
    assert root.find(f"{ATOM}updated").text  # Atom requires it even when empty
    assert [link.get("rel") for link in root.findall(f"{ATOM}link")] == [
        "alternate",
        "self",
    ]
