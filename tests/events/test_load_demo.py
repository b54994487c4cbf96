"""load_demo: the demo festival is complete, conflict-free, idempotent and movable,
and its accounts exist only where they are safe."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone

from events import demo, roles
from events.models import (
    BERLIN,
    Audience,
    Event,
    Festival,
    Partner,
    SubEvent,
    Venue,
    VenueBooking,
)
from events.selectors import conflict_list

pytestmark = pytest.mark.django_db

START = dt.date(2027, 6, 14)  # a Monday
ACCOUNT_GROUPS = {
    "orga": roles.ORGA,
    "leitung": roles.MODULE_LEAD,
    "partner": roles.PARTNER,
    "helferkoordination": roles.VOLUNTEER_COORDINATION,
}


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Every run checks the demo password; PBKDF2 would make each test slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("load_demo", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def demo_festival() -> Festival:
    return Festival.objects.get(slug=demo.FESTIVAL_SLUG)


def demo_events():
    """The core's demo events (other apps add their own, e.g. scheduled proposals)."""
    return Event.objects.filter(
        sub_event__festival=demo_festival(), slug__in=[e.slug for e in demo.EVENTS]
    )


def wall_clock(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(BERLIN).replace(tzinfo=None)


def snapshot() -> dict[str, list]:
    """Every row the demo touches, all columns, including the many-to-many rows."""
    user_model = get_user_model()
    models = [
        Festival,
        SubEvent,
        Venue,
        Partner,
        Audience,
        Event,
        VenueBooking,
        user_model,
        Group,
        Event.audiences.through,
        Event.host_partners.through,
        SubEvent.leads.through,
        Partner.members.through,
        user_model.groups.through,
    ]
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in models
    }


