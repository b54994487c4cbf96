"""The market's printed documents, on the core's PDF toolkit (events.pdf):

- the seller's confirmation (A4): pitch number, set-up time, fee, rules, the
  pitch marked on the site plan and a QR code to the seller's page;
- the site plan for the entrance (A3 landscape, one page per area): numbered
  pitches, a legend; names only on the organisers' internal version;
- the list of sellers for the organisers (A4, by pitch number).
"""

import io
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Spacer

from events.pdf.fonts import BOLD, REGULAR, printable
from events.pdf.layout import (
    INK,
    MUTED,
    PALE,
    RULE,
    CheckBox,
    Document,
    hex_colour,
    joined,
    markup,
    numbered_canvas,
    page_label,
    para,
    qr_code,
    safe,
    style,
    table,
)

from .formats import clock, euro, event_day, event_hours
from .models import Application, Market, SitePlan
from .plan import PlanDrawing, Swatch, type_colours
from .selectors import plan_views, sellers


def _german(build: Callable[..., bytes]) -> Callable[..., bytes]:
    """Documents say /Lang de-DE, so they print in the festival's language
    whatever the language of the page that asked for them."""

    @wraps(build)
    def wrapper(*args, **kwargs) -> bytes:
        with translation.override(settings.LANGUAGE_CODE):
            return build(*args, **kwargs)

    return wrapper


def _author(market: Market) -> str:
    return market.event.sub_event.festival.name


def _footer(heading: str):
    def footer(canvas, page: int, pages: int) -> None:
        width, _height = canvas._pagesize
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setFont(REGULAR, 8)
        canvas.drawString(12 * mm, 8 * mm, printable(heading)[:110])
        canvas.drawRightString(width - 12 * mm, 8 * mm, page_label(page, pages))
        canvas.restoreState()

    return numbered_canvas(footer)


def _heading(market: Market, title: str) -> list:
    accent = hex_colour(market.event.sub_event.colour)
    return [
        markup(
            safe(_author(market)),
            style("fm-festival", 10, bold=True, textColor=accent, spaceAfter=2),
        ),
        markup(safe(title), style("fm-title", 18, bold=True, spaceAfter=4)),
    ]


def _place(plan: SitePlan, market: Market) -> str:
    """Area, venue and address, each said once ("Rathausplatz, 12345 …")."""
    venue = plan.venue or market.event.venue
    parts = [plan.name] + ([venue.name, venue.address] if venue else [])
    seen: list[str] = []
    for part in parts:
        if part and not any(part in other for other in seen):
            seen = [other for other in seen if other not in part] + [part]
    return joined(seen, ", ")


