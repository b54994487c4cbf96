"""Reads shared by pages, API, feeds and PDFs: conflicts, programme version, seats,
and the public list's query count."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from events import selectors, services
from events.models import Event, Festival, Venue
from events.registry import registry
from events.selectors import Conflict
from tests.events.factories import (
    AudienceFactory,
    EventFactory,
    FestivalFactory,
    PartnerFactory,
    SubEventFactory,
    VenueFactory,
    at,
)

pytestmark = pytest.mark.django_db


def event_change_url(event: Event) -> str:
    return reverse("admin:events_event_change", args=[event.pk])


def raw_event(**fields) -> Event:
    """An event row written past the service, so no venue booking and no checks.

    This is how imported or hand-fixed data looks: the service (and on PostgreSQL the
    exclusion constraint) would refuse an overlapping pair, and conflict_list exists
    to find such rows all the same.
    """
    fields.setdefault("status", Event.Status.PUBLISHED)
    return Event.objects.create(**fields)


@pytest.fixture
def festival() -> Festival:
    return FestivalFactory()


@pytest.fixture
def sub_event(festival):
    return SubEventFactory(festival=festival)


# --- conflict_list --------------------------------------------------------------------
def test_conflict_list_names_every_kind_of_problem(festival, sub_event):
    aula = VenueFactory(name="Aula", slug="aula", capacity=50)
    zelt = VenueFactory(name="Zelt", slug="zelt", capacity=None, is_published=False)
    park = VenueFactory(name="Park", slug="park", shared=True)
    lesung = EventFactory(
        sub_event=sub_event,
        title="Lesung",
        venue=aula,
        starts_at=at(0, 10),
        ends_at=at(0, 12),
    )
    theater = raw_event(
        sub_event=sub_event,
        title="Theater",
        slug="theater",
        venue=aula,
        starts_at=at(0, 11),
        ends_at=at(0, 13),
    )
    zeltfest = EventFactory(
        sub_event=sub_event,
        title="Zeltfest",
        venue=zelt,
        starts_at=at(1, 15),
        ends_at=at(1, 18),
    )
    EventFactory(
        sub_event=sub_event,
        title="Zeltaufbau",
        venue=zelt,
        status=Event.Status.DRAFT,
        starts_at=at(1, 8),
        ends_at=at(1, 9),
    )
    konzert = EventFactory(
        sub_event=sub_event,
        title="Großes Konzert",
        venue=aula,
        capacity=80,
        starts_at=at(2, 19),
        ends_at=at(2, 21),
    )
    nachlese = EventFactory(
        sub_event=sub_event,
        title="Nachlese",
        venue=park,
        starts_at=at(7, 10),
        ends_at=at(7, 11),
    )
    EventFactory(
        sub_event=sub_event,
        title="Picknick",
        venue=park,
        starts_at=at(7, 10),
        ends_at=at(7, 12),
    )
    EventFactory(
        sub_event=sub_event,
        title="Kleine Lesung",
        venue=aula,
        capacity=50,
        starts_at=at(3, 10),
        ends_at=at(3, 11),
    )

    with translation.override("en"):
        conflicts = selectors.conflict_list(festival=festival)

    picknick = Event.objects.get(title="Picknick")
    here = (sub_event.pk,)
    assert conflicts == [
        Conflict(
            kind="venue_overlap",
            message="“Lesung” and “Theater” overlap at Aula (Mon, 14.06. 11:00).",
            event_ids=(lesung.pk, theater.pk),
            fix_url=event_change_url(theater),
            severity="high",
            sub_event_ids=here,
        ),
        Conflict(
            kind="outside_festival",
            message="“Nachlese” is on Mon, 21.06. 10:00, outside the festival days.",
            event_ids=(nachlese.pk,),
            fix_url=event_change_url(nachlese),
            severity="high",
            sub_event_ids=here,
        ),
        Conflict(
            kind="outside_festival",
            message="“Picknick” is on Mon, 21.06. 10:00, outside the festival days.",
            event_ids=(picknick.pk,),
            fix_url=event_change_url(picknick),
            severity="high",
            sub_event_ids=here,
        ),
        Conflict(
            kind="unpublished_venue",
            message="“Zeltfest” is published, but its venue Zelt is not.",
            event_ids=(zeltfest.pk,),
            fix_url=reverse("admin:events_venue_change", args=[zelt.pk]),
            severity="high",
            sub_event_ids=here,
        ),
        Conflict(
            kind="capacity_above_venue",
            message="“Großes Konzert” takes 80 people, Aula holds 50.",
            event_ids=(konzert.pk,),
            fix_url=event_change_url(konzert),
            severity="medium",
            sub_event_ids=here,
        ),
    ]


def test_conflict_list_names_what_events_lack_when_asked(festival, sub_event):
    other = SubEventFactory(festival=festival)
    aula = VenueFactory(name="Aula", slug="aula", capacity=50)
    complete = EventFactory(
        sub_event=sub_event,
        title="Vollständig",
        summary="Kurz gesagt.",
        venue=aula,
        capacity=20,
        registration_opens_at=at(-14, 9),
        starts_at=at(0, 10),
    )
    only_description = EventFactory(
        sub_event=sub_event,
        title="Nur Beschreibung",
        description="Lang erklärt.",
        venue=aula,
        starts_at=at(1, 10),
    )
    homeless = EventFactory(
        sub_event=other,
        title="Ohne Ort",
        summary="Wo nur?",
        venue=None,
        status=Event.Status.DRAFT,
        starts_at=at(2, 10),
    )
    blank = EventFactory(
        sub_event=other,
        title="Leer",
        summary="   ",
        venue=aula,
        capacity=30,
        starts_at=at(3, 10),
    )
    EventFactory(
        sub_event=other,
        title="Abgesagt",
        venue=None,
        capacity=5,
        status=Event.Status.CANCELLED,
        cancel_reason="Regen",
        starts_at=at(4, 10),
    )

    with translation.override("en"):
        plain = selectors.conflict_list(festival=festival)
        conflicts = selectors.conflict_list(festival=festival, completeness=True)

    assert plain == []
    assert conflicts == [
        Conflict(
            kind="no_venue",
            message="“Ohne Ort” (Wed, 16.06. 10:00) has no venue yet.",
            event_ids=(homeless.pk,),
            fix_url=event_change_url(homeless),
            sub_event_ids=(other.pk,),
        ),
        Conflict(
            kind="no_description",
            message="“Leer” has neither a summary nor a description.",
            event_ids=(blank.pk,),
            fix_url=event_change_url(blank),
            severity="low",
            sub_event_ids=(other.pk,),
        ),
        Conflict(
            kind="no_registration_opening",
            message=(
                "“Leer” takes 30 people, but no date is set when registration opens."
            ),
            event_ids=(blank.pk,),
            fix_url=event_change_url(blank),
            severity="low",
            sub_event_ids=(other.pk,),
        ),
    ]
    assert complete.pk not in {pk for c in conflicts for pk in c.event_ids}
    assert only_description.pk not in {pk for c in conflicts for pk in c.event_ids}


def test_conflict_list_costs_one_query_however_many_events(
    festival, sub_event, django_assert_num_queries
):
    for n in range(12):
        EventFactory(
            sub_event=sub_event,
            venue=None,
            status=Event.Status.DRAFT,
            starts_at=at(n % 7, 8 + n),
        )

    with django_assert_num_queries(1):
        conflicts = selectors.conflict_list(festival=festival, completeness=True)

    assert [c.kind for c in conflicts] == ["no_venue"] * 12 + ["no_description"] * 12


def test_conflict_list_counts_buffers_in_venue_overlaps(festival, sub_event):
    aula = VenueFactory(name="Aula", slug="aula")
    first = raw_event(
        sub_event=sub_event,
        title="Erst",
        slug="erst",
        venue=aula,
        starts_at=at(0, 10),
        ends_at=at(0, 11),
        teardown_minutes=30,
    )
    second = raw_event(
        sub_event=sub_event,
        title="Dann",
        slug="dann",
        venue=aula,
        starts_at=at(0, 11, 15),
        ends_at=at(0, 12),
    )
    raw_event(
        sub_event=sub_event,
        title="Danach",
        slug="danach",
        venue=aula,
        starts_at=at(0, 12),
        ends_at=at(0, 13),
    )  # touches "Dann": fine

    with translation.override("en"):
        conflicts = selectors.conflict_list(festival=festival)

    assert conflicts == [
        Conflict(
            kind="venue_overlap",
            message="“Erst” and “Dann” overlap at Aula (Mon, 14.06. 11:15).",
            event_ids=(first.pk, second.pk),
            fix_url=event_change_url(second),
            severity="high",
            sub_event_ids=(sub_event.pk,),
        )
    ]


def test_conflict_list_reports_each_overlapping_pair(festival, sub_event):
    aula = VenueFactory(name="Aula", slug="aula")
    long = raw_event(
        sub_event=sub_event,
        title="Lang",
        slug="lang",
        venue=aula,
        starts_at=at(0, 9),
        ends_at=at(0, 17),
    )
    one = raw_event(
        sub_event=sub_event,
        title="Eins",
        slug="eins",
        venue=aula,
        starts_at=at(0, 10),
        ends_at=at(0, 11),
    )
    two = raw_event(
        sub_event=sub_event,
        title="Zwei",
        slug="zwei",
        venue=aula,
        starts_at=at(0, 12),
        ends_at=at(0, 13),
    )

    conflicts = selectors.conflict_list(festival=festival)

    assert [(c.kind, c.event_ids) for c in conflicts] == [
        ("venue_overlap", (long.pk, one.pk)),
        ("venue_overlap", (long.pk, two.pk)),
    ]


def test_conflict_list_uses_the_berlin_day_for_festival_days(festival, sub_event):
    park = VenueFactory(shared=True)
    for title, start in [
        ("Vorabend", at(-1, 23, 30)),
        ("Auftakt", at(0, 0, 30)),
        ("Spätvorstellung", at(6, 23, 30)),
        ("Nachtwanderung", at(7, 0, 30)),
    ]:
        EventFactory(
            sub_event=sub_event,
            title=title,
            venue=park,
            starts_at=start,
            ends_at=start + dt.timedelta(minutes=20),
        )

    conflicts = selectors.conflict_list(festival=festival)

    assert [
        (c.kind, Event.objects.get(pk=c.event_ids[0]).title) for c in conflicts
    ] == [
        ("outside_festival", "Vorabend"),
        ("outside_festival", "Nachtwanderung"),
    ]


def test_conflict_list_is_empty_for_a_clean_schedule(festival, sub_event):
    aula = VenueFactory(capacity=100)
    park = VenueFactory(shared=True)
    EventFactory(
        sub_event=sub_event,
        venue=aula,
        capacity=100,
        starts_at=at(0, 10),
        ends_at=at(0, 12),
        teardown_minutes=30,
    )
    EventFactory(
        sub_event=sub_event, venue=aula, starts_at=at(0, 12, 30), ends_at=at(0, 13)
    )
    EventFactory(
        sub_event=sub_event, venue=park, starts_at=at(0, 10), ends_at=at(0, 12)
    )
    EventFactory(
        sub_event=sub_event, venue=park, starts_at=at(0, 11), ends_at=at(0, 12)
    )
    EventFactory(
        sub_event=sub_event,
        venue=None,
        status=Event.Status.DRAFT,
        starts_at=at(6, 10),
        ends_at=at(6, 12),
    )

    assert selectors.conflict_list(festival=festival) == []


def test_conflict_list_ignores_cancelled_events(festival, sub_event):
    aula = VenueFactory(capacity=10, is_published=False)
    EventFactory(
        sub_event=sub_event,
        venue=aula,
        status=Event.Status.DRAFT,
        starts_at=at(0, 10),
        ends_at=at(0, 12),
    )
    raw_event(
        sub_event=sub_event,
        title="Abgesagt",
        slug="abgesagt",
        venue=aula,
        status=Event.Status.CANCELLED,
        cancel_reason="Regen",
        capacity=99,
        starts_at=at(0, 11),
        ends_at=at(0, 13),
    )
    raw_event(
        sub_event=sub_event,
        title="Auch abgesagt",
        slug="auch-abgesagt",
        venue=aula,
        status=Event.Status.CANCELLED,
        cancel_reason="Regen",
        starts_at=at(9, 11),
        ends_at=at(9, 13),
    )

    assert selectors.conflict_list(festival=festival) == []


def test_conflict_list_ignores_other_festivals(festival, sub_event):
    other = FestivalFactory(
        slug="vorjahr", start_date=dt.date(2026, 6, 15), end_date=dt.date(2026, 6, 21)
    )
    EventFactory(
        sub_event=SubEventFactory(festival=other),
        starts_at=at(0, 10),
        ends_at=at(0, 11),
    )

    assert selectors.conflict_list(festival=festival) == []
    assert [c.kind for c in selectors.conflict_list(festival=other)] == [
        "outside_festival"
    ]


# --- festival_current -----------------------------------------------------------------
def test_festival_current_is_the_next_to_end_else_the_latest(
    django_capture_on_commit_callbacks,
):
    # festival_current is cached per programme version, which moves on commit.
    today = timezone.localdate()
    day = dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        FestivalFactory(
            slug="past", start_date=today - 30 * day, end_date=today - 24 * day
        )
    assert selectors.festival_current().slug == "past"

    with django_capture_on_commit_callbacks(execute=True):
        FestivalFactory(
            slug="later", start_date=today + 300 * day, end_date=today + 306 * day
        )
        FestivalFactory(slug="running", start_date=today - 2 * day, end_date=today)
    assert selectors.festival_current().slug == "running"


def test_festival_current_is_none_without_festivals():
    assert selectors.festival_current() is None


# --- venue_clashes --------------------------------------------------------------------
def test_venue_clashes_treats_intervals_as_half_open():
    aula = VenueFactory()
    a = EventFactory(venue=aula, starts_at=at(0, 10), ends_at=at(0, 12))
    b = EventFactory(venue=aula, starts_at=at(0, 12), ends_at=at(0, 14))

    def clashes(start, end, exclude=None):
        return selectors.venue_clashes(
            venue=aula, blocked_from=start, blocked_until=end, exclude_event_id=exclude
        )

    assert clashes(at(0, 8), at(0, 10)) == []
    assert clashes(at(0, 14), at(0, 15)) == []
    assert clashes(at(0, 11, 59), at(0, 12, 1)) == [a, b]
    assert clashes(at(0, 11), at(0, 13), exclude=a.pk) == [b]
    assert (
        selectors.venue_clashes(
            venue=VenueFactory(), blocked_from=at(0, 0), blocked_until=at(1, 0)
        )
        == []
    )


# --- programme_version ----------------------------------------------------------------
def test_programme_version_changes_after_a_committed_change(
    django_capture_on_commit_callbacks,
):
    before = selectors.programme_version()
    assert selectors.programme_version() == before  # stable while nothing changes

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        EventFactory()

    after = selectors.programme_version()
    assert len(callbacks) >= 1
    assert after != before
    assert selectors.programme_version() == after


def test_programme_version_waits_for_the_commit(django_capture_on_commit_callbacks):
    before = selectors.programme_version()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        venue = VenueFactory()

    assert selectors.programme_version() == before  # not committed yet
    for callback in callbacks:
        callback()
    assert selectors.programme_version() != before
    assert venue.pk is not None


def test_programme_version_changes_when_audiences_change(
    django_capture_on_commit_callbacks,
):
    event = EventFactory()
    audience = AudienceFactory()
    before = selectors.programme_version()

    with django_capture_on_commit_callbacks(execute=True):
        event.audiences.add(audience)

    assert selectors.programme_version() != before


# --- seats_available_map --------------------------------------------------------------
@pytest.fixture
def seats_provider():
    """Register a seats provider that reports `taken`; unregister it afterwards."""
    taken: dict[int, int] = {}
    calls: list[list[int]] = []

    def provider(events):
        calls.append([event.pk for event in events])
        return {pk: seats for pk, seats in taken.items() if pk in calls[-1]}

    registry.register_seats_provider(provider)
    yield taken, calls
    registry.unregister_seats_provider(provider)
    assert provider not in registry.seats_providers


def test_seats_available_map_subtracts_what_providers_report(seats_provider):
    taken, calls = seats_provider
    some = EventFactory(capacity=20)
    full = EventFactory(capacity=5)
    over = EventFactory(capacity=3)
    open_air = EventFactory(capacity=None)
    nobody = EventFactory(capacity=12)
    taken.update({some.pk: 7, full.pk: 5, over.pk: 4, open_air.pk: 9})

    events = [some, full, over, open_air, nobody]
    result = selectors.seats_available_map(events)

    assert result == {
        some.pk: 13,
        full.pk: 0,
        over.pk: 0,
        open_air.pk: None,
        nobody.pk: 12,
    }
    assert calls == [[e.pk for e in events]]  # one call for the whole list


def test_seats_available_map_without_providers_is_the_capacity():
    with_cap = EventFactory(capacity=30)
    without = EventFactory(capacity=None)

    assert selectors.seats_available_map([with_cap, without]) == {
        with_cap.pk: 30,
        without.pk: None,
    }


def test_seats_available_map_of_nothing_is_empty():
    assert selectors.seats_available_map([]) == {}


# --- event_list_public ----------------------------------------------------------------
def test_event_list_public_shows_published_and_cancelled_in_time_order():
    EventFactory(slug="spaet", starts_at=at(1, 18), ends_at=at(1, 19))
    EventFactory(
        slug="entwurf", status=Event.Status.DRAFT, starts_at=at(0, 9), ends_at=at(0, 10)
    )
    EventFactory(slug="b-frueh", title="B", starts_at=at(0, 10), ends_at=at(0, 11))
    EventFactory(slug="a-frueh", title="A", starts_at=at(0, 10), ends_at=at(0, 11))
    cancelled = EventFactory(slug="abgesagt", starts_at=at(0, 12), ends_at=at(0, 13))
    services.event_cancel(event=cancelled, reason="Regen")

    slugs = [event.slug for event in selectors.event_list_public()]

    assert slugs == ["a-frueh", "b-frueh", "abgesagt", "spaet"]


def make_programme(count: int) -> None:
    audiences = [AudienceFactory(), AudienceFactory()]
    partners = [PartnerFactory(), PartnerFactory()]
    for n in range(count):
        EventFactory(
            starts_at=at(n % 7, 8 + n % 10),
            ends_at=at(n % 7, 9 + n % 10),
            audiences=audiences[: n % 3],
            host_partners=partners[: n % 3],
        )


def read_programme() -> int:
    with CaptureQueriesContext(connection) as queries:
        for event in selectors.event_list_public():
            str(event.sub_event), str(event.venue)
            [a.name for a in event.audiences.all()]
            [p.name for p in event.host_partners.all()]
    return len(queries)


def test_event_list_public_query_count_does_not_grow_with_the_programme():
    make_programme(5)
    few = read_programme()
    make_programme(45)
    many = read_programme()

    assert Event.objects.count() == 50
    assert (few, many) == (3, 3)


def test_programme_group_by_day_uses_the_berlin_day():
    park = VenueFactory(shared=True)
    for slug, start in [
        ("abend", at(0, 23, 30)),  # 21:30 UTC, still day 0 in Berlin
        ("nacht", at(1, 0, 30)),  # 22:30 UTC on day 0, but day 1 in Berlin
        ("mittag", at(1, 12)),
    ]:
        EventFactory(
            slug=slug,
            venue=park,
            starts_at=start,
            ends_at=start + dt.timedelta(minutes=20),
        )

    days = selectors.programme_group_by_day(selectors.event_list_public())

    assert [(d.day, [e.slug for e in d.events]) for d in days] == [
        (dt.date(2027, 6, 14), ["abend"]),
        (dt.date(2027, 6, 15), ["nacht", "mittag"]),
    ]


def test_venue_list_public_hides_unpublished_venues():
    VenueFactory(slug="b-offen", name="B")
    VenueFactory(slug="a-offen", name="A")
    VenueFactory(slug="versteckt", is_published=False)

    assert [v.slug for v in selectors.venue_list_public()] == ["a-offen", "b-offen"]
    assert Venue.objects.count() == 3
