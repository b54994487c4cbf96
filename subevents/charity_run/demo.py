"""The demo's Spendenlauf: the core demo's Familienlauf becomes a charity run with
10 teams, 160+ runners, 200+ pledges and laps counted at two counting points.

Runners, teams and pledges go through the services; the ~2,000 lap taps are
written in one bulk insert (they are immutable rows, and one service call per tap
would make load_demo slow). Seeded random: every run of a fresh database gives the
same data. Idempotent: a second run asks one query and writes nothing.
"""

import datetime as dt
import random
import uuid

from django.db import transaction

from events.models import Event, Festival

from .models import LapEntry, Pledge, Runner, Team
from .services import (
    counter_create,
    pledge_create,
    run_setup,
    runner_register,
    team_create,
)

EVENT_SLUG = "spendenlauf-familienlauf"
SEED = 20

TEAMS = (
    ("Klasse 3a – Grundschule am Park", Team.Kind.SCHOOL_CLASS, "7-10", 17),
    ("Klasse 4b – Grundschule am Park", Team.Kind.SCHOOL_CLASS, "7-10", 16),
    ("Klasse 5c – Kästner-Gesamtschule", Team.Kind.SCHOOL_CLASS, "11-14", 17),
    ("Klasse 6a – Kästner-Gesamtschule", Team.Kind.SCHOOL_CLASS, "11-14", 16),
    ("Kita Sonnenblume – Vorschulgruppe", Team.Kind.KITA_GROUP, "u7", 14),
    ("TSV Musterstadt Leichtathletik", Team.Kind.SPORTS_CLUB, "15-17", 15),
    ("Lauftreff Musterstadt", Team.Kind.SPORTS_CLUB, "adult", 15),
    ("Stadtwerke Musterstadt", Team.Kind.COMPANY, "adult", 15),
    ("Sparkasse Musterstadt", Team.Kind.COMPANY, "adult", 14),
    ("Nachbarschaft Lindenweg", Team.Kind.OTHER, "adult", 15),
)
FIRST = (
    "Mia",
    "Ben",
    "Emma",
    "Paul",
    "Hannah",
    "Leon",
    "Sofia",
    "Finn",
    "Lina",
    "Noah",
    "Ayşe",
    "Mehmet",
    "Zeynep",
    "Emir",
    "Elif",
    "Yusuf",
    "Omar",
    "Layla",
    "Amira",
    "Jonas",
    "Marie",
    "Luca",
    "Clara",
    "Felix",
    "Ida",
    "Anton",
    "Greta",
    "Karim",
    "Jana",
    "Milan",
    "Nele",
    "Tim",
    "Olga",
    "Piotr",
    "Aleksandra",
    "Søren",
    "Chloé",
)
LAST = (
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Becker",
    "Wagner",
    "Yılmaz",
    "Kaya",
    "Demir",
    "Öztürk",
    "Şahin",
    "Haddad",
    "Al-Masri",
    "Nowak",
    "Kowalski",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Jäger",
    "Groß",
    "Krüger",
    "Özdemir",
)
SPONSOR_FIRST = ("Oma", "Opa", "Tante", "Onkel", "Nachbarin", "Patin")
BUSINESSES = (
    ("Bäckerei Kühn", "Marktstraße 4\n12345 Musterstadt"),
    ("Apotheke am Rathaus", "Rathausplatz 1\n12345 Musterstadt"),
    ("Fahrrad Öztürk", "Bahnhofstraße 19\n12345 Musterstadt"),
    ("Zahnarztpraxis Dr. Haddad", "Lindenweg 2\n12345 Musterstadt"),
)


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _runners(run, rng: random.Random) -> list[Runner]:
    runners = []
    for name, kind, age_group, size in TEAMS:
        team = team_create(
            run=run,
            name=name,
            kind=kind,
            contact_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            contact_email=f"team{len(runners)}@example.org",
        )
        for _n in range(size):
            runners.append(_runner(run, rng, age_group, team))
    for _n in range(8):
        runners.append(_runner(run, rng, rng.choice(["7-10", "adult"]), None))
    # Names in other scripts must print on the certificates too.
    runners.append(_runner(run, rng, "adult", None, ("Layla", "حداد")))
    return runners


