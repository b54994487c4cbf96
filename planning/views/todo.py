"""The planners' to-do list: every conflict and gap of the festival, each with a
link to where it is fixed, grouped by kind, most urgent first."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from events import roles
from events.models import SubEvent
from planning.selectors.todo import todo_list
from planning.views.access import current_festival, planner_page


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@planner_page
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """`?kind=` and `?sub_event=` filter (unknown values show everything); a module
    lead sees their sub-events' problems by default, `?scope=all` shows all."""
    festival = current_festival()
    sub_events = list(SubEvent.objects.filter(festival=festival).order_by("name"))
    wanted = _int_or_none(request.GET.get("sub_event"))
    chosen = next((s for s in sub_events if s.pk == wanted), None)
    mine: list[int] = []
    if not roles.user_is_orga(request.user) and roles.user_is_module_lead(request.user):
        mine = list(
            SubEvent.objects.filter(festival=festival, leads=request.user).values_list(
                "pk", flat=True
            )
        )
    only_mine = bool(mine) and chosen is None and request.GET.get("scope") != "all"
    todo = todo_list(
        festival=festival,
        kind=request.GET.get("kind", ""),
        sub_event_id=chosen.pk if chosen else None,
        mine=mine,
        only_mine=only_mine,
    )
    kind = request.GET.get("kind", "")
    return render(
        request,
        "planning/todo.html",
        {
            "festival": festival,
            "todo": todo,
            "sub_events": sub_events,
            "chosen": chosen,
            "kind": kind if any(k == kind for k, _l, _c in todo.kinds) else "",
            "leads_some": bool(mine),
            "only_mine": only_mine,
        },
    )


urlpatterns = [path("todo/", index, name="todo")]
