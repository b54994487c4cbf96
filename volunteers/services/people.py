"""Volunteers: what they type, registering (by themselves or a coordinator),
changing their details, sending their link again."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.audit import Via, audit_record
from events.inputs import email_clean, phone_clean, refuse, text_clean
from events.models import Festival, Partner
from events.notifications import outbox_forget
from events.registry import registry
from volunteers import notifications
from volunteers.models import (
    AgeGroup,
    Assignment,
    Qualification,
    TShirtSize,
    Volunteer,
    new_token,
)
from volunteers.privacy import PRIVACY_NOTICE_VERSION

NAME_MAX = 150
ERASED_NAME = "—"


NAME_MESSAGES = {
    "invalid": gettext_lazy("The name must be text."),
    "required": gettext_lazy("Please enter a name."),
    "too_long": gettext_lazy("The name may have at most %(max)d characters."),
    "invalid_characters": gettext_lazy(
        "The name contains characters that cannot be used."
    ),
}


GUARDIAN_MESSAGES = {
    "invalid": gettext_lazy("The guardian's name must be text."),
    "required": gettext_lazy(
        "Please enter the name of a parent or guardian (for helpers under 18)."
    ),
    "too_long": gettext_lazy(
        "The guardian's name may have at most %(max)d characters."
    ),
    "invalid_characters": gettext_lazy(
        "The guardian's name contains characters that cannot be used."
    ),
}


GUARDIAN_CONTACT_MESSAGES = {
    "invalid": gettext_lazy("The guardian's contact must be text."),
    "required": gettext_lazy(
        "Please enter a phone number or e-mail address of the parent or guardian."
    ),
    "too_long": gettext_lazy(
        "The guardian's contact may have at most %(max)d characters."
    ),
    "invalid_characters": gettext_lazy(
        "The guardian's contact contains characters that cannot be used."
    ),
}


# --- Volunteers -----------------------------------------------------------------------


# What a volunteer or a coordinator fills in about a person, in the order the forms
# and the API show it; the guardian and the language follow rules of their own.
VOLUNTEER_DETAILS = ("name", "email", "phone", "partner", "tshirt_size", "age_group")


@dataclass(frozen=True)
class VolunteerInput:
    name: str
    email: str
    phone: str = ""
    partner: Partner | None = None
    tshirt_size: str = ""
    age_group: str = AgeGroup.ADULT
    guardian_name: str = ""
    guardian_contact: str = ""
    guardian_consent: bool = False
    language: str = ""


def volunteer_input_clean(data: VolunteerInput) -> VolunteerInput:
    """Check and normalise what a volunteer or a coordinator typed."""
    name = text_clean(
        data.name, field="name", max_length=NAME_MAX, messages=NAME_MESSAGES
    )
    email = email_clean(data.email, field="email")
    phone = phone_clean(data.phone, field="phone")
    if data.age_group not in AgeGroup.values:
        raise refuse(
            _("Please choose an age group. Helpers must be at least 13."),
            "age_group_invalid",
            "age_group",
        )
    if (data.tshirt_size or "") not in {"", *TShirtSize.values}:
        raise refuse(_("Unknown T-shirt size."), "tshirt_size_invalid", "tshirt_size")
    guardian_name = guardian_contact = ""
    if data.age_group != AgeGroup.ADULT:
        guardian_name = text_clean(
            data.guardian_name,
            field="guardian_name",
            max_length=150,
            messages=GUARDIAN_MESSAGES,
        )
        guardian_contact = text_clean(
            data.guardian_contact,
            field="guardian_contact",
            max_length=254,
            messages=GUARDIAN_CONTACT_MESSAGES,
        )
        if not data.guardian_consent:
            raise refuse(
                _(
                    "Helpers under 18 need the consent of a parent or guardian: "
                    "please confirm it."
                ),
                "guardian_consent_missing",
                "guardian_consent",
            )
    return VolunteerInput(
        name=name,
        email=email,
        phone=phone,
        partner=data.partner,
        tshirt_size=data.tshirt_size or "",
        age_group=data.age_group,
        guardian_name=guardian_name,
        guardian_contact=guardian_contact,
        guardian_consent=data.age_group != AgeGroup.ADULT,
        language=data.language,
    )


@dataclass(frozen=True)
class VolunteerResult:
    volunteer: Volunteer
    created: bool


def volunteer_register(
    *,
    festival: Festival,
    data: VolunteerInput,
    consent_privacy: bool,
    by: AbstractBaseUser | None = None,
) -> VolunteerResult:
    """Register a volunteer (by themselves, or by a coordinator `by`).

    A known e-mail address creates nothing: the person gets their link by e-mail
    (a coordinator is told the person exists), so typing someone's address never
    opens their page. Self-registration needs consent to the privacy notice.
    """
    data = volunteer_input_clean(data)
    if by is None and not consent_privacy:
        raise refuse(
            _("Please agree to the privacy notice."),
            "consent_missing",
            "consent_privacy",
        )
    existing = (
        Volunteer.objects.active()
        .filter(festival=festival, email__iexact=data.email)
        .first()
    )
    if existing is not None:
        if by is not None:
            raise refuse(
                _("A volunteer with this e-mail address is already registered."),
                "volunteer_exists",
                "email",
            )
        notifications.volunteer_link(existing)
        return VolunteerResult(existing, created=False)
    now = timezone.now()
    try:
        with transaction.atomic():
            volunteer = Volunteer.objects.create(
                festival=festival,
                name=data.name,
                email=data.email,
                phone=data.phone,
                partner=data.partner,
                tshirt_size=data.tshirt_size,
                age_group=data.age_group,
                guardian_name=data.guardian_name,
                guardian_contact=data.guardian_contact,
                guardian_consent_at=now if data.guardian_consent else None,
                language=data.language or "de",
                consent_privacy_version=PRIVACY_NOTICE_VERSION if by is None else "",
            )
    except IntegrityError:
        # The same address registered a moment ago in a parallel request.
        existing = Volunteer.objects.active().get(
            festival=festival, email__iexact=data.email
        )
        if by is None:
            notifications.volunteer_link(existing)
        return VolunteerResult(existing, created=False)
    notifications.volunteer_welcome(volunteer)
    return VolunteerResult(volunteer, created=True)


@transaction.atomic
def volunteer_update(
    *, volunteer: Volunteer, data: VolunteerInput, notes: str | None = None
) -> Volunteer:
    """Change a volunteer's details (coordinators; the volunteer for themselves)."""
    data = volunteer_input_clean(data)
    clash = (
        Volunteer.objects.active()
        .filter(festival_id=volunteer.festival_id, email__iexact=data.email)
        .exclude(pk=volunteer.pk)
        .exists()
    )
    if clash:
        raise refuse(
            _("A volunteer with this e-mail address is already registered."),
            "volunteer_exists",
            "email",
        )
    was_minor = volunteer.is_minor
    for name in (*VOLUNTEER_DETAILS, "guardian_name", "guardian_contact"):
        setattr(volunteer, name, getattr(data, name))
    if data.language:
        volunteer.language = data.language
    if volunteer.is_minor and (not was_minor or volunteer.guardian_consent_at is None):
        volunteer.guardian_consent_at = timezone.now()
    if not volunteer.is_minor:
        volunteer.guardian_consent_at = None
    if notes is not None:
        volunteer.notes = notes
    volunteer.save()
    return volunteer


