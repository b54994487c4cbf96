"""The planners' to-do list: every conflict and gap of the festival in one list.

The core's scheduling conflicts and what events still lack
(`events.selectors.conflict_list(completeness=True)`) plus what the other apps
report through the registry's conflict providers (volunteers: understaffed shifts,
qualifications, broken sign-up rules; later the conference: speakers booked
twice). Grouped by kind, most urgent first; a fixed number of queries however many
events and shifts there are.
"""

from collections.abc import Collection
from dataclasses import dataclass, field, replace

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.models import Festival
from events.registry import registry
from events.selectors import Conflict, conflict_list

SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}

# Kinds in the order a planner should look at them (within the same severity);
# a kind an app adds later comes after these, alphabetically.
KIND_LABELS = {
    "venue_overlap": gettext_lazy("Venue double-booked"),
    "speaker_double_booked": gettext_lazy("Speaker double-booked"),
    "outside_festival": gettext_lazy("Outside the festival days"),
    "unpublished_venue": gettext_lazy("Published at an unpublished venue"),
    "qualification": gettext_lazy("Qualification missing for a shift"),
    "capacity_above_venue": gettext_lazy("More people than the venue holds"),
    "no_venue": gettext_lazy("No venue yet"),
    "shift_understaffed": gettext_lazy("Shifts understaffed"),
    "assignment_rule": gettext_lazy("Assignments breaking a rule"),
    "no_registration_opening": gettext_lazy("No registration opening date"),
    "no_description": gettext_lazy("No description"),
}
_KIND_ORDER = {kind: n for n, kind in enumerate(KIND_LABELS)}

# Problems an event's time or place solves: fixed on the week board.
_BOARD_KINDS = {"venue_overlap", "outside_festival", "capacity_above_venue", "no_venue"}


def kind_label(kind: str) -> str:
    label = KIND_LABELS.get(kind)
    return str(label) if label is not None else kind.replace("_", " ").capitalize()


def board_url(event_id: int) -> str:
    """The week board, scrolled to and focused on one event."""
    return reverse("planning:board") + f"?focus={event_id}#event-{event_id}"


def _with_fix(conflict: Conflict) -> Conflict:
    """The link a planner follows: the board for time and place, the admin's form
    for an event's fields, the venue's form for an unpublished venue."""
    if conflict.kind in _BOARD_KINDS and conflict.event_ids:
        # For an overlap the later event moves (the core links that one too).
        return replace(
            conflict,
            fix_url=board_url(conflict.event_ids[-1]),
            fix_label=conflict.fix_label or _("Show on the week board"),
        )
    if conflict.fix_label:
        return conflict
    if conflict.kind == "unpublished_venue":
        return replace(conflict, fix_label=_("Edit the venue"))
    if conflict.kind in ("no_description", "no_registration_opening"):
        return replace(conflict, fix_label=_("Edit the event"))
    return replace(conflict, fix_label=_("Fix"))


def todo_items(festival: Festival) -> list[Conflict]:
    """Every open problem of the festival with its fix link, most urgent first."""
    found = [
        _with_fix(conflict)
        for conflict in [
            *conflict_list(festival=festival, completeness=True),
            *registry.conflicts(festival),
        ]
    ]
    # sorted() is stable: within a kind the providers' own order stays.
    return sorted(found, key=_rank)


def _rank(conflict: Conflict) -> tuple:
    return (
        SEVERITY_RANK.get(conflict.severity, 1),
        _KIND_ORDER.get(conflict.kind, len(_KIND_ORDER)),
        conflict.kind,
    )


def todo_count(festival: Festival) -> int:
    """How many problems are open (the dashboard's key figure)."""
    return len(todo_items(festival))


@dataclass
class TodoItem:
    conflict: Conflict
    mine: bool  # of a sub-event the viewing module lead plans


@dataclass
class TodoGroup:
    kind: str
    label: str
    severity: str
    items: list[TodoItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass
class TodoList:
    groups: list[TodoGroup]
    total: int  # before any filter
    kinds: list[tuple[str, str, int]]  # (kind, label, count) to filter by

    @property
    def shown(self) -> int:
        return sum(group.count for group in self.groups)

    @property
    def urgent(self) -> int:
        return sum(g.count for g in self.groups if g.severity == "high")


def todo_list(
    *,
    festival: Festival,
    kind: str = "",
    sub_event_id: int | None = None,
    mine: Collection[int] = (),
    only_mine: bool = False,
) -> TodoList:
    """The to-do list grouped by kind, most urgent group first.

    `kind` and `sub_event_id` filter; `mine` are the sub-events the viewer leads:
    their problems come first in each group, or alone with `only_mine`.
    """
    items = todo_items(festival)
    total = len(items)
    mine = set(mine)
    scoped = [
        TodoItem(conflict, mine=bool(mine & set(conflict.sub_event_ids)))
        for conflict in items
        if sub_event_id is None or sub_event_id in conflict.sub_event_ids
    ]
    if only_mine:
        scoped = [item for item in scoped if item.mine]
    kinds: dict[str, int] = {}
    for item in scoped:
        kinds[item.conflict.kind] = kinds.get(item.conflict.kind, 0) + 1
    groups: dict[str, TodoGroup] = {}
    for item in scoped:
        if kind and item.conflict.kind != kind:
            continue
        group = groups.get(item.conflict.kind)
        if group is None:
            group = groups[item.conflict.kind] = TodoGroup(
                kind=item.conflict.kind,
                label=kind_label(item.conflict.kind),
                severity=item.conflict.severity,
            )
        group.items.append(item)
    for group in groups.values():
        group.items.sort(key=lambda item: not item.mine)
    return TodoList(
        groups=list(groups.values()),
        total=total,
        kinds=[(k, kind_label(k), count) for k, count in kinds.items()],
    )
