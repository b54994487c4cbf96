"""The market's line reaches every reader of the programme through the
registry (programme, API, event page, feed, booklet); it is stable while
sellers come and go (it lands in cached feeds), costs one query for any number
of events, and says nothing for events that are not markets."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from events.registry import registry
from subevents.flea_market.selectors import detail_lines
from subevents.flea_market.services import application_cancel
from tests.events.factories import EventFactory
from tests.flea_market.factories import apply, market

pytestmark = pytest.mark.django_db

GERMAN = "5 Stände · Tische, Kleiderständer · Aufbau ab 08:00"
ENGLISH = "5 pitches · tables, clothes rails · set-up from 08:00"


def unfolded(feed: str) -> str:
    """An iCalendar text as read: lines unfolded, commas unescaped."""
    return feed.replace("\r\n ", "").replace("\\,", ",")


@pytest.fixture
def client_en() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_line_names_pitches_kinds_and_set_up_in_both_languages():
    m = market()

    with translation.override("de"):
        assert registry.detail_lines(m.event) == [GERMAN]
    with translation.override("en"):
        assert registry.detail_lines(m.event) == [ENGLISH]


def test_the_line_stays_the_same_while_sellers_come_and_go():
    m = market()
    with translation.override("de"):
        before = detail_lines([m.event])
        anna = apply(m)
        apply(m)
        application_cancel(application=anna)
        after = detail_lines([m.event])

    assert before == after == {m.event.pk: [GERMAN]}


def test_one_query_for_many_events_and_none_without_markets(
    django_assert_num_queries,
):
    markets = [market(slug=f"markt-{n}") for n in range(3)]
    others = [EventFactory() for _n in range(3)]
    events = [m.event for m in markets] + others

    with django_assert_num_queries(1):
        lines = detail_lines(events)
    assert sorted(lines) == sorted(m.event.pk for m in markets)

    # Events whose sub-event is known and is no flea market: no query at all.
    loaded = list(
        type(others[0])
        .objects.select_related("sub_event")
        .filter(pk__in=[e.pk for e in others])
    )
    with django_assert_num_queries(0):
        assert detail_lines(loaded) == {}


def test_the_programme_the_api_and_the_feed_carry_the_line(client_en):
    m = market()
    other = EventFactory(title="Familienpicknick")

    programme = client_en.get("/").content.decode()
    results = client_en.get("/api/v1/events/").json()["results"]
    one = client_en.get(f"/api/v1/events/{m.event.slug}/").json()
    feed = client_en.get("/calendar/programme.ics").content.decode()

    assert programme.count(ENGLISH) == 1
    details = {row["slug"]: row["details"] for row in results}
    assert details == {m.event.slug: [ENGLISH], other.slug: []}
    assert one["details"] == [ENGLISH]
    assert GERMAN in unfolded(feed)


def test_a_change_of_the_market_reaches_the_cached_feed(
    client_en, django_capture_on_commit_callbacks
):
    m = market()
    client_en.get("/calendar/programme.ics")

    m.setup_from = m.setup_from.replace(hour=7, minute=30)
    with django_capture_on_commit_callbacks(execute=True):
        m.save()

    feed = client_en.get("/calendar/programme.ics").content.decode()
    assert "Aufbau ab 07:30" in unfolded(feed)
