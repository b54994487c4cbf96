"""Reads of the market module that pages, exports, PDFs and the registry share,
each in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.models import Event, SubEvent
from events.tokens import token_lookup

from .models import Application, Market, Pitch, PitchType, SitePlan

Status = Application.Status


def market_get(*, slug: str) -> Market | None:
    """The market on the event with this slug, with its event and venue."""
    return (
        Market.objects.select_related("event__venue", "event__sub_event__festival")
        .filter(event__slug=slug)
        .first()
    )


def markets_of(sub_event: SubEvent) -> QuerySet[Market]:
    """The sub-event's markets the public may see."""
    return (
        Market.objects.filter(event__sub_event=sub_event)
        .exclude(event__status=Event.Status.DRAFT)
        .select_related("event__venue")
        .order_by("event__starts_at")
    )


def markets_all() -> QuerySet[Market]:
    return Market.objects.select_related(
        "event__venue", "event__sub_event__festival"
    ).order_by("event__starts_at")


@dataclass
class TypeRow:
    pitch_type: PitchType
    total: int
    free: int
    waiting: int


def type_rows(market: Market) -> list[TypeRow]:
    """The market's pitch types with pitches, free pitches and waiting sellers
    (one query)."""
    types = PitchType.objects.filter(market=market).annotate(
        total=Count("pitches", distinct=True),
        taken=Count(
            "pitches__applications",
            filter=Q(pitches__applications__status=Status.ALLOCATED),
            distinct=True,
        ),
        queue=Count(
            "applications",
            filter=Q(applications__status=Status.WAITING),
            distinct=True,
        ),
    )
    return [TypeRow(t, t.total, t.total - t.taken, t.queue) for t in types]


def waiting_position(application: Application) -> int | None:
    """1 for the first waiting seller of the type; None unless waiting."""
    if application.status != Status.WAITING:
        return None
    earlier = Application.objects.filter(
        market_id=application.market_id,
        pitch_type_id=application.pitch_type_id,
        status=Status.WAITING,
    ).filter(
        Q(applied_at__lt=application.applied_at)
        | Q(applied_at=application.applied_at, pk__lt=application.pk)
    )
    return earlier.count() + 1


def application_for_token(token: str) -> Application | None:
    return token_lookup(
        Application.objects.select_related(
            "market__event__venue", "pitch__site_plan", "pitch_type"
        ),
        token,
    )


def application_list(
    market: Market,
    *,
    status: str = "",
    pitch_type: str = "",
    seller_kind: str = "",
    paid: str = "",
    search: str = "",
) -> list[Application]:
    """The market's applications filtered, in order of application, each with
    `position` (on the waiting list of its type, else None); two queries."""
    queryset = Application.objects.filter(market=market).select_related(
        "pitch_type", "pitch__site_plan", "paid_by"
    )
    # Positions come from the whole waiting list, not the filtered rows.
    order: dict[int, int] = {}
    counters: dict[int, int] = {}
    for pk, type_id in (
        Application.objects.filter(market=market, status=Status.WAITING)
        .order_by("applied_at", "pk")
        .values_list("pk", "pitch_type_id")
    ):
        counters[type_id] = counters.get(type_id, 0) + 1
        order[pk] = counters[type_id]
    if status:
        queryset = queryset.filter(status=status)
    if pitch_type:
        queryset = queryset.filter(pitch_type_id=pitch_type)
    if seller_kind:
        queryset = queryset.filter(seller_kind=seller_kind)
    if paid == "yes":
        queryset = queryset.filter(paid_at__isnull=False)
    elif paid == "no":
        queryset = queryset.filter(status=Status.ALLOCATED, paid_at__isnull=True)
    if search:
        queryset = queryset.filter(
            Q(name__icontains=search)
            | Q(email__icontains=search)
            | Q(association__icontains=search)
        )
    rows = list(queryset.order_by("applied_at", "pk"))
    for row in rows:
        row.position = order.get(row.pk)
    return rows


def sellers(market: Market) -> list[Application]:
    """The sellers with a pitch, by pitch number (one query)."""
    return list(
        Application.objects.filter(market=market, status=Status.ALLOCATED)
        .select_related("pitch__site_plan", "pitch_type")
        .order_by("pitch__number")
    )


@dataclass
class PlacedPitch:
    pitch: Pitch
    application: Application | None = None


@dataclass
class PlanView:
    plan: SitePlan
    pitches: list[PlacedPitch] = field(default_factory=list)

    @property
    def free(self) -> int:
        return sum(1 for p in self.pitches if p.application is None)


def plan_views(market: Market) -> list[PlanView]:
    """Every site plan with its pitches and who holds each (three queries)."""
    plans = {p.pk: PlanView(p) for p in SitePlan.objects.filter(market=market)}
    holders = {
        a.pitch_id: a
        for a in Application.objects.filter(market=market, status=Status.ALLOCATED)
    }
    for pitch in Pitch.objects.filter(market=market).select_related("pitch_type"):
        plans[pitch.site_plan_id].pitches.append(
            PlacedPitch(pitch, holders.get(pitch.pk))
        )
    return list(plans.values())


# --- the registry's lines --------------------------------------------------------

KIND_PLURALS = {
    PitchType.Kind.TABLE: "tables",
    PitchType.Kind.TWO_TABLES: "tables",
    PitchType.Kind.RAIL: "clothes rails",
    PitchType.Kind.BLANKET: "blankets",
}


def _kind_plural(kind: str) -> str:
    return {
        "tables": _("tables"),
        "clothes rails": _("clothes rails"),
        "blankets": _("blankets"),
    }[KIND_PLURALS[kind]]


def market_line(*, pitches: int, kinds: list[str], setup_from) -> str:
    """The market's facts in one stable line, e.g. "62 pitches · tables, clothes
    rails · set-up from 08:00" (no live numbers: it lands in cached feeds)."""
    names: list[str] = []
    for kind in PitchType.Kind.values:
        if kind in kinds and _kind_plural(kind) not in names:
            names.append(_kind_plural(kind))
    parts = [
        ngettext("%(count)d pitch", "%(count)d pitches", pitches) % {"count": pitches},
        ", ".join(names),
        _("set-up from %(time)s") % {"time": setup_from.strftime("%H:%M")},
    ]
    return " · ".join(part for part in parts if part)


def detail_lines(events: list[Event]) -> dict[int, list[str]]:
    """Detail provider (registry): the market's line for each market among
    `events`; one query (none when no event belongs to a flea market)."""
    candidates = [
        event.pk
        for event in events
        if event.pk is not None
        and (
            "sub_event" not in event._state.fields_cache
            or event.sub_event.kind == SubEvent.Kind.FLEA_MARKET
        )
    ]
    if not candidates:
        return {}
    facts: dict[int, dict] = {}
    rows = (
        Pitch.objects.filter(market_id__in=candidates)
        .values("market_id", "market__setup_from", "pitch_type__kind")
        .annotate(count=Count("id"))
        .order_by("market_id")
    )
    for row in rows:
        fact = facts.setdefault(
            row["market_id"],
            {"pitches": 0, "kinds": [], "setup_from": row["market__setup_from"]},
        )
        fact["pitches"] += row["count"]
        fact["kinds"].append(row["pitch_type__kind"])
    return {event_id: [market_line(**fact)] for event_id, fact in facts.items()}
