"""The public pages: programme by day with filters, event, venue, sub-event."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from events import services
from events.models import Event
from tests.events.factories import (
    AudienceFactory,
    EventFactory,
    FestivalFactory,
    SubEventFactory,
    VenueFactory,
    at,
)

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    """Event titles in page order, read from the cards' headings."""
    import re

    html = response.content.decode()
    return re.findall(
        r'class="event-card__title" id="ev-\d+"><a href="[^"]+">([^<]+)</a>', html
    )


@pytest.fixture
def week():
    festival = FestivalFactory()
    kino = SubEventFactory(festival=festival, name="Kinowoche", slug="kinowoche")
    markt = SubEventFactory(festival=festival, name="Markt", slug="markt")
    halle = VenueFactory(name="Stadthalle", slug="stadthalle", step_free=True)
    park = VenueFactory(
        name="Stadtpark",
        slug="stadtpark",
        shared=True,
        latitude="52.520000",
        longitude="13.405000",
    )
    kita = AudienceFactory(name="Kita 3–6", slug="kita")
    events = {
        "gruffelo": EventFactory(
            sub_event=kino,
            venue=halle,
            title="Der Grüffelo",
            slug="gruffelo",
            starts_at=at(0, 10),
            ends_at=at(0, 11),
            min_age=3,
            max_age=6,
            capacity=30,
            audiences=[kita],
            languages=["de", "tr"],
        ),
        "krimi": EventFactory(
            sub_event=kino,
            venue=halle,
            title="Krimiabend",
            slug="krimi",
            starts_at=at(0, 20),
            ends_at=at(0, 22),
            min_age=16,
            is_free=False,
            price_text="5 €",
        ),
        "flohmarkt": EventFactory(
            sub_event=markt,
            venue=park,
            title="Flohmarkt",
            slug="flohmarkt",
            starts_at=at(1, 9),
            ends_at=at(1, 14),
        ),
        "draft": EventFactory(
            sub_event=markt,
            venue=park,
            title="Geheimer Entwurf",
            slug="entwurf",
            starts_at=at(1, 9),
            ends_at=at(1, 10),
            status=Event.Status.DRAFT,
        ),
    }
    cancelled = EventFactory(
        sub_event=markt,
        venue=park,
        title="Puppentheater",
        slug="puppen",
        starts_at=at(2, 15),
        ends_at=at(2, 16),
    )
    events["cancelled"] = services.event_cancel(event=cancelled, reason="Krankheit")
    return events


def test_programme_lists_public_events_by_day_and_hides_drafts(client: Client, week):
    response = client.get("/")

    assert response.status_code == 200
    assert titles(response) == [
        "Der Grüffelo",
        "Krimiabend",
        "Flohmarkt",
        "Puppentheater",
    ]
    assert "Geheimer Entwurf" not in response.content.decode()


def test_programme_shows_cancelled_events_as_cancelled_with_reason(client, week):
    import re

    html = client.get("/").content.decode()
    cards = re.findall(r'<article class="([^"]+)".*?</article>', html, re.S)
    classes = re.findall(r'<article class="([^"]+)"', html)
    cancelled_card = next(
        c
        for c in re.findall(r"<article.*?</article>", html, re.S)
        if "Puppentheater" in c
    )

    assert len(cards) == 4
    assert classes == [
        "event-card",
        "event-card",
        "event-card",
        "event-card event-card--cancelled",
    ]
    assert "Krankheit" in cancelled_card


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"day": at(0, 0).date().isoformat()}, ["Der Grüffelo", "Krimiabend"]),
        ({"age": "4"}, ["Der Grüffelo", "Flohmarkt", "Puppentheater"]),
        ({"age": "17"}, ["Krimiabend", "Flohmarkt", "Puppentheater"]),
        ({"sub_event": "markt"}, ["Flohmarkt", "Puppentheater"]),
        ({"venue": "stadthalle"}, ["Der Grüffelo", "Krimiabend"]),
        ({"audience": "kita"}, ["Der Grüffelo"]),
        ({"free": "true"}, ["Der Grüffelo", "Flohmarkt", "Puppentheater"]),
        ({"accessible": "true"}, ["Der Grüffelo", "Krimiabend"]),
        ({"q": "grüffelo"}, ["Der Grüffelo"]),
        ({"q": "stadtpark"}, ["Flohmarkt", "Puppentheater"]),
        ({"day": at(0, 0).date().isoformat(), "free": "true"}, ["Der Grüffelo"]),
        (
            {"age": "4", "sub_event": "kinowoche", "accessible": "true"},
            ["Der Grüffelo"],
        ),
    ],
)
def test_programme_filters_combine(client, week, query, expected):
    response = client.get("/", query)

    assert titles(response) == expected


def test_programme_shows_counts_per_day(client, week):
    html = client.get("/", {"sub_event": "kinowoche"}).content.decode()

    import re

    assert "2 Veranstaltungen gefunden" in html
    # One tab per festival day (7), each with its count under the current filter.
    counts = re.findall(r'<span class="count" aria-hidden="true">(\d+)</span>', html)
    assert counts == ["2", "0", "0", "0", "0", "0", "0"]


