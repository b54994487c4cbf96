"""API representations of roles, shifts, volunteers, qualifications and assignments.

Serializers check JSON types and shape; the rules (lengths, age groups, guardians,
sign-up rules) live in volunteers.services and come back with the service's code.
Choice-like fields are plain strings here, checked by the service: its codes
(age_group_invalid, kind_invalid, ...) are what clients match on.

Public shapes carry no personal data: a shift says how many people are on it,
never who.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.api_plumbing import StrictBooleanField, StrictCharField, StrictIntegerField
from volunteers.models import (
    Assignment,
    Qualification,
    QualificationKind,
    Role,
    Shift,
    Volunteer,
)
from volunteers.services import VOLUNTEER_DETAILS

# The largest id the database holds (BigAutoField); larger ones are refused before
# they reach a query.
ID_MAX = 2**63 - 1


# Fields are strict about JSON types (events.api_plumbing): "7" is no id.
class IdField(StrictIntegerField):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(**kwargs)


def _text(**kwargs) -> StrictCharField:
    """An optional string; null and a missing field mean empty."""
    return StrictCharField(
        required=False, allow_blank=True, allow_null=True, default="", **kwargs
    )


def nullable_object(*strings: str, date_times: tuple[str, ...] = ()) -> dict:
    """The schema of an object or null, written out: OpenAPI 3.0 validators take
    `nullable` beside a `$ref` (allOf) as not nullable."""
    properties = {name: {"type": "string"} for name in strings}
    properties.update(
        {name: {"type": "string", "format": "date-time"} for name in date_times}
    )
    return {
        "type": "object",
        "nullable": True,
        "properties": properties,
        "required": list(properties),
    }


def _ref(obj, *names: str) -> dict | None:
    return None if obj is None else {name: getattr(obj, name) for name in names}


# --- Public: roles and shifts ---------------------------------------------------------
class QualificationKindSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text=_("police_certificate, first_aid, hygiene or juleica.")
    )
    label = serializers.CharField()


class RoleSerializer(serializers.ModelSerializer):
    required_qualifications = serializers.SerializerMethodField()

    class Meta:
        model = Role
        fields = [
            "slug",
            "name",
            "description",
            "briefing",
            "required_qualifications",
            "min_age",
        ]

    @extend_schema_field(QualificationKindSerializer(many=True))
    def get_required_qualifications(self, obj: Role) -> list[dict]:
        labels = dict(QualificationKind.choices)
        return [
            {"code": kind, "label": str(labels.get(kind, kind))}
            for kind in obj.required_qualifications
        ]


class RoleRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class VenueRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class ShiftBaseSerializer(serializers.ModelSerializer):
    """What and where a shift is (for shifts loaded with role, venue, event and
    sub-event)."""

    role = RoleRefSerializer()
    venue = VenueRefSerializer()
    event = serializers.SerializerMethodField()
    sub_event = serializers.SerializerMethodField()

    class Meta:
        model = Shift
        fields = ["id", "role", "starts_at", "ends_at", "venue", "event", "sub_event"]

    @extend_schema_field(nullable_object("slug", "title"))
    def get_event(self, obj: Shift) -> dict | None:
        """The event the shift serves, if any."""
        return _ref(obj.event, "slug", "title")

    @extend_schema_field(nullable_object("slug", "name"))
    def get_sub_event(self, obj: Shift) -> dict | None:
        return _ref(obj.sub_event, "slug", "name")


class ShiftSerializer(ShiftBaseSerializer):
    """A shift as anyone sees it: how many are needed and on it, never who
    (for shifts from selectors.shifts_with_counts)."""

    url = serializers.SerializerMethodField()
    filled = serializers.IntegerField(help_text=_("People on the shift."))
    free = serializers.SerializerMethodField()

    class Meta(ShiftBaseSerializer.Meta):
        fields = [
            "id",
            "url",
            *ShiftBaseSerializer.Meta.fields[1:],
            "needed",
            "filled",
            "free",
        ]

    def get_url(self, obj: Shift) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("volunteers-api:shift", kwargs={"pk": obj.pk})
        )

    def get_free(self, obj: Shift) -> int:
        """Places left (0 when full)."""
        return max(obj.needed - obj.filled, 0)


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text=_(
            "too_young, guardian_consent_missing, qualification_missing, "
            "qualification_invalid, shift_full, shift_clash, travel_buffer, "
            "daily_hours, youth_protection_time."
        )
    )
    message = serializers.CharField()


class OpenShiftSerializer(ShiftSerializer):
    """A future shift seen by one volunteer: whether they may take it, and why
    not (selectors.open_shifts_for; the service refuses with the first reason)."""

    eligible = serializers.SerializerMethodField()
    reasons = serializers.SerializerMethodField()

    class Meta(ShiftSerializer.Meta):
        fields = [*ShiftSerializer.Meta.fields, "eligible", "reasons"]

    def get_eligible(self, obj: Shift) -> bool:
        return not obj.problems

    @extend_schema_field(ReasonSerializer(many=True))
    def get_reasons(self, obj: Shift) -> list[dict]:
        return [
            {"code": problem.code, "message": " ".join(problem.messages)}
            for problem in obj.problems
        ]


# --- The volunteer (token) ------------------------------------------------------------
class AssignedShiftSerializer(ShiftBaseSerializer):
    """A shift for the people on it: with briefing, notes and whom to call."""

    briefing = serializers.CharField(source="role.briefing")
    coordinator = serializers.SerializerMethodField()

    class Meta(ShiftBaseSerializer.Meta):
        fields = [*ShiftBaseSerializer.Meta.fields, "briefing", "notes", "coordinator"]

    @extend_schema_field(nullable_object("name", "phone"))
    def get_coordinator(self, obj: Shift) -> dict | None:
        user: AbstractBaseUser | None = obj.coordinator
        if user is None:
            return None
        return {
            "name": user.get_full_name() or user.get_username(),
            "phone": obj.coordinator_phone,
        }


class AssignmentSerializer(serializers.ModelSerializer):
    """One of the volunteer's shifts; `withdraw_until` is the last moment they can
    withdraw themselves (context: policy)."""

    url = serializers.SerializerMethodField()
    shift = AssignedShiftSerializer()
    withdraw_until = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = ["id", "url", "shift", "created_at", "withdraw_until"]

    def get_url(self, obj: Assignment) -> str:
        return self.context["request"].build_absolute_uri(
            reverse(
                "volunteers-api:volunteer-assignment",
                kwargs={"token": obj.volunteer.token, "pk": obj.pk},
            )
        )

    def get_withdraw_until(self, obj: Assignment) -> str:
        deadline = self.context["withdraw_deadline"]
        return serializers.DateTimeField().to_representation(
            obj.shift.starts_at - deadline
        )


class QualificationSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(
        help_text=_("police_certificate, first_aid, hygiene or juleica.")
    )
    label = serializers.CharField(source="get_kind_display")
    last_valid_day = serializers.SerializerMethodField()

    class Meta:
        model = Qualification
        fields = ["id", "kind", "label", "issued_on", "last_valid_day"]

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_last_valid_day(self, obj: Qualification) -> str | None:
        """Under the festival's rules; null when it does not expire (context:
        last_valid_days by id)."""
        day = self.context["last_valid_days"][obj.pk]
        return None if day is None else day.isoformat()


def _guardian(obj: Volunteer) -> dict | None:
    """For helpers under 18 only."""
    if not obj.is_minor:
        return None
    consent_at = obj.guardian_consent_at
    return {
        "name": obj.guardian_name,
        "contact": obj.guardian_contact,
        "consent_at": consent_at
        and serializers.DateTimeField().to_representation(consent_at),
    }


GUARDIAN_SCHEMA = nullable_object("name", "contact", date_times=("consent_at",))
PARTNER_SCHEMA = nullable_object("slug", "name")


class VolunteerDetailsSerializer(serializers.ModelSerializer):
    """What the volunteer and the coordinators both see of a person."""

    partner = serializers.SerializerMethodField()
    tshirt_size = serializers.CharField(help_text=_("XS … XXL, 152, 164 or empty."))
    age_group = serializers.CharField(help_text=_("adult, 16_17 or 13_15."))
    language = serializers.CharField()
    guardian = serializers.SerializerMethodField()

    class Meta:
        model = Volunteer
        fields = [*VOLUNTEER_DETAILS, "guardian", "language"]

    @extend_schema_field(PARTNER_SCHEMA)
    def get_partner(self, obj: Volunteer) -> dict | None:
        return _ref(obj.partner, "slug", "name")

    @extend_schema_field(GUARDIAN_SCHEMA)
    def get_guardian(self, obj: Volunteer) -> dict | None:
        """For helpers under 18 only."""
        return _guardian(obj)


class VolunteerSerializer(VolunteerDetailsSerializer):
    """The volunteer as they see themselves through their token."""

    url = serializers.SerializerMethodField()
    volunteer_url = serializers.SerializerMethodField()
    assignments = serializers.SerializerMethodField()
    qualifications = serializers.SerializerMethodField()

    class Meta(VolunteerDetailsSerializer.Meta):
        fields = [
            "url",
            "volunteer_url",
            *VolunteerDetailsSerializer.Meta.fields,
            "created_at",
            "assignments",
            "qualifications",
        ]

    def get_url(self, obj: Volunteer) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("volunteers-api:volunteer", kwargs={"token": obj.token})
        )

    def get_volunteer_url(self, obj: Volunteer) -> str:
        """Their page ("Meine Einsätze")."""
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    @extend_schema_field(AssignmentSerializer(many=True))
    def get_assignments(self, obj: Volunteer) -> list:
        return AssignmentSerializer(
            self.context["assignments"], many=True, context=self.context
        ).data

    @extend_schema_field(QualificationSerializer(many=True))
    def get_qualifications(self, obj: Volunteer) -> list:
        return QualificationSerializer(
            self.context["qualifications"], many=True, context=self.context
        ).data


# --- Requests of volunteers and coordinators ------------------------------------------
class GuardianInputSerializer(serializers.Serializer):
    name = _text(help_text=_("A parent's or guardian's name."))
    contact = _text(help_text=_("Their phone number or e-mail address."))
    consent = StrictBooleanField(
        required=False,
        default=False,
        help_text=_("The guardian agrees to the shifts; must be true for minors."),
    )


class VolunteerInputSerializer(serializers.Serializer):
    name = StrictCharField(allow_blank=True)
    email = StrictCharField(allow_blank=True)
    phone = _text()
    partner = StrictCharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        default=None,
        help_text=_("The slug of the partner organisation the person comes from."),
    )
    tshirt_size = _text(help_text=_("XS, S, M, L, XL, XXL, 152, 164 or empty."))
    age_group = StrictCharField(
        allow_blank=True,
        help_text=_("adult, 16_17 or 13_15 (helpers must be at least 13)."),
    )
    guardian = GuardianInputSerializer(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Needed for helpers under 18."),
    )
    language = _text(help_text=_("Language of the e-mails: de or en (default de)."))


class VolunteerRegisterSerializer(VolunteerInputSerializer):
    consent_privacy = StrictBooleanField(
        required=False,
        default=False,
        help_text=_("Agreement to the privacy notice; must be true."),
    )


class VolunteerRegisteredSerializer(serializers.Serializer):
    """201: a new volunteer and their links."""

    status = serializers.CharField(help_text=_("Always registered."))
    volunteer_url = serializers.URLField(
        help_text=_("The volunteer's page; the same link is sent by e-mail.")
    )
    url = serializers.URLField(help_text=_("The volunteer in this API."))
    volunteer = VolunteerSerializer()


class LinkSentSerializer(serializers.Serializer):
    """202: the address is registered; its link went to that address."""

    status = serializers.CharField(help_text=_("Always link_sent."))


class AssignmentRequestSerializer(serializers.Serializer):
    shift = IdField(help_text=_("The shift's id."))


# --- Organisers -----------------------------------------------------------------------
class OrgaVolunteerWriteSerializer(VolunteerInputSerializer):
    """Creating (POST) or changing (PATCH, any subset) a volunteer."""

    notes = _text(help_text=_("Coordinators' notes, never shown to the volunteer."))


class OrgaVolunteerSerializer(VolunteerDetailsSerializer):
    url = serializers.SerializerMethodField()
    shifts = serializers.IntegerField(
        source="shift_count", help_text=_("Shifts the person works.")
    )

    class Meta(VolunteerDetailsSerializer.Meta):
        fields = [
            "id",
            "url",
            *VolunteerDetailsSerializer.Meta.fields,
            "notes",
            "consent_privacy_version",
            "created_at",
            "shifts",
        ]

    def get_url(self, obj: Volunteer) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("volunteers-api:orga-volunteer", kwargs={"pk": obj.pk})
        )


class OrgaQualificationSerializer(QualificationSerializer):
    class Meta(QualificationSerializer.Meta):
        fields = [
            "id",
            "kind",
            "label",
            "issued_on",
            "valid_until",
            "last_valid_day",
            "sighted_on",
            "sighted_by",
            "created_at",
        ]


class QualificationWriteSerializer(serializers.Serializer):
    kind = StrictCharField(
        allow_blank=True,
        help_text=_("police_certificate, first_aid, hygiene or juleica."),
    )
    issued_on = serializers.DateField(help_text=_("Issue or course date."))
    valid_until = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("JuLeiCa only: the date on the card."),
    )
    sighted_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Police certificate: the day it was sighted."),
    )
    sighted_by = _text(help_text=_("Police certificate: who sighted it."))


class VolunteerRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    phone = serializers.CharField()
    age_group = serializers.CharField()


class OrgaAssignmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    shift = ShiftBaseSerializer()
    volunteer = VolunteerRefSerializer()
    assigned_by = serializers.SerializerMethodField()
    attendance = serializers.CharField(help_text=_("unknown, present or absent."))

    class Meta:
        model = Assignment
        fields = [
            "id",
            "url",
            "shift",
            "volunteer",
            "assigned_by",
            "created_at",
            "attendance",
            "attendance_marked_at",
        ]

    def get_url(self, obj: Assignment) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("volunteers-api:orga-assignment", kwargs={"pk": obj.pk})
        )

    def get_assigned_by(self, obj: Assignment) -> str | None:
        """The coordinator's user name; null when the volunteer signed up."""
        return obj.assigned_by.get_username() if obj.assigned_by else None


class OrgaAssignmentRequestSerializer(serializers.Serializer):
    shift = IdField(help_text=_("The shift's id."))
    volunteer = IdField(help_text=_("The volunteer's id."))


class AttendanceSerializer(serializers.Serializer):
    attendance = StrictCharField(help_text=_("unknown, present or absent."))


class CoverageCellSerializer(serializers.Serializer):
    day = serializers.DateField()
    needed = serializers.IntegerField()
    filled = serializers.IntegerField(help_text=_("At most `needed` per shift."))
    missing = serializers.IntegerField()
    state = serializers.CharField(help_text=_("empty, full, short or critical."))


class CoverageRowSerializer(serializers.Serializer):
    role = RoleRefSerializer()
    days = CoverageCellSerializer(many=True)


class CoverageSerializer(serializers.Serializer):
    """Needed vs. filled per day and role, and the day's totals."""

    days = serializers.ListField(child=serializers.DateField())
    roles = CoverageRowSerializer(many=True)
    totals = CoverageCellSerializer(many=True)
