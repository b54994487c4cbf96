"""What the market adds to other apps' pages through events.registry: on the
market's event page its live availability and the link to apply, on the
sub-event's page a link to each market."""

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from events.models import Event, SubEvent

from .models import Market
from .selectors import markets_of, type_rows


def market_of(event: Event) -> Market | None:
    """The event's market, in at most one query (none for another kind)."""
    if event.pk is None:
        return None
    cache = event._state.fields_cache
    if "market" in cache:
        return cache["market"]
    sub_event = cache.get("sub_event")
    if sub_event is not None and sub_event.kind != SubEvent.Kind.FLEA_MARKET:
        return None
    return Market.objects.filter(event_id=event.pk).first()


def event_panel(request: Any, event: Event) -> str:
    """Page panel (registry): free pitches per type and the link to apply."""
    market = market_of(event)
    if market is None or event.status == Event.Status.DRAFT:
        return ""
    market.event = event
    # A rendered template is already a safe string (autoescaped).
    return render_to_string(
        "flea_market/_event_panel.html",
        {
            "market": market,
            "rows": type_rows(market),
            "open": market.takes_applications(),
        },
        request=request,
    )


def sub_event_panel(request: Any, sub_event: SubEvent) -> str:
    """Page panel (registry): the sub-event's markets, each with its link."""
    if sub_event.kind != SubEvent.Kind.FLEA_MARKET:
        return ""
    markets = list(markets_of(sub_event))
    if not markets:
        return ""
    return render_to_string(
        "flea_market/_sub_event_panel.html", {"markets": markets}, request=request
    )


def market_facts_changed(sender: type, instance: Any, **kwargs: Any) -> None:
    """A market, pitch type or pitch changed: its event's detail line may read
    differently now. Mark the event as updated (no other field changes), so
    caches keyed on it (the feeds' entries) are built anew. Allocations do not
    come here: they change applications only, and the line stays stable."""
    # A market's key is its event's, and pitch types and pitches carry it.
    event_id = instance.pk if isinstance(instance, Market) else instance.market_id
    Event.objects.filter(pk=event_id).update(updated_at=timezone.now())
