"""The feeds over HTTP: content type, ETag and Last-Modified, 304 answered from the
cache without building the feed, Cache-Control, and a query count that does not
grow with the number of events."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from events import services as event_services
from events.models import Event, SubEvent, Venue
from events.selectors import PROGRAMME_VERSION_KEY
from registrations.models import Household, Registration
from registrations.services import registration_cancel
from tests.calendars.helpers import (
    entries,
    household_url,
    programme_url,
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
from tests.volunteers.factories import ShiftFactory, assign
from volunteers.models import Assignment, Role, Shift
from volunteers.services import assignment_withdraw

pytestmark = pytest.mark.django_db

# What a conditional request costs once the feed is cached: the programme none
# (its version is in the cache); a sub-event, venue or event feed the lookup of its
# slug; a personal feed the token with its owner and the one-query fingerprint of
# the owner's rows. Nothing of the feed itself is built.
QUERIES_304 = {
    "programme": 0,
    "programme_filtered": 0,
    "sub_event": 1,
    "venue": 1,
    "event": 1,
    "household": 2,
    "volunteer": 2,
}


@pytest.fixture
def event():
    return open_event(title="Trommelworkshop", slug="trommelworkshop")


def get(url: str, **headers: str):
    return Client().get(url, headers=headers)


def feed_urls(event: Event) -> dict[str, tuple[str, bool]]:
    """Every feed type with whether it is public."""
    registration = register(event, 7, 36).registration
    assignment = assign(ShiftFactory(event=event, venue=VenueFactory(shared=True)))
    return {
        "programme": (programme_url(), True),
        "programme_filtered": (programme_url(age="6-10"), True),
        "sub_event": (f"/calendar/subevents/{event.sub_event.slug}.ics", True),
        "venue": (f"/calendar/venues/{event.venue.slug}.ics", True),
        "event": (f"/calendar/events/{event.slug}.ics", True),
        "household": (household_url(registration.household), False),
        "volunteer": (volunteer_url(assignment.volunteer), False),
    }


def test_every_feed_answers_a_repeated_request_with_304_and_the_same_etag(
    event, django_assert_num_queries
):
    for name, (url, public) in feed_urls(event).items():
        first = get(url)
        assert first.status_code == 200, name
        assert first["Content-Type"] == "text/calendar; charset=utf-8"
        assert first["Cache-Control"] == (
            "public, max-age=300" if public else "private, max-age=300"
        )
        assert first["ETag"].startswith('"') and first["ETag"].endswith('"')

        with django_assert_num_queries(QUERIES_304[name]):
            again = get(url, if_none_match=first["ETag"])
        assert again.status_code == 304, name
        assert again.content == b""
        assert again["ETag"] == first["ETag"]
        assert again["Cache-Control"] == first["Cache-Control"]

        since = get(url, if_modified_since=first["Last-Modified"])
        assert since.status_code == 304, name
        assert since.content == b""


def test_personal_feeds_are_kept_out_of_referrers_and_indexes(event):
    urls = feed_urls(event)

    for name in ("household", "volunteer"):
        response = get(urls[name][0])
        assert response["Referrer-Policy"] == "no-referrer"
        assert response["X-Robots-Tag"] == "noindex"
    assert get(urls["programme"][0])["Referrer-Policy"] != "no-referrer"


def test_the_download_is_an_attachment_the_subscriptions_are_inline(event):
    urls = feed_urls(event)

    assert get(urls["event"][0])["Content-Disposition"] == (
        'attachment; filename="trommelworkshop.ics"'
    )
    assert get(urls["programme"][0])["Content-Disposition"] == (
        'inline; filename="programme.ics"'
    )


def test_a_stale_etag_gets_the_whole_new_feed(
    event, django_capture_on_commit_callbacks
):
    first = get(programme_url())

    with django_capture_on_commit_callbacks(execute=True):
        event_services.event_update(event=event, title="Trommeln im Park")
    again = get(programme_url(), if_none_match=first["ETag"])

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    [entry] = entries(again.content).values()
    assert str(entry["SUMMARY"]) == "Trommeln im Park"


def test_the_same_content_gives_the_same_bytes_after_the_cache_is_cleared(event):
    urls = feed_urls(event)
    before = {name: get(url) for name, (url, _public) in urls.items()}

    cache.clear()

    for name, (url, _public) in urls.items():
        after = get(url)
        assert after.content == before[name].content, name
        assert after["ETag"] == before[name]["ETag"], name
        assert get(url, if_none_match=before[name]["ETag"]).status_code == 304


def test_the_programme_feed_is_cached_so_a_second_plain_request_builds_nothing(
    event, django_assert_num_queries
):
    get(programme_url())

    with django_assert_num_queries(0):
        assert get(programme_url()).status_code == 200


def a_minute_ago() -> None:
    """Date every row's and the programme's last change a minute back, so that a
    change made now falls in a later second than the first response's
    Last-Modified (HTTP dates have whole seconds)."""
    earlier = timezone.now() - dt.timedelta(minutes=1)
    for model in (Event, Venue, SubEvent, Registration, Household, Shift, Role):
        model.objects.update(updated_at=earlier)
    Assignment.objects.update(created_at=earlier)
    cache.set(PROGRAMME_VERSION_KEY, earlier.strftime("%Y%m%d%H%M%S%f"), None)


# --- Last-Modified must rise when an entry leaves a feed ------------------------------


def test_a_cancelled_registration_is_not_kept_by_if_modified_since(
    django_capture_on_commit_callbacks,
):
    email = "familie@example.org"
    stays = register(open_event(venue=VenueFactory()), 7, email=email).registration
    leaves = register(
        open_event(starts_at=at(1, 10), ends_at=at(1, 12), venue=VenueFactory()),
        7,
        email=email,
    ).registration
    a_minute_ago()
    url = household_url(stays.household)
    first = get(url)
    assert len(entries(first.content)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=leaves)
    again = get(url, if_modified_since=first["Last-Modified"])

    assert again.status_code == 200
    assert list(entries(again.content)) == [f"registration-{stays.pk}@127.0.0.1"]


def test_a_withdrawn_shift_is_not_kept_by_if_modified_since():
    stays = assign(ShiftFactory())
    leaves = assign(
        ShiftFactory(starts_at=at(1, 9), ends_at=at(1, 12)), stays.volunteer
    )
    a_minute_ago()
    url = volunteer_url(stays.volunteer)
    first = get(url)
    assert len(entries(first.content)) == 2

    assignment_withdraw(assignment=leaves, now=at(-10, 12))
    again = get(url, if_modified_since=first["Last-Modified"])

    assert again.status_code == 200
    assert list(entries(again.content)) == [f"assignment-{stays.pk}@127.0.0.1"]


def test_an_event_moved_to_another_sub_event_leaves_its_feed_for_if_modified_since(
    django_capture_on_commit_callbacks,
):
    sub_event = SubEventFactory()
    stays = EventFactory(sub_event=sub_event)
    moves = EventFactory(sub_event=sub_event)
    a_minute_ago()
    url = f"/calendar/subevents/{sub_event.slug}.ics"
    first = get(url)
    assert len(entries(first.content)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        event_services.event_update(event=moves, sub_event=SubEventFactory())
    again = get(url, if_modified_since=first["Last-Modified"])

    assert again.status_code == 200
    assert list(entries(again.content)) == [f"event-{stays.pk}@127.0.0.1"]
    assert again["Last-Modified"] != first["Last-Modified"]


# --- Query counts do not grow with the programme --------------------------------------


def programme_of(count: int) -> None:
    """`count` published events, written in bulk (no venue bookings: the feed does
    not read them), each with two audiences and at a venue with coordinates."""
    sub_events = [SubEventFactory() for _ in range(3)]
    venues = [
        VenueFactory(latitude=50.98, longitude=9.12, shared=True) for _ in range(4)
    ]
    audiences = [
        AudienceFactory(position=n, slug=f"publikum-bulk-{n}") for n in range(3)
    ]
    events = Event.objects.bulk_create(
        Event(
            sub_event=sub_events[i % 3],
            venue=venues[i % 4],
            title=f"Programmpunkt {i}",
            slug=f"bulk-{count}-{i}",
            summary="Für alle, mit Komma; und Semikolon.",
            starts_at=at(i % 7, 9 + i % 10),
            ends_at=at(i % 7, 10 + i % 10),
            status=Event.Status.PUBLISHED if i % 10 else Event.Status.CANCELLED,
            cancel_reason="" if i % 10 else "Regen",
            min_age=i % 8 or None,
            max_age=None if i % 3 else 12,
            is_free=i % 4 != 0,
            price_text="" if i % 4 else "3 €",
            capacity=None if i % 2 else 20,
        )
        for i in range(count)
    )
    Through = Event.audiences.through
    Through.objects.bulk_create(
        Through(event_id=event.pk, audience_id=audiences[(i + k) % 3].pk)
        for i, event in enumerate(events)
        for k in range(2)
    )


# A cold build of the programme feed, whatever its length: the festival's name, the
# events' last changes, their audience names (the entries' cache keys), then for the
# entries not cached: the events with sub-event and venue, their audiences, their
# host partners (prefetched by event_list_public), the sub-event modules' detail
# lines (the conference's sessions, one query cached per programme version); an
# audience filter adds the audience's lookup.
COLD_PROGRAMME_QUERIES = 7
COLD_AUDIENCE_QUERIES = 8
# After an edit only the changed entry is built again: the festival (its cache
# follows the programme version), the two key queries, the three for the edited
# event and the modules' detail lines — the same for 60 and 600 events.
AFTER_EDIT_QUERIES = 7
AUDIENCE_SLUG = "publikum-bulk-0"


@pytest.mark.parametrize("count", [60, 600])
def test_the_programme_feed_costs_the_same_queries_for_60_and_600_events(
    count, django_assert_num_queries
):
    programme_of(count)
    cache.clear()

    with django_assert_num_queries(COLD_PROGRAMME_QUERIES):
        response = get(programme_url())

    assert response.status_code == 200
    assert len(entries(response.content)) == count
    cache.clear()
    with django_assert_num_queries(COLD_PROGRAMME_QUERIES):
        filtered = get(programme_url(age="6-10"))
    assert filtered.status_code == 200
    cache.clear()
    with django_assert_num_queries(COLD_AUDIENCE_QUERIES):
        by_audience = get(programme_url(audience=AUDIENCE_SLUG))
    assert len(entries(by_audience.content)) == count * 2 // 3


@pytest.mark.parametrize("count", [60, 600])
def test_after_an_edit_only_the_edited_entry_is_built_again(
    count, django_assert_num_queries, django_capture_on_commit_callbacks
):
    programme_of(count)
    cache.clear()
    before = get(programme_url())
    event = Event.objects.order_by("starts_at", "pk")[count // 2]

    with django_capture_on_commit_callbacks(execute=True):  # bumps the version
        event_services.event_update(event=event, title="Neu: Trommeln im Park")
    with django_assert_num_queries(AFTER_EDIT_QUERIES):
        after = get(programme_url())

    assert after["ETag"] != before["ETag"]
    titles = [str(e["SUMMARY"]) for e in entries(after.content).values()]
    assert titles.count("Neu: Trommeln im Park") == 1
    assert len(titles) == count
    cache.clear()  # built from scratch: the very same bytes
    assert get(programme_url()).content == after.content
