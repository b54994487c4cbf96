"""The demo's Denkfabrik: four criteria, the plenary's 120+ ideas in every state
(planned ones linked to the demo's events and parts of the week), ratings and the
plenary's comments. Content in planning.demo.ideas_content.

Idempotent by number: a second run writes nothing. The reviewers are the demo
accounts "orga" and "leitung" when they were loaded (--with-demo-accounts); without
them the ideas come without ratings and comments. No account of its own is created:
the core's demo promises exactly its listed logins (and none at all without the
flag).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from events.models import Event, Festival, Partner, SubEvent
from planning.demo.ideas_content import COMMENTS, CRITERIA, IDEAS, IdeaSpec
from planning.models import Comment, Criterion, Idea, Rating
from planning.services.comments import author_name

REVIEWER_USERNAMES = ("orga", "leitung")
# Roughly how the plenary judged the ideas in each state (1–5).
BASE_SCORE = {
    Idea.State.REVIEW: 3,
    Idea.State.ACCEPTED: 4,
    Idea.State.PLANNED: 4,
    Idea.State.DONE: 4,
    Idea.State.PARKED: 3,
    Idea.State.DECLINED: 2,
    Idea.State.MERGED: 3,
}
# Duplicates that were rated before anyone noticed (their ratings stay with them).
RATED_DUPLICATES = {110, 113, 117}


def demo_ideas(festival: Festival) -> int:
    """Load the demo's ideas, criteria, ratings and comments; the number of objects
    created (0 on a second run)."""
    created = 0
    criteria, n = _criteria(festival)
    created += n
    ideas, n = _ideas(festival)
    created += n
    reviewers = _reviewers()
    if reviewers:
        created += _ratings(ideas, criteria, reviewers)
        created += _comments(ideas, reviewers)
    return created


def _criteria(festival: Festival) -> tuple[list[Criterion], int]:
    existing = {c.name: c for c in Criterion.objects.filter(festival=festival)}
    result, created = [], 0
    for position, spec in enumerate(CRITERIA, start=1):
        values = {
            "description": spec.description,
            "weight": spec.weight,
            "position": position,
        }
        criterion = existing.get(spec.name)
        if criterion is None:
            criterion = Criterion.objects.create(
                festival=festival, name=spec.name, **values
            )
            created += 1
        elif _differs(criterion, values):
            for name, value in values.items():
                setattr(criterion, name, value)
            criterion.save()
        result.append(criterion)
    return result, created


FOREIGN_KEYS = {"proposer", "sub_event", "merged_into", "event", "created_sub_event"}


def _differs(obj, values: dict) -> bool:
    """Whether any value differs (foreign keys compared by id, nothing fetched)."""
    for name, value in values.items():
        if name in FOREIGN_KEYS:
            current, value = getattr(obj, f"{name}_id"), getattr(value, "pk", None)
        else:
            current = getattr(obj, name)
        if current != value:
            return True
    return False


def _slug(obj) -> str:
    return obj.slug if obj is not None else ""


def _unchanged(idea: Idea, spec: IdeaSpec) -> bool:
    """Whether the stored idea is what the spec says, compared by slugs and numbers
    (its related rows come with it), so a second run needs no further lookups."""
    proposer = idea.proposer.slug if idea.proposer_id else idea.proposer_text
    return (
        idea.title,
        idea.description,
        proposer,
        idea.proposer_id is None or idea.proposer_text == "",
        _slug(idea.sub_event),
        idea.estimated_cost,
        idea.reach,
        idea.state,
        idea.state_reason,
        idea.merged_into.number if idea.merged_into_id else None,
        _slug(idea.event),
        _slug(idea.created_sub_event),
    ) == (
        spec.title,
        spec.description,
        spec.proposer,
        True,
        spec.sub_event,
        spec.cost,
        spec.reach,
        spec.state,
        spec.reason,
        spec.merged_into,
        spec.event,
        spec.created_sub_event,
    )


def _ideas(festival: Festival) -> tuple[dict[int, Idea], int]:
    ideas = {
        i.number: i
        for i in Idea.objects.filter(festival=festival).select_related(
            "proposer", "sub_event", "event", "created_sub_event", "merged_into"
        )
    }
    if all(s.number in ideas and _unchanged(ideas[s.number], s) for s in IDEAS):
        return ideas, 0
    partners = {p.slug: p for p in Partner.objects.all()}
    sub_events = {s.slug: s for s in SubEvent.objects.filter(festival=festival)}
    events = {
        e.slug: e
        for e in Event.objects.filter(
            slug__in=[spec.event for spec in IDEAS if spec.event]
        )
    }
    created = 0
    # Targets before their duplicates: a merged idea needs its target to exist.
    for spec in sorted(IDEAS, key=lambda s: (s.state == Idea.State.MERGED, s.number)):
        values = _values(spec, partners, sub_events, events, ideas)
        idea = ideas.get(spec.number)
        if idea is None:
            idea = Idea.objects.create(festival=festival, number=spec.number, **values)
            ideas[spec.number] = idea
            created += 1
        elif _differs(idea, values):
            for name, value in values.items():
                setattr(idea, name, value)
            idea.save()
    return ideas, created


def _values(
    spec: IdeaSpec,
    partners: dict[str, Partner],
    sub_events: dict[str, SubEvent],
    events: dict[str, Event],
    ideas: dict[int, Idea],
) -> dict:
    partner = partners.get(spec.proposer)
    return {
        "title": spec.title,
        "description": spec.description,
        "proposer": partner,
        "proposer_text": "" if partner else spec.proposer,
        "sub_event": sub_events.get(spec.sub_event),
        "estimated_cost": spec.cost,
        "reach": spec.reach,
        "state": spec.state,
        "state_reason": spec.reason,
        "merged_into": ideas.get(spec.merged_into) if spec.merged_into else None,
        "event": events.get(spec.event),
        "created_sub_event": sub_events.get(spec.created_sub_event),
    }


def _reviewers() -> list[AbstractBaseUser]:
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=REVIEWER_USERNAMES)
    }
    return [users[name] for name in REVIEWER_USERNAMES if name in users]


def _score(number: int, criterion: int, reviewer: int, spec: IdeaSpec) -> int:
    """A plausible, repeatable score: the state's level, varied per reviewer."""
    spread = (-1, 0, 1, 0, 1, -1, 0)
    score = (
        BASE_SCORE[spec.state]
        + spread[(number * 5 + criterion * 3 + reviewer * 2 + number * criterion) % 7]
    )
    if CRITERIA[criterion].name == "Kosten" and spec.cost and spec.cost > 5000:
        score = min(score, 2)
    return max(1, min(5, score))


