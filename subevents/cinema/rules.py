"""What the cinema module adds to the core through events.registry: the FSK rule
for registrations and the film's facts as detail lines."""

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from events.models import Event, SubEvent

from .models import Film, Screening

ADULT_AGE = 18
# §11 Abs. 2 JuSchG: FSK 12 films may be seen from 6 with a parent or guardian.
ACCOMPANIED_FROM = 6


def screening_of(event: Event) -> Screening | None:
    """The event's screening with its film, in at most one query (none when a
    caller has already loaded it, or knows the event is not a cinema's)."""
    if event.pk is None:
        return None
    cache = event._state.fields_cache
    if "screening" in cache:
        return cache["screening"]
    sub_event = cache.get("sub_event")
    if sub_event is not None and sub_event.kind != SubEvent.Kind.CINEMA:
        return None
    return Screening.objects.select_related("film").filter(event_id=event.pk).first()


def fsk_refusal(film: Film, participants: list[Any]) -> ValidationError | None:
    """Why the party may not see the film (None if everyone may).

    Everyone under the film's FSK age is refused, except that at FSK 12 children
    from 6 may come when an adult (a parent or guardian) is in the party.
    """
    if film.fsk == Film.Rating.FSK_0:
        return None
    with_adult = any(person.age >= ADULT_AGE for person in participants)
    for person in participants:
        if person.age >= film.fsk:
            continue
        values = {"name": person.name, "age": person.age, "fsk": film.fsk}
        if film.fsk == Film.Rating.FSK_12:
            if person.age >= ACCOMPANIED_FROM and with_adult:
                continue
            if person.age >= ACCOMPANIED_FROM:
                message = _(
                    "%(name)s (%(age)d) may see this film only with a parent or "
                    "guardian: it is rated FSK 12. Please add an adult to your party."
                )
            else:
                message = _(
                    "%(name)s (%(age)d) may not see this film: it is rated FSK 12. "
                    "Children from 6 may come with a parent or guardian."
                )
        else:
            message = _(
                "%(name)s (%(age)d) may not see this film: it is rated FSK %(fsk)d, "
                "only from %(fsk)d."
            )
        return ValidationError(message % values, code="fsk_age")
    return None


def fsk_rule(event: Event, participants: list[Any]) -> None:
    """Eligibility rule (registry): refuse a party that includes someone the
    film's FSK rating does not admit; one query (the event's film)."""
    screening = screening_of(event)
    if screening is None:
        return
    refusal = fsk_refusal(screening.film, participants)
    if refusal is not None:
        raise refusal


def film_facts(film: Film) -> str:
    """The film's facts in one line, e.g. "FSK 12 · 95 min · Deutsch"."""
    if film.subtitles:
        language = _("%(language)s, subtitles: %(subtitles)s") % {
            "language": film.language,
            "subtitles": film.subtitles,
        }
    else:
        language = film.language
    parts = [
        _("FSK %(age)d") % {"age": film.fsk},
        _("%(minutes)d min") % {"minutes": film.runtime_minutes},
        language,
    ]
    return " · ".join(part for part in parts if part)


def film_details(events: list[Event]) -> dict[int, list[str]]:
    """Detail provider (registry): the film's facts for each screening among
    `events`, in one query (none when no event belongs to a cinema)."""
    candidates = [
        event.pk
        for event in events
        if event.pk is not None
        and (
            "sub_event" not in event._state.fields_cache
            or event.sub_event.kind == SubEvent.Kind.CINEMA
        )
    ]
    if not candidates:
        return {}
    return {
        screening.event_id: [film_facts(screening.film)]
        for screening in Screening.objects.select_related("film").filter(
            event_id__in=candidates
        )
    }


def event_panel(request: Any, event: Event) -> str:
    """Page panel (registry): on a screening's page, a link to its film's page."""
    screening = screening_of(event)
    if screening is None:
        return ""
    return format_html(
        '<p class="cine-panel"><a href="{}">{}</a></p>',
        screening.film.get_absolute_url(),
        _("About the film “%(title)s” and all its screenings")
        % {"title": screening.film.title},
    )


def sub_event_panel(request: Any, sub_event: SubEvent) -> str:
    """Page panel (registry): on the cinema sub-event's page, the week's films."""
    if sub_event.kind != SubEvent.Kind.CINEMA:
        return ""
    return format_html(
        '<p class="cine-panel"><a class="button" href="{}">{}</a></p>',
        reverse("cinema:week"),
        _("The cinema week at a glance: all films and screenings"),
    )
