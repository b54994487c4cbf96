"""Factories for the market module: a market on a published event of a flea
market sub-event, with pitch types, a site plan and numbered pitches, and
applications made through the module's service as in real use."""

import datetime as dt

from events.models import Event, SubEvent
from subevents.flea_market.models import Application, Market, Pitch, PitchType, SitePlan
from subevents.flea_market.services import application_create
from tests.events.factories import EventFactory, SubEventFactory, VenueFactory, at

# kind: (name, fee private, association, commercial) in cents
TYPES = {
    PitchType.Kind.TABLE: ("Tisch 1,2 m", 800, 600, 2000),
    PitchType.Kind.TWO_TABLES: ("Zwei Tische", 1400, 1000, 3500),
    PitchType.Kind.RAIL: ("Kleiderständer", 600, 500, 1500),
    PitchType.Kind.BLANKET: ("Decke", 300, 300, 1000),
}


def flea_sub_event(**kwargs) -> SubEvent:
    existing = SubEvent.objects.filter(slug="kleidermarkt").first()
    if existing is not None and not kwargs:
        return existing
    defaults = {
        "name": "Kleider- und Spielzeugmarkt",
        "slug": "kleidermarkt",
        "kind": SubEvent.Kind.FLEA_MARKET,
        "colour": "#9c2c6b",
    }
    defaults.update(kwargs)
    return SubEventFactory(**defaults)


def market(
    *,
    layout: dict[str, int] | None = None,
    sockets: set[int] = frozenset(),
    slug: str = "markt",
    sub_event: SubEvent | None = None,
    starts_at: dt.datetime | None = None,
    **fields,
) -> Market:
    """A market with pitches numbered 1.. in the order of `layout` (kind: count;
    default three tables and two clothes rails), on one outdoor site plan; the
    pitches whose number is in `sockets` have electricity."""
    starts_at = starts_at or at(5, 10)
    event = EventFactory(
        sub_event=sub_event or flea_sub_event(),
        title="Kleider- und Spielzeugmarkt am Rathaus",
        slug=slug,
        venue=VenueFactory(
            name="Rathausplatz", slug=f"{slug}-platz", street="Rathausplatz"
        ),
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=5),
        status=Event.Status.PUBLISHED,
    )
    fields.setdefault("rules", "Aufbau ab 8 Uhr.\nKeine Neuware.")
    fields.setdefault("payment_note", "Bar am Info-Stand.")
    result = Market.objects.create(event=event, **fields)
    plan = SitePlan.objects.create(
        market=result,
        name="Platz vor dem Rathaus",
        columns=20,
        rows=8,
        labels=[{"text": "Eingang", "x": 0, "y": 2, "w": 1, "h": 4}],
    )
    number = 0
    for position, (kind, count) in enumerate(
        (layout or {PitchType.Kind.TABLE: 3, PitchType.Kind.RAIL: 2}).items()
    ):
        name, private, association, commercial = TYPES[kind]
        pitch_type = PitchType.objects.create(
            market=result,
            kind=kind,
            name=name,
            fee_private_cents=private,
            fee_association_cents=association,
            fee_commercial_cents=commercial,
            position=position,
        )
        for _n in range(count):
            number += 1
            Pitch.objects.create(
                market=result,
                site_plan=plan,
                pitch_type=pitch_type,
                number=number,
                x=2 + 2 * ((number - 1) % 8),
                y=1 + 3 * ((number - 1) // 8),
                electricity=number in sockets,
            )
    return result


def pitch_type(market: Market, kind: str = PitchType.Kind.TABLE) -> PitchType:
    return PitchType.objects.get(market=market, kind=kind)


def pitch(market: Market, number: int) -> Pitch:
    return Pitch.objects.get(market=market, number=number)


_counter = {"n": 0}


def apply(market: Market, kind: str = PitchType.Kind.TABLE, **fields) -> Application:
    """An application through the service (a private family selling toys)."""
    _counter["n"] += 1
    n = _counter["n"]
    fields.setdefault("name", f"Familie {n}")
    fields.setdefault("email", f"familie{n}@example.org")
    fields.setdefault("seller_kind", Application.SellerKind.PRIVATE)
    fields.setdefault("goods", ["toys"])
    fields.setdefault("pitch_type", pitch_type(market, kind))
    return application_create(market=market, **fields)


def staff(username: str, *groups: str, **fields):
    """A staff account in the given organiser groups (roles ensured)."""
    from django.contrib.auth.models import Group, User

    from events import roles

    roles.roles_ensure()
    user = User.objects.create_user(username, is_staff=True, **fields)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user
