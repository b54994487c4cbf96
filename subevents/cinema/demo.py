"""The Kinowoche's films for the demo festival.

Most films are attached to the Kinowoche events the core demo already holds (their
runtimes are chosen so that runtime plus the trailer buffer is exactly the event's
length). A few more screenings are created through screening_create at times of
day that no core event uses in the Lichtspielhaus (around noon and late at night),
so the core's move of the week (`load_demo --start`) never runs into them; they
follow the week here. Idempotent: a second run with the same week writes nothing.

The titles of the core's events are kept; the synopses are our own short texts,
and the extra films are invented.
"""

import datetime as dt
from dataclasses import dataclass

from events.models import BERLIN, Event, Festival, SubEvent, Venue
from events.services import event_update

from .models import Film, Screening
from .services import screening_attach, screening_create, screening_end

KINO = "kinowoche"
HALL = "lichtspielhaus"


@dataclass(frozen=True)
class FilmSpec:
    slug: str
    title: str
    runtime: int
    fsk: int
    synopsis: str
    year: int | None = None
    original_title: str = ""
    language: str = "Deutsch"
    subtitles: str = ""


FILMS = (
    FilmSpec(
        "kurzfilmrolle-fuer-die-kleinsten",
        "Kurzfilmrolle für die Kleinsten",
        45,
        0,
        "Fünf kurze Animationsfilme fast ohne Worte: ein Igel sucht sein Zuhause, "
        "zwei Wolken spielen Fangen, und ein kleiner Zug fährt zum Meer.",
        language="ohne Dialog",
    ),
    FilmSpec(
        "die-schule-der-magischen-tiere",
        "Die Schule der magischen Tiere",
        90,
        0,
        "Eine Schulklasse, in der jedes Kind ein sprechendes Tier an die Seite "
        "bekommt – und plötzlich lernen alle, einander zuzuhören.",
        year=2021,
    ),
    FilmSpec(
        "tschick",
        "Tschick",
        105,
        12,
        "Zwei Jungen, die in der Klasse niemand beachtet, fahren in den "
        "Sommerferien einfach los – ohne Karte und ohne Plan.",
        year=2016,
        subtitles="Englisch",
    ),
    FilmSpec(
        "checker-tobi-und-das-geheimnis-unseres-planeten",
        "Checker Tobi und das Geheimnis unseres Planeten",
        75,
        0,
        "Eine Reise um die Welt mit vielen Fragen: Woher kommt das Wasser, was "
        "macht das Wetter, und wie hängt alles zusammen?",
        year=2019,
    ),
    FilmSpec(
        "rico-oskar-und-die-tieferschatten",
        "Rico, Oskar und die Tieferschatten",
        90,
        0,
        "Zwei ungleiche Freunde in Berlin folgen einer heißen Spur und merken, "
        "dass sie zusammen mutiger sind als allein.",
        year=2014,
    ),
    FilmSpec(
        "die-olchis-willkommen-in-schmuddelfing",
        "Die Olchis – Willkommen in Schmuddelfing",
        75,
        0,
        "Eine Familie, die Müll liebt und Seife hasst, zieht auf die Müllkippe "
        "einer kleinen Stadt – sehr zum Ärger des Bürgermeisters.",
        year=2021,
    ),
    FilmSpec(
        "das-fliegende-klassenzimmer",
        "Das fliegende Klassenzimmer",
        105,
        0,
        "Im Internat proben Schülerinnen und Schüler ein Theaterstück und lernen, "
        "was Freundschaft und Zivilcourage bedeuten.",
        year=2023,
    ),
    FilmSpec(
        "wickie-und-die-starken-maenner",
        "Wickie und die starken Männer",
        90,
        6,
        "Ein kleiner Wikinger, der lieber nachdenkt als kämpft, rettet mit klugen "
        "Einfällen sein ganzes Dorf.",
        year=2009,
    ),
    FilmSpec(
        "das-kleine-gespenst",
        "Das kleine Gespenst",
        90,
        0,
        "Ein Gespenst möchte einmal den Tag sehen – und wacht plötzlich mittags "
        "mitten in der Stadt auf.",
        year=2013,
    ),
    FilmSpec(
        "slapstick-mit-live-klavier",
        "Slapstick mit Live-Klavier",
        60,
        0,
        "Kurze Stummfilmkomödien aus den Zwanzigerjahren, live am Klavier "
        "begleitet: Verfolgungsjagden, Tortenschlachten, waghalsige Fassaden.",
        language="Stummfilm mit Zwischentiteln",
    ),
    FilmSpec(
        "funkelzahn-der-kleine-drache",
        "Funkelzahn, der kleine Drache",
        70,
        0,
        "Ein kleiner Drache, der statt Feuer nur Seifenblasen spucken kann, findet "
        "heraus, wozu das gut ist.",
        year=2025,
    ),
    FilmSpec(
        "die-wolkenpiraten",
        "Die Wolkenpiraten",
        85,
        6,
        "Drei Geschwister bauen aus einem alten Heißluftballon ein Piratenschiff "
        "und geraten in ein Gewitter über dem Wattenmeer.",
        year=2024,
    ),
    FilmSpec(
        "sommer-am-deich",
        "Sommer am Deich",
        100,
        12,
        "Lotte ist dreizehn und verbringt die Ferien bei ihrem Opa an der Küste. "
        "Als der Hof verkauft werden soll, fasst sie einen Plan.",
        year=2024,
    ),
    FilmSpec(
        "nachtfahrt",
        "Nachtfahrt",
        95,
        16,
        "Eine Taxifahrerin, ein Fahrgast ohne Ziel und eine Nacht, in der beide "
        "etwas über sich erfahren, das sie lieber nicht gewusst hätten.",
        year=2023,
        original_title="Night Shift",
        language="Englisch",
        subtitles="OmU",
    ),
)

