"""The core planning model: the festival, its sub-events, venues, partners and events.

Writes go through events.services; the rules that the database can hold itself are
declared here as constraints.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

BERLIN = ZoneInfo("Europe/Berlin")

colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."), code="invalid_colour"
)


class Festival(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    tagline = models.CharField(_("tagline"), max_length=300, blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    greeting = models.TextField(_("greeting"), blank=True)
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    colour = models.CharField(
        _("colour"), max_length=7, default="#1d5fa8", validators=[colour_validator]
    )
    retention_days = models.PositiveSmallIntegerField(
        _("retention period (days)"),
        default=90,
        validators=[MaxValueValidator(3650)],
        help_text=_(
            "Days after the last festival day after which the personal data of "
            "families, volunteers, runners, sponsors and sellers is anonymised. "
            "Counts and statistics stay."
        ),
    )
    anonymised_at = models.DateTimeField(
        _("personal data anonymised"), null=True, blank=True, editable=False
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("festival")
        verbose_name_plural = _("festivals")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="festival_end_after_start",
                violation_error_message=_(
                    "The last day cannot be before the first day."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def days(self) -> list[dt.date]:
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + dt.timedelta(days=n) for n in range(count)]


class Partner(models.Model):
    class Sector(models.TextChoices):
        KITA = "kita", _("Kita")
        SCHOOL = "schule", _("School")
        YOUTH_WELFARE = "jugendhilfe", _("Youth welfare")
        PARENTS = "elternvertretung", _("Parents' council")
        CHILDMINDING = "tagespflege", _("Childminding")
        FAMILY_EDUCATION = "familienbildung", _("Family education")
        SPORT = "sport", _("Sport")
        CULTURE = "kultur", _("Culture")
        HEALTH = "gesundheit", _("Health")
        BUSINESS = "wirtschaft", _("Business")
        POLITICS = "politik", _("Politics")
        OTHER = "sonstige", _("Other")

    name = models.CharField(_("organisation"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff accounts"),
        related_name="partners",
        blank=True,
        help_text=_("Accounts that may propose events for this organisation."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SubEvent(models.Model):
    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        CINEMA = "cinema", _("Cinema")
        CHARITY_RUN = "charity_run", _("Charity run")
        FLEA_MARKET = "flea_market", _("Flea market")
        GENERAL = "general", _("General")

    festival = models.ForeignKey(
        Festival,
        verbose_name=_("festival"),
        on_delete=models.CASCADE,
        related_name="sub_events",
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.GENERAL
    )
    description = models.TextField(_("description"), blank=True)
    lead_partner = models.ForeignKey(
        Partner,
        verbose_name=_("lead partner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_sub_events",
    )
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("module leads"),
        related_name="led_sub_events",
        blank=True,
        help_text=_("Accounts of the Modulleitung group that plan this sub-event."),
    )
    colour = models.CharField(
        _("colour"), max_length=7, default="#4a5568", validators=[colour_validator]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("sub-event")
        verbose_name_plural = _("sub-events")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("events:subevent", kwargs={"slug": self.slug})


class Venue(models.Model):
    class Setting(models.TextChoices):
        INDOOR = "indoor", _("Indoors")
        OUTDOOR = "outdoor", _("Outdoors")
        BOTH = "both", _("Indoors and outdoors")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("People the venue holds; empty if not limited (a park)."),
    )
    setting = models.CharField(
        _("indoors/outdoors"),
        max_length=10,
        choices=Setting.choices,
        default=Setting.INDOOR,
    )
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    parking = models.BooleanField(_("parking"), default=False)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    directions = models.TextField(_("how to get there"), blank=True)
    shared = models.BooleanField(
        _("shared"),
        default=False,
        help_text=_(
            "Several events may take place here at once (a park, a playground)."
        ),
    )
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True)
                | Q(latitude__gte=-90, latitude__lte=90),
                name="venue_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True)
                | Q(longitude__gte=-180, longitude__lte=180),
                name="venue_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("events:venue", kwargs={"slug": self.slug})

    @property
    def address(self) -> str:
        place = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.street, place) if part)

    @property
    def osm_url(self) -> str:
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=18/{self.latitude}/{self.longitude}"
        )


class Audience(models.Model):
    """An audience tag such as "Kita 3–6" or "Fachpublikum"."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True, max_length=50)
    min_age = models.PositiveSmallIntegerField(_("from age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("to age"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class EventQuerySet(models.QuerySet):
    def published(self) -> "EventQuerySet":
        return self.filter(status=Event.Status.PUBLISHED)

    def public(self) -> "EventQuerySet":
        """What the public programme shows: published and cancelled events."""
        return self.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])

    def on_day(self, day: dt.date) -> "EventQuerySet":
        start = dt.datetime.combine(day, dt.time.min, tzinfo=BERLIN)
        end = dt.datetime.combine(
            day + dt.timedelta(days=1), dt.time.min, tzinfo=BERLIN
        )
        return self.filter(starts_at__gte=start, starts_at__lt=end)

    def for_age(self, age: int) -> "EventQuerySet":
        return self.filter(
            Q(min_age__isnull=True) | Q(min_age__lte=age),
            Q(max_age__isnull=True) | Q(max_age__gte=age),
        )


