"""What the Spendenlauf adds to the core through events.registry: stable detail
lines (lap length, cause) for the event page, programme, API, feeds and booklet,
and page panels with live figures and links."""

from typing import Any

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from events.models import Event, SubEvent

from . import rules
from .models import Run
from .selectors import board_data, runs_of


def _candidates(events: list[Event]) -> list[int]:
    return [
        event.pk
        for event in events
        if event.pk is not None
        and (
            "sub_event" not in event._state.fields_cache
            or event.sub_event.kind == SubEvent.Kind.CHARITY_RUN
        )
    ]


def run_details(events: list[Event]) -> dict[int, list[str]]:
    """Detail provider: the lap length and the cause, one query (none when no
    event is a run's). No live figures: these lines land in cached feeds."""
    candidates = _candidates(events)
    if not candidates:
        return {}
    lines: dict[int, list[str]] = {}
    for run in Run.objects.filter(event_id__in=candidates):
        found = [
            _(
                "Charity run: one lap is %(metres)d m; sponsors give per lap "
                "or a fixed sum"
            )
            % {"metres": run.lap_length_m}
        ]
        if run.cause:
            found.append(_("Donations go to: %(cause)s") % {"cause": run.cause})
        lines[run.event_id] = found
    return lines


def event_panel(request: Any, event: Event) -> str:
    """Page panel on a run's event page: live figures, sign-up and board links."""
    if event.sub_event.kind != SubEvent.Kind.CHARITY_RUN:
        return ""
    run = Run.objects.filter(event=event).first()
    if run is None:
        return ""
    data = board_data(run, top=0)
    links = [
        (reverse("charity_run:board", kwargs={"slug": event.slug}), _("Live board"))
    ]
    if run.signup_open:
        links.insert(
            0,
            (
                reverse("charity_run:run", kwargs={"slug": event.slug}),
                _("Sign up as a runner"),
            ),
        )
    figures = _(
        "%(runners)s runners · %(laps)s laps · %(donations)s pledged so far"
    ) % {
        "runners": rules.grouped(data["runners"]),
        "laps": rules.grouped(data["laps"]),
        "donations": data["donations"],
    }
    return format_html(
        '<section class="cr-panel" aria-label="{}"><p class="cr-panel__figures" '
        'data-run-figures>{}</p><p class="cr-panel__links">{}</p></section>',
        _("Charity run"),
        figures,
        format_html_join(" ", '<a class="button" href="{}">{}</a>', links),
    )


def sub_event_panel(request: Any, sub_event: SubEvent) -> str:
    """Page panel on the Spendenlauf's page: each run with its links."""
    if sub_event.kind != SubEvent.Kind.CHARITY_RUN:
        return ""
    runs = runs_of(sub_event)
    if not runs:
        return ""
    return format_html(
        '<section class="cr-panel"><h2>{}</h2><ul>{}</ul></section>',
        _("Take part in the charity run"),
        format_html_join(
            "",
            '<li><a href="{}">{}</a> · <a href="{}">{}</a></li>',
            (
                (
                    reverse("charity_run:run", kwargs={"slug": run.slug}),
                    run.event.title,
                    reverse("charity_run:board", kwargs={"slug": run.slug}),
                    _("live board"),
                )
                for run in runs
            ),
        ),
    )


__all__ = ["event_panel", "rules", "run_details", "sub_event_panel"]