def _ratings(
    ideas: dict[int, Idea],
    criteria: list[Criterion],
    reviewers: list[AbstractBaseUser],
) -> int:
    existing = set(
        Rating.objects.filter(idea__in=ideas.values()).values_list(
            "idea_id", "criterion_id", "reviewer_id"
        )
    )
    new = []
    for spec in IDEAS:
        if spec.state == Idea.State.NEW:
            continue
        if spec.state == Idea.State.MERGED and spec.number not in RATED_DUPLICATES:
            continue
        idea = ideas[spec.number]
        # Ideas under review are still being read: odd numbers by one reviewer.
        who = (
            reviewers[:1]
            if spec.state == Idea.State.REVIEW and spec.number % 2
            else reviewers
        )
        for r, reviewer in enumerate(who):
            for c, criterion in enumerate(criteria):
                if (idea.pk, criterion.pk, reviewer.pk) in existing:
                    continue
                new.append(
                    Rating(
                        idea=idea,
                        criterion=criterion,
                        reviewer=reviewer,
                        score=_score(spec.number, c, r, spec),
                    )
                )
    Rating.objects.bulk_create(new)
    return len(new)


def _comments(ideas: dict[int, Idea], reviewers: list[AbstractBaseUser]) -> int:
    by_name = {user.username: user for user in reviewers}
    existing = set(
        Comment.objects.filter(idea__in=ideas.values()).values_list("idea_id", "text")
    )
    new = []
    for number, username, text in COMMENTS:
        user, idea = by_name.get(username), ideas[number]
        if user is None or (idea.pk, text) in existing:
            continue
        new.append(
            Comment(author=user, author_name=author_name(user), idea=idea, text=text)
        )
    Comment.objects.bulk_create(new)
    return len(new)
