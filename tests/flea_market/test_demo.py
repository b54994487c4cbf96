"""The demo's market: on the core demo's Kleider- und Spielzeugmarkt event, 66
pitches indoors and outdoors, most allocated in order of application, a waiting
list; idempotent (one query on a second run), deterministic, moving with the
week."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from events import demo
from events.models import BERLIN, Event, Festival
from subevents.flea_market.demo import EVENT_SLUG, demo_market
from subevents.flea_market.models import Application, Market, Pitch, SitePlan
from subevents.flea_market.selectors import detail_lines

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load(*args: str) -> None:
    call_command("load_demo", *args, stdout=StringIO(), stderr=StringIO())


def snapshot() -> list[tuple]:
    return list(
        Application.objects.order_by("applied_at", "pk").values_list(
            "name", "email", "status", "pitch__number", "fee_cents", "paid_cents"
        )
    )


def test_the_demo_market_has_66_pitches_mostly_allocated():
    load("--start", "2027-06-14")

    market = Market.objects.select_related("event").get()
    assert market.event.slug == EVENT_SLUG
    assert Pitch.objects.count() == 66
    assert list(SitePlan.objects.values_list("name", "setting")) == [
        ("Rathausplatz", "outdoor"),
        ("Rathaus-Foyer", "indoor"),
    ]
    statuses = {
        status: Application.objects.filter(status=status).count()
        for status in ("allocated", "waiting")
    }
    assert statuses == {"allocated": 57, "waiting": 4}
    pitches = list(
        Application.objects.filter(status="allocated").values_list("pitch", flat=True)
    )
    assert len(set(pitches)) == 57
    waiting_kinds = set(
        Application.objects.filter(status="waiting").values_list(
            "pitch_type__kind", flat=True
        )
    )
    assert waiting_kinds == {"rail"}
    assert Application.objects.filter(paid_at__isnull=False).count() > 10
    assert detail_lines([market.event]) == {
        market.event.pk: [
            "66 Stände · Tische, Kleiderständer, Decken · Aufbau ab 08:00"
        ]
    }


def test_a_second_run_asks_one_query_and_changes_nothing(django_assert_num_queries):
    load("--start", "2027-06-14")
    festival = Festival.objects.get(slug=demo.FESTIVAL_SLUG)
    before = snapshot()

    with django_assert_num_queries(1):
        assert demo_market(festival) == 0
    load("--start", "2027-06-14")

    assert snapshot() == before


def test_the_demo_is_deterministic():
    load("--start", "2027-06-14")
    first = snapshot()
    Market.objects.all().delete()

    festival = Festival.objects.get(slug=demo.FESTIVAL_SLUG)
    assert demo_market(festival) == 1 + 4 + 2 + 66 + 61

    assert [row[:4] for row in snapshot()] == [row[:4] for row in first]


def test_the_market_moves_with_the_week():
    load("--start", "2027-06-14")

    load("--start", "2027-06-21")

    market = Market.objects.select_related("event").get()
    saturday = dt.date(2027, 6, 26)
    assert timezone.localtime(market.event.starts_at, BERLIN).date() == saturday
    assert market.at(market.setup_from) == dt.datetime(2027, 6, 26, 8, 0, tzinfo=BERLIN)
    assert Event.objects.filter(slug=EVENT_SLUG).count() == 1


def test_without_the_demos_event_nothing_is_created():
    festival = Festival.objects.create(
        name="Andere Woche",
        slug="andere-woche",
        start_date=dt.date(2027, 6, 14),
        end_date=dt.date(2027, 6, 20),
    )

    assert demo_market(festival) == 0
    assert Market.objects.count() == 0
