"""Households and their registrations for events, with participants.

A registration is a household's party for one event. Seats are not stored: the
seats a registration holds are its active participants who take a seat, counted
under the event's row lock by registrations.services.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.models import Event

ADULT_AGE = 18


def new_token() -> str:
    """An unguessable token for links (256 bits)."""
    return secrets.token_urlsafe(32)


class Household(models.Model):
    """A family, recognised by its e-mail address across the week."""

    email = models.EmailField(_("e-mail"), max_length=254)
    name = models.CharField(_("contact name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    token = models.CharField(
        _("link token"),
        max_length=64,
        unique=True,
        default=new_token,
        validators=[MinLengthValidator(32)],
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="household_email_unique_ci")
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def get_absolute_url(self) -> str:
        return reverse("registrations:manage", kwargs={"token": self.token})


class Need(models.TextChoices):
    WHEELCHAIR = "wheelchair", _("Wheelchair space")
    SIGN_LANGUAGE = "sign_language", _("Sign language interpreting")
    BUGGY = "buggy", _("Space for a buggy")
    DIET = "diet", _("Dietary needs")


class RegistrationQuerySet(models.QuerySet):
    def active(self) -> "RegistrationQuerySet":
        return self.exclude(status=Registration.Status.CANCELLED)

    def waiting_in_order(self) -> "RegistrationQuerySet":
        return self.filter(status=Registration.Status.WAITLISTED).order_by(
            "created_at", "pk"
        )


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    token = models.CharField(
        _("check-in token"),
        max_length=64,
        unique=True,
        default=new_token,
        editable=False,
    )
    needs = models.JSONField(_("needs"), default=list, blank=True)
    needs_text = models.CharField(_("other needs"), max_length=500, blank=True)
    consent_privacy_version = models.CharField(
        _("privacy notice version"), max_length=20
    )
    consent_privacy_text = models.TextField(_("privacy notice agreed to"))
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    sequence = models.PositiveIntegerField(
        _("revision"),
        default=0,
        editable=False,
        help_text=_("Rises when the registration's status changes (calendars)."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "event"],
                condition=~Q(status="cancelled"),
                name="registration_one_active_per_household",
                violation_error_code="already_registered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household.name}: {self.event}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def is_waitlisted(self) -> bool:
        return self.status == self.Status.WAITLISTED


class Participant(models.Model):
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    name = models.CharField(_("first name"), max_length=80)
    age = models.PositiveSmallIntegerField(
        _("age on the event day"), validators=[MaxValueValidator(120)]
    )
    takes_seat = models.BooleanField(_("takes a seat"), default=True)
    photo_consent = models.BooleanField(_("photo consent"), default=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(age__lte=120), name="participant_age_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.age})"

    @property
    def is_child(self) -> bool:
        return self.age < ADULT_AGE

    @property
    def is_active(self) -> bool:
        return self.cancelled_at is None
