"""Writes of the cinema module. Every event write goes through events.services, so
the core's rules (a venue holds one event at a time, registration windows) hold for
screenings too."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from events.models import Event, SubEvent, Venue
from events.services import event_create, event_update

from .models import DEFAULT_BUFFER_MINUTES, Film, Screening


def screening_end(
    *, film: Film, starts_at: dt.datetime, trailer_minutes: int
) -> dt.datetime:
    """When a screening of `film` starting at `starts_at` frees the hall."""
    return starts_at + dt.timedelta(minutes=film.runtime_minutes + trailer_minutes)


def _cinema_check(sub_event: SubEvent) -> None:
    if sub_event.kind != SubEvent.Kind.CINEMA:
        raise ValidationError(
            _("Screenings belong to a cinema sub-event."), code="not_cinema"
        )


@transaction.atomic
def screening_create(
    *,
    film: Film,
    venue: Venue,
    starts_at: dt.datetime,
    sub_event: SubEvent,
    capacity: int | None = None,
    trailer_minutes: int = DEFAULT_BUFFER_MINUTES,
    title: str = "",
    **fields: Any,
) -> Screening:
    """Create the event of a screening and attach the film; its end is the start
    plus the film's runtime and the trailer/cleaning buffer. ValidationError (e.g.
    "venue_conflict" from the core, "not_cinema") if refused; nothing is stored then.
    """
    _cinema_check(sub_event)
    event = event_create(
        sub_event=sub_event,
        title=title or film.title,
        starts_at=starts_at,
        ends_at=screening_end(
            film=film, starts_at=starts_at, trailer_minutes=trailer_minutes
        ),
        venue=venue,
        capacity=capacity,
        **fields,
    )
    return Screening.objects.create(
        event=event, film=film, trailer_minutes=trailer_minutes
    )


@transaction.atomic
def screening_attach(
    *, event: Event, film: Film, trailer_minutes: int = DEFAULT_BUFFER_MINUTES
) -> Screening:
    """Make an existing Kinowoche event a screening of `film` (or change its film);
    the event's end follows the film's runtime plus the buffer."""
    _cinema_check(event.sub_event)
    screening, _created = Screening.objects.update_or_create(
        event=event, defaults={"film": film, "trailer_minutes": trailer_minutes}
    )
    _end_sync(screening)
    return screening


@transaction.atomic
def screening_move(
    *,
    screening: Screening,
    starts_at: dt.datetime,
    venue: Venue | None = None,
) -> Screening:
    """Move a screening (and optionally change its hall); the end moves with it.
    ValidationError from the core (e.g. "venue_conflict") if refused."""
    changes: dict[str, Any] = {
        "starts_at": starts_at,
        "ends_at": screening_end(
            film=screening.film,
            starts_at=starts_at,
            trailer_minutes=screening.trailer_minutes,
        ),
    }
    if venue is not None:
        changes["venue"] = venue
    screening.event = event_update(event=screening.event, **changes)
    return screening


@transaction.atomic
def film_create(*, title: str, runtime_minutes: int, fsk: int, **fields: Any) -> Film:
    """Store a film with a unique slug from its title."""
    film = Film(title=title, runtime_minutes=runtime_minutes, fsk=fsk, **fields)
    if not film.slug:
        film.slug = _unique_slug(title)
    film.full_clean()
    film.save()
    return film


@transaction.atomic
def film_update(*, film: Film, **changes: Any) -> Film:
    """Change a film; a new runtime moves the end of each of its screenings
    (through the core, so a longer film that would clash with the next event in
    the hall is refused and nothing changes)."""
    film = Film.objects.select_for_update().get(pk=film.pk)
    runtime_before = film.runtime_minutes
    for field, value in changes.items():
        setattr(film, field, value)
    film.full_clean()
    film.save()
    if film.runtime_minutes != runtime_before:
        for screening in film.screenings.select_related("event", "film"):
            _end_sync(screening)
    return film


def _end_sync(screening: Screening) -> None:
    event = screening.event
    end = screening_end(
        film=screening.film,
        starts_at=event.starts_at,
        trailer_minutes=screening.trailer_minutes,
    )
    if event.ends_at != end:
        screening.event = event_update(event=event, ends_at=end)


def _unique_slug(title: str) -> str:
    base = slugify(title)[:100] or "film"
    slug, n = base, 2
    while Film.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
