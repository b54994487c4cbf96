"""The planners' dashboard (/orga/planning/): key figures and charts at a glance.

A partner organisation's coordinator who opens it lands on their own portal instead
of a 403: the workspace's front door is the same link for everyone.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from events import roles
from planning import charts
from planning.charts import Series
from planning.selectors.dashboard import Dashboard, dashboard_for
from planning.views.access import current_festival, planner_page


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    if (
        not roles.sees_whole_programme(request.user)
        and roles.partners_of(request.user).exists()
    ):
        return redirect("planning:partner")
    return _dashboard(request)


@planner_page
def _dashboard(request: HttpRequest) -> HttpResponse:
    try:
        festival = current_festival()
    except Http404:
        return render(request, "planning/dashboard.html", {"board": None})
    board = dashboard_for(festival)
    return render(
        request,
        "planning/dashboard.html",
        {"festival": festival, "board": board, "charts": _charts(board)},
    )


def _day(day) -> str:
    return formats.date_format(day, "D j.n.")


def _charts(board: Dashboard) -> dict[str, str]:
    """The SVG of every chart; the template shows the same numbers as tables."""
    per_day = board.per_day
    registrations = sum(day.registrations for day in per_day)
    seats = sum(day.seats for day in per_day)
    families = board.families
    waiting = board.waiting
    return {
        "per_day": charts.column_chart(
            [formats.date_format(day.day, "j.n.") for day in per_day],
            [
                Series(
                    _("Registrations"), charts.BLUE, [d.registrations for d in per_day]
                ),
                Series(_("Seats"), charts.BROWN, [d.seats for d in per_day]),
            ],
            chart_id="chart-per-day",
            title=_("Registrations per day"),
            desc=_(
                "New registrations and the seats they hold per day, from %(first)s "
                "to %(last)s: %(registrations)s registrations, %(seats)s seats."
            )
            % {
                "first": _day(per_day[0].day) if per_day else "",
                "last": _day(per_day[-1].day) if per_day else "",
                "registrations": registrations,
                "seats": seats,
            },
        ),
        "fill": charts.stacked_bars(
            [(row.name, row.counts) for row in board.fill_by_sub_event],
            segments=[
                Series(_("full"), charts.RED),
                Series(_("almost full"), charts.BROWN),
                Series(_("some"), charts.BLUE),
                Series(_("empty"), charts.GREY),
            ],
            chart_id="chart-fill",
            title=_("Fill rate per sub-event"),
            desc=_(
                "Events with registration per sub-event: full (every seat taken), "
                "almost full (four in five seats or more), some seats taken, empty."
            ),
        ),
        "fullest": charts.bar_chart(
            [(fill.title, fill.percent) for fill in board.fullest],
            chart_id="chart-fullest",
            title=_("The fullest events"),
            desc=_("Seats taken of the capacity, in per cent."),
            colour=charts.RED,
            suffix=" %",
        ),
        "emptiest": charts.bar_chart(
            [(fill.title, fill.percent) for fill in board.emptiest],
            chart_id="chart-emptiest",
            title=_("The emptiest events"),
            desc=_("Seats taken of the capacity, in per cent."),
            colour=charts.GREY,
            suffix=" %",
        ),
        "coverage": charts.column_chart(
            [_day(day.day) for day in board.coverage_days],
            [
                Series(
                    _("needed"), charts.GREY, [d.needed for d in board.coverage_days]
                ),
                Series(
                    _("filled"), charts.GREEN, [d.filled for d in board.coverage_days]
                ),
            ],
            chart_id="chart-coverage",
            title=_("Volunteer coverage per day"),
            desc=_("Shift places needed and filled per day: %(filled)s of %(needed)s.")
            % {
                "filled": board.figures.places_filled,
                "needed": board.figures.places_needed,
            },
        ),
        "ages": charts.bar_chart(
            [
                *[(_("%(ages)s years") % {"ages": g}, n) for g, n in families.groups],
                (_("Adults"), families.adults),
            ]
            if families.people
            else [],
            chart_id="chart-ages",
            title=_("People reached by age"),
            desc=_(
                "%(people)s people in %(households)s households: %(children)s "
                "children, %(adults)s adults."
            )
            % {
                "people": families.people,
                "households": families.households,
                "children": families.children,
                "adults": families.adults,
            },
            colour=charts.GREEN,
        ),
        "waiting": charts.bar_chart(
            [(event.title, event.people) for event in waiting.events],
            chart_id="chart-waiting",
            title=_("Waiting lists"),
            desc=_("People waiting per event (the ten longest lists)."),
            colour=charts.BROWN,
        ),
    }


urlpatterns = [path("", index, name="dashboard")]
