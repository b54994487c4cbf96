"""The demo's Kleider- und Spielzeugmarkt on the Rathausplatz: 66 pitches on two
site plans (the square outdoors, the town hall's foyer indoors), four pitch types
with fees, and 61 sellers' applications, most of them allocated in order of
application, four clothes-rail sellers on the waiting list, some fees paid.

It enriches the core demo's market event (slug "kleider-und-spielzeugmarkt") and
creates no events: the set-up times are wall-clock times on the event's day, so
the market moves with the week. Deterministic (seeded); idempotent: a second run
asks one query and writes nothing.
"""

import datetime as dt
import random

from django.db import transaction

from events.models import BERLIN, Event, Festival, Venue

from .allocation import Claim, Slot, allocation_plan
from .models import Application, Market, Pitch, PitchType, SitePlan

EVENT_SLUG = "kleider-und-spielzeugmarkt"
SEED = 20261207

RULES = "\n".join(
    [
        "Aufbau ab 8:00 Uhr, bis 9:45 Uhr muss der Stand fertig sein; Autos bitte "
        "bis 9:30 Uhr vom Platz fahren.",
        "Verkauft werden nur Kindersachen: Kleidung, Spielzeug, Bücher, "
        "Babyausstattung, Fahrräder.",
        "Keine Neuware, keine Lebensmittel außer an den angemeldeten Kuchenständen "
        "der Fördervereine.",
        "Tische bringen Sie bitte selbst mit; Kleiderständer können nicht geliehen "
        "werden.",
        "Bitte nehmen Sie alles, was nicht verkauft wurde, wieder mit und "
        "hinterlassen Sie Ihren Platz sauber.",
        "Der Markt findet bei jedem Wetter statt.",
    ]
)

PAYMENT = (
    "Bitte bezahlen Sie die Standgebühr am Markttag bar am Info-Stand am Eingang "
    "oder vorab per Überweisung an den Stadtelternbeirat (Verwendungszweck: "
    "Standnummer und Name)."
)

# kind, name, drawn width, height, fee private/association/commercial (cents)
TYPES = (
    (PitchType.Kind.TABLE, "Tisch 1,2 m", 2, 2, 800, 600, 2000),
    (PitchType.Kind.TWO_TABLES, "Zwei Tische (2,4 m)", 3, 2, 1400, 1000, 3500),
    (PitchType.Kind.RAIL, "Kleiderständer", 2, 2, 600, 500, 1500),
    (PitchType.Kind.BLANKET, "Decke auf dem Boden", 2, 2, 300, 300, 1000),
)

FIRST = [
    "Anna",
    "Sophie",
    "Mia",
    "Emma",
    "Lea",
    "Hannah",
    "Leonie",
    "Ayşe",
    "Elif",
    "Zeynep",
    "Olga",
    "Natalia",
    "Fatima",
    "Marta",
    "Julia",
    "Katrin",
    "Sabine",
    "Nicole",
    "Sandra",
    "Jana",
    "Lukas",
    "Jonas",
    "Ben",
    "Paul",
    "Finn",
    "Mehmet",
    "Emre",
    "Ivan",
    "Tomasz",
    "Daniel",
    "Markus",
    "Stefan",
    "Thomas",
    "Ali",
    "Yusuf",
]
LAST = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Yılmaz",
    "Kaya",
    "Demir",
    "Öztürk",
    "Nowak",
    "Kowalski",
    "Petrov",
    "Ivanova",
    "Hadžić",
    "Rossi",
    "Groß",
    "Bauer",
    "Wolf",
    "Krüger",
    "Hartmann",
    "Lange",
    "Werner",
    "Schröder",
    "Neumann",
    "Braun",
]
ASSOCIATIONS = (
    "Förderverein Kita Sonnenschein",
    "Förderverein Grundschule am Park",
    "Elternverein Kita Regenbogen",
    "Förderverein Lindenschule",
)
# Applicants per pitch type (kind): there are 36 tables, 10 double tables,
# 12 clothes rails and 8 blankets; four rails too many make a waiting list.
WANTED = (
    [PitchType.Kind.TABLE] * 30
    + [PitchType.Kind.TWO_TABLES] * 10
    + [PitchType.Kind.RAIL] * 16
    + [PitchType.Kind.BLANKET] * 5
)


def _rows(kind: str, count: int, *, x: int, y: int, w: int) -> list[tuple]:
    return [(kind, x + n * w, y) for n in range(count)]


OUTDOOR = (
    _rows(PitchType.Kind.TABLE, 14, x=4, y=2, w=2)
    + _rows(PitchType.Kind.TWO_TABLES, 10, x=4, y=6, w=3)
    + _rows(PitchType.Kind.RAIL, 12, x=4, y=11, w=2)
    + _rows(PitchType.Kind.TABLE, 14, x=4, y=15, w=2)
    + _rows(PitchType.Kind.BLANKET, 8, x=4, y=19, w=2)
)
INDOOR = _rows(PitchType.Kind.TABLE, 4, x=2, y=2, w=2) + _rows(
    PitchType.Kind.TABLE, 4, x=2, y=6, w=2
)
# The double tables nearest the entrance have sockets: the cake stalls.
SOCKETS = {15, 16, 17, 18, 59}


def _in_place(festival: Festival) -> bool:
    return Market.objects.filter(
        event__slug=EVENT_SLUG, event__sub_event__festival=festival
    ).exists()


