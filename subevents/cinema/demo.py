"""The Kinowoche's films for the demo festival.

Each film is attached to a Kinowoche event the core demo already holds; its runtime
(plus the trailer and cleaning buffer) is exactly the event's length, so nothing
moves. No events are created here: the core moves its events with the week
(`load_demo --start`) and the screenings go with them, and the planning demo's
release snapshot (taken before this runs) stays the programme of record.
Idempotent: a second run asks one query and writes nothing.

The titles are the core's; the synopses are our own short texts.
"""

from dataclasses import dataclass

from events.models import Event, Festival

from .models import DEFAULT_BUFFER_MINUTES, Film, Screening
from .services import screening_attach


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
        "systemsprenger",
        "Systemsprenger",
        125,
        12,
        "Ein neunjähriges Mädchen, das überall wieder gehen muss, und die "
        "Erwachsenen, die trotzdem nicht aufhören, einen Platz für sie zu suchen.",
        year=2019,
    ),
    FilmSpec(
        "kurzfilme-aus-dem-landkreis",
        "Kurzfilme aus dem Landkreis",
        105,
        12,
        "Die zwölf besten Beiträge des Jugendfilmwettbewerbs: Dokumentarisches, "
        "Gespieltes und Animiertes, gedreht von Jugendlichen aus der Region.",
        subtitles="teils Englisch",
    ),
    FilmSpec(
        "trickfilme-aus-dem-workshop",
        "Trickfilme aus dem Workshop",
        60,
        0,
        "Stop-Motion-Filme aus Knete und Papier, die Kinder in der Kinowoche "
        "selbst gedreht haben, und kurze Filme für die ganze Familie.",
        language="Deutsch und ohne Dialog",
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
    "filmabend-systemsprenger": "systemsprenger",
    "jugendfilmnacht": "kurzfilme-aus-dem-landkreis",
    "kino-abschlussvorstellung": "trickfilme-aus-dem-workshop",
}
# Buffers other than the usual trailers and cleaning: the evening with a talk
# after the film keeps the hall longer.
BUFFERS = {"filmabend-systemsprenger": 25}


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
        buffer = BUFFERS.get(event.slug, DEFAULT_BUFFER_MINUTES)
        screening = getattr(event, "screening", None)
        if screening is not None and (screening.film_id, screening.trailer_minutes) == (
            film.pk,
            buffer,
        ):
            continue
        screening_attach(event=event, film=film, trailer_minutes=buffer)
        created += screening is None
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
    """Everything is there as specified (one query): the common case of a second
    run, which then writes nothing and asks nothing more."""
    fields = list(_film_values(FILMS[0]))
    rows = Screening.objects.filter(event__sub_event__festival=festival).values_list(
        "event__slug",
        "trailer_minutes",
        "film__slug",
        *(f"film__{name}" for name in fields),
    )
    found = {row[0]: row[1:] for row in rows}
    specs = {spec.slug: spec for spec in FILMS}
    if set(found) != set(ATTACHED):
        return False
    for slug, (buffer, film, *values) in found.items():
        if (film, buffer) != (
            ATTACHED[slug],
            BUFFERS.get(slug, DEFAULT_BUFFER_MINUTES),
        ):
            return False
        if list(_film_values(specs[film]).values()) != values:
            return False
    return True


def demo_cinema(festival: Festival) -> int:
    """Add the demo films and attach them to the demo's Kinowoche events; returns
    how many films and screenings were created (0 on a second run)."""
    if _in_place(festival):
        return 0
    films, created = _films_upsert()
    created += _attach(festival, films)
    return created