def contrast_with_white(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


# --- Content ------------------------------------------------------------------------
def test_demo_festival_has_the_whole_week():
    load("--start", "2027-06-14")

    festival = demo_festival()
    events = demo_events()
    published = list(events.published())
    assert festival.name == "Festwoche – 20 Jahre Bündnis für Familie"
    assert (festival.start_date, festival.end_date) == (START, dt.date(2027, 6, 20))
    assert festival.greeting.count("\n\n") >= 3
    assert festival.contact_email == "festwoche@example.org"
    assert events.count() == len(demo.EVENTS) == 94
    assert len(published) == 91
    assert len(published) >= 60
    assert events.filter(status=Event.Status.DRAFT).count() == 2
    cancelled = events.get(status=Event.Status.CANCELLED)
    assert cancelled.slug == "mobiler-kletterturm"
    assert cancelled.cancel_reason.startswith("Der mobile Kletterturm")
    assert {event.local_day for event in published} == set(festival.days)


def test_demo_has_all_sub_events_each_with_published_events():
    load("--start", "2027-06-14")

    sub_events = SubEvent.objects.filter(festival=demo_festival())
    assert {s.name: s.kind for s in sub_events} == {
        "Bildungskonferenz": "conference",
        "Benefiz-Fußballspiel": "general",
        "Spendenlauf": "charity_run",
        "Gala mit regionaler Prominenz und Talenten": "general",
        "Kinowoche": "cinema",
        "Schülerwettbewerb": "general",
        "Aktionen auf Spielplätzen": "general",
        "Gemeinsames Theaterprojekt": "general",
        "Familienpicknick": "general",
        "Kleider- und Spielzeugmarkt": "flea_market",
        "Kostenlose Schnupperangebote": "general",
    }
    for sub_event in sub_events:
        assert sub_event.events.published().exists(), sub_event.name
        assert sub_event.lead_partner is not None, sub_event.name
        assert sub_event.description, sub_event.name
        assert contrast_with_white(sub_event.colour) >= 4.5, sub_event.colour


def test_cinema_plays_every_day_and_the_conference_fills_one_day():
    load("--start", "2027-06-14")
    festival = demo_festival()

    screenings = demo_events().published().filter(venue__slug="lichtspielhaus")
    assert {event.local_day for event in screenings} == set(festival.days)
    assert {event.sub_event.slug for event in screenings} == {"kinowoche"}
    conference = demo_events().filter(sub_event__slug="bildungskonferenz")
    assert {event.local_day for event in conference} == {dt.date(2027, 6, 15)}
    assert conference.count() == 11
    parallel = conference.filter(title__startswith="Workshop")
    assert parallel.count() == 8
    assert parallel.values("venue").distinct().count() == 4


def test_demo_partners_venues_and_audiences():
    load("--start", "2027-06-14")

    partners = Partner.objects.all()
    assert partners.count() == 43
    assert partners.count() >= 30
    assert {partner.sector for partner in partners} == set(Partner.Sector.values)
    assert all(p.contact_email.endswith("@example.org") for p in partners)
    assert all(p.contact_name for p in partners)
    venues = Venue.objects.all()
    assert venues.count() == 15
    assert {venue.city for venue in venues} == {"Musterstadt"}
    assert {v.slug for v in venues if v.shared} == {
        "stadtpark",
        "spielplatz-lindenallee",
        "abenteuerspielplatz",
        "rathausplatz",
    }
    assert {v.step_free for v in venues} == {True, False}
    assert all(v.latitude is not None and v.longitude is not None for v in venues)
    assert list(Audience.objects.values_list("name", "min_age", "max_age")) == [
        ("Kleinkinder 0–3", 0, 3),
        ("Kita 3–6", 3, 6),
        ("Grundschule 6–10", 6, 10),
        ("Kinder 10–14", 10, 14),
        ("Jugendliche 14–18", 14, 18),
        ("Familien", None, None),
        ("Erwachsene", 18, None),
        ("Fachpublikum", None, None),
    ]


def test_demo_events_vary_in_price_language_capacity_and_registration():
    load("--start", "2027-06-14")
    events = list(demo_events().prefetch_related("audiences", "host_partners"))

    assert all(event.host_partners.all() for event in events)
    assert all(event.audiences.all() for event in events)
    assert sum(1 for e in events if not e.is_free) >= 5
    assert all(e.price_text for e in events if not e.is_free)
    assert {tuple(e.languages) for e in events} >= {
        ("de",),
        ("de", "en"),
        ("de", "tr"),
        ("de", "ar"),
    }
    small = [e for e in events if e.capacity is not None and 8 <= e.capacity <= 30]
    assert len(small) >= 8
    windows = [e for e in events if e.registration_opens_at is not None]
    assert len(windows) >= 20
    for event in windows:
        assert event.capacity is not None
        assert event.registration_opens_at < event.registration_closes_at
        assert event.registration_closes_at <= event.starts_at
        assert event.registration_opens_at.date() < START
    assert sum(1 for e in events if e.setup_minutes or e.teardown_minutes) >= 10
    assert sum(1 for e in events if e.accessibility_notes) >= 10
    assert len({e.description for e in events}) == len(events)


def test_with_the_default_start_registration_is_open_now():
    load()

    festival = demo_festival()
    today = timezone.localdate()
    assert festival.start_date == demo.demo_default_start(today)
    assert festival.start_date.weekday() == 0
    assert festival.start_date >= today + dt.timedelta(weeks=8)
    events = demo_events().published().exclude(capacity=None)
    states = {event.slug: event.registration_state() for event in events}
    assert states["jubilaeumsgala"] == "not_yet_open"
    assert {state for slug, state in states.items() if slug != "jubilaeumsgala"} == {
        "open"
    }


@pytest.mark.parametrize(
    ("today", "start"),
    [
        (dt.date(2026, 11, 23), dt.date(2027, 1, 18)),  # a Monday: eight weeks on
        (dt.date(2026, 11, 25), dt.date(2027, 1, 25)),  # a Wednesday
        (dt.date(2026, 11, 29), dt.date(2027, 1, 25)),  # a Sunday
    ],
)
def test_default_start_is_the_first_monday_at_least_eight_weeks_ahead(today, start):
    assert demo.demo_default_start(today) == start


# --- Scheduling ---------------------------------------------------------------------
def test_demo_has_no_conflicts_and_every_exclusive_venue_is_booked():
    load("--start", "2027-06-14")

    assert conflict_list(festival=demo_festival()) == []
    # Every event of the demo festival, the other apps' (scheduled proposals) too.
    holding = Event.objects.filter(sub_event__festival=demo_festival())
    holding = holding.exclude(status=Event.Status.CANCELLED).filter(venue__shared=False)
    assert sorted(
        VenueBooking.objects.values_list("event_id", "blocked_from", "blocked_until")
    ) == sorted((e.pk, e.blocked_from, e.blocked_until) for e in holding)


def test_times_are_wall_clock_times_across_a_dst_change():
    # The week of 22 March 2027 contains the switch to summer time (Sunday 28th).
    load("--start", "2027-03-22")

    events = {event.slug: event for event in demo_events()}
    for spec in demo.EVENTS:
        day = dt.date(2027, 3, 22) + dt.timedelta(days=spec.day)
        expected = dt.datetime.combine(day, dt.time.fromisoformat(spec.start))
        assert wall_clock(events[spec.slug].starts_at) == expected, spec.slug
    assert conflict_list(festival=demo_festival()) == []


# --- Idempotency --------------------------------------------------------------------
def test_second_run_changes_nothing(django_assert_max_num_queries):
    load("--start", "2027-06-14")
    before = snapshot()

    # The core's checks plus each app's demo extension asking whether its part is
    # there (registrations, volunteers, the conference, cinema, charity run and market
    # modules, planning's proposals, ideas and releases).
    with django_assert_max_num_queries(21):
        result = demo.demo_load(start=START, with_accounts=False)
    out, _ = load("--start", "2027-06-14")

    assert (result.created, result.updated, result.moved_days) == (0, 0, 0)
    assert "Already up to date: nothing changed." in out
    assert snapshot() == before


def test_second_run_with_accounts_changes_nothing(settings):
    settings.DEBUG = True
    load("--start", "2027-06-14")
    before = snapshot()

    load("--start", "2027-06-14")

    assert snapshot() == before


def test_new_start_moves_every_event_and_keeps_its_identity():
    load("--start", "2027-06-14")
    before = {
        e.slug: (e.pk, e.starts_at, e.ends_at, e.registration_opens_at)
        for e in demo_events()
    }

    out, _ = load("--start", "2027-06-21")

    festival = demo_festival()
    assert (festival.start_date, festival.end_date) == (
        dt.date(2027, 6, 21),
        dt.date(2027, 6, 27),
    )
    assert Festival.objects.count() == 1
    assert "moved by +7 days" in out
    after = {
        e.slug: (e.pk, e.starts_at, e.ends_at, e.registration_opens_at)
        for e in demo_events()
    }
    assert after.keys() == before.keys()
    week = dt.timedelta(days=7)
    for slug, (pk, starts_at, ends_at, opens) in before.items():
        assert after[slug][0] == pk
        assert wall_clock(after[slug][1]) == wall_clock(starts_at) + week
        assert wall_clock(after[slug][2]) == wall_clock(ends_at) + week
        if opens is not None:
            assert wall_clock(after[slug][3]) == wall_clock(opens) + week
    assert conflict_list(festival=festival) == []


@pytest.mark.parametrize("new_start", ["2027-06-15", "2027-06-13"])
def test_moving_by_one_day_passes_the_venue_rule(new_start):
    # One day's shift lands many events on slots their neighbours still hold until
    # they move too; the loader must order the writes so the service accepts them.
    load("--start", "2027-06-14")
    pks = set(demo_events().values_list("pk", flat=True))

    _, err = load("--start", new_start)

    assert demo_festival().start_date == dt.date.fromisoformat(new_start)
    assert set(demo_events().values_list("pk", flat=True)) == pks
    assert conflict_list(festival=demo_festival()) == []
    assert "usually starts on a Monday" in err


@pytest.mark.parametrize("value", ["next monday", "2027-02-30", "14.06.2027"])
def test_invalid_start_is_refused(value):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        load("--start", value)

    assert not Festival.objects.exists()


# --- Accounts -----------------------------------------------------------------------
def test_accounts_with_debug_on_log_in_with_their_groups(settings, client):
    settings.DEBUG = True

    out, _ = load("--start", "2027-06-14")

    user_model = get_user_model()
    for username, group in ACCOUNT_GROUPS.items():
        user = user_model.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert user.is_staff
        assert not user.is_superuser
        assert client.login(username=username, password="festwoche"), username
        assert f"  {username}  " in out
        client.logout()
    assert "http://127.0.0.1:8000/accounts/login/" in out
    assert "http://127.0.0.1:8000/orga/planning/" in out
    assert "“festwoche”" in out
    leitung = user_model.objects.get(username="leitung")
    assert list(leitung.led_sub_events.values_list("slug", flat=True)) == ["kinowoche"]
    assert list(roles.sub_events_for(leitung)) == [
        SubEvent.objects.get(slug="kinowoche")
    ]
    partner = user_model.objects.get(username="partner")
    assert list(partner.partners.values_list("slug", flat=True)) == [
        "kita-sonnenschein"
    ]
    assert list(roles.events_editable_by(partner).values_list("slug", flat=True)) == [
        "mitmachkonzert-sonnenlieder"
    ]


def test_a_changed_demo_password_is_set_back_and_others_stay(settings, client):
    settings.DEBUG = True
    load("--start", "2027-06-14")
    user_model = get_user_model()
    orga = user_model.objects.get(username="orga")
    orga.set_password("something-else")
    orga.save()
    leitung_hash = user_model.objects.get(username="leitung").password

    load("--start", "2027-06-14")

    assert client.login(username="orga", password="festwoche")
    assert user_model.objects.get(username="leitung").password == leitung_hash


def test_debug_off_without_flag_loads_the_festival_but_refuses_accounts(settings):
    settings.DEBUG = False

    out, err = load("--start", "2027-06-14")

    assert demo_events().count() == 94
    assert not get_user_model().objects.exists()
    assert "Demo accounts were NOT created" in err
    assert "--with-demo-accounts" in err
    assert "Demo logins" not in out


def test_debug_off_with_flag_creates_accounts(settings, client):
    settings.DEBUG = False

    out, _ = load("--start", "2027-06-14", "--with-demo-accounts")

    assert sorted(get_user_model().objects.values_list("username", flat=True)) == (
        sorted(ACCOUNT_GROUPS)
    )
    assert client.login(username="helferkoordination", password="festwoche")
    assert "Demo logins" in out