def test_programme_empty_state_offers_reset(client, week):
    response = client.get("/", {"q": "Gibtsnicht"})

    assert titles(response) == []
    html = response.content.decode()
    assert 'class="empty-state"' in html
    assert f'href="{reverse("events:programme")}"' in html


def test_programme_bad_filter_value_is_a_form_error_not_a_500(client, week):
    response = client.get("/", {"age": "abc", "day": "2027-13-45"})

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()


def test_programme_is_german_by_default_and_english_on_choice(client, week):
    german = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/")

    assert '<html lang="de">' in german.content.decode()
    assert '<html lang="en">' in english.content.decode()


def test_programme_cache_follows_changes(
    client, week, django_capture_on_commit_callbacks
):
    assert "Der Grüffelo" in titles(client.get("/"))

    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=week["gruffelo"], title="Der Grüffelo (neu)")

    assert titles(client.get("/"))[0] == "Der Grüffelo (neu)"


def test_programme_query_count_does_not_grow_with_events(client, week):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/", {"q": "a"})
    kino = week["gruffelo"].sub_event
    venue = VenueFactory(name="Aula", slug="aula")
    for n in range(30):
        EventFactory(
            sub_event=kino,
            venue=venue,
            title=f"Film {n}",
            slug=f"film-{n}",
            starts_at=at(3, 8) + dt.timedelta(hours=n % 12, days=n // 12),
            ends_at=at(3, 8) + dt.timedelta(hours=n % 12, days=n // 12, minutes=50),
            audiences=[week["gruffelo"].audiences.first()],
        )
    cache.clear()  # measure the uncached page both times
    with CaptureQueriesContext(connection) as many:
        response = client.get("/", {"q": "a"})

    assert len(titles(response)) > 30
    assert len(many.captured_queries) == len(few.captured_queries)


def test_event_page_shows_facts_and_registration(client, week):
    response = client.get("/events/gruffelo/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1>Der Grüffelo</h1>" in html
    assert "Stadthalle" in html
    assert "3–6" in html
    assert "<dd>Deutsch, Türkisch</dd>" in html


def test_draft_event_page_is_not_found(client, week):
    assert client.get("/events/entwurf/").status_code == 404


def test_venue_page_links_openstreetmap_and_lists_events(client, week):
    response = client.get("/venues/stadtpark/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "https://www.openstreetmap.org/?mlat=52.520000&amp;mlon=13.405000" in html
    assert titles(response) == ["Flohmarkt", "Puppentheater"]


def test_subevent_page_lists_its_public_events(client, week):
    response = client.get("/subevents/kinowoche/")

    assert response.status_code == 200
    assert titles(response) == ["Der Grüffelo", "Krimiabend"]


def test_unknown_pages_are_404(client, week):
    assert client.get("/venues/gibtsnicht/").status_code == 404
    assert client.get("/subevents/gibtsnicht/").status_code == 404


def test_cached_programme_costs_only_the_seat_queries(
    client, week, django_assert_num_queries
):
    client.get("/")

    # The events with registration (here one) and their taken seats: 2 queries.
    with django_assert_num_queries(2):
        response = client.get("/")

    assert titles(response) == [
        "Der Grüffelo",
        "Krimiabend",
        "Flohmarkt",
        "Puppentheater",
    ]


def test_more_filters_fold_away_unless_one_of_them_is_active(client, week):
    plain = client.get("/", {"age": "4"}).content.decode()
    narrowed = client.get("/", {"venue": "stadthalle", "free": "true"}).content.decode()

    assert '<details class="filters__more">' in plain
    assert '<details class="filters__more" open>' in narrowed
    assert "(2 aktiv)" in narrowed
    assert '<option value="kita">Kita 3–6</option>' in plain


def test_cards_follow_changes_to_their_venue_and_sub_event(
    client, week, django_capture_on_commit_callbacks
):
    client.get("/")  # cards cached
    halle = week["gruffelo"].venue
    kino = week["gruffelo"].sub_event

    with django_capture_on_commit_callbacks(execute=True):
        halle.name = "Neue Stadthalle"
        services.venue_save(venue=halle)
        kino.name = "Kinotage"
        kino.save()
    html = client.get("/").content.decode()

    assert html.count(">Neue Stadthalle</a>") == 2
    assert html.count('<span class="sub-badge">Kinotage</span>') == 2


def test_a_large_programme_stays_cached_with_its_cards(
    client, week, django_assert_max_num_queries
):
    # More cards than the local-memory cache's default of 300 entries: culling
    # would drop the page along with the cards.
    kino = week["gruffelo"].sub_event
    park = week["flohmarkt"].venue  # shared: no bookings needed
    Event.objects.bulk_create(
        Event(
            sub_event=kino,
            venue=park,
            title=f"Film {n}",
            slug=f"film-{n}",
            status=Event.Status.PUBLISHED,
            starts_at=at(n % 7, 8 + n % 12),
            ends_at=at(n % 7, 8 + n % 12, 50),
        )
        for n in range(350)
    )
    first = client.get("/")

    with django_assert_max_num_queries(2):
        second = client.get("/")

    assert len(titles(second)) == len(titles(first)) == 354