@_german
def confirmation_pdf(application: Application) -> bytes:
    """The seller's confirmation on A4 (allocated applications only)."""
    market = application.market
    event = market.event
    pitch = application.pitch
    buffer = io.BytesIO()
    title = _("Pitch confirmation: %(event)s") % {"event": event.title}
    doc = Document(
        buffer,
        pagesize=A4,
        title=title,
        author=_author(market),
        subject=_("Pitch %(number)d") % {"number": pitch.number},
        margins=(15 * mm, 16 * mm, 18 * mm, 16 * mm),
    )
    big = style("fm-big", 30, bold=True, leading=34, spaceAfter=6)
    label = style("fm-label", 9, textColor=MUTED)
    value = style("fm-value", 10.5, leading=13.5)
    url = settings.SITE_URL + application.get_absolute_url()
    story = [
        *_heading(market, _("Pitch confirmation")),
        markup(safe(event.title), style("fm-sub", 12, spaceAfter=6)),
        table(
            [
                [
                    markup(safe(_("Pitch %(number)d") % {"number": pitch.number}), big),
                    qr_code(url, 26 * mm),
                ]
            ],
            [None, 28 * mm],
            [("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
        ),
    ]
    paid = (
        _("paid on %(date)s (%(amount)s)")
        % {
            "date": application.paid_at.strftime("%d.%m.%Y"),
            "amount": euro(application.paid_cents),
        }
        if application.paid_at
        else _("not yet paid")
    )
    facts = [
        (_("Seller"), application.seller_label),
        (_("Day"), event_day(event)),
        (_("Place"), _place(pitch.site_plan, market)),
        (
            _("Set-up"),
            _("%(start)s–%(end)s (please be ready by the start of the market)")
            % {"start": clock(market.setup_from), "end": clock(market.setup_until)},
        ),
        (_("Market"), event_hours(event)),
        (
            _("Pitch"),
            joined(
                [
                    str(application.pitch_type),
                    _("with power socket") if pitch.electricity else "",
                ],
                ", ",
            ),
        ),
        (_("Fee"), f"{euro(application.fee_cents)} – {paid}"),
    ]
    if market.payment_note and not application.paid_at:
        facts.append((_("How to pay"), market.payment_note))
    story.append(
        table(
            [[para(k, label), para(v, value)] for k, v in facts],
            [38 * mm, None],
            [("BOTTOMPADDING", (0, 0), (-1, -1), 4)],
        )
    )
    if market.rule_lines:
        story.append(markup(safe(_("Rules for sellers")), "h2"))
        story.extend(para(f"• {line}") for line in market.rule_lines)
    plan = next(
        (v for v in plan_views(market) if v.plan.pk == pitch.site_plan_id), None
    )
    if plan is not None:
        story.append(CondPageBreak(80 * mm))
        story.append(markup(safe(_("Your pitch on the site plan")), "h2"))
        story.append(PlanDrawing(plan, max_height=80 * mm, highlight=pitch.pk))
    story.append(Spacer(1, 4 * mm))
    story.append(
        markup(
            safe(
                _(
                    "Your page (the QR code above): status, this confirmation, "
                    "cancelling. If you cannot come, please cancel there so that a "
                    "family on the waiting list gets your pitch."
                )
            )
            + "<br/>"
            + safe(url),
            "small",
        )
    )
    doc.build(story, canvasmaker=_footer(title))
    return buffer.getvalue()


def _legend(plans) -> list:
    kinds = {p.pitch.pitch_type for v in plans for p in v.pitches}
    colours = type_colours(kinds)
    rows = [
        [Swatch(colours[t.pk]), para(str(t))]
        for t in sorted(kinds, key=lambda t: (t.position, t.pk))
    ]
    rows.append([Swatch(colors.white, socket=True), para(_("power socket"))])
    return [
        table(
            rows,
            [9 * mm, 55 * mm],
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ],
        )
    ]


@_german
def site_plan_pdf(market: Market, *, with_names: bool = False) -> bytes:
    """The site plan for the entrance: A3 landscape, one page per area."""
    event = market.event
    buffer = io.BytesIO()
    title = _("Site plan: %(event)s") % {"event": event.title}
    if with_names:
        title += " – " + _("internal")
    doc = Document(
        buffer,
        pagesize=landscape(A3),
        title=title,
        author=_author(market),
        subject=_("Site plan"),
        margins=(12 * mm, 14 * mm, 16 * mm, 14 * mm),
    )
    plans = plan_views(market)
    story: list = []
    for index, view in enumerate(plans):
        if index:
            story.append(PageBreak())
        story.extend(_heading(market, f"{_('Site plan')}: {view.plan.name}"))
        story.append(
            markup(
                safe(
                    joined(
                        [
                            event.title,
                            event_day(event),
                            _("set-up %(start)s–%(end)s")
                            % {
                                "start": clock(market.setup_from),
                                "end": clock(market.setup_until),
                            },
                            _("market %(hours)s") % {"hours": event_hours(event)},
                            view.plan.get_setting_display(),
                        ]
                    )
                ),
                style("fm-plan-sub", 12, textColor=MUTED, spaceAfter=6),
            )
        )
        story.append(
            table(
                [
                    [
                        PlanDrawing(
                            view, max_height=205 * mm, width=300 * mm, names=with_names
                        ),
                        _legend([view]),
                    ]
                ],
                [305 * mm, None],
            )
        )
    if not plans:
        story.extend(_heading(market, _("Site plan")))
        story.append(para(_("No site plan has been drawn yet.")))
    doc.build(story, canvasmaker=_footer(title))
    return buffer.getvalue()


@_german
def seller_list_pdf(market: Market) -> bytes:
    """The organisers' list of sellers by pitch number, with a box to tick."""
    event = market.event
    buffer = io.BytesIO()
    title = _("Sellers: %(event)s") % {"event": event.title}
    doc = Document(
        buffer,
        pagesize=A4,
        title=title,
        author=_author(market),
        subject=_("List of sellers"),
        margins=(14 * mm, 12 * mm, 18 * mm, 12 * mm),
    )
    rows = sellers(market)
    small = style("fm-cell", 8.5, leading=10.5)
    head = style("fm-head", 8.5, bold=True, leading=10.5)
    header = [
        para(h, head)
        for h in (
            _("No."),
            _("Seller"),
            _("Pitch type"),
            _("Goods"),
            _("Fee"),
            _("Paid"),
            _("Here"),
        )
    ]
    body = []
    for a in rows:
        body.append(
            [
                markup(f"<b>{a.pitch.number}</b>", small),
                para(joined([a.seller_label, a.phone], "\n"), small),
                para(
                    joined(
                        [
                            str(a.pitch_type),
                            _("power") if a.pitch.electricity else "",
                            a.pitch.site_plan.name,
                        ],
                        "\n",
                    ),
                    small,
                ),
                para(", ".join(a.goods_labels()), small),
                para(euro(a.fee_cents), small),
                para(euro(a.paid_cents) if a.paid_at else "", small),
                CheckBox(9),
            ]
        )
    story = [
        *_heading(market, title),
        para(
            joined(
                [
                    event_day(event),
                    _("%(count)d sellers") % {"count": len(rows)},
                    _("fees due %(due)s, paid %(paid)s")
                    % {
                        "due": euro(sum(a.fee_cents or 0 for a in rows)),
                        "paid": euro(sum(a.paid_cents or 0 for a in rows if a.paid_at)),
                    },
                ]
            ),
            style("fm-meta", 10, textColor=MUTED, spaceAfter=6),
        ),
        table(
            [header, *body],
            [12 * mm, 52 * mm, 34 * mm, 42 * mm, 17 * mm, 17 * mm, 12 * mm],
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, PALE]),
                ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
                ("FONT", (0, 0), (-1, 0), BOLD, 8.5),
            ],
            padded=True,
            repeatRows=1,
        ),
    ]
    doc.build(story, canvasmaker=_footer(title))
    return buffer.getvalue()
