"""Models of the Spendenlauf: a run on a core event, its teams and runners, the
sponsors' pledges, the counting links and every lap tap as an immutable row.

Money is integer cents. Lap taps are never updated or deleted: an undo or an
organiser's confirmation of a flagged tap is a new row pointing at the tap.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.models import Event


def new_token() -> str:
    """An unguessable link token (256 bits)."""
    return secrets.token_urlsafe(32)


# Inside one run, rows refer to each other with RESTRICT: a runner with laps or
# pledges cannot be deleted on its own (the history stays), but deleting the run
# (or its event) removes all of it together.


class Run(models.Model):
    class State(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        LIVE = "live", _("Live: laps are being counted")
        FINISHED = "finished", _("Finished")

    event = models.OneToOneField(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="charity_run",
        primary_key=True,
    )
    lap_length_m = models.PositiveIntegerField(_("lap length (m)"), default=400)
    min_lap_seconds = models.PositiveIntegerField(
        _("minimum lap time (seconds)"),
        default=60,
        help_text=_("A second tap for a runner within this time is flagged."),
    )
    cause = models.CharField(_("cause"), max_length=300, blank=True)
    account_holder = models.CharField(_("account holder"), max_length=200, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    bank_name = models.CharField(_("bank"), max_length=200, blank=True)
    reference_pattern = models.CharField(
        _("payment reference"),
        max_length=100,
        default="Spendenlauf {letter}",
        help_text=_("{letter} becomes the sponsor letter's number."),
    )
    signup_open = models.BooleanField(_("runner sign-up open"), default=True)
    team_block_size = models.PositiveIntegerField(
        _("start numbers per team"),
        default=100,
        help_text=_(
            "Team k gets the numbers k×size to k×size+size−1; individual runners "
            "start at 1."
        ),
    )
    state = models.CharField(
        _("counting"), max_length=20, choices=State.choices, default=State.NOT_STARTED
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["event__starts_at"]
        verbose_name = _("charity run")
        verbose_name_plural = _("charity runs")
        constraints = [
            models.CheckConstraint(
                condition=Q(lap_length_m__gt=0), name="charity_run_lap_length_positive"
            ),
            models.CheckConstraint(
                condition=Q(team_block_size__gte=10),
                name="charity_run_block_size_min",
            ),
        ]

    def __str__(self) -> str:
        return self.event.title

    @property
    def slug(self) -> str:
        return self.event.slug

    @property
    def is_live(self) -> bool:
        return self.state == self.State.LIVE

    @property
    def is_finished(self) -> bool:
        return self.state == self.State.FINISHED


class Team(models.Model):
    class Kind(models.TextChoices):
        SCHOOL_CLASS = "school_class", _("School class")
        KITA_GROUP = "kita_group", _("Kita group")
        SPORTS_CLUB = "sports_club", _("Sports club")
        COMPANY = "company", _("Company")
        OTHER = "other", _("Other")

    run = models.ForeignKey(
        Run, verbose_name=_("run"), on_delete=models.CASCADE, related_name="teams"
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    block = models.PositiveIntegerField(_("number block"))
    join_code = models.CharField(
        _("join code"), max_length=64, unique=True, default=new_token
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["block"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "block"], name="charity_run_team_block_unique"
            ),
            models.UniqueConstraint(
                fields=["run", "name"], name="charity_run_team_name_unique"
            ),
            models.CheckConstraint(
                condition=Q(block__gte=1), name="charity_run_team_block_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def first_number(self, block_size: int) -> int:
        return self.block * block_size


class Runner(models.Model):
    class AgeGroup(models.TextChoices):
        UNDER_7 = "u7", _("up to 6 years")
        AGE_7_10 = "7-10", _("7 to 10 years")
        AGE_11_14 = "11-14", _("11 to 14 years")
        AGE_15_17 = "15-17", _("15 to 17 years")
        ADULT = "adult", _("18 years or older")

    class Shirt(models.TextChoices):
        NONE = "", _("No T-shirt")
        K116 = "116", _("Children 116")
        K128 = "128", _("Children 128")
        K140 = "140", _("Children 140")
        K152 = "152", _("Children 152")
        K164 = "164", _("Children 164")
        XS = "XS", "XS"
        S = "S", "S"
        M = "M", "M"
        L = "L", "L"
        XL = "XL", "XL"
        XXL = "XXL", "XXL"

    run = models.ForeignKey(
        Run, verbose_name=_("run"), on_delete=models.CASCADE, related_name="runners"
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.RESTRICT,
        related_name="runners",
        null=True,
        blank=True,
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    age_group = models.CharField(_("age group"), max_length=10, choices=AgeGroup)
    guardian_name = models.CharField(
        _("parent or guardian"), max_length=200, blank=True
    )
    guardian_consent_at = models.DateTimeField(
        _("guardian's consent given"), null=True, blank=True
    )
    tshirt_size = models.CharField(
        _("T-shirt size"), max_length=5, choices=Shirt, blank=True
    )
    start_number = models.PositiveIntegerField(_("start number"))
    email = models.EmailField(_("contact e-mail"), blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)

    class Meta:
        ordering = ["start_number"]
        verbose_name = _("runner")
        verbose_name_plural = _("runners")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "start_number"], name="charity_run_start_number_unique"
            ),
            # A minor runs only with a named guardian's recorded consent.
            models.CheckConstraint(
                condition=Q(age_group="adult")
                | (Q(guardian_consent_at__isnull=False) & ~Q(guardian_name="")),
                name="charity_run_minor_guardian_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start_number} {self.name}"

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_minor(self) -> bool:
        return self.age_group != self.AgeGroup.ADULT


class Pledge(models.Model):
    class Kind(models.TextChoices):
        PER_LAP = "per_lap", _("per lap")
        FIXED = "fixed", _("fixed amount")

    class Source(models.TextChoices):
        ONLINE = "online", _("online by the family")
        PAPER = "paper", _("from a paper form")

    run = models.ForeignKey(
        Run, verbose_name=_("run"), on_delete=models.CASCADE, related_name="pledges"
    )
    runner = models.ForeignKey(
        Runner,
        verbose_name=_("runner"),
        on_delete=models.RESTRICT,
        related_name="pledges",
        null=True,
        blank=True,
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.RESTRICT,
        related_name="pledges",
        null=True,
        blank=True,
    )
    sponsor_name = models.CharField(_("sponsor"), max_length=200)
    sponsor_email = models.EmailField(_("sponsor's e-mail"), blank=True)
    sponsor_address = models.TextField(_("postal address"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    per_lap_cents = models.PositiveIntegerField(_("amount per lap (cents)"), default=0)
    cap_cents = models.PositiveIntegerField(_("at most (cents)"), null=True, blank=True)
    fixed_cents = models.PositiveIntegerField(_("fixed amount (cents)"), default=0)
    source = models.CharField(_("entered"), max_length=10, choices=Source.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    received_cents = models.PositiveIntegerField(
        _("received (cents)"), null=True, blank=True
    )
    received_at = models.DateTimeField(_("marked received"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked received by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("pledged"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [
            models.CheckConstraint(
                condition=(Q(runner__isnull=False) & Q(team__isnull=True))
                | (Q(runner__isnull=True) & Q(team__isnull=False)),
                name="charity_run_pledge_runner_xor_team",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="per_lap", per_lap_cents__gt=0, fixed_cents=0)
                    & (Q(cap_cents__isnull=True) | Q(cap_cents__gt=0))
                )
                | Q(kind="fixed", fixed_cents__gt=0, per_lap_cents=0, cap_cents=None),
                name="charity_run_pledge_amounts_match_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.sponsor_name


class Counter(models.Model):
    """A counting link for a volunteer's phone: whoever holds it may count."""

    run = models.ForeignKey(
        Run, verbose_name=_("run"), on_delete=models.CASCADE, related_name="counters"
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("A person or a post, e.g. “Ziel 1”.")
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("counting link")
        verbose_name_plural = _("counting links")

    def __str__(self) -> str:
        return self.name


class LapEntry(models.Model):
    """One tap at the counting point, or an undo/confirmation of a tap. Never
    changed once written."""

    class Kind(models.TextChoices):
        TAP = "tap", _("lap")
        UNDO = "undo", _("undo")
        CONFIRM = "confirm", _("confirmed")

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="lap_entries")
    runner = models.ForeignKey(
        Runner, on_delete=models.RESTRICT, related_name="lap_entries"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TAP)
    target = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="followups",
    )
    counter = models.ForeignKey(
        Counter,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="entries",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    device_id = models.CharField(max_length=64, blank=True)
    idempotency_key = models.UUIDField(default=uuid.uuid4)
    client_time = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField()
    # The moment the lap happened: the phone's clock when plausible (a tap queued
    # offline arrives late), else the server's.
    tapped_at = models.DateTimeField()
    flagged = models.BooleanField(default=False)

    class Meta:
        ordering = ["tapped_at", "pk"]
        verbose_name = _("lap entry")
        verbose_name_plural = _("lap entries")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "idempotency_key"],
                name="charity_run_lap_idempotency_unique",
            ),
            models.CheckConstraint(
                condition=(Q(kind="tap") & Q(target__isnull=True))
                | (~Q(kind="tap") & Q(target__isnull=False)),
                name="charity_run_lap_target_iff_followup",
            ),
            # A tap is undone once and confirmed once at most.
            models.UniqueConstraint(
                fields=["target", "kind"],
                condition=Q(target__isnull=False),
                name="charity_run_lap_one_followup_per_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["runner", "kind", "tapped_at"]),
            models.Index(fields=["run", "kind"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.runner_id} {self.tapped_at:%H:%M:%S}"
