"""Volunteers and their shifts: roles (Aufgaben), shifts (Schichten), the people who
help (Helfer:innen), what they have shown (Nachweise) and who works when (Einsätze).

Writes go through volunteers.services, the one place the sign-up rules live; the
rules the database can hold itself are declared here as constraints.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinLengthValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from events.models import BERLIN, Event, Festival, Partner, SubEvent, Venue


def new_token() -> str:
    """An unguessable token for a volunteer's link (256 bits)."""
    return secrets.token_urlsafe(32)


class AgeGroup(models.TextChoices):
    ADULT = "adult", _("18 or older")
    YOUTH = "16_17", _("16–17 years")
    CHILD = "13_15", _("13–15 years")


# The youngest age in each group: a role's minimum age is compared with it, because
# only the group is known (no birth dates are stored).
AGE_GROUP_MIN_AGE = {AgeGroup.ADULT: 18, AgeGroup.YOUTH: 16, AgeGroup.CHILD: 13}


class QualificationKind(models.TextChoices):
    POLICE_CERTIFICATE = "police_certificate", _("Extended police certificate (§72a)")
    FIRST_AID = "first_aid", _("First aid course")
    HYGIENE = "hygiene", _("Hygiene instruction (§43 IfSG)")
    JULEICA = "juleica", _("JuLeiCa")


class TShirtSize(models.TextChoices):
    XS = "XS", "XS"
    S = "S", "S"
    M = "M", "M"
    L = "L", "L"
    XL = "XL", "XL"
    XXL = "XXL", "XXL"
    KIDS_152 = "152", _("Kids 152")
    KIDS_164 = "164", _("Kids 164")