# The core demo's Kinowoche events, by slug, and the film each one shows.
ATTACHED = {
    "kita-kino-kurzfilmrolle": "kurzfilmrolle-fuer-die-kleinsten",
    "film-schule-der-magischen-tiere": "die-schule-der-magischen-tiere",
    "film-tschick": "tschick",
    "schulkino-checker-tobi": "checker-tobi-und-das-geheimnis-unseres-planeten",
    "film-rico-oskar": "rico-oskar-und-die-tieferschatten",
    "film-olchis": "die-olchis-willkommen-in-schmuddelfing",
    "schulkino-fliegendes-klassenzimmer": "das-fliegende-klassenzimmer",
    "film-wickie": "wickie-und-die-starken-maenner",
    "schulkino-schule-der-magischen-tiere": "die-schule-der-magischen-tiere",
    "stummfilm-live-musik": "slapstick-mit-live-klavier",
    "kinomatinee-checker-tobi": "checker-tobi-und-das-geheimnis-unseres-planeten",
    "film-das-kleine-gespenst": "das-kleine-gespenst",
    "kinomatinee-olchis": "die-olchis-willkommen-in-schmuddelfing",
}


@dataclass(frozen=True)
class ExtraSpec:
    slug: str
    film: str
    day: int
    start: str
    capacity: int = 120


# Noon (12:45–15:00) and late night (from 22:15) are free in the hall every day.
EXTRA = (
    ExtraSpec("kino-funkelzahn-mittwoch", "funkelzahn-der-kleine-drache", 2, "13:00"),
    ExtraSpec("kino-wolkenpiraten-dienstag", "die-wolkenpiraten", 1, "13:00"),
    ExtraSpec("kino-wolkenpiraten-samstag", "die-wolkenpiraten", 5, "13:00"),
    ExtraSpec("kino-sommer-am-deich", "sommer-am-deich", 6, "12:45"),
    ExtraSpec("kino-spaetvorstellung-nachtfahrt", "nachtfahrt", 4, "22:15", 80),
)

REGISTRATION_OPENS_WEEKS_BEFORE = 10


def _at(festival: Festival, day: int, clock: str) -> dt.datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    date = festival.start_date + dt.timedelta(days=day)
    return dt.datetime.combine(date, dt.time(hour, minute), tzinfo=BERLIN)


def _opens(festival: Festival) -> dt.datetime:
    return _at(festival, 0, "09:00") - dt.timedelta(
        weeks=REGISTRATION_OPENS_WEEKS_BEFORE
    )


