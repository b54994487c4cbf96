"""What the volunteers' API modules share: the error responses of the schema, the
201 answer, the coordinators' permission, and reading a person's fields from a body
into the service (a person registering and a coordinator adding or editing someone
send the same fields).
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import permissions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from events.api_plumbing import (
    ERROR_DESCRIPTIONS,
    ErrorsAutoSchema,
    JSONBodyParser,
    error_responses,
    refuse,
)
from events.models import Partner
from events.selectors import festival_current
from volunteers import services

ERRORS = {
    **ERROR_DESCRIPTIONS,
    400: "Refused; `code` says why (shift_full, shift_clash, travel_buffer, "
    "daily_hours, qualification_missing, qualification_invalid, too_young, "
    "youth_protection_time, shift_started, already_assigned, shift_unknown, "
    "withdraw_deadline, consent_missing, guardian_consent_missing, "
    "volunteer_exists, invalid, ...).",
    403: "Signed in, but without the volunteers permission this needs.",
    404: "No such volunteer link, shift, volunteer, qualification or assignment.",
}


def errors(*statuses: int) -> dict[int, OpenApiResponse]:
    """The schema's error responses of the volunteers' API for these statuses."""
    return error_responses(ERRORS, *statuses)


def created(body: dict) -> Response:
    """201 with the new resource, and its address in Location."""
    return Response(
        body, status=status.HTTP_201_CREATED, headers={"Location": body["url"]}
    )


class VolunteerPermissions(permissions.BasePermission):
    """Signed-in organisers holding the Django permissions the view names for the
    method (the Orga-Team and Helferkoordination hold all of volunteers.*)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        method = "GET" if request.method in {"HEAD", "OPTIONS"} else request.method
        perms = view.required_perms.get(method)
        return perms is None or user.has_perms(perms)


class OrgaMixin:
    schema = ErrorsAutoSchema()
    permission_classes = [VolunteerPermissions]
    parser_classes = [JSONBodyParser]
    required_perms: dict[str, list[str]] = {}


def _partner(slug: str | None) -> Partner | None:
    if not slug:
        return None
    partner = Partner.objects.filter(slug=slug).first()
    if partner is None:
        raise refuse(
            "partner", _("There is no such partner organisation."), "partner_unknown"
        )
    return partner


def volunteer_input(data: dict) -> services.VolunteerInput:
    """A person's validated fields as the service's input; 400 partner_unknown."""
    guardian = data.get("guardian") or {}
    return services.VolunteerInput(
        name=data["name"],
        email=data["email"],
        phone=data.get("phone") or "",
        partner=_partner(data.get("partner")),
        tshirt_size=data.get("tshirt_size") or "",
        age_group=data["age_group"],
        guardian_name=guardian.get("name") or "",
        guardian_contact=guardian.get("contact") or "",
        guardian_consent=bool(guardian.get("consent")),
        language=data.get("language") or "",
    )


def volunteer_register(
    data: dict, *, consent_privacy: bool, by: AbstractBaseUser | None = None
) -> services.VolunteerResult:
    """Register a person of the current festival from a body's validated fields
    (by themselves, or by a coordinator `by`); 400 festival_missing if none is
    being planned, language_invalid, and the service's codes."""
    language_check(data["language"] or "")
    festival = festival_current()
    if festival is None:
        raise ValidationError(
            _("No festival is being planned."), code="festival_missing"
        )
    return services.volunteer_register(
        festival=festival,
        data=volunteer_input(data),
        consent_privacy=consent_privacy,
        by=by,
    )


def language_check(value: str) -> str:
    """The value, if empty or a language of the site; else 400 language_invalid."""
    languages = {code for code, _name in settings.LANGUAGES}
    if value and value not in languages:
        raise refuse(
            "language",
            _("Choose one of: %(languages)s.")
            % {"languages": ", ".join(sorted(languages))},
            "language_invalid",
        )
    return value
