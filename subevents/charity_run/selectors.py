"""Reads that pages, the board, exports and PDFs share, each in a fixed number of
queries whatever the number of runners, pledges or taps."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from events.models import Event, SubEvent

from . import rules
from .models import LapEntry, Pledge, Run, Runner, Team


def pk_of(value: str | None) -> int | None:
    """A row's number typed into a form or a query string, or None for anything
    else ("", "abc", "1.5", "²" — a digit to str.isdigit(), not to int() —, or a
    number beyond the database's integers)."""
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 9:
        return None
    return int(value)


def counted_taps(run_id: int) -> QuerySet[LapEntry]:
    """The taps that count as laps: not undone, and not flagged unless an
    organiser confirmed them."""
    followups = LapEntry.objects.filter(target=OuterRef("pk"))
    return LapEntry.objects.filter(run_id=run_id, kind=LapEntry.Kind.TAP).filter(
        ~Exists(followups.filter(kind=LapEntry.Kind.UNDO)),
        Q(flagged=False) | Exists(followups.filter(kind=LapEntry.Kind.CONFIRM)),
    )


def runner_laps(runner_id: int, run_id: int | None = None) -> int:
    """The runner's laps (one query, two without `run_id`)."""
    if run_id is None:
        run_id = Runner.objects.filter(pk=runner_id).values_list("run_id", flat=True)[0]
    return counted_taps(run_id).filter(runner_id=runner_id).count()


def laps_map(run: Run) -> dict[int, int]:
    """{runner id: laps} for the runners with at least one lap (one query)."""
    return dict(
        counted_taps(run.pk)
        .values("runner_id")
        .annotate(n=Count("pk"))
        .values_list("runner_id", "n")
    )


def run_for_event(event: Event) -> Run | None:
    return Run.objects.filter(event=event).select_related("event").first()


def runs_of(sub_event: SubEvent) -> list[Run]:
    return list(
        Run.objects.filter(event__sub_event=sub_event)
        .select_related("event")
        .order_by("event__starts_at")
    )


@dataclass
class Totals:
    laps: int = 0
    runners: int = 0
    pledged: int = 0  # due now, from the laps counted so far
    received: int = 0
    pledges: int = 0

    @property
    def open(self) -> int:
        return max(self.pledged - self.received, 0)


@dataclass
class RunFigures:
    """A run's laps and money, overall and per team (None: runners without)."""

    laps: dict[int, int]
    team_laps: dict[int | None, int]
    overall: Totals
    teams: dict[int | None, Totals] = field(default_factory=dict)
    due: dict[int, int] = field(default_factory=dict)  # pledge id → cents


def run_figures(run: Run) -> RunFigures:
    """Laps per runner and team, and every pledge's amount due (three queries)."""
    laps = laps_map(run)
    runner_team = dict(run.runners.values_list("pk", "team_id"))
    team_laps: dict[int | None, int] = defaultdict(int)
    figures = RunFigures(laps=laps, team_laps=team_laps, overall=Totals())
    for runner_id, team_id in runner_team.items():
        team_laps[team_id] += laps.get(runner_id, 0)
        totals = figures.teams.setdefault(team_id, Totals())
        totals.runners += 1
        totals.laps += laps.get(runner_id, 0)
    for pledge in Pledge.objects.filter(run=run).only(
        "kind",
        "runner_id",
        "team_id",
        "per_lap_cents",
        "cap_cents",
        "fixed_cents",
        "received_cents",
    ):
        if pledge.runner_id is not None:
            counted = laps.get(pledge.runner_id, 0)
            team_id = runner_team.get(pledge.runner_id)
        else:
            counted = team_laps.get(pledge.team_id, 0)
            team_id = pledge.team_id
        due = rules.pledge_due(pledge, counted)
        figures.due[pledge.pk] = due
        totals = figures.teams.setdefault(team_id, Totals())
        for bucket in (totals, figures.overall):
            bucket.pledged += due
            bucket.received += pledge.received_cents or 0
            bucket.pledges += 1
    figures.overall.laps = sum(laps.values())
    figures.overall.runners = len(runner_team)
    return figures


def board_data(run: Run, *, top: int = 5) -> dict:
    """What the screen at the finish shows: totals, the top teams and runners by
    laps. Runners by first name and start number only (a public screen)."""
    figures = run_figures(run)
    teams = {t.pk: t.name for t in Team.objects.filter(run=run).only("name")}
    best_teams = sorted(
        ((figures.team_laps.get(pk, 0), name, pk) for pk, name in teams.items()),
        key=lambda item: (-item[0], item[1]),
    )[:top]
    ranked = sorted(figures.laps.items(), key=lambda item: (-item[1], item[0]))[:top]
    names = {
        r.pk: r
        for r in Runner.objects.filter(pk__in=[pk for pk, _n in ranked]).only(
            "first_name", "start_number"
        )
    }
    km = figures.overall.laps * run.lap_length_m / 1000
    return {
        "state": run.state,
        "laps": figures.overall.laps,
        "laps_text": rules.grouped(figures.overall.laps),
        "runners": figures.overall.runners,
        "distance_km": round(km, 1),
        "distance": rules.distance_km(figures.overall.laps, run.lap_length_m),
        "donations_cents": figures.overall.pledged,
        "donations": rules.euro(figures.overall.pledged),
        "teams": [{"name": name, "laps": laps} for laps, name, _pk in best_teams],
        "runners_top": [
            {
                "first_name": names[pk].first_name,
                "start_number": names[pk].start_number,
                "laps": laps,
            }
            for pk, laps in ranked
        ],
    }


def runner_list(
    run: Run, *, team: str = "", age_group: str = "", search: str = ""
) -> list[Runner]:
    """The organisers' runner list with each runner's laps (two queries)."""
    runners = run.runners.select_related("team")
    if team == "none":
        runners = runners.filter(team=None)
    elif pk_of(team) is not None:
        runners = runners.filter(team_id=pk_of(team))
    if age_group in Runner.AgeGroup.values:
        runners = runners.filter(age_group=age_group)
    if search:
        term = search.strip()
        query = Q(first_name__icontains=term) | Q(last_name__icontains=term)
        if pk_of(term) is not None:
            query |= Q(start_number=pk_of(term))
        runners = runners.filter(query)
    laps = laps_map(run)
    rows = list(runners)
    for runner in rows:
        runner.laps = laps.get(runner.pk, 0)
    return rows


def team_list(run: Run) -> list[Team]:
    """Teams with their runner count, laps and money (four queries)."""
    figures = run_figures(run)
    rows = list(run.teams.all())
    for team in rows:
        team.totals = figures.teams.get(team.pk, Totals())
        team.first = team.block * run.team_block_size
        team.last = team.first + run.team_block_size - 1
    return rows


def pledge_list(run: Run, *, state: str = "") -> tuple[list[Pledge], RunFigures]:
    """Pledges with what each is due now and has received (five queries)."""
    figures = run_figures(run)
    pledges = Pledge.objects.filter(run=run).select_related(
        "runner", "runner__team", "team", "received_by", "entered_by"
    )
    rows = []
    for pledge in pledges:
        pledge.due = figures.due.get(pledge.pk, 0)
        pledge.laps = (
            figures.laps.get(pledge.runner_id, 0)
            if pledge.runner_id
            else figures.team_laps.get(pledge.team_id, 0)
        )
        pledge.open = max(pledge.due - (pledge.received_cents or 0), 0)
        pledge.sponsor_key = sponsor_key(pledge)
        if state == "open" and pledge.received_at is not None:
            continue
        if state == "received" and pledge.received_at is None:
            continue
        rows.append(pledge)
    return rows, figures


@dataclass
class Letter:
    """One sponsor's letter: all their pledges in this run (same e-mail, or the
    same name and address when given on paper without an e-mail)."""

    number: int
    sponsor_name: str
    sponsor_email: str
    sponsor_address: str
    pledges: list[Pledge]

    @property
    def due(self) -> int:
        return sum(p.due for p in self.pledges)

    @property
    def received(self) -> int:
        return sum(p.received_cents or 0 for p in self.pledges)

    @property
    def open(self) -> int:
        return max(self.due - self.received, 0)


def sponsor_key(pledge: Pledge) -> str:
    if pledge.sponsor_email:
        return pledge.sponsor_email.lower()
    return f"{pledge.sponsor_name.lower()}|{pledge.sponsor_address.lower()}"


def sponsor_letters(run: Run, *, sponsor: str = "") -> list[Letter]:
    """One letter per sponsor, numbered by their first pledge; `sponsor` (a key
    from `sponsor_key`) picks one."""
    pledges, _figures = pledge_list(run)
    grouped: dict[str, list[Pledge]] = {}
    for pledge in pledges:
        grouped.setdefault(sponsor_key(pledge), []).append(pledge)
    letters = []
    for key, items in grouped.items():
        if sponsor and key != sponsor.lower():
            continue
        first = items[0]
        letters.append(
            Letter(
                number=first.pk,
                sponsor_name=first.sponsor_name,
                sponsor_email=first.sponsor_email,
                sponsor_address=next(
                    (p.sponsor_address for p in items if p.sponsor_address), ""
                ),
                pledges=items,
            )
        )
    return sorted(letters, key=lambda letter: letter.number)


def flagged_taps(run: Run) -> list[LapEntry]:
    """Flagged taps still waiting for a decision (neither undone nor confirmed)."""
    followups = LapEntry.objects.filter(target=OuterRef("pk"))
    return list(
        LapEntry.objects.filter(run=run, kind=LapEntry.Kind.TAP, flagged=True)
        .filter(~Exists(followups))
        .select_related("runner", "runner__team", "counter", "user")
        .order_by("tapped_at")
    )


def recent_entries(run: Run, *, limit: int = 30) -> list[LapEntry]:
    return list(
        LapEntry.objects.filter(run=run)
        .select_related("runner", "counter", "user")
        .order_by("-received_at", "-pk")[:limit]
    )
