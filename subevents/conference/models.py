"""Models of the conference module: tracks, speakers, sessions (one per core event
of the conference sub-event), the call for proposals with its review criteria,
submissions and reviews. Rooms are the core's venues."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models import Event, Partner, SubEvent, colour_validator


class Audience(models.TextChoices):
    PROFESSIONAL = "professional", _("Professionals")
    PARENTS = "parents", _("Parents")
    EVERYONE = "everyone", _("Everyone")


class Format(models.TextChoices):
    KEYNOTE = "keynote", _("Keynote")
    TALK = "talk", _("Talk")
    WORKSHOP = "workshop", _("Workshop")
    PANEL = "panel", _("Panel")


class Level(models.TextChoices):
    INTRODUCTORY = "introductory", _("Introductory")
    ADVANCED = "advanced", _("Advanced")


DURATIONS = (30, 45, 60, 90, 120)


class Track(models.Model):
    sub_event = models.ForeignKey(
        SubEvent,
        verbose_name=_("sub-event"),
        on_delete=models.CASCADE,
        related_name="conference_tracks",
    )
    name = models.CharField(_("name"), max_length=100)
    colour = models.CharField(
        _("colour"), max_length=7, default="#1d4e89", validators=[colour_validator]
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default="everyone"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["sub_event", "name"], name="conference_track_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Speaker(models.Model):
    name = models.CharField(_("name"), max_length=200)
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conference_speakers",
    )
    organisation_text = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("When the organisation is not one of the festival's partners."),
    )
    bio = models.TextField(_("short bio"), blank=True, max_length=1000)
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("For the mails only; never shown.")
    )

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def organisation(self) -> str:
        return self.partner.name if self.partner_id else self.organisation_text

    def label(self) -> str:
        """'Anna Beispiel (Kita Sonnenschein)'; the name alone without organisation."""
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


class Session(models.Model):
    event = models.OneToOneField(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="conference_session",
    )
    track = models.ForeignKey(
        Track,
        verbose_name=_("track"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.TALK
    )
    language = models.CharField(_("language"), max_length=40, default="Deutsch")
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.INTRODUCTORY
    )
    materials_url = models.URLField(_("materials"), blank=True)
    speakers = models.ManyToManyField(
        Speaker, verbose_name=_("speakers"), related_name="sessions", blank=True
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["event__starts_at"]

    def __str__(self) -> str:
        return self.event.title


class Criterion(models.Model):
    sub_event = models.ForeignKey(
        SubEvent,
        verbose_name=_("sub-event"),
        on_delete=models.CASCADE,
        related_name="conference_criteria",
    )
    name = models.CharField(_("name"), max_length=100)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["sub_event", "name"], name="conference_criterion_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


def _token() -> str:
    return secrets.token_urlsafe(24)


class Submission(models.Model):
    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        SCHEDULED = "scheduled", _("Scheduled")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    sub_event = models.ForeignKey(
        SubEvent,
        verbose_name=_("sub-event"),
        on_delete=models.CASCADE,
        related_name="conference_submissions",
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    title = models.CharField(_("title"), max_length=200)
    abstract = models.TextField(_("abstract"), max_length=3000)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    duration = models.PositiveSmallIntegerField(
        _("duration (minutes)"), choices=[(d, str(d)) for d in DURATIONS]
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    needs = models.TextField(_("needs"), blank=True, max_length=1000)
    availability = models.CharField(
        _("availability on the day"), max_length=300, blank=True
    )
    track = models.ForeignKey(
        Track,
        verbose_name=_("track"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.SUBMITTED
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    session = models.OneToOneField(
        Session,
        verbose_name=_("session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submission",
    )
    token = models.CharField(max_length=40, unique=True, default=_token)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-created_at"]
        permissions = [("review_submission", _("Can review conference submissions"))]

    def __str__(self) -> str:
        return self.title


class Review(models.Model):
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="conference_reviews",
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="reviews"
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "reviewer", "criterion"],
                name="conference_review_once",
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5),
                name="conference_review_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission} · {self.criterion}: {self.score}"


class ReviewComment(models.Model):
    """A reviewer's written comment on a submission (one per reviewer, editable)."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="review_comments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="conference_review_comments",
    )
    text = models.TextField(_("comment"), blank=True, max_length=3000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "reviewer"], name="conference_comment_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.submission} · {self.reviewer}"
