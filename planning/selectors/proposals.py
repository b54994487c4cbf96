"""Reads for the organisers' review of partners' proposals."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Prefetch, QuerySet

from events import roles
from events.models import Festival, Partner, SubEvent
from planning.models import Comment, Proposal


def proposals_reviewable_by(
    user: AbstractBaseUser, festival: Festival
) -> QuerySet[Proposal]:
    """The Orga-Team reviews every proposal, a module lead those for their
    sub-events; everyone else none."""
    proposals = Proposal.objects.filter(festival=festival)
    if roles.user_is_orga(user):
        return proposals
    if roles.user_is_module_lead(user):
        return proposals.filter(sub_event__in=roles.sub_events_for(user))
    return proposals.none()


@dataclass
class ProposalList:
    rows: list[Proposal]
    # Proposals per state in the reviewer's scope before the state filter.
    counts: dict[str, int]
    total: int
    sub_events: list[SubEvent]
    partners: list[Partner]


def proposal_list(
    *,
    user: AbstractBaseUser,
    festival: Festival,
    state: str = "",
    sub_event: SubEvent | None = None,
    partner: Partner | None = None,
) -> ProposalList:
    """The reviewer's proposals, filtered, each with .comment_count; counts per
    state; the sub-events and partners to filter by. Five queries."""
    scope = proposals_reviewable_by(user, festival)
    narrowed = scope
    if sub_event is not None:
        narrowed = narrowed.filter(sub_event=sub_event)
    if partner is not None:
        narrowed = narrowed.filter(partner=partner)
    counts = dict.fromkeys(Proposal.State.values, 0)
    for row in narrowed.values("state").annotate(n=Count("id")).order_by():
        counts[row["state"]] = row["n"]
    rows = narrowed.filter(state=state) if state else narrowed
    rows = list(
        rows.select_related("partner", "sub_event", "wished_venue", "event__venue")
        .annotate(comment_count=Count("comments"))
        .order_by("-created_at", "-pk")
    )
    return ProposalList(
        rows=rows,
        counts=counts,
        total=sum(counts.values()),
        sub_events=list(
            SubEvent.objects.filter(festival=festival, proposals__in=scope)
            .distinct()
            .order_by("position", "name")
        ),
        partners=list(
            Partner.objects.filter(proposals__in=scope).distinct().order_by("name")
        ),
    )


def proposal_with_thread(
    proposals: QuerySet[Proposal], pk: int, *, internal: bool
) -> Proposal | None:
    """One proposal with what its page shows; its comments (without the internal
    notes unless `internal`) in .thread. None if not in `proposals`."""
    comments = Comment.objects.order_by("created_at", "pk")
    if not internal:
        comments = comments.filter(internal=False)
    return (
        proposals.select_related(
            "festival",
            "partner",
            "sub_event",
            "wished_venue",
            "submitted_by",
            "event__venue",
            "event__sub_event",
        )
        .prefetch_related(
            "audiences", Prefetch("comments", queryset=comments, to_attr="thread")
        )
        .filter(pk=pk)
        .first()
    )
