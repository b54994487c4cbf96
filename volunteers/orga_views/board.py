"""The coverage board: days × roles, needed vs. filled, at a glance."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from events.models import SubEvent
from volunteers.models import Volunteer
from volunteers.orga_views.access import current_festival, int_or_none, orga_page
from volunteers.selectors import assignment_conflicts, coverage


@orga_page
@require_GET
def coverage_board(request: HttpRequest) -> HttpResponse:
    """`?sub_event=<id>` narrows the board to one sub-event's shifts (an unknown id
    is ignored)."""
    festival = current_festival()
    sub_events = list(SubEvent.objects.filter(festival=festival).order_by("name"))
    wanted = int_or_none(request.GET.get("sub_event"))
    chosen = next((s for s in sub_events if s.pk == wanted), None)
    board = coverage(festival, sub_event=chosen)
    rows = [
        (role, list(zip(board.days, cells, strict=True)))
        for role, cells in board.rows
        # Roles without a shift in the chosen sub-event would only be empty rows.
        if chosen is None or any(cell.needed for cell in cells)
    ]
    needed = sum(cell.needed for cell in board.totals)
    filled = sum(cell.filled for cell in board.totals)
    return render(
        request,
        "volunteers/orga/coverage.html",
        {
            "festival": festival,
            "board": board,
            "rows": rows,
            "sub_events": sub_events,
            "chosen": chosen,
            "conflicts": assignment_conflicts(festival),
            "stats": {
                "volunteers": Volunteer.objects.active()
                .filter(festival=festival)
                .count(),
                "shifts": sum(len(cell.shifts) for cell in board.totals),
                "needed": needed,
                "filled": filled,
                "missing": sum(cell.missing for cell in board.totals),
            },
        },
    )
