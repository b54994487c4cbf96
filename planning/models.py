"""The organisers' planning workspace: partners' event proposals, the Denkfabrik's
ideas with their reviews, comments on both, and the programme's releases.

Writes go through planning.services; the rules the database can hold itself are
declared here as constraints.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.models import Audience, Event, Festival, Partner, SubEvent, Venue


class Proposal(models.Model):
    """An event a partner organisation proposes; the Orga-Team reviews it, asks
    back, schedules it as a draft event and publishes it."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        QUESTIONS = "questions", _("question asked")
        SCHEDULED = "scheduled", _("scheduled")
        PUBLISHED = "published", _("published")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    # The partner may still change what they proposed in these states.
    OPEN_STATES = (State.SUBMITTED, State.QUESTIONS)

    festival = models.ForeignKey(
        Festival,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("festival"),
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("partner organisation"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    sub_event = models.ForeignKey(
        SubEvent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("part of the week"),
    )
    audiences = models.ManyToManyField(
        Audience, blank=True, related_name="+", verbose_name=_("audience")
    )
    min_age = models.PositiveSmallIntegerField(_("from age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("to age"), null=True, blank=True)
    wished_starts_at = models.DateTimeField(_("wished start"))
    wished_ends_at = models.DateTimeField(_("wished end"))
    wished_venue = models.ForeignKey(
        Venue,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wished venue"),
    )
    venue_note = models.CharField(
        _("other place or wishes for the place"), max_length=300, blank=True
    )
    expected_participants = models.PositiveIntegerField(
        _("expected participants"), null=True, blank=True
    )
    needs = models.TextField(
        _("needs"),
        blank=True,
        help_text=_("Rooms, tables, electricity, helpers, material …"),
    )
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.SUBMITTED
    )
    decline_reason = models.CharField(_("reason"), max_length=500, blank=True)
    event = models.OneToOneField(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
        verbose_name=_("event"),
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("event proposal")
        verbose_name_plural = _("event proposals")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(wished_ends_at__gt=models.F("wished_starts_at")),
                name="proposal_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(state="declined") | ~Q(decline_reason=""),
                name="proposal_declined_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Idea(models.Model):
    """One idea of the alliance's plenary (Denkfabrik), on its way to an event."""

    class State(models.TextChoices):
        NEW = "new", _("new")
        REVIEW = "review", _("under review")
        ACCEPTED = "accepted", _("accepted")
        PLANNED = "planned", _("planned")
        DONE = "done", _("done")
        PARKED = "parked", _("parked")
        DECLINED = "declined", _("declined")
        MERGED = "merged", _("merged")

    # Leaving the pipeline needs a reason that the plenary can read later.
    REASON_STATES = (State.PARKED, State.DECLINED)

    festival = models.ForeignKey(
        Festival,
        on_delete=models.CASCADE,
        related_name="ideas",
        verbose_name=_("festival"),
    )
    number = models.PositiveIntegerField(
        _("number"), help_text=_("The number on the plenary's list.")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    proposer = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("proposed by (partner)"),
    )
    proposer_text = models.CharField(
        _("proposed by (other)"),
        max_length=200,
        blank=True,
        help_text=_("A working group or a person, when not a partner organisation."),
    )
    sub_event = models.ForeignKey(
        SubEvent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("part of the week"),
        help_text=_("Empty: a new part of the week."),
    )
    estimated_cost = models.DecimalField(
        _("estimated cost (EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    reach = models.PositiveIntegerField(
        _("people reached (estimate)"), null=True, blank=True
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.NEW
    )
    state_reason = models.CharField(_("reason"), max_length=500, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_ideas",
        verbose_name=_("merged into"),
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("event"),
    )
    created_sub_event = models.ForeignKey(
        SubEvent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="origin_ideas",
        verbose_name=_("created part of the week"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["festival", "number"], name="idea_number_unique"
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["parked", "declined"]) | ~Q(state_reason=""),
                name="idea_reason_when_parked_or_declined",
            ),
            models.CheckConstraint(
                condition=(Q(state="merged") & Q(merged_into__isnull=False))
                | (~Q(state="merged") & Q(merged_into__isnull=True)),
                name="idea_merged_has_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Criterion(models.Model):
    """A named criterion ideas are rated on (relevance for families, feasibility …)."""

    festival = models.ForeignKey(
        Festival,
        on_delete=models.CASCADE,
        related_name="idea_criteria",
        verbose_name=_("festival"),
    )
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["festival", "name"], name="criterion_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Rating(models.Model):
    """One reviewer's score (1–5) for one idea on one criterion."""

    SCORE_MIN, SCORE_MAX = 1, 5

    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("idea")
    )
    criterion = models.ForeignKey(
        Criterion,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("criterion"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    score = models.PositiveSmallIntegerField(
        _("score"),
        validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)],
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "criterion", "reviewer"], name="rating_once"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="rating_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.idea_id}/{self.criterion_id}: {self.score}"


class Comment(models.Model):
    """A comment on a proposal (the conversation with the partner) or an idea."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    author_name = models.CharField(_("author"), max_length=200)
    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
    )
    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    text = models.TextField(_("comment"))
    # An internal note of the organisers, not shown to the proposing partner.
    internal = models.BooleanField(_("internal note"), default=False)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(proposal__isnull=False) ^ Q(idea__isnull=False),
                name="comment_has_one_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:40]}"


class Release(models.Model):
    """A named version of the public programme and what changed since the last one."""

    festival = models.ForeignKey(
        Festival,
        on_delete=models.CASCADE,
        related_name="releases",
        verbose_name=_("festival"),
    )
    number = models.PositiveIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    note = models.TextField(_("note for the public"), blank=True)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    # The public programme as released: {event_id: {title, slug, starts_at, ends_at,
    # venue, status}}; the next release is compared with it.
    snapshot = models.JSONField(default=dict)
    notified_at = models.DateTimeField(_("people told"), null=True, blank=True)

    class Meta:
        verbose_name = _("programme release")
        verbose_name_plural = _("programme releases")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["festival", "number"], name="release_number_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ReleaseChange(models.Model):
    """One line of a release's list of changes."""

    class Kind(models.TextChoices):
        NEW = "new", _("new")
        MOVED = "moved", _("moved")
        CANCELLED = "cancelled", _("cancelled")
        REMOVED = "removed", _("removed")

    release = models.ForeignKey(
        Release, on_delete=models.CASCADE, related_name="changes"
    )
    event = models.ForeignKey(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("change"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    # {starts_at, ends_at, venue} before and after, as in the snapshots.
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("programme change")
        verbose_name_plural = _("programme changes")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