def _runner(run, rng, age_group, team, name=None) -> Runner:
    first, last = name or (rng.choice(FIRST), rng.choice(LAST))
    minor = age_group != "adult"
    return runner_register(
        run=run,
        first_name=first,
        last_name=last,
        age_group=age_group,
        tshirt_size=rng.choice(["128", "140", "152"] if minor else ["S", "M", "L"]),
        email=f"{first.lower()}.{rng.randrange(1000)}@example.org"
        if rng.random() < 0.6
        else "",
        guardian_name=f"{rng.choice(FIRST)} {last}" if minor else "",
        guardian_consent=minor,
        team=team,
        by_staff=True,
        send_mail=False,
    )


def _pledges(run, runners: list[Runner], rng: random.Random) -> int:
    grandparents = [
        (f"{rng.choice(SPONSOR_FIRST)} {rng.choice(LAST)}", f"sponsor{n}@example.org")
        for n in range(120)
    ]
    count = 0
    for runner in runners:
        for _n in range(rng.choice([1, 1, 2])):
            name, email = rng.choice(grandparents)
            fixed = rng.random() < 0.25
            pledge_create(
                run=run,
                runner=runner,
                sponsor_name=name,
                sponsor_email=email,
                sponsor_address=f"{rng.choice(LAST)}weg {rng.randrange(1, 40)}\n"
                "12345 Musterstadt",
                kind=Pledge.Kind.FIXED if fixed else Pledge.Kind.PER_LAP,
                fixed_cents=rng.choice([1000, 1500, 2000, 5000]) if fixed else 0,
                per_lap_cents=0 if fixed else rng.choice([50, 100, 150, 200]),
                cap_cents=None if fixed or rng.random() < 0.5 else 2000,
                source=rng.choice([Pledge.Source.ONLINE, Pledge.Source.PAPER]),
            )
            count += 1
    for team in Team.objects.filter(run=run):
        name, address = rng.choice(BUSINESSES)
        pledge_create(
            run=run,
            team=team,
            sponsor_name=name,
            sponsor_address=address,
            kind=Pledge.Kind.PER_LAP,
            per_lap_cents=10,
            cap_cents=10000,
            source=Pledge.Source.PAPER,
        )
        count += 1
    return count


def _laps(run, runners: list[Runner], rng: random.Random) -> int:
    counters = [
        counter_create(run=run, name="Zählstelle Ziel 1"),
        counter_create(run=run, name="Zählstelle Ziel 2"),
    ]
    start = run.event.starts_at
    entries = []
    for runner in runners:
        moment = start + dt.timedelta(seconds=rng.randrange(30, 120))
        for _lap in range(rng.randrange(3, 19)):
            moment += dt.timedelta(seconds=rng.randrange(110, 300))
            point = rng.randrange(len(counters))
            entries.append(
                LapEntry(
                    run=run,
                    runner=runner,
                    counter=counters[point],
                    device_id=f"demo-{point}",
                    idempotency_key=_uuid(rng),
                    client_time=moment,
                    received_at=moment,
                    tapped_at=moment,
                )
            )
    # A few double taps at the counting point: flagged, waiting for review.
    for runner in rng.sample(runners, 4):
        last = max(e.tapped_at for e in entries if e.runner is runner)
        entries.append(
            LapEntry(
                run=run,
                runner=runner,
                counter=counters[1],
                device_id="demo-1",
                idempotency_key=_uuid(rng),
                received_at=last + dt.timedelta(seconds=4),
                tapped_at=last + dt.timedelta(seconds=4),
                flagged=True,
            )
        )
    LapEntry.objects.bulk_create(entries)
    return len(entries) + len(counters)


def demo_charity_run(festival: Festival) -> int:
    """Make the demo's Familienlauf a charity run with teams, runners, pledges and
    laps; returns how many objects were created (0 on a second run, one query)."""
    done = Runner.objects.filter(
        run__event__sub_event__festival=festival, run__event__slug=EVENT_SLUG
    )
    if done.exists():
        return 0
    event = Event.objects.filter(sub_event__festival=festival, slug=EVENT_SLUG).first()
    if event is None:
        return 0
    return _build(event)


@transaction.atomic
def _build(event: Event) -> int:
    rng = random.Random(SEED)
    run = run_setup(
        event=event,
        lap_length_m=400,
        min_lap_seconds=60,
        cause="Ferienfreizeiten für Kinder aus Familien mit wenig Geld",
        account_holder="Bündnis für Familie Musterstadt e. V.",
        iban="DE02120300000000202051",
        bic="BYLADEM1001",
        bank_name="Sparkasse Musterstadt",
        reference_pattern="Spendenlauf {letter}",
        state="live",
    )
    runners = _runners(run, rng)
    created = 1 + len(TEAMS) + len(runners)
    created += _pledges(run, runners, rng)
    created += _laps(run, runners, rng)
    return created
