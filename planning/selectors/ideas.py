"""Reads of the Denkfabrik: the list of ideas with their scores (a fixed number of
queries however many ideas there are) and one idea with its reviews.

The score: every rating counts with its criterion's weight, Σ score·weight / Σ
weight. When each reviewer rated every criterion (the rating form asks for all),
this equals the weighted mean of the criteria's means shown on the idea's page.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import (
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce

from events.models import Festival, Partner, SubEvent
from events.scoring import weighted_mean
from planning.models import Comment, Criterion, Idea, Rating

SORTS = {
    "number": ("number",),
    "-number": ("-number",),
    "score": (F("score").desc(nulls_last=True), "number"),
    "-score": (F("score").asc(nulls_last=True), "number"),
    "cost": (F("estimated_cost").asc(nulls_last=True), "number"),
    "-cost": (F("estimated_cost").desc(nulls_last=True), "number"),
    "reach": (F("reach").desc(nulls_last=True), "number"),
    "-reach": (F("reach").asc(nulls_last=True), "number"),
}
# The pipeline in its order, then the ways out of it.
STATE_ORDER = [
    Idea.State.NEW,
    Idea.State.REVIEW,
    Idea.State.ACCEPTED,
    Idea.State.PLANNED,
    Idea.State.DONE,
    Idea.State.PARKED,
    Idea.State.DECLINED,
    Idea.State.MERGED,
]


def _per_idea(queryset: QuerySet, expression, output_field) -> Subquery:
    """One aggregate per idea as a subquery, so several never multiply each other's
    rows as joins would."""
    return Subquery(
        queryset.filter(idea=OuterRef("pk"))
        .order_by()
        .values("idea")
        .annotate(value=expression)
        .values("value"),
        output_field=output_field,
    )


def ideas_annotated(queryset: QuerySet[Idea]) -> QuerySet[Idea]:
    """Ideas with score (None if unrated), reviewers and comments."""
    return queryset.annotate(
        score=_per_idea(
            Rating.objects.all(),
            Cast(Sum(F("score") * F("criterion__weight")), FloatField())
            / Cast(Sum("criterion__weight"), FloatField()),
            FloatField(),
        ),
        reviewers=Coalesce(
            _per_idea(
                Rating.objects.all(),
                Count("reviewer", distinct=True),
                IntegerField(),
            ),
            Value(0),
        ),
        comment_count=Coalesce(
            _per_idea(Comment.objects.all(), Count("pk"), IntegerField()), Value(0)
        ),
    )


@dataclass
class IdeaFilters:
    state: str = ""
    sub_event: str = ""  # a sub-event's id, "new" or ""
    proposer: str = ""  # "p<partner id>", "t:<text>" or ""
    q: str = ""
    sort: str = "number"
    show_merged: bool = False


def idea_list(*, festival: Festival, filters: IdeaFilters) -> QuerySet[Idea]:
    """The festival's ideas, filtered and sorted, with proposer, part of the week,
    score, reviewers and comment count (one query)."""
    ideas = Idea.objects.filter(festival=festival).select_related(
        "proposer", "sub_event", "merged_into"
    )
    if filters.state:
        ideas = ideas.filter(state=filters.state)
    elif not filters.show_merged:
        ideas = ideas.exclude(state=Idea.State.MERGED)
    if filters.sub_event == "new":
        ideas = ideas.filter(sub_event__isnull=True)
    elif filters.sub_event.isdigit():
        ideas = ideas.filter(sub_event_id=int(filters.sub_event))
    if filters.proposer.startswith("p") and filters.proposer[1:].isdigit():
        ideas = ideas.filter(proposer_id=int(filters.proposer[1:]))
    elif filters.proposer.startswith("t:"):
        ideas = ideas.filter(proposer__isnull=True, proposer_text=filters.proposer[2:])
    if filters.q:
        ideas = ideas.filter(
            Q(title__icontains=filters.q) | Q(description__icontains=filters.q)
        )
    return ideas_annotated(ideas).order_by(*SORTS.get(filters.sort, SORTS["number"]))


def idea_state_counts(*, festival: Festival) -> list[tuple[str, str, int]]:
    """(state, label, number of ideas) for every state, in the pipeline's order."""
    counts = dict(
        Idea.objects.filter(festival=festival)
        .order_by()
        .values_list("state")
        .annotate(n=Count("pk"))
    )
    return [(state.value, state.label, counts.get(state, 0)) for state in STATE_ORDER]