def _films_upsert() -> tuple[dict[str, Film], int]:
    existing = Film.objects.in_bulk([spec.slug for spec in FILMS], field_name="slug")
    films, created = {}, 0
    for spec in FILMS:
        values = _film_values(spec)
        film = existing.get(spec.slug)
        if film is None:
            film = Film.objects.create(slug=spec.slug, **values)
            created += 1
        elif any(getattr(film, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(film, key, value)
            film.save()
        films[spec.slug] = film
    return films, created


def _attach(festival: Festival, films: dict[str, Film]) -> int:
    events = Event.objects.filter(
        sub_event__festival=festival, slug__in=ATTACHED
    ).select_related("sub_event", "screening__film")
    created = 0
    for event in events:
        film = films[ATTACHED[event.slug]]
        screening = getattr(event, "screening", None)
        if screening is not None and screening.film_id == film.pk:
            continue
        screening_attach(event=event, film=film)
        created += screening is None
    return created


def _extras(
    festival: Festival, films: dict[str, Film], kino: SubEvent, hall: Venue
) -> int:
    existing = {
        event.slug: event
        for event in Event.objects.filter(
            slug__in=[spec.slug for spec in EXTRA]
        ).select_related("screening__film")
    }
    opens = _opens(festival)
    created = 0
    moves = []
    for spec in EXTRA:
        film = films[spec.film]
        starts_at = _at(festival, spec.day, spec.start)
        event = existing.get(spec.slug)
        if event is None:
            screening_create(
                film=film,
                venue=hall,
                starts_at=starts_at,
                sub_event=kino,
                capacity=spec.capacity,
                slug=spec.slug,
                status=Event.Status.PUBLISHED,
                registration_opens_at=opens,
                registration_closes_at=starts_at,
                price_text="3 € pro Kind, Erwachsene 5 €",
                is_free=False,
            )
            created += 1
        elif event.starts_at != starts_at or event.registration_opens_at != opens:
            moves.append((event, starts_at))
    # The week moved: latest first when it moved later, so no screening lands on
    # a slot another one still holds.
    later = bool(moves) and moves[0][1] > moves[0][0].starts_at
    for event, starts_at in sorted(
        moves, key=lambda move: move[0].starts_at, reverse=later
    ):
        screening = event.screening
        event_update(
            event=event,
            starts_at=starts_at,
            ends_at=screening_end(
                film=screening.film,
                starts_at=starts_at,
                trailer_minutes=screening.trailer_minutes,
            ),
            registration_opens_at=opens,
            registration_closes_at=starts_at,
        )
    return created


def _film_values(spec: FilmSpec) -> dict:
    return {
        "title": spec.title,
        "runtime_minutes": spec.runtime,
        "fsk": spec.fsk,
        "synopsis": spec.synopsis,
        "year": spec.year,
        "original_title": spec.original_title,
        "language": spec.language,
        "subtitles": spec.subtitles,
    }


def _in_place(festival: Festival) -> bool:
    """Everything is there as specified, at this week (one query): the common case
    of a second run, which then writes nothing and asks nothing more."""
    fields = list(_film_values(FILMS[0]))
    rows = Screening.objects.filter(event__sub_event__festival=festival).values_list(
        "event__slug",
        "event__starts_at",
        "event__registration_opens_at",
        "film__slug",
        *(f"film__{name}" for name in fields),
    )
    found = {row[0]: row for row in rows}
    opens = _opens(festival)
    wanted = dict(ATTACHED) | {spec.slug: spec.film for spec in EXTRA}
    films = {spec.slug: spec for spec in FILMS}
    if set(found) != set(wanted):
        return False
    extra = {spec.slug: spec for spec in EXTRA}
    for slug, (_slug, starts_at, opens_at, film, *values) in found.items():
        if film != wanted[slug]:
            return False
        if list(_film_values(films[film]).values()) != values:
            return False
        spec = extra.get(slug)
        if spec and (starts_at, opens_at) != (
            _at(festival, spec.day, spec.start),
            opens,
        ):
            return False
    return True


def demo_cinema(festival: Festival) -> int:
    """Add the demo films and screenings to the demo festival; returns how many
    films and screenings were created (0 on a second run)."""
    if _in_place(festival):
        return 0
    kino = SubEvent.objects.filter(festival=festival, slug=KINO).first()
    hall = Venue.objects.filter(slug=HALL).first()
    if kino is None or hall is None:
        return 0
    films, created = _films_upsert()
    created += _attach(festival, films)
    created += _extras(festival, films, kino, hall)
    return created
