"""The small registry through which other apps and sub-event modules plug into the core.

The core never imports them: they register here in their AppConfig.ready().

- seats providers: `fn(events) -> {event_id: seats_taken}` for a list of events, in a
  fixed number of queries (the registrations app provides one).
- detail providers: `fn(events) -> {event_id: [lines]}` extra lines for a list of
  events, in a fixed number of queries, for the event page, the programme, the API,
  the feed description and the booklet (e.g. the cinema's FSK rating).
- eligibility rules: `fn(event, participants) -> None`, raising ValidationError
  with a code when a party may not register (e.g. the cinema's FSK rule).
- household rules: `fn(event, held_events) -> None`, raising ValidationError with
  a code when a household may not add this event to the ones it already holds
  (`held_events`: the events of its other active registrations), e.g. the
  conference's one session per time slot. Called by the registrations app under
  the event's lock, with the household known.
- demo extensions: `fn(festival) -> int` add an app's demo data to the demo
  festival (idempotent) and say how many objects they created.
- event change handlers: `fn(event, changed_fields)` called inside the transaction
  that changed an event's time, venue, status or capacity (the registrations app
  promotes waiting parties and tells families).
- page panels: `fn(request, obj) -> str` safe HTML that an app adds to a page of
  another app (the calendars app adds its "Abonnieren" menu to the programme, the
  event, venue and sub-event pages, the family's and the volunteer's page). Kinds:
  "programme" (obj: the query dict of the filters), "event", "venue", "sub_event",
  "household", "volunteer".
- erase handlers: `fn(owner)` called inside the transaction that erases a
  household's or a volunteer's personal data at their request (the calendars app
  revokes their feed addresses).
- export providers: `fn(owner) -> dict` what an app stores about a household or a
  volunteer, JSON-serialisable, merged into their "download my data" (the calendars
  app adds their feed addresses' dates).
- conflict providers: `fn(festival) -> list[events.selectors.Conflict]` problems an
  app finds in its own data, listed with the core's scheduling conflicts on the
  planners' to-do list, in a fixed number of queries. The volunteers app reports
  understaffed shifts and qualifications that do not cover a shift; the conference
  module will register a "speaker_double_booked" provider the same way, in its
  AppConfig.ready(): `registry.register_conflict_provider(speaker_conflicts)`.
  A Conflict's `kind` names the problem (an app's own, e.g. "shift_understaffed"),
  `severity` ("high", "medium", "low") places it on the list, `fix_url` and
  `fix_label` say where it is fixed, `sub_event_ids` whose it is.
- print grids: a `PrintGrid` (name, title, `build(festival) -> GridData | None`,
  `fingerprint(festival) -> str`) that a module offers as a printed table (the
  printing app makes an A4 landscape PDF of it at /print/grids/<name>.pdf). A
  `GridData` has a title, a subtitle, the column names (e.g. rooms) and rows, each
  a label (e.g. "09:00") and one cell per column: text with line breaks, or None
  for an empty cell. `build` returns None when there is nothing to print.
- retention handlers: a `RetentionHandler` (name, `preview(festival) -> {key:
  count}` of what the app would anonymise, `anonymise(festival) -> {key: count}`
  doing it and reporting the same counts, `labels` {key: lazy label}) that
  `events.retention.retention_run` calls inside one transaction once a
  festival's retention period is over; counts and statistics stay.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

SeatsProvider = Callable[[list[Any]], dict[int, int]]
DetailProvider = Callable[[list[Any]], dict[int, list[str]]]
EligibilityRule = Callable[[Any, list[Any]], None]
EventChangeHandler = Callable[[Any, set[str]], None]
HouseholdRule = Callable[[Any, list[Any]], None]
PagePanel = Callable[[Any, Any], str]
ConflictProvider = Callable[[Any], list[Any]]


@dataclass
class GridRow:
    label: str
    cells: list[str | None]


@dataclass
class GridData:
    title: str
    subtitle: str
    columns: list[str]
    rows: list[GridRow] = field(default_factory=list)


@dataclass(frozen=True)
class PrintGrid:
    name: str  # a slug, part of the URL
    title: Any  # a lazy translation
    build: Callable[[Any], GridData | None]
    fingerprint: Callable[[Any], str]


@dataclass(frozen=True)
class RetentionHandler:
    name: str  # the app, e.g. "registrations"
    preview: Callable[[Any], dict[str, int]]
    anonymise: Callable[[Any], dict[str, int]]
    labels: dict[str, Any] = field(default_factory=dict)  # key -> lazy label


class Registry:
    def __init__(self) -> None:
        self.seats_providers: list[SeatsProvider] = []
        self.detail_providers: list[DetailProvider] = []
        self.eligibility_rules: list[EligibilityRule] = []
        self.household_rules: list[HouseholdRule] = []
        self.event_change_handlers: list[EventChangeHandler] = []
        self.demo_extensions: list[Callable[[Any], int]] = []
        self.page_panels: dict[str, list[PagePanel]] = {}
        self.erase_handlers: list[Callable[[Any], None]] = []
        self.export_providers: list[Callable[[Any], dict]] = []
        self.conflict_providers: list[ConflictProvider] = []
        self.grids: dict[str, PrintGrid] = {}
        self.retention: dict[str, RetentionHandler] = {}

    def register_seats_provider(self, provider: SeatsProvider) -> SeatsProvider:
        if provider not in self.seats_providers:
            self.seats_providers.append(provider)
        return provider

    def register_detail_provider(self, provider: DetailProvider) -> DetailProvider:
        if provider not in self.detail_providers:
            self.detail_providers.append(provider)
        return provider

    def register_eligibility_rule(self, rule: EligibilityRule) -> EligibilityRule:
        if rule not in self.eligibility_rules:
            self.eligibility_rules.append(rule)
        return rule

    def register_household_rule(self, rule: HouseholdRule) -> HouseholdRule:
        if rule not in self.household_rules:
            self.household_rules.append(rule)
        return rule

    def unregister_household_rule(self, rule: HouseholdRule) -> None:
        if rule in self.household_rules:
            self.household_rules.remove(rule)

    def check_household(self, event: Any, held_events: list[Any]) -> None:
        for rule in self.household_rules:
            rule(event, held_events)

    def unregister_seats_provider(self, provider: SeatsProvider) -> None:
        """Remove a provider (tests, an app switched off); no error if absent."""
        if provider in self.seats_providers:
            self.seats_providers.remove(provider)

    def unregister_detail_provider(self, provider: DetailProvider) -> None:
        if provider in self.detail_providers:
            self.detail_providers.remove(provider)

    def unregister_eligibility_rule(self, rule: EligibilityRule) -> None:
        if rule in self.eligibility_rules:
            self.eligibility_rules.remove(rule)

    def register_event_change_handler(
        self, handler: EventChangeHandler
    ) -> EventChangeHandler:
        if handler not in self.event_change_handlers:
            self.event_change_handlers.append(handler)
        return handler

    def unregister_event_change_handler(self, handler: EventChangeHandler) -> None:
        if handler in self.event_change_handlers:
            self.event_change_handlers.remove(handler)

    def register_demo_extension(
        self, extension: Callable[[Any], int]
    ) -> Callable[[Any], int]:
        if extension not in self.demo_extensions:
            self.demo_extensions.append(extension)
        return extension

    def demo_extend(self, festival: Any) -> int:
        return sum(extension(festival) for extension in self.demo_extensions)

    def event_changed(self, event: Any, changed: set[str]) -> None:
        for handler in self.event_change_handlers:
            handler(event, changed)

    def seats_taken(self, events: Iterable[Any]) -> dict[int, int]:
        events = list(events)
        totals: dict[int, int] = {}
        for provider in self.seats_providers:
            for event_id, seats in provider(events).items():
                totals[event_id] = totals.get(event_id, 0) + seats
        return totals

    def detail_lines_map(self, events: Iterable[Any]) -> dict[int, list[str]]:
        """Every provider's lines for each of `events`, in registration order."""
        events = list(events)
        lines: dict[int, list[str]] = {}
        if not events:
            return lines
        for provider in self.detail_providers:
            for event_id, provided in provider(events).items():
                lines.setdefault(event_id, []).extend(provided)
        return lines

    def detail_lines(self, event: Any) -> list[str]:
        return self.detail_lines_map([event]).get(event.pk, [])

    def check_eligibility(self, event: Any, participants: list[Any]) -> None:
        for rule in self.eligibility_rules:
            rule(event, participants)

    def register_erase_handler(
        self, handler: Callable[[Any], None]
    ) -> Callable[[Any], None]:
        if handler not in self.erase_handlers:
            self.erase_handlers.append(handler)
        return handler

    def erased(self, owner: Any) -> None:
        for handler in self.erase_handlers:
            handler(owner)

    def register_export_provider(
        self, provider: Callable[[Any], dict]
    ) -> Callable[[Any], dict]:
        if provider not in self.export_providers:
            self.export_providers.append(provider)
        return provider

    def exported(self, owner: Any) -> dict:
        """What every registered app stores about a household or volunteer."""
        data: dict = {}
        for provider in self.export_providers:
            data.update(provider(owner))
        return data

    def register_conflict_provider(
        self, provider: ConflictProvider
    ) -> ConflictProvider:
        if provider not in self.conflict_providers:
            self.conflict_providers.append(provider)
        return provider

    def unregister_conflict_provider(self, provider: ConflictProvider) -> None:
        if provider in self.conflict_providers:
            self.conflict_providers.remove(provider)

    def conflicts(self, festival: Any) -> list[Any]:
        """The problems every registered app reports, in registration order."""
        return [
            conflict
            for provider in self.conflict_providers
            for conflict in provider(festival)
        ]

    def register_page_panel(self, kind: str, panel: PagePanel) -> PagePanel:
        panels = self.page_panels.setdefault(kind, [])
        if panel not in panels:
            panels.append(panel)
        return panel

    def unregister_page_panel(self, kind: str, panel: PagePanel) -> None:
        if panel in self.page_panels.get(kind, []):
            self.page_panels[kind].remove(panel)

    def panels(self, kind: str, request: Any, obj: Any) -> list[str]:
        """The HTML the registered apps add to a page of this kind (safe strings)."""
        return [
            html
            for panel in self.page_panels.get(kind, [])
            if (html := panel(request, obj))
        ]

    def register_print_grid(self, grid: PrintGrid) -> PrintGrid:
        """Offer `grid` for printing; a grid of the same name is replaced."""
        self.grids[grid.name] = grid
        return grid

    def unregister_print_grid(self, name: str) -> None:
        self.grids.pop(name, None)

    def print_grids(self) -> list[PrintGrid]:
        """The registered grids, in registration order."""
        return list(self.grids.values())

    def print_grid(self, name: str) -> PrintGrid | None:
        return self.grids.get(name)

    def register_retention_handler(
        self,
        name: str,
        preview: Callable[[Any], dict[str, int]],
        anonymise: Callable[[Any], dict[str, int]],
        labels: dict[str, Any] | None = None,
    ) -> RetentionHandler:
        """Anonymise an app's personal data of a festival after its retention
        period; a handler of the same name is replaced."""
        handler = RetentionHandler(name, preview, anonymise, dict(labels or {}))
        self.retention[name] = handler
        return handler

    def unregister_retention_handler(self, name: str) -> None:
        self.retention.pop(name, None)

    @property
    def retention_handlers(self) -> list[RetentionHandler]:
        """The registered handlers, in registration order."""
        return list(self.retention.values())


registry = Registry()
