"""The week board: days × venues (or sub-events) as timelines, and moving an event.

Moving goes through events.services.event_update, which owns the venue rule; a
refusal (a venue conflict, an end before the start) changes nothing and its reason
is shown next to the block or in the form. The move endpoint answers JSON to the
board's script (Accept: application/json) and HTML to a plain form.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from events import roles
from events.models import Event
from events.services import event_update
from planning.forms.board import SERVICE_FIELDS, BoardFilterForm, EventMoveForm
from planning.selectors.board import (
    DAY_MINUTES,
    ROWS_SUB_EVENT,
    ROWS_VENUE,
    Axis,
    Block,
    BoardFilters,
    board_build,
    row_key_for,
)
from planning.views.access import (
    current_festival,
    error_code,
    forbidden,
    planner_page,
)


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


def _may_move(request: HttpRequest, event: Event) -> bool:
    return (
        request.user.has_perm("events.change_event")
        and roles.events_editable_by(request.user).filter(pk=event.pk).exists()
    )


def _board_url(request: HttpRequest) -> str:
    """Back to the board the move started from (its filters kept), else the board."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("planning:board")


def _axis_from(request: HttpRequest) -> Axis:
    """The axis the board on screen uses (sent by its script), else the default."""
    try:
        start = int(request.POST.get("axis_start", ""))
        end = int(request.POST.get("axis_end", ""))
    except ValueError:
        return Axis()
    if 0 <= start < end <= DAY_MINUTES and start % 60 == 0 and end % 60 == 0:
        return Axis(start=start, end=end)
    return Axis()


@planner_page
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The board; GET filters sub_event, partner, status, day; rows=sub_event and
    all_rows=on change the rows (a value that does not fit is ignored)."""
    festival = current_festival()
    form = BoardFilterForm(request.GET or None, festival=festival)
    filters = form.filters() if form.is_bound else BoardFilters()
    board = board_build(
        festival=festival,
        user=request.user,
        filters=filters,
        rows_by=form.rows_by() if form.is_bound else ROWS_VENUE,
        all_rows=form.shows_all_rows() if form.is_bound else False,
    )
    return render(
        request,
        "planning/board.html",
        {
            "festival": festival,
            "board": board,
            "form": form,
            "filters": filters,
            "move_form": EventMoveForm(festival=festival),
            "can_move": any(
                block.movable
                for day in board.days
                for row in day.rows
                for block in row.blocks
            ),
        },
    )


@planner_page
@require_http_methods(["GET", "POST"])
def move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move an event to another day, time or venue; 403 unless the user may change
    it, 404 for an unknown event."""
    festival = current_festival()
    wants_json = _wants_json(request)
    event = Event.objects.filter(pk=pk, sub_event__festival=festival).first()
    if event is None:
        if wants_json:
            return JsonResponse(
                {"code": "not_found", "detail": _("This event does not exist.")},
                status=404,
            )
        raise Http404("no such event")
    if not _may_move(request, event):
        if wants_json:
            return JsonResponse(
                {
                    "code": "forbidden",
                    "detail": _("You may not move this event."),
                },
                status=403,
            )
        return forbidden(request)

    if request.method == "GET":
        form = EventMoveForm(festival=festival, event=event)
        return _move_page(request, form=form, event=event)

    form = EventMoveForm(request.POST, festival=festival, event=event)
    code = ""
    if form.is_valid():
        try:
            event = event_update(event=event, **form.changes())
        except ValidationError as exc:
            code = error_code(exc)
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(SERVICE_FIELDS.get(field), errors)
            else:
                form.add_error(None, exc)
        else:
            return _moved(request, event=event, wants_json=wants_json)
    else:
        code = (
            next(
                (e.code for errors in form.errors.as_data().values() for e in errors),
                "invalid",
            )
            or "invalid"
        )

    if wants_json:
        return JsonResponse(
            {
                "code": code,
                "detail": " ".join(
                    str(message)
                    for errors in form.errors.values()
                    for message in errors
                ),
                "errors": {
                    field: list(errors) for field, errors in form.errors.items()
                },
            },
            status=400,
        )
    return _move_page(request, form=form, event=event, status=400)


def _moved(request: HttpRequest, *, event: Event, wants_json: bool) -> HttpResponse:
    event = Event.objects.select_related("sub_event", "venue").get(pk=event.pk)
    block = Block.of(event, movable=True)
    when = f"{event.local_day:%d.%m.} {block.time_text}"
    place = event.venue.name if event.venue else _("no venue yet")
    detail = _("“%(title)s” moved: %(when)s, %(place)s.") % {
        "title": event.title,
        "when": when,
        "place": place,
    }
    if not wants_json:
        messages.success(request, detail)
        return redirect(f"{_board_url(request)}#event-{event.pk}")
    rows_by = request.POST.get("rows")
    rows_by = rows_by if rows_by in (ROWS_VENUE, ROWS_SUB_EVENT) else ROWS_VENUE
    block.row_key = row_key_for(event, rows_by)
    block.axis = _axis_from(request)
    return JsonResponse(
        {
            "ok": True,
            "event": event.pk,
            "day": event.local_day.isoformat(),
            "row": block.row_key,
            "inside_axis": block.inside_axis,
            "detail": detail,
            "html": render_to_string(
                "planning/board/_block.html",
                {
                    "block": block,
                    "rows_by": rows_by,
                    "board_next": _board_url(request),
                },
                request=request,
            ),
        }
    )


def _move_page(
    request: HttpRequest, *, form: EventMoveForm, event: Event, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "planning/board/move.html",
        {
            "festival": current_festival(),
            "form": form,
            "event": event,
            "next": _board_url(request),
        },
        status=status,
    )


urlpatterns = [
    path("board/", index, name="board"),
    path("board/events/<int:pk>/move/", move, name="board-move"),
]