class Event(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    sub_event = models.ForeignKey(
        SubEvent,
        verbose_name=_("sub-event"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True, max_length=120)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for the programme overview."),
    )
    description = models.TextField(_("description"), blank=True)
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    setup_minutes = models.PositiveSmallIntegerField(
        _("set-up (minutes)"), default=0, validators=[MaxValueValidator(24 * 60)]
    )
    teardown_minutes = models.PositiveSmallIntegerField(
        _("tear-down (minutes)"), default=0, validators=[MaxValueValidator(24 * 60)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    cancel_reason = models.CharField(
        _("reason for cancellation"), max_length=300, blank=True
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Seats (people). Empty: no registration needed."),
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True
    )
    max_party_size = models.PositiveSmallIntegerField(
        _("maximum party size"),
        default=6,
        validators=[MaxValueValidator(50)],
        help_text=_("How many people one household may register at once."),
    )
    adult_required_under = models.PositiveSmallIntegerField(
        _("adult required for children under"),
        null=True,
        blank=True,
        help_text=_(
            "Children younger than this need an accompanying adult in their party."
        ),
    )
    adults_take_seats = models.BooleanField(
        _("accompanying adults take a seat"),
        default=True,
        help_text=_("Untick if adults only accompany (e.g. a children's workshop)."),
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    audiences = models.ManyToManyField(
        Audience, verbose_name=_("audiences"), blank=True, related_name="events"
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    price_text = models.CharField(
        _("price"),
        max_length=200,
        blank=True,
        help_text=_("For example: 5 € per person, children free."),
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("Language codes of the languages offered, e.g. de, en, tr."),
    )
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    host_partners = models.ManyToManyField(
        Partner, verbose_name=_("host partners"), blank=True, related_name="events"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sequence = models.PositiveIntegerField(
        _("revision"),
        default=0,
        editable=False,
        help_text=_("Rises with every change of time, place or status (calendars)."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "title"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
                violation_error_code="end_before_start",
            ),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(min_age__lte=models.F("max_age")),
                name="event_age_range",
                violation_error_code="age_range",
            ),
            models.CheckConstraint(
                condition=Q(is_free=True) | ~Q(price_text=""),
                name="event_price_given",
                violation_error_code="price_missing",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="event_cancel_reason",
                violation_error_code="cancel_reason_missing",
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="event_registration_window",
                violation_error_code="registration_window",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event", kwargs={"slug": self.slug})

    @property
    def blocked_from(self) -> dt.datetime:
        """Start of the time the venue is occupied, set-up included."""
        return self.starts_at - dt.timedelta(minutes=self.setup_minutes)

    @property
    def blocked_until(self) -> dt.datetime:
        return self.ends_at + dt.timedelta(minutes=self.teardown_minutes)

    @property
    def needs_registration(self) -> bool:
        return self.capacity is not None

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def local_day(self) -> dt.date:
        return timezone.localtime(self.starts_at, BERLIN).date()

    def registration_state(self, now: dt.datetime | None = None) -> str:
        """One of "none", "not_yet_open", "open", "closed" for the given moment."""
        if self.capacity is None:
            return "none"
        now = now or timezone.now()
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_yet_open"
        closes = self.registration_closes_at or self.starts_at
        if now >= closes:
            return "closed"
        return "open"


class VenueBooking(models.Model):
    """The time an event holds a non-shared venue exclusively, buffers included.

    A row exists exactly for the non-cancelled events at non-shared venues; the events
    service is its only writer. On PostgreSQL an exclusion constraint (migration 0002)
    makes overlapping rows for one venue impossible even if two writers race.
    """

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="booking"
    )
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="bookings")
    blocked_from = models.DateTimeField()
    blocked_until = models.DateTimeField()

    class Meta:
        verbose_name = _("venue booking")
        verbose_name_plural = _("venue bookings")
        indexes = [models.Index(fields=["venue", "blocked_from"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(blocked_until__gt=models.F("blocked_from")),
                name="venuebooking_positive_duration",
            )
        ]

    def __str__(self) -> str:
        return f"{self.venue}: {self.event}"


class AuditEntry(models.Model):
    """One organiser read of personal data or one change to registrations, shifts,
    qualifications and the like: who, when, what — never the personal data itself.

    Written only through `events.audit.audit_record`; the admin cannot change it.
    """

    class Via(models.TextChoices):
        STAFF = "staff", _("staff account")
        API = "api", _("API token")
        FAMILY = "family", _("family's link")
        VOLUNTEER = "volunteer", _("volunteer's link")
        LINK = "link", _("other personal link")
        SYSTEM = "system", _("system")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The account's username when the entry was written: it stays readable when
    # the account is deleted later.
    actor_name = models.CharField(_("account"), max_length=150, blank=True)
    via = models.CharField(_("through"), max_length=10, choices=Via.choices)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}"


class OutboxMail(models.Model):
    """A rendered e-mail waiting to be sent (the transactional outbox).

    Written in the transaction of the change that causes it, so a mail exists
    exactly when its change was committed, whether or not the broker is reachable;
    the send task and the relay that retries pending rows mark it sent under a row
    lock, so it goes out once.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    created_at = models.DateTimeField(_("created"), default=timezone.now)
    to = models.JSONField(_("recipients"), default=list)
    subject = models.TextField(_("subject"))
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    # [filename, content, mimetype, encoding] as the send task takes them.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="pending"),
                name="outboxmail_pending_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="sent", sent_at__isnull=False) | ~Q(status="sent"),
                name="outboxmail_sent_has_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.get_status_display()})"