class VolunteerPolicy(models.Model):
    """The festival's rules for shifts, with the defaults the organisers confirm.

    The youth protection defaults follow the German Youth Labour Protection Act
    (JArbSchG §§ 5, 8, 14): children (13–14, and 15-year-old pupils) at most two
    hours a day between 08:00 and 18:00; young people of 15–17 at most eight hours
    a day between 06:00 and 20:00; no shifts under 13. Volunteering is not
    employment, but these are the limits parents and youth offices expect.
    """

    festival = models.OneToOneField(
        Festival,
        verbose_name=_("festival"),
        on_delete=models.CASCADE,
        related_name="volunteer_policy",
    )
    travel_buffer_minutes = models.PositiveSmallIntegerField(
        _("travel time between venues (minutes)"), default=15
    )
    adult_daily_max_minutes = models.PositiveSmallIntegerField(
        _("adults: most minutes a day"), default=10 * 60
    )
    youth_daily_max_minutes = models.PositiveSmallIntegerField(
        _("16–17: most minutes a day"), default=8 * 60
    )
    youth_earliest = models.TimeField(_("16–17: not before"), default=dt.time(6))
    youth_latest = models.TimeField(_("16–17: not after"), default=dt.time(20))
    child_daily_max_minutes = models.PositiveSmallIntegerField(
        _("13–15: most minutes a day"), default=2 * 60
    )
    child_earliest = models.TimeField(_("13–15: not before"), default=dt.time(8))
    child_latest = models.TimeField(_("13–15: not after"), default=dt.time(18))
    youth_rules_confirmed_by = models.CharField(
        _("youth protection rules confirmed by"), max_length=150, blank=True
    )
    youth_rules_confirmed_on = models.DateField(
        _("youth protection rules confirmed on"), null=True, blank=True
    )
    withdraw_deadline_hours = models.PositiveSmallIntegerField(
        _("volunteers may withdraw until (hours before the shift)"), default=24
    )
    police_certificate_years = models.PositiveSmallIntegerField(
        _("police certificate valid for (years from issue)"),
        default=5,
        validators=[MaxValueValidator(20)],
    )
    first_aid_years = models.PositiveSmallIntegerField(
        _("first aid course valid for (years)"),
        default=2,
        validators=[MaxValueValidator(20)],
    )
    hygiene_years = models.PositiveSmallIntegerField(
        _("hygiene instruction valid for (years)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(20)],
        help_text=_("Empty: valid without end."),
    )
    reminder_time = models.TimeField(
        _("reminder on the day before, at"), default=dt.time(17)
    )
    digest_days_before = models.PositiveSmallIntegerField(
        _("daily digest of understaffed shifts from (days before the festival)"),
        default=14,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("volunteer rules")
        verbose_name_plural = _("volunteer rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(youth_earliest__lt=F("youth_latest"))
                & Q(child_earliest__lt=F("child_latest")),
                name="volunteer_policy_window_order",
                violation_error_message=_(
                    "The earliest time must be before the latest time."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.festival)


class Role(models.Model):
    """A task volunteers do (Aufgabe): Einlass, Kinderbetreuung, Kasse, …"""

    festival = models.ForeignKey(
        Festival,
        verbose_name=_("festival"),
        on_delete=models.CASCADE,
        related_name="volunteer_roles",
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    briefing = models.TextField(
        _("briefing notes"),
        blank=True,
        help_text=_("Shown when volunteers sign up and in their reminder."),
    )
    required_qualifications = models.JSONField(
        _("required qualifications"),
        default=list,
        blank=True,
        help_text=_("Kinds of qualification a volunteer needs on the shift's day."),
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), default=16, validators=[MaxValueValidator(99)]
    )
    colour = models.CharField(_("colour"), max_length=7, default="#5c6bc0")

    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["festival", "slug"], name="role_slug_unique_per_festival"
            ),
            models.CheckConstraint(
                condition=Q(min_age__gte=13), name="role_min_age_13"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def required_qualification_labels(self) -> list[str]:
        labels = dict(QualificationKind.choices)
        return [str(labels.get(kind, kind)) for kind in self.required_qualifications]


class ShiftQuerySet(models.QuerySet):
    def on_day(self, day: dt.date) -> "ShiftQuerySet":
        """Shifts that start on the given day in Europe/Berlin."""
        start = dt.datetime.combine(day, dt.time(0), tzinfo=BERLIN)
        return self.filter(
            starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1)
        )


class Shift(models.Model):
    """A time window in which `needed` people do a role at a place."""

    role = models.ForeignKey(
        Role, verbose_name=_("role"), on_delete=models.PROTECT, related_name="shifts"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), on_delete=models.PROTECT, related_name="shifts"
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shifts",
    )
    sub_event = models.ForeignKey(
        SubEvent,
        verbose_name=_("sub-event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shifts",
    )
    needed = models.PositiveSmallIntegerField(_("people needed"), default=1)
    notes = models.TextField(_("notes"), blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_shifts",
    )
    coordinator_phone = models.CharField(
        _("coordinator's phone on the day"), max_length=40, blank=True
    )
    sequence = models.PositiveIntegerField(
        _("revision"),
        default=0,
        editable=False,
        help_text=_("Rises with every change of time or place (calendars)."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ShiftQuerySet.as_manager()

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["starts_at", "role__name", "pk"]
        indexes = [models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="shift_end_after_start",
                violation_error_code="end_before_start",
                violation_error_message=_("The shift must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(needed__gte=1), name="shift_needs_someone"
            ),
        ]

    def __str__(self) -> str:
        start = timezone.localtime(self.starts_at)
        return f"{self.role} · {formats.date_format(start, 'D j.n. H:i')}"

    @property
    def duration(self) -> dt.timedelta:
        return self.ends_at - self.starts_at

    @property
    def local_day(self) -> dt.date:
        return timezone.localtime(self.starts_at).date()


class VolunteerQuerySet(models.QuerySet):
    def active(self) -> "VolunteerQuerySet":
        return self.filter(erased_at__isnull=True)


class Volunteer(models.Model):
    """A person who helps; the token in their link is their access (no password)."""

    festival = models.ForeignKey(
        Festival,
        verbose_name=_("festival"),
        on_delete=models.CASCADE,
        related_name="volunteers",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteers",
    )
    tshirt_size = models.CharField(
        _("T-shirt size"), max_length=4, choices=TShirtSize.choices, blank=True
    )
    age_group = models.CharField(_("age group"), max_length=8, choices=AgeGroup.choices)
    guardian_name = models.CharField(_("guardian's name"), max_length=150, blank=True)
    guardian_contact = models.CharField(
        _("guardian's phone or e-mail"), max_length=254, blank=True
    )
    guardian_consent_at = models.DateTimeField(
        _("guardian's consent recorded"), null=True, blank=True
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    consent_privacy_version = models.CharField(
        _("privacy notice version"), max_length=20, blank=True
    )
    notes = models.TextField(_("coordinators' notes"), blank=True)
    token = models.CharField(
        _("link token"),
        max_length=64,
        unique=True,
        default=new_token,
        validators=[MinLengthValidator(32)],
        editable=False,
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                "festival",
                Lower("email"),
                condition=Q(erased_at__isnull=True),
                name="volunteer_email_unique_ci",
                violation_error_code="volunteer_exists",
            ),
            # A minor helps only with a guardian's consent on record.
            models.CheckConstraint(
                condition=Q(age_group="adult")
                | (
                    Q(guardian_consent_at__isnull=False)
                    & ~Q(guardian_name="")
                    & ~Q(guardian_contact="")
                )
                | Q(erased_at__isnull=False),
                name="volunteer_minor_has_guardian",
                violation_error_code="guardian_consent_missing",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("volunteers:mine", kwargs={"token": self.token})

    @property
    def is_minor(self) -> bool:
        return self.age_group != AgeGroup.ADULT

    @property
    def min_age(self) -> int:
        return AGE_GROUP_MIN_AGE[AgeGroup(self.age_group)]


class Qualification(models.Model):
    """What a volunteer has shown (Nachweis). For the police certificate only that
    it was sighted is recorded — issue date, when and by whom — never the document."""

    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="qualifications",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=QualificationKind.choices)
    issued_on = models.DateField(_("issued on / course date"))
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("Only where the document names a date (JuLeiCa)."),
    )
    sighted_on = models.DateField(_("sighted on"), null=True, blank=True)
    sighted_by = models.CharField(_("sighted by"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["kind", "-issued_on"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="police_certificate")
                | (Q(sighted_on__isnull=False) & ~Q(sighted_by="")),
                name="qualification_certificate_sighted",
                violation_error_code="certificate_not_sighted",
                violation_error_message=_(
                    "Record when and by whom the police certificate was sighted."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind="juleica") | Q(valid_until__isnull=False),
                name="qualification_juleica_until",
                violation_error_code="valid_until_missing",
                violation_error_message=_("A JuLeiCa is valid until a date."),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("issued_on")),
                name="qualification_valid_after_issue",
                violation_error_code="valid_until_before_issue",
                violation_error_message=_(
                    "The end of validity cannot be before the issue date."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.volunteer})"


class AssignmentQuerySet(models.QuerySet):
    def active(self) -> "AssignmentQuerySet":
        return self.filter(withdrawn_at__isnull=True)


class Assignment(models.Model):
    """A volunteer on a shift (Einsatz). Withdrawing keeps the row for the record."""

    class Attendance(models.TextChoices):
        UNKNOWN = "unknown", _("Not marked")
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")

    shift = models.ForeignKey(
        Shift,
        verbose_name=_("shift"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the volunteer signed up themselves."),
    )
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    attendance = models.CharField(
        _("attendance"),
        max_length=8,
        choices=Attendance.choices,
        default=Attendance.UNKNOWN,
    )
    attendance_marked_at = models.DateTimeField(
        _("attendance marked"), null=True, blank=True
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["shift__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"],
                condition=Q(withdrawn_at__isnull=True),
                name="assignment_once_per_shift",
                violation_error_code="already_assigned",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} · {self.shift}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class DigestLog(models.Model):
    """The coordinators' daily digest sent for a day, so it goes out once."""

    festival = models.ForeignKey(Festival, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["festival", "day"], name="digest_once_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.festival}: {self.day}"
