"""The Spendenlauf's PDFs on the core toolkit (events.pdf): the runners'
certificates (Urkunde, one A4 page each, a whole team in one file) and the
sponsors' letters (one letter per sponsor with all their pledges, the amount due
and the bank details). Every text from people passes through `printable`, so
umlauts, Turkish and Arabic names print; the family is named everywhere."""

import io

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from events.models import BERLIN
from events.pdf.layout import (
    MUTED,
    RULE,
    ColourBand,
    Document,
    hex_colour,
    para,
    style,
    table,
)

from . import rules
from .models import Pledge, Run, Runner
from .selectors import Letter, laps_map


def _day(run: Run) -> str:
    return date_format(timezone.localtime(run.event.starts_at, BERLIN), "j. F Y")


def _author(run: Run) -> str:
    return run.event.sub_event.festival.name


def certificates_pdf(run: Run, runners: list[Runner], *, title: str) -> bytes:
    """One certificate page per runner (name, laps, distance, team)."""
    laps = laps_map(run)
    colour = hex_colour(run.event.sub_event.colour)
    buffer = io.BytesIO()
    doc = Document(
        buffer,
        pagesize=A4,
        title=title,
        author=_author(run),
        subject=_("Certificate"),
        margins=(22 * mm, 20 * mm, 22 * mm, 20 * mm),
    )
    kicker = style("cr-kicker", 14, alignment=TA_CENTER, textColor=MUTED)
    heading = style("cr-heading", 44, bold=True, alignment=TA_CENTER, leading=52)
    name = style(
        "cr-name", 30, bold=True, alignment=TA_CENTER, leading=36, hyphenationLang=""
    )
    body = style("cr-body", 15, alignment=TA_CENTER, leading=21, hyphenationLang="")
    figure = style(
        "cr-figure", 26, bold=True, alignment=TA_CENTER, leading=32, hyphenationLang=""
    )
    small = style("cr-small", 10, alignment=TA_CENTER, textColor=MUTED)
    story: list = []
    for index, runner in enumerate(runners):
        if index:
            story.append(PageBreak())
        count = laps.get(runner.pk, 0)
        story += [
            ColourBand(6 * mm, colour),
            Spacer(1, 18 * mm),
            para(_author(run), kicker),
            Spacer(1, 8 * mm),
            para(_("Certificate"), heading),
            Spacer(1, 14 * mm),
            para(runner.name, name),
            Spacer(1, 8 * mm),
            para(
                _("ran at the %(event)s on %(day)s")
                % {"event": run.event.title, "day": _day(run)},
                body,
            ),
            Spacer(1, 4 * mm),
            para(
                _("%(laps)s laps · %(km)s km")
                % {"laps": count, "km": rules.distance_km(count, run.lap_length_m)},
                figure,
            ),
            Spacer(1, 4 * mm),
            para(_("for a good cause."), body),
            Spacer(1, 6 * mm),
        ]
        if runner.team_id:
            story.append(para(_("Team: %(team)s") % {"team": runner.team.name}, body))
        story.append(
            para(_("Start number %(number)d") % {"number": runner.start_number}, body)
        )
        if run.cause:
            story += [
                Spacer(1, 10 * mm),
                para(_("The donations go to: %(cause)s") % {"cause": run.cause}, body),
            ]
        story += [
            Spacer(1, 40 * mm),
            table(
                [["", ""], [_("Date"), _("For the organisers")]],
                [80 * mm, 80 * mm],
                [
                    ("LINEABOVE", (0, 1), (0, 1), 0.6, RULE),
                    ("LINEABOVE", (1, 1), (1, 1), 0.6, RULE),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("TEXTCOLOR", (0, 1), (-1, 1), MUTED),
                ],
                size=10,
            ),
            Spacer(1, 3 * mm),
            para(_day(run), small),
        ]
    if not story:
        story.append(para(_("No runners."), body))
    doc.build(story)
    return buffer.getvalue()