def volunteer_link_resend(*, festival: Festival, email: str) -> None:
    """Send a volunteer their link again. Silent for an unknown address: the caller
    must never learn whether the address is registered."""
    email = (email or "").strip()
    if not email:
        return
    volunteer = (
        Volunteer.objects.active()
        .filter(festival=festival, email__iexact=email)
        .first()
    )
    if volunteer is not None:
        notifications.volunteer_link(volunteer)


# --- Anonymising ----------------------------------------------------------------------


@transaction.atomic
def volunteer_anonymise(*, volunteer: Volunteer) -> int:
    """Remove a volunteer's personal data and keep the row; returns how many
    qualification records were deleted. The one anonymising step shared by the
    erasure a volunteer asks for and the festival's retention period.

    Name becomes "—", the e-mail address erased-<pk>@invalid; phone, guardian's
    name and contact and the coordinators' notes are emptied, the link token is
    replaced (the old link opens nothing) and `erased_at` is set. Qualification
    records (certificate dates, who sighted them) are deleted: they describe the
    person and nothing counts them afterwards. Age group, T-shirt size, partner and
    the assignments stay, so hours per role and day still add up. Registered erase
    handlers run too (the calendars app revokes the personal feed). Idempotent.
    """
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    deleted, _by_model = Qualification.objects.filter(volunteer=volunteer).delete()
    volunteer.name = ERASED_NAME
    volunteer.email = f"erased-{volunteer.pk}@invalid"
    volunteer.phone = ""
    volunteer.guardian_name = ""
    volunteer.guardian_contact = ""
    volunteer.notes = ""
    volunteer.token = new_token()
    if volunteer.erased_at is None:
        volunteer.erased_at = timezone.now()
    volunteer.save(
        update_fields=[
            "name",
            "email",
            "phone",
            "guardian_name",
            "guardian_contact",
            "notes",
            "token",
            "erased_at",
            "updated_at",
        ]
    )
    registry.erased(volunteer)
    return deleted


# --- Erasure on request ---------------------------------------------------------------


@transaction.atomic
def volunteer_erase(
    *,
    volunteer: Volunteer,
    by: AbstractBaseUser | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Delete a volunteer's personal data at their request ("delete my data"; a
    coordinator `by` on their request): every assignment to a shift that has not
    started is withdrawn, so its place is open again, then `volunteer_anonymise`
    removes the personal data, replaces the link and revokes the feed; the
    stored copies of the mails sent to the person are deleted. Returns how
    many assignments were withdrawn. No deadline applies and no e-mail goes to the
    person who asked to be deleted; shifts already worked stay for the figures.
    Idempotent.

    Locks the volunteer's row first, as assignment_create does, so a sign-up
    running at the same moment either lands before (and is withdrawn here) or sees
    the erased volunteer and is refused (volunteer_erased).
    """
    now = now or timezone.now()
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    withdrawn = Assignment.objects.filter(
        volunteer=volunteer, withdrawn_at__isnull=True, shift__starts_at__gt=now
    ).update(withdrawn_at=now, withdrawn_by=by)
    outbox_forget(email=volunteer.email)
    volunteer_anonymise(volunteer=volunteer)
    # Retention anonymises whole festivals and writes one entry for it instead.
    audit_record(
        action="volunteers.volunteer_erase",
        obj=volunteer,
        actor=by,
        summary=f"{withdrawn} assignments withdrawn",
        link_via=Via.VOLUNTEER,
    )
    return withdrawn
