"""Public programme pages: the programme by day, events, venues, sub-events."""

import datetime as dt
import hashlib
import re

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from events.filters import EventFilter
from events.models import Audience, Event, SubEvent
from events.registry import registry
from events.selectors import (
    event_list_programme,
    event_list_public,
    festival_current,
    programme_group_by_day,
    programme_version,
    seats_available_map,
    sub_event_list,
    venue_list_public,
)
from events.templatetags.festwoche import seats_text

PROGRAMME_CACHE_SECONDS = 3600
# Filters folded away under "More filters" (search, age and day stay in view).
MORE_FILTERS = {"sub_event", "venue", "audience", "free", "accessible"}


def _seconds_until_next_change(events: list[Event]) -> int:
    """How long the rendered page stays true: until the next registration window
    opens or closes (the page shows "opens on ..." vs. seats), at most an hour."""
    now = timezone.now()
    moments = [
        moment
        for event in events
        for moment in (
            event.registration_opens_at,
            event.registration_closes_at or event.starts_at,
        )
        if moment is not None and moment > now
    ]
    if not moments:
        return PROGRAMME_CACHE_SECONDS
    return max(
        1, min(PROGRAMME_CACHE_SECONDS, int((min(moments) - now).total_seconds()))
    )


def _programme_main(request: HttpRequest) -> tuple[str, list[int], int]:
    """Render the programme's main area (filters, counts, events by day); say which
    events show free seats and for how many seconds the page may be cached."""
    festival = festival_current()
    filterset = EventFilter(
        request.GET or None, queryset=event_list_programme(), request=request
    )
    events = list(filterset.qs)
    _attach_cards(events)
    all_days = festival.days if festival else []
    days = programme_group_by_day(events)
    counts = {programme_day.day: len(programme_day.events) for programme_day in days}
    active = {
        name: value
        for name, value in (request.GET.items())
        if value and name in EventFilter.base_filters
    }
    html = render_to_string(
        "events/_programme_main.html",
        {
            "festival": festival,
            "filter": filterset,
            "days": days,
            "day_tabs": [(day, counts.get(day, 0)) for day in all_days],
            "total": len(events),
            "active_filters": active,
            "more_filters_active": len(set(active) & MORE_FILTERS),
            "sub_events": SubEvent.objects.all(),
            "venues": filterset.filters["venue"].queryset,
            "audiences": Audience.objects.all(),
            # Other apps' menus (the calendar's "Abonnieren"): they depend only on
            # the query string, which is part of the cache key, and hold no
            # personal address, so they may be cached with the page.
            "panels": registry.panels("programme", request, request.GET),
        },
        request=request,
    )
    with_seats = [e.pk for e in events if e.capacity is not None and not e.is_cancelled]
    return html, with_seats, _seconds_until_next_change(events)


CARD_TEMPLATE = "events/_event_card.html"
CARD_CACHE_SECONDS = 24 * 3600


def _card_key(event: Event, language: str) -> str:
    """Changes with everything a card shows: the event, its sub-event and venue."""
    parts = (
        event.pk,
        event.updated_at,
        event.sub_event.updated_at,
        event.venue.updated_at if event.venue else None,
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:24]
    return f"programme:card:{language}:{digest}"


def _attach_cards(events: list[Event]) -> None:
    """Give each event its rendered card as `event.card`, from the cache if it is
    there: after a change only the changed cards are rendered again (rendering the
    cards was 80% of a cold programme page)."""
    language = translation.get_language()
    keys = {event.pk: _card_key(event, language) for event in events}
    cached = cache.get_many(list(keys.values()))
    template = get_template(CARD_TEMPLATE)
    # The modules' detail lines (a film's FSK rating), for the cards to render.
    details = registry.detail_lines_map(
        event for event in events if keys[event.pk] not in cached
    )
    missing = {}
    for event in events:
        html = cached.get(keys[event.pk])
        if html is None:
            html = template.render(
                {"event": event, "details": details.get(event.pk, [])}
            )
            missing[keys[event.pk]] = html
        event.card = mark_safe(html)  # noqa: S308 - our own template's output
    if missing:
        cache.set_many(missing, CARD_CACHE_SECONDS)


SEATS_SLOT = re.compile(r'<span data-seats-for="(\d+)">[^<]*</span>')


def _fill_seats(html: str, event_ids: list[int]) -> str:
    """Put the current free seats into the cached page (2 queries however many).

    Seats change with every registration; keeping them out of the cached HTML means
    a busy registration evening does not throw the programme's cache away.
    """
    if not event_ids:
        return html
    events = list(Event.objects.filter(pk__in=event_ids).only("pk", "capacity"))
    seats = seats_available_map(events)

    def slot(match: re.Match) -> str:
        event_id = int(match.group(1))
        return (
            f'<span data-seats-for="{event_id}">'
            f"{escape(seats_text(seats.get(event_id)))}</span>"
        )

    return SEATS_SLOT.sub(slot, html)


def _with_seats(events: list[Event]) -> list[Event]:
    seats = seats_available_map(events)
    for event in events:
        event.seats_available = seats[event.pk]
    return events


@require_GET
def programme(request: HttpRequest) -> HttpResponse:
    """The programme by day. The main area is cached per filter, language and
    programme version, so a busy evening costs no database work."""
    query = "&".join(sorted(f"{k}={v}" for k, v in request.GET.lists() for v in v))
    key = (
        "programme:page:"
        + hashlib.sha256(
            f"{programme_version()}|{translation.get_language()}|{query}".encode()
        ).hexdigest()
    )
    cached = cache.get(key)
    if cached is None:
        html, with_seats, seconds = _programme_main(request)
        cached = (html, with_seats)
        cache.set(key, cached, seconds)
    html, with_seats = cached
    main = mark_safe(_fill_seats(html, with_seats))  # noqa: S308 - our own render
    return render(request, "events/programme.html", {"main": main})


@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        event = event_list_public().get(slug=slug)
    except Event.DoesNotExist:
        raise Http404 from None
    event.seats_available = seats_available_map([event])[event.pk]
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "registration_state": event.registration_state(),
            "detail_lines": registry.detail_lines(event),
            "panels": registry.panels("event", request, event),
        },
    )


@require_GET
def venue_detail(request: HttpRequest, slug: str) -> HttpResponse:
    venue = get_object_or_404(venue_list_public(), slug=slug)
    events = _with_seats(list(event_list_programme().filter(venue=venue)))
    return render(
        request,
        "events/venue_detail.html",
        {
            "venue": venue,
            "days": programme_group_by_day(events),
            "panels": registry.panels("venue", request, venue),
        },
    )


@require_GET
def subevent_detail(request: HttpRequest, slug: str) -> HttpResponse:
    sub_event = get_object_or_404(sub_event_list(), slug=slug)
    events = _with_seats(list(event_list_programme().filter(sub_event=sub_event)))
    return render(
        request,
        "events/subevent_detail.html",
        {
            "sub_event": sub_event,
            "days": programme_group_by_day(events),
            "panels": registry.panels("sub_event", request, sub_event),
        },
    )


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy notice (Datenschutzhinweise): what is stored about whom, why, how
    long, who sees it, the rights and whom to ask. The period is the current
    festival's (its last day plus Festival.retention_days)."""
    festival = festival_current()
    retention_until = (
        festival.end_date + dt.timedelta(days=festival.retention_days)
        if festival is not None
        else None
    )
    return render(
        request,
        "events/privacy.html",
        {"festival": festival, "retention_until": retention_until},
    )
