"""The conference's demo data: tracks, speakers, sessions on the demo festival's
Bildungskonferenz (the core's events, plus a round of short talks created here),
review criteria and proposals in every review state. Idempotent; no e-mails."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.demo.content import EVENTS
from events.models import BERLIN, Event, Partner, Venue
from events.services import event_create, event_update

from .models import (
    Audience,
    Criterion,
    Format,
    Level,
    Review,
    ReviewComment,
    Session,
    Speaker,
    Submission,
    Track,
)

CONFERENCE = "bildungskonferenz"
KEYNOTE = "bk-eroeffnung-keynote"

TRACKS = (
    ("Frühe Bildung", "#1d4e89", Audience.PROFESSIONAL),
    ("Schule und Übergänge", "#7b2d8b", Audience.PROFESSIONAL),
    ("Eltern stärken", "#a23b16", Audience.PARENTS),
)

# name, partner slug (or ""), organisation text, bio
SPEAKERS = (
    (
        "Prof. Dr. Miriam Ostermann",
        "",
        "Hochschule für Soziale Arbeit",
        "Professorin für Frühpädagogik; forscht zu Bindung und Bildung.",
    ),
    ("Anna Beispiel", "kita-sonnenschein", "", "Leiterin der Kita Sonnenschein."),
    ("Jörg Lindner", "grundschule-am-park", "", "Rektor der Grundschule am Park."),
    (
        "Aylin Demir",
        "familienzentrum-mittendrin",
        "",
        "Sprachbildungsfachkraft und Elternbegleiterin.",
    ),
    ("Katharina Vogt", "stadtbibliothek", "", "Leiterin der Kinderbibliothek."),
    ("Tobias Brandt", "jugendzentrum-kompass", "", "Sozialpädagoge im Kompass."),
    (
        "Dr. Helga Rösner",
        "jugendamt",
        "",
        "Leiterin des Allgemeinen Sozialen Dienstes.",
    ),
    ("Petra Sommer", "tagespflegeverein", "", "Tagesmutter seit 15 Jahren."),
    ("Dr. Emre Yılmaz", "kinderarztpraxis", "", "Kinder- und Jugendarzt."),
    (
        "Claudia Wenzel",
        "stadtelternbeirat-kitas",
        "",
        "Vorsitzende des Stadtelternbeirats.",
    ),
    ("Dr. Katrin Albers", "buergermeisterin", "", "Bürgermeisterin von Musterstadt."),
    ("Markus Feldhaus", "vhs", "", "Fachbereichsleiter Eltern- und Familienbildung."),
    ("Sophie Krüger", "familienbildungsstaette", "", "Familienbildnerin."),
)

# event slug, track index (or None), format, level, speaker names
SESSIONS = (
    (
        KEYNOTE,
        None,
        Format.KEYNOTE,
        Level.INTRODUCTORY,
        ("Prof. Dr. Miriam Ostermann",),
    ),
    (
        "bk-workshop-uebergang-kita-schule",
        1,
        Format.WORKSHOP,
        Level.INTRODUCTORY,
        ("Jörg Lindner", "Anna Beispiel"),
    ),
    (
        "bk-workshop-mehrsprachigkeit",
        0,
        Format.WORKSHOP,
        Level.INTRODUCTORY,
        ("Aylin Demir",),
    ),
    (
        "bk-workshop-medienbildung",
        0,
        Format.WORKSHOP,
        Level.INTRODUCTORY,
        ("Katharina Vogt",),
    ),
    ("bk-workshop-beteiligung", 1, Format.WORKSHOP, Level.ADVANCED, ("Tobias Brandt",)),
    (
        "bk-workshop-kinderschutz",
        0,
        Format.WORKSHOP,
        Level.ADVANCED,
        ("Dr. Helga Rösner",),
    ),
    (
        "bk-workshop-tagespflege",
        0,
        Format.WORKSHOP,
        Level.INTRODUCTORY,
        ("Petra Sommer",),
    ),
    (
        "bk-workshop-gesund-aufwachsen",
        2,
        Format.WORKSHOP,
        Level.INTRODUCTORY,
        ("Dr. Emre Yılmaz",),
    ),
    (
        "bk-workshop-eltern-als-partner",
        2,
        Format.WORKSHOP,
        Level.INTRODUCTORY,
        ("Claudia Wenzel",),
    ),
    (
        "bk-abschlusspodium",
        None,
        Format.PANEL,
        Level.INTRODUCTORY,
        ("Dr. Katrin Albers", "Prof. Dr. Miriam Ostermann"),
    ),
)

# Short talks created here, in slots of the workshop rooms that are free on the
# conference day and on the days before and after it (so that moving the week by
# a day never lands a core event on them): slug, title, summary, venue, track,
# speakers, seats, start, end.
TALKS = (
    (
        "bk-impuls-vorlesen",
        "Impuls: Vorlesen verbindet – Lesepaten in Kita und Schule",
        "Wie Ehrenamtliche Kindern Lust auf Bücher machen.",
        "stadtbibliothek",
        0,
        ("Katharina Vogt",),
        40,
        "12:45",
        "13:30",
    ),
    (
        "bk-impuls-elternabend",
        "Impuls: Der Elternabend, zu dem alle kommen",
        "Neue Formate für die Zusammenarbeit mit Eltern.",
        "familienzentrum",
        2,
        ("Sophie Krüger",),
        40,
        "12:45",
        "13:30",
    ),
    (
        "bk-impuls-ganztag",
        "Impuls: Ganztag in der Grundschule – was Familien wissen sollten",
        "Der Rechtsanspruch ab 2026 und was er vor Ort bedeutet.",
        "gymnasium-aula",
        1,
        ("Jörg Lindner",),
        80,
        "17:15",
        "18:00",
    ),
    (
        "bk-impuls-familienbildung",
        "Impuls: Familienbildung, die ankommt",
        "Angebote der VHS für Eltern mit wenig Zeit.",
        "jugendzentrum",
        2,
        ("Markus Feldhaus",),
        40,
        "12:45",
        "13:30",
    ),
)

CRITERIA = (
    ("Relevanz für Familien", 3),
    ("Umsetzbarkeit", 2),
    ("Kosten", 1),
    ("Reichweite", 2),
)

# title, name, organisation, e-mail, format, minutes, audience, state, reason,
# scores by "orga" and by "leitung" (per criterion, or None)
SUBMISSIONS = (
    (
        "Spielend Deutsch lernen im Sportverein",
        "Nina Hartmann",
        "TSV Musterstadt",
        "n.hartmann@example.org",
        Format.WORKSHOP,
        90,
        Audience.PROFESSIONAL,
        Submission.State.SUBMITTED,
        "",
        None,
        None,
    ),
    (
        "Väter in der Kita – wie wir sie erreichen",
        "Stefan Ludwig",
        "Familienbildungsstätte Musterstadt",
        "s.ludwig@example.org",
        Format.TALK,
        45,
        Audience.EVERYONE,
        Submission.State.IN_REVIEW,
        "",
        (4, 3, 5, 3),
        None,
    ),
    (
        "Schulweg-Detektive: sicher und selbstständig",
        "Julia Sauer",
        "Grundschule am Park",
        "j.sauer@example.org",
        Format.WORKSHOP,
        60,
        Audience.PARENTS,
        Submission.State.ACCEPTED,
        "",
        (5, 4, 4, 4),
        (4, 4, 5, 3),
    ),
    (
        "Achtsamkeit für Kleinkinder mit Klangschalen",
        "Bernd Ostrowski",
        "Praxis Klangraum",
        "b.ostrowski@example.org",
        Format.WORKSHOP,
        120,
        Audience.PARENTS,
        Submission.State.DECLINED,
        "Das Thema passt gut, aber der Workshop richtet sich an zahlende Kundschaft "
        "und wäre für Familien nicht kostenlos.",
        (2, 3, 1, 2),
        (2, 2, 1, 2),
    ),
    (
        "Der Elternabend, zu dem alle kommen",
        "Sophie Krüger",
        "Familienbildungsstätte Musterstadt",
        "s.krueger@example.org",
        Format.TALK,
        45,
        Audience.PARENTS,
        Submission.State.SCHEDULED,
        "",
        (5, 5, 5, 4),
        (5, 4, 5, 5),
    ),
)


def _day_at(day: dt.date, clock: str) -> dt.datetime:
    hour, minute = map(int, clock.split(":"))
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def demo_conference(festival) -> int:
    """Attach the conference's data to the demo's Bildungskonferenz; returns how
    many objects it created (0 on a second run, which costs one query)."""
    keynote = _keynote_with_counts(festival)
    if keynote is None:
        return 0
    if _in_place(keynote):
        return 0
    sub_event = keynote.sub_event
    created = 0
    tracks = []
    for position, (name, colour, audience) in enumerate(TRACKS):
        track, new = Track.objects.update_or_create(
            sub_event=sub_event,
            name=name,
            defaults={"colour": colour, "audience": audience, "position": position},
        )
        tracks.append(track)
        created += new
    partners = {p.slug: p for p in Partner.objects.all()}
    speakers = {}
    for name, partner, organisation, bio in SPEAKERS:
        speaker, new = Speaker.objects.get_or_create(
            name=name,
            defaults={
                "partner": partners.get(partner),
                "organisation_text": organisation,
                "bio": bio,
            },
        )
        speakers[name] = speaker
        created += new
    for slug, track, fmt, level, names in SESSIONS:
        event = Event.objects.filter(slug=slug, sub_event=sub_event).first()
        if event is None:
            continue
        created += _session_ensure(
            event,
            tracks[track] if track is not None else None,
            fmt,
            level,
            [speakers[n] for n in names],
        )
    created += _talks_ensure(sub_event, keynote, tracks, speakers)
    criteria = []
    for position, (name, weight) in enumerate(CRITERIA):
        criterion, new = Criterion.objects.update_or_create(
            sub_event=sub_event,
            name=name,
            defaults={"weight": weight, "position": position},
        )
        criteria.append(criterion)
        created += new
    created += _submissions_ensure(sub_event, tracks, criteria)
    return created


def _session_ensure(event, track, fmt, level, speakers) -> int:
    session, new = Session.objects.get_or_create(
        event=event, defaults={"track": track, "format": fmt, "level": level}
    )
    if new:
        session.speakers.set(speakers)
    return int(new)


def _talks_ensure(sub_event, keynote, tracks, speakers) -> int:
    """The short talks, created in free slots; moved when the week moves."""
    created = 0
    day = timezone.localtime(keynote.starts_at, BERLIN).date()
    venues = {v.slug: v for v in Venue.objects.filter(slug__in=[t[3] for t in TALKS])}
    window = {
        "registration_opens_at": keynote.registration_opens_at,
        "registration_closes_at": keynote.registration_closes_at,
    }
    for slug, title, summary, venue, track, names, seats, start, end in TALKS:
        if venue not in venues:
            continue
        starts_at, ends_at = _day_at(day, start), _day_at(day, end)
        event = Event.objects.filter(slug=slug).first()
        if event is None:
            event = event_create(
                sub_event=sub_event,
                title=title,
                starts_at=starts_at,
                ends_at=ends_at,
                status=Event.Status.PUBLISHED,
                slug=slug,
                summary=summary,
                venue=venues[venue],
                capacity=seats,
                languages=["de"],
                **window,
            )
            created += 1
        elif event.starts_at != starts_at or any(
            getattr(event, k) != v for k, v in window.items()
        ):
            event = event_update(
                event=event, starts_at=starts_at, ends_at=ends_at, **window
            )
        created += _session_ensure(
            event,
            tracks[track],
            Format.TALK,
            Level.INTRODUCTORY,
            [speakers[n] for n in names],
        )
    return created


def _keynote_with_counts(festival) -> Event | None:
    """The keynote with its sub-event and the counts _in_place compares, in one
    query: a second run of load_demo must stay cheap (the core counts queries)."""
    keynote_clock = _clock(next(spec.start for spec in EVENTS if spec.slug == KEYNOTE))
    talks_in_place = Q()
    for slug, *_rest, start, _end in TALKS:
        # A talk is in place when it starts on the keynote's day at its clock time
        # and opens for registration with the keynote.
        talks_in_place |= Q(
            slug=slug,
            starts_at=OuterRef("starts_at") + (_clock(start) - keynote_clock),
            registration_opens_at=OuterRef("registration_opens_at"),
        )
    user_model = get_user_model()
    return (
        Event.objects.filter(
            slug=KEYNOTE, sub_event__slug=CONFERENCE, sub_event__festival=festival
        )
        .select_related("sub_event")
        .annotate(
            n_sessions=_count(Session, "event__sub_event"),
            n_submissions=_count(Submission, "sub_event"),
            n_criteria=_count(Criterion, "sub_event"),
            n_reviewers=_count(Review, "submission__sub_event", "reviewer"),
            n_users=_rows(user_model.objects.filter(username__in=["orga", "leitung"])),
            n_talks=_rows(Event.objects.filter(talks_in_place)),
        )
        .first()
    )


def _clock(text: str) -> dt.timedelta:
    hour, minute = map(int, text.split(":"))
    return dt.timedelta(hours=hour, minutes=minute)


def _in_place(keynote: Event) -> bool:
    return (
        keynote.n_talks == len(TALKS)
        and keynote.n_sessions == len(SESSIONS) + len(TALKS)
        and keynote.n_submissions == len(SUBMISSIONS)
        and keynote.n_criteria == len(CRITERIA)
        and keynote.n_reviewers == keynote.n_users
    )


def _rows(queryset) -> Coalesce:
    return Coalesce(
        Subquery(
            queryset.order_by()
            .annotate(group=Value(1))
            .values("group")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        0,
    )


def _count(model, path: str, distinct: str = "pk") -> Coalesce:
    """A subquery counting `model` rows (distinct `distinct`) of the outer sub-event."""
    return Coalesce(
        Subquery(
            model.objects.filter(**{path: OuterRef("sub_event_id")})
            .order_by()
            .values(path)
            .annotate(n=Count(distinct, distinct=True))
            .values("n")[:1]
        ),
        0,
    )


def _submissions_ensure(sub_event, tracks, criteria) -> int:
    created = 0
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=["orga", "leitung"])
    }
    scheduled = Session.objects.filter(event__slug="bk-impuls-elternabend").first()
    for (
        title,
        name,
        org,
        email,
        fmt,
        minutes,
        audience,
        state,
        reason,
        orga_scores,
        lead_scores,
    ) in SUBMISSIONS:
        if state == Submission.State.SCHEDULED and scheduled is None:
            continue
        submission, new = Submission.objects.get_or_create(
            sub_event=sub_event,
            title=title,
            defaults={
                "name": name,
                "organisation": org,
                "email": email,
                "abstract": f"{title}: ein Angebot von {org}.",
                "format": fmt,
                "duration": minutes,
                "audience": audience,
                "availability": "9:00–12:00",
                "track": tracks[2 if audience == Audience.PARENTS else 0],
                "state": state,
                "decline_reason": reason,
                "session": scheduled if state == Submission.State.SCHEDULED else None,
            },
        )
        created += new
        for username, scores in (("orga", orga_scores), ("leitung", lead_scores)):
            user = users.get(username)
            if user is None or scores is None:
                continue
            for criterion, score in zip(criteria, scores, strict=True):
                _, new_review = Review.objects.get_or_create(
                    submission=submission,
                    reviewer=user,
                    criterion=criterion,
                    defaults={"score": score},
                )
                created += new_review
            ReviewComment.objects.get_or_create(
                submission=submission,
                reviewer=user,
                defaults={"text": "Gute Idee, passt zum Bündnis."},
            )
    return created
