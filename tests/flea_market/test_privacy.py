"""After the market, the sellers' personal data goes: anonymised (the figures
stay), the old links open nothing, a second run changes nothing; a market still
ahead is refused."""

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from events.models import Event
from subevents.flea_market.models import Application
from subevents.flea_market.privacy import market_anonymise
from tests.flea_market.factories import apply, market

pytestmark = pytest.mark.django_db


def over(m, days: int) -> None:
    end = timezone.now() - dt.timedelta(days=days)
    Event.objects.filter(pk=m.event_id).update(
        starts_at=end - dt.timedelta(hours=5), ends_at=end
    )


def test_sellers_are_anonymised_after_the_market_and_their_links_stop(client):
    m = market()
    anna = apply(m, name="Anna Roth", phone="0151 1", note="Mit Lastenrad")
    kita = apply(m, seller_kind="association", association="Kita Mühle")
    old_token = anna.token
    over(m, 1)

    assert market_anonymise(market=m) == 2

    rows = list(
        Application.objects.order_by("pk").values_list(
            "name", "email", "phone", "note", "association", "status", "fee_cents"
        )
    )
    assert rows == [
        ("—", f"erased-{anna.pk}@invalid", "", "", "", "allocated", 800),
        ("—", f"erased-{kita.pk}@invalid", "", "", "Kita Mühle", "allocated", 600),
    ]
    assert client.get(f"/market/seller/{old_token}/").status_code == 404
    assert market_anonymise(market=m) == 0


def test_a_market_still_ahead_keeps_its_sellers():
    m = market()
    apply(m, name="Anna Roth")

    with pytest.raises(ValidationError) as err:
        market_anonymise(market=m)

    assert err.value.code == "market_not_over"
    assert Application.objects.get().name == "Anna Roth"


def test_the_command_takes_markets_over_for_longer_than_the_grace_period():
    long_ago, recent = market(slug="alt"), market(slug="neu")
    apply(long_ago, name="Anna Roth")
    apply(recent, name="Ben Yılmaz")
    over(long_ago, 61)
    over(recent, 10)
    out = StringIO()

    call_command("flea_market_anonymise", "--days", "60", stdout=out)
    call_command("flea_market_anonymise", "--days", "60", stdout=out)

    assert out.getvalue().splitlines() == ["alt: 1", "anonymised: 1", "anonymised: 0"]
    assert sorted(Application.objects.values_list("name", flat=True)) == [
        "Ben Yılmaz",
        "—",
    ]