def demo_market(festival: Festival) -> int:
    """Add the market to the demo's market event; returns the objects created
    (0 on a second run, or when the demo has no such event)."""
    if _in_place(festival):
        return 0
    with transaction.atomic():
        return _market_create(festival)


def _market_create(festival: Festival) -> int:
    event = (
        Event.objects.filter(slug=EVENT_SLUG, sub_event__festival=festival)
        .select_related("venue")
        .first()
    )
    if event is None:
        return 0
    market = Market.objects.create(
        event=event,
        setup_from=dt.time(8, 0),
        setup_until=dt.time(9, 45),
        rules=RULES,
        payment_note=PAYMENT,
        commercial=Market.Commercial.NOT_ALLOWED,
    )
    types = {}
    for position, (kind, name, w, h, private, association, commercial) in enumerate(
        TYPES
    ):
        types[kind] = PitchType.objects.create(
            market=market,
            kind=kind,
            name=name,
            width=w,
            height=h,
            fee_private_cents=private,
            fee_association_cents=association,
            fee_commercial_cents=commercial,
            position=position,
        )
    foyer = Venue.objects.filter(slug="rathaus-buergersaal").first()
    square = SitePlan.objects.create(
        market=market,
        name="Rathausplatz",
        venue=event.venue,
        setting=SitePlan.Setting.OUTDOOR,
        columns=40,
        rows=23,
        labels=[
            {"text": "Eingang", "x": 0, "y": 8, "w": 2, "h": 7},
            {"text": "Info & Kasse", "x": 0, "y": 3, "w": 3, "h": 3},
            {"text": "Brunnen", "x": 35, "y": 8, "w": 4, "h": 4},
            {"text": "Rathaus", "x": 4, "y": 0, "w": 28, "h": 1},
        ],
    )
    hall = SitePlan.objects.create(
        market=market,
        name="Rathaus-Foyer",
        venue=foyer,
        setting=SitePlan.Setting.INDOOR,
        columns=12,
        rows=10,
        labels=[{"text": "Eingang Rathausplatz", "x": 0, "y": 9, "w": 12, "h": 1}],
        position=1,
    )
    pitches = []
    for plan, layout in ((square, OUTDOOR), (hall, INDOOR)):
        for kind, x, y in layout:
            number = len(pitches) + 1
            pitch_type = types[kind]
            pitches.append(
                Pitch(
                    market=market,
                    site_plan=plan,
                    pitch_type=pitch_type,
                    number=number,
                    x=x,
                    y=y,
                    w=pitch_type.width,
                    h=pitch_type.height,
                    electricity=number in SOCKETS,
                )
            )
    pitches = Pitch.objects.bulk_create(pitches)
    applications = _applications(market, types, festival)
    _allocate(applications, pitches)
    return 1 + len(types) + 2 + len(pitches) + len(applications)


def _applications(market: Market, types: dict, festival: Festival) -> list:
    rng = random.Random(SEED)
    opened = dt.datetime.combine(
        festival.start_date - dt.timedelta(days=56), dt.time(9, 0), tzinfo=BERLIN
    )
    wanted = list(WANTED)
    rng.shuffle(wanted)
    rows = []
    cake = 0
    for n, kind in enumerate(wanted):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        seller_kind = Application.SellerKind.PRIVATE
        association = ""
        goods = rng.sample(["clothes", "toys", "books", "baby", "bikes"], 2)
        electricity = False
        if kind == PitchType.Kind.TWO_TABLES and cake < len(ASSOCIATIONS):
            seller_kind = Application.SellerKind.ASSOCIATION
            association = ASSOCIATIONS[cake]
            goods, electricity = ["cake", "toys"], True
            cake += 1
        if kind == PitchType.Kind.RAIL:
            goods = ["clothes", *goods[:1]] if goods[0] != "clothes" else goods
        rows.append(
            Application(
                market=market,
                name=f"{first} {last}",
                email=f"verkauf{n + 1:02d}@example.org",
                phone=f"0151 {rng.randint(1000000, 9999999)}",
                seller_kind=seller_kind,
                association=association,
                pitch_type=types[kind],
                goods=sorted(set(goods), key=Application.Goods.values.index),
                needs_electricity=electricity,
                applied_at=opened
                + dt.timedelta(hours=3 * n, minutes=rng.randint(0, 170)),
            )
        )
    return Application.objects.bulk_create(rows)


def _allocate(applications: list[Application], pitches: list[Pitch]) -> None:
    """The same rule as the service (in order of application, by type)."""
    rng = random.Random(SEED + 1)
    by_pk = {p.pk: p for p in pitches}
    types = {p.pitch_type_id: p.pitch_type for p in pitches}
    plan = allocation_plan(
        [Slot(p.pk, p.number, p.pitch_type_id, p.electricity) for p in pitches],
        [Claim(a.pk, a.pitch_type_id, a.needs_electricity) for a in applications],
    )
    for application in applications:
        pitch_pk = plan.get(application.pk)
        if pitch_pk is None:
            continue
        application.status = Application.Status.ALLOCATED
        application.pitch = by_pk[pitch_pk]
        application.allocated_at = application.applied_at
        application.fee_cents = types[application.pitch_type_id].fee_for(
            application.seller_kind
        )
        if rng.random() < 0.45:
            application.paid_cents = application.fee_cents
            application.paid_at = application.applied_at + dt.timedelta(days=10)
    Application.objects.bulk_update(
        applications,
        ["status", "pitch", "allocated_at", "fee_cents", "paid_cents", "paid_at"],
    )
