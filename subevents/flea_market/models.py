"""Models of the Kleider- und Spielzeugmarkt: a market on a core event, its pitch
types and fees, site plans with numbered pitches, and the sellers' applications.

A market *is* an events.Event (time, venue, programme, feeds) with a one-to-one
`Market` row. The rule "a pitch never goes to two sellers" is held by the database:
a partial unique constraint allows one allocated application per pitch.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import BERLIN, Event, Venue


def _token() -> str:
    return secrets.token_urlsafe(32)  # 256 bits


class Market(models.Model):
    class Commercial(models.TextChoices):
        NOT_ALLOWED = "not_allowed", _("Commercial sellers are not allowed")
        OWN_FEE = "own_fee", _("Commercial sellers pay their own fee")

    event = models.OneToOneField(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="market",
        primary_key=True,
    )
    # Wall-clock times on the market's day (Europe/Berlin): they move with the
    # event when it moves to another day.
    setup_from = models.TimeField(_("set-up from"), default=dt.time(8, 0))
    setup_until = models.TimeField(_("set-up until"), default=dt.time(9, 45))
    rules = models.TextField(
        _("rules for sellers"),
        blank=True,
        help_text=_("Printed on the confirmation; one rule per line."),
    )
    payment_note = models.TextField(
        _("how to pay"),
        blank=True,
        help_text=_("E.g. “in cash at the information stand on the day”."),
    )
    commercial = models.CharField(
        _("commercial sellers"),
        max_length=20,
        choices=Commercial.choices,
        default=Commercial.NOT_ALLOWED,
    )
    applications_open = models.BooleanField(_("applications open"), default=True)
    max_pitches_per_seller = models.PositiveSmallIntegerField(
        _("pitches per seller"),
        default=1,
        help_text=_("How many pitches one e-mail address may apply for."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("market")
        verbose_name_plural = _("markets")
        constraints = [
            models.CheckConstraint(
                condition=Q(setup_until__gt=models.F("setup_from")),
                name="flea_market_setup_window",
                violation_error_code="setup_window",
            ),
            models.CheckConstraint(
                condition=Q(max_pitches_per_seller__gte=1),
                name="flea_market_max_pitches_positive",
            ),
        ]

    def __str__(self) -> str:
        return str(self.event)

    def get_absolute_url(self) -> str:
        return reverse("flea_market:market", kwargs={"slug": self.event.slug})

    @property
    def day(self) -> dt.date:
        return timezone.localtime(self.event.starts_at, BERLIN).date()

    def at(self, clock: dt.time) -> dt.datetime:
        return dt.datetime.combine(self.day, clock, tzinfo=BERLIN)

    def takes_applications(self, now: dt.datetime | None = None) -> bool:
        """Open, and the market is published and still ahead."""
        return (
            self.applications_open
            and self.event.status == Event.Status.PUBLISHED
            and (now or timezone.now()) < self.event.starts_at
        )

    @property
    def is_public(self) -> bool:
        return self.event.status != Event.Status.DRAFT

    @property
    def rule_lines(self) -> list[str]:
        return [line.strip() for line in self.rules.splitlines() if line.strip()]


class PitchType(models.Model):
    class Kind(models.TextChoices):
        TABLE = "table", _("Table (1.2 m)")
        TWO_TABLES = "two_tables", _("Two tables")
        RAIL = "rail", _("Clothes rail")
        BLANKET = "blanket", _("Blanket on the floor")

    market = models.ForeignKey(
        Market,
        verbose_name=_("market"),
        on_delete=models.CASCADE,
        related_name="pitch_types",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(
        _("name"), max_length=100, help_text=_("As sellers read it.")
    )
    width = models.PositiveSmallIntegerField(
        _("drawn width (cells)"), default=2, help_text=_("On the site plan's grid.")
    )
    height = models.PositiveSmallIntegerField(_("drawn height (cells)"), default=1)
    fee_private_cents = models.PositiveIntegerField(_("fee for families (cents)"))
    fee_association_cents = models.PositiveIntegerField(
        _("fee for Kita/school associations (cents)")
    )
    fee_commercial_cents = models.PositiveIntegerField(
        _("fee for commercial sellers (cents)"), default=0
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("pitch type")
        verbose_name_plural = _("pitch types")
        constraints = [
            models.UniqueConstraint(
                fields=["market", "name"], name="flea_market_pitchtype_name_unique"
            ),
            models.CheckConstraint(
                condition=Q(width__gte=1, height__gte=1),
                name="flea_market_pitchtype_size_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def fee_for(self, seller_kind: str) -> int:
        return {
            Application.SellerKind.PRIVATE: self.fee_private_cents,
            Application.SellerKind.ASSOCIATION: self.fee_association_cents,
            Application.SellerKind.COMMERCIAL: self.fee_commercial_cents,
        }[seller_kind]


class SitePlan(models.Model):
    """One area of the market drawn as a grid of cells (e.g. 1 cell = 1 m)."""

    class Setting(models.TextChoices):
        INDOOR = "indoor", _("Indoors")
        OUTDOOR = "outdoor", _("Outdoors")

    market = models.ForeignKey(
        Market,
        verbose_name=_("market"),
        on_delete=models.CASCADE,
        related_name="site_plans",
    )
    name = models.CharField(_("area"), max_length=100)
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    setting = models.CharField(
        _("indoors/outdoors"),
        max_length=10,
        choices=Setting.choices,
        default=Setting.OUTDOOR,
    )
    columns = models.PositiveSmallIntegerField(_("columns"), default=24)
    rows = models.PositiveSmallIntegerField(_("rows"), default=16)
    labels = models.JSONField(
        _("labels"),
        default=list,
        blank=True,
        help_text=_(
            'Drawn marks such as the entrance: [{"text": "Eingang", "x": 0, "y": 7, '
            '"w": 1, "h": 2}].'
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("site plan")
        verbose_name_plural = _("site plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    columns__gte=1, columns__lte=200, rows__gte=1, rows__lte=200
                ),
                name="flea_market_siteplan_grid_size",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Pitch(models.Model):
    market = models.ForeignKey(
        Market,
        verbose_name=_("market"),
        on_delete=models.CASCADE,
        related_name="pitches",
    )
    site_plan = models.ForeignKey(
        SitePlan,
        verbose_name=_("site plan"),
        on_delete=models.CASCADE,
        related_name="pitches",
    )
    # RESTRICT, not PROTECT: a type with pitches cannot be deleted alone, but
    # goes with its market (and the market with its event).
    pitch_type = models.ForeignKey(
        PitchType,
        verbose_name=_("pitch type"),
        on_delete=models.RESTRICT,
        related_name="pitches",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    x = models.PositiveSmallIntegerField(_("column"))
    y = models.PositiveSmallIntegerField(_("row"))
    w = models.PositiveSmallIntegerField(_("width"), default=2)
    h = models.PositiveSmallIntegerField(_("height"), default=1)
    electricity = models.BooleanField(_("electricity"), default=False)

    class Meta:
        ordering = ["number"]
        verbose_name = _("pitch")
        verbose_name_plural = _("pitches")
        constraints = [
            models.UniqueConstraint(
                fields=["market", "number"],
                name="flea_market_pitch_number_unique",
                violation_error_code="number_taken",
            ),
            models.CheckConstraint(
                condition=Q(w__gte=1, h__gte=1, number__gte=1),
                name="flea_market_pitch_size_positive",
            ),
        ]

    def __str__(self) -> str:
        return str(self.number)


class ApplicationQuerySet(models.QuerySet):
    def active(self) -> "ApplicationQuerySet":
        return self.filter(status__in=Application.ACTIVE)


class Application(models.Model):
    class SellerKind(models.TextChoices):
        PRIVATE = "private", _("Private family")
        ASSOCIATION = "association", _("Kita or school association")
        COMMERCIAL = "commercial", _("Commercial seller")

    class Goods(models.TextChoices):
        CLOTHES = "clothes", _("Children's clothes")
        TOYS = "toys", _("Toys")
        BOOKS = "books", _("Books and games")
        BABY = "baby", _("Baby gear")
        BIKES = "bikes", _("Bikes and scooters")
        CAKE = "cake", _("Cake stall")

    class Status(models.TextChoices):
        WAITING = "waiting", _("On the waiting list")
        ALLOCATED = "allocated", _("Pitch allocated")
        CANCELLED = "cancelled", _("Cancelled")
        DECLINED = "declined", _("Declined")

    ACTIVE = (Status.WAITING, Status.ALLOCATED)

    market = models.ForeignKey(
        Market,
        verbose_name=_("market"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    seller_kind = models.CharField(
        _("seller"), max_length=20, choices=SellerKind.choices
    )
    association = models.CharField(
        _("name of the Kita or school association"), max_length=200, blank=True
    )
    pitch_type = models.ForeignKey(
        PitchType,
        verbose_name=_("pitch type"),
        on_delete=models.RESTRICT,
        related_name="applications",
    )
    goods = models.JSONField(_("goods"), default=list)
    note = models.CharField(_("note"), max_length=500, blank=True)
    needs_electricity = models.BooleanField(_("needs electricity"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    applied_at = models.DateTimeField(_("applied"), default=timezone.now)
    # A pitch a seller holds cannot be deleted (cancel or move the seller first).
    pitch = models.ForeignKey(
        Pitch,
        verbose_name=_("pitch"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="applications",
    )
    allocated_at = models.DateTimeField(_("allocated"), null=True, blank=True)
    fee_cents = models.PositiveIntegerField(_("fee due (cents)"), null=True, blank=True)
    paid_cents = models.PositiveIntegerField(_("paid (cents)"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid on"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("payment marked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["applied_at", "pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [models.Index(fields=["market", "status", "applied_at"])]
        constraints = [
            # The database's own "never twice": one allocated seller per pitch.
            models.UniqueConstraint(
                fields=["pitch"],
                condition=Q(status="allocated"),
                name="flea_market_one_seller_per_pitch",
                violation_error_code="pitch_taken",
            ),
            models.CheckConstraint(
                condition=(Q(status="allocated") & Q(pitch__isnull=False))
                | (~Q(status="allocated") & Q(pitch__isnull=True)),
                name="flea_market_pitch_iff_allocated",
            ),
            models.CheckConstraint(
                condition=~Q(seller_kind="association") | ~Q(association=""),
                name="flea_market_association_named",
                violation_error_code="association_missing",
            ),
            models.CheckConstraint(
                condition=Q(paid_at__isnull=True) | Q(paid_cents__isnull=False),
                name="flea_market_paid_amount",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("flea_market:seller", kwargs={"token": self.token})

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def is_paid(self) -> bool:
        return self.paid_at is not None

    @property
    def seller_label(self) -> str:
        """The name as printed: the association's name for an association."""
        if self.seller_kind == self.SellerKind.ASSOCIATION and self.association:
            return f"{self.association} ({self.name})"
        return self.name

    def goods_labels(self) -> list[str]:
        labels = dict(self.Goods.choices)
        return [str(labels[g]) for g in self.goods if g in labels]