def _pledge_line(pledge: Pledge) -> str:
    if pledge.kind == Pledge.Kind.FIXED:
        return _("fixed amount")
    text = _("%(amount)s per lap") % {"amount": rules.euro(pledge.per_lap_cents)}
    if pledge.cap_cents is not None:
        text += ", " + _("at most %(cap)s") % {"cap": rules.euro(pledge.cap_cents)}
    return text


def _for_whom(pledge: Pledge) -> str:
    if pledge.runner_id:
        return pledge.runner.name
    return _("Team %(team)s") % {"team": pledge.team.name}


def letters_pdf(run: Run, letters: list[Letter], *, title: str) -> bytes:
    """One letter per sponsor: address, their pledges with laps and amounts, the
    total due, what already arrived, and where to transfer the rest."""
    buffer = io.BytesIO()
    doc = Document(
        buffer,
        pagesize=A4,
        title=title,
        author=_author(run),
        subject=_("Sponsor letter"),
        margins=(20 * mm, 20 * mm, 20 * mm, 22 * mm),
    )
    h1 = style(
        "cr-letter-h1", 15, bold=True, spaceAfter=6, spaceBefore=6, hyphenationLang=""
    )
    body = style("cr-letter-body", 10.5, leading=14.5, spaceAfter=6)
    meta = style("cr-letter-meta", 8.5, textColor=MUTED)
    story: list = []
    for index, letter in enumerate(letters):
        if index:
            story.append(PageBreak())
        reference = run.reference_pattern.replace("{letter}", f"{letter.number:05d}")
        story += [
            para(f"{_author(run)} · {run.account_holder}", meta),
            Spacer(1, 6 * mm),
            para(letter.sponsor_name, body),
            para(letter.sponsor_address, body),
            Spacer(1, 16 * mm),
            para(date_format(timezone.localdate(), "j. F Y"), body),
            para(
                _("Thank you for your pledge to the %(event)s")
                % {"event": run.event.title},
                h1,
            ),
            para(_("Dear %(name)s,") % {"name": letter.sponsor_name}, body),
            para(
                _(
                    "thank you for sponsoring our charity run on %(day)s. Here is what "
                    "your pledge amounts to:"
                )
                % {"day": _day(run)},
                body,
            ),
        ]
        rows = [[_("For"), _("Pledge"), _("Laps"), _("Amount")]]
        for pledge in letter.pledges:
            rows.append(
                [
                    para(_for_whom(pledge), body),
                    _pledge_line(pledge),
                    str(pledge.laps),
                    rules.euro(pledge.due),
                ]
            )
        rows.append(["", "", _("Total"), rules.euro(letter.due)])
        if letter.received:
            rows.append(["", "", _("Received"), rules.euro(letter.received)])
            rows.append(["", "", _("Still open"), rules.euro(letter.open)])
        story.append(
            table(
                rows,
                [62 * mm, 52 * mm, 20 * mm, 30 * mm],
                [
                    ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
                    (
                        "LINEABOVE",
                        (0, len(letter.pledges) + 1),
                        (-1, len(letter.pledges) + 1),
                        0.6,
                        RULE,
                    ),
                    ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                ],
                size=10,
            )
        )
        story.append(Spacer(1, 6 * mm))
        if letter.open:
            story += [
                para(
                    _("Please transfer %(amount)s to:")
                    % {"amount": rules.euro(letter.open)},
                    body,
                ),
                table(
                    [
                        [_("Account holder"), run.account_holder],
                        [_("IBAN"), run.iban],
                        [_("BIC"), run.bic],
                        [_("Bank"), run.bank_name],
                        [_("Reference"), reference],
                    ],
                    [40 * mm, 110 * mm],
                    [("BOTTOMPADDING", (0, 0), (-1, -1), 2)],
                    size=10.5,
                ),
            ]
        else:
            story.append(
                para(_("Your donation has arrived in full – thank you!"), body)
            )
        if run.cause:
            story += [
                Spacer(1, 4 * mm),
                para(_("The donations go to: %(cause)s") % {"cause": run.cause}, body),
            ]
        story += [
            Spacer(1, 8 * mm),
            para(_("Kind regards,"), body),
            para(_("The festival team"), body),
        ]
    if not story:
        story.append(para(_("No pledges."), body))
    doc.build(story)
    return buffer.getvalue()