def idea_filter_choices(
    *, festival: Festival
) -> tuple[list[SubEvent], list[tuple[str, str]]]:
    """The festival's parts of the week, and the proposers that occur (partners
    first, then working groups and people), as (value, label)."""
    sub_events = list(SubEvent.objects.filter(festival=festival))
    partners = Partner.objects.filter(ideas__festival=festival).distinct()
    texts = (
        Idea.objects.filter(festival=festival, proposer__isnull=True)
        .exclude(proposer_text="")
        .order_by("proposer_text")
        .values_list("proposer_text", flat=True)
        .distinct()
    )
    proposers = [(f"p{p.pk}", p.name) for p in partners.order_by("name")]
    proposers += [(f"t:{text}", text) for text in texts]
    return sub_events, proposers


# --- One idea -----------------------------------------------------------------------
@dataclass
class CriterionStats:
    criterion: Criterion
    mean: float | None
    reviewers: int
    mine: int | None


@dataclass
class MergedIdea:
    """A duplicate merged into the idea, with its own comments and reviews."""

    idea: Idea
    comments: list[Comment]
    criteria: list[CriterionStats]
    total: float | None
    reviewers: int


@dataclass
class IdeaDetail:
    idea: Idea
    criteria: list[CriterionStats]
    total: float | None
    reviewers: int
    comments: list[Comment]
    merged: list[MergedIdea] = field(default_factory=list)

    @property
    def rated_by_me(self) -> bool:
        return any(stats.mine is not None for stats in self.criteria)


def weighted_total(stats: list[CriterionStats]) -> float | None:
    """Σ weight·mean / Σ weight over the criteria that have ratings."""
    return weighted_mean((s.criterion.weight, s.mean) for s in stats)


def idea_get(*, festival: Festival, number: int) -> Idea:
    """The festival's idea with that number (Idea.DoesNotExist if none)."""
    return Idea.objects.select_related(
        "festival",
        "proposer",
        "sub_event",
        "merged_into",
        "event",
        "event__sub_event",
        "created_sub_event",
    ).get(festival=festival, number=number)


def _criterion_stats(
    criteria: list[Criterion], ratings: list[Rating], user: AbstractBaseUser
) -> list[CriterionStats]:
    stats = []
    for criterion in criteria:
        scores = [r.score for r in ratings if r.criterion_id == criterion.pk]
        mine = next(
            (
                r.score
                for r in ratings
                if r.criterion_id == criterion.pk and r.reviewer_id == user.pk
            ),
            None,
        )
        stats.append(
            CriterionStats(
                criterion=criterion,
                mean=sum(scores) / len(scores) if scores else None,
                reviewers=len(scores),
                mine=mine,
            )
        )
    return stats


def idea_detail(*, idea: Idea, user: AbstractBaseUser) -> IdeaDetail:
    """The idea's reviews per criterion, its comments and the ideas merged into it
    with their own comments and reviews (a fixed number of queries)."""
    criteria = list(Criterion.objects.filter(festival_id=idea.festival_id))
    ratings = list(Rating.objects.filter(idea=idea))
    stats = _criterion_stats(criteria, ratings, user)
    merged = []
    for duplicate in (
        Idea.objects.filter(merged_into=idea)
        .prefetch_related("comments", "ratings")
        .order_by("number")
    ):
        own = list(duplicate.ratings.all())
        merged_stats = _criterion_stats(criteria, own, user)
        merged.append(
            MergedIdea(
                idea=duplicate,
                comments=list(duplicate.comments.all()),
                criteria=merged_stats,
                total=weighted_total(merged_stats),
                reviewers=len({r.reviewer_id for r in own}),
            )
        )
    return IdeaDetail(
        idea=idea,
        criteria=stats,
        total=weighted_total(stats),
        reviewers=len({r.reviewer_id for r in ratings}),
        comments=list(idea.comments.all()),
        merged=merged,
    )
