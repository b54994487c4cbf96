"""API representations of registrations. Serializers check JSON types and shape;
the rules (lengths, ages, seats, windows) live in registrations.services.

Fields are strict about JSON types (events.api_plumbing): "7" is no age and "yes"
no consent. A lenient coercion would accept what a client got wrong and store
something it did not mean.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.api_plumbing import StrictBooleanField, StrictCharField, StrictIntegerField
from registrations.models import Need, Participant, Registration
from registrations.services import PARTY_HARD_LIMIT


def _format(text: str, params: dict) -> str:
    return str(text) % params


_format_lazy = lazy(_format, str)


def lazy_format(text, **params):
    """A %-formatted translatable text that is translated when read, not at
    import (help texts are read in the language of each schema request)."""
    return _format_lazy(text, params)


class ParticipantListField(serializers.ListField):
    """The party; an absurd length is refused before any element is looked at."""

    def to_internal_value(self, data):
        if isinstance(data, list) and len(data) > PARTY_HARD_LIMIT:
            raise serializers.ValidationError(
                _("A party can have at most %(max)d people.")
                % {"max": PARTY_HARD_LIMIT},
                code="party_too_large",
            )
        return super().to_internal_value(data)


# --- Request --------------------------------------------------------------------------
class ContactSerializer(serializers.Serializer):
    name = StrictCharField(allow_blank=True, help_text=_("The contact's name."))
    email = StrictCharField(
        allow_blank=True,
        help_text=_("Households are recognised by their e-mail address."),
    )
    phone = StrictCharField(
        required=False, allow_blank=True, allow_null=True, default=""
    )
    language = StrictCharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        default="",
        help_text=_("Language of the e-mails: de or en (default de)."),
    )

    def validate_language(self, value: str | None) -> str:
        languages = {code for code, _name in settings.LANGUAGES}
        if value and value not in languages:
            raise serializers.ValidationError(
                _("Choose one of: %(languages)s.")
                % {"languages": ", ".join(sorted(languages))},
                code="language_invalid",
            )
        return value or ""


class ParticipantInputSerializer(serializers.Serializer):
    name = StrictCharField(allow_blank=True, help_text=_("First name."))
    age = StrictIntegerField(help_text=_("Age on the event day, 0 to 120."))
    photo_consent = StrictBooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Overrides the party's photo_consent for this person."),
    )


class RegistrationCreateSerializer(serializers.Serializer):
    event = StrictCharField(help_text=_("The event's slug."))
    contact = ContactSerializer()
    participants = ParticipantListField(
        child=ParticipantInputSerializer(),
        allow_empty=True,  # the service answers participants_required
        help_text=lazy_format(
            _("The whole party, at most %(max)d people."), max=PARTY_HARD_LIMIT
        ),
    )
    consent_privacy = StrictBooleanField(
        required=False,
        default=False,
        help_text=_("Agreement to the privacy notice; must be true."),
    )
    photo_consent = StrictBooleanField(
        required=False,
        default=False,
        help_text=_("Photo consent for every participant who does not say."),
    )
    needs = serializers.ListField(
        child=serializers.ChoiceField(choices=Need.choices),
        required=False,
        default=list,
        max_length=20,
    )
    needs_text = StrictCharField(
        required=False, allow_blank=True, allow_null=True, default=""
    )
    website = StrictCharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        default="",
        help_text=_(
            "Leave out or empty. The web form's trap for robots: anything else is "
            "refused (code rejected)."
        ),
    )


class RegistrationChangeSerializer(serializers.Serializer):
    participants = ParticipantListField(
        child=ParticipantInputSerializer(),
        allow_empty=True,  # the service answers participants_required
        help_text=lazy_format(
            _(
                "The new full party, at most %(max)d people. People whose name and age "
                "match stay registered, the others are cancelled, new ones are added. "
                "photo_consent is false for a person who does not say."
            ),
            max=PARTY_HARD_LIMIT,
        ),
    )


# --- Response -------------------------------------------------------------------------
class RegistrationStatusField(serializers.ChoiceField):
    """A registration's status; one named enum in the schema (see below)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("choices", Registration.Status.choices)
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)


class RegistrationStatusFieldExtension(OpenApiSerializerFieldExtension):
    """drf-spectacular names enums after their field: the registration's `status`
    would collide with the event's and get a hashed name. This registers it once
    as RegistrationStatusEnum (defining the class is what registers it)."""

    target_class = RegistrationStatusField

    def map_serializer_field(self, auto_schema, direction):
        component = ResolvedComponent(
            name="RegistrationStatusEnum",
            type=ResolvedComponent.SCHEMA,
            object="RegistrationStatusEnum",
            schema={"type": "string", "enum": list(Registration.Status.values)},
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref


class ParticipantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Participant
        fields = ["id", "name", "age", "is_child", "takes_seat", "photo_consent"]


class RegistrationSerializer(serializers.ModelSerializer):
    """A registration as its token's holder sees it (no household data: whoever
    registers with a known e-mail address gets this, and must not learn more)."""

    url = serializers.SerializerMethodField()
    manage_url = serializers.SerializerMethodField()
    status = RegistrationStatusField()
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    event_title = serializers.CharField(source="event.title", read_only=True)
    starts_at = serializers.DateTimeField(source="event.starts_at", read_only=True)
    seats = serializers.SerializerMethodField()
    waitlist_position = serializers.SerializerMethodField()
    participants = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = [
            "token",
            "url",
            "manage_url",
            "event",
            "event_title",
            "starts_at",
            "status",
            "seats",
            "waitlist_position",
            "participants",
            "needs",
            "needs_text",
            "created_at",
            "confirmed_at",
            "cancelled_at",
        ]

    def get_url(self, obj: Registration) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("registrations-api:registration", kwargs={"token": obj.token})
        )

    def get_manage_url(self, obj: Registration) -> str:
        """The page of this registration (the household's page is in the e-mail)."""
        return self.context["request"].build_absolute_uri(
            reverse("registrations:manage", kwargs={"token": obj.token})
        )

    def _active(self, obj: Registration) -> list[Participant]:
        active = getattr(obj, "active_participants", None)
        if active is None:
            active = [p for p in obj.participants.all() if p.cancelled_at is None]
        return active

    def get_seats(self, obj: Registration) -> int:
        """Seats held (confirmed) or waited for (waiting list); 0 once cancelled."""
        if obj.status == Registration.Status.CANCELLED:
            return 0
        return sum(1 for p in self._active(obj) if p.takes_seat)

    def get_waitlist_position(self, obj: Registration) -> int | None:
        return self.context.get("waitlist_position")

    @extend_schema_field(ParticipantSerializer(many=True))
    def get_participants(self, obj: Registration) -> list:
        return ParticipantSerializer(self._active(obj), many=True).data


class RegistrationCreatedSerializer(serializers.Serializer):
    """The answer to a registration (DESIGN.md, Registration API)."""

    status = RegistrationStatusField(
        help_text=_("confirmed or waitlisted (never cancelled here).")
    )
    seats = serializers.IntegerField(help_text=_("Seats the party holds or waits for."))
    waitlist_position = serializers.IntegerField(
        allow_null=True, help_text=_("1 is next; null when confirmed.")
    )
    manage_url = serializers.URLField(
        help_text=_(
            "A new household's page with all its registrations; for a household "
            "that already existed, this registration's page (the household's link "
            "is sent by e-mail only)."
        )
    )
    registration = RegistrationSerializer()


# --- Organisers -----------------------------------------------------------------------
class OrgaParticipantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Participant
        fields = [
            "id",
            "name",
            "age",
            "is_child",
            "takes_seat",
            "photo_consent",
            "cancelled_at",
            "checked_in_at",
        ]


class OrgaContactSerializer(serializers.Serializer):
    name = serializers.CharField()
    email = serializers.EmailField()
    phone = serializers.CharField()
    language = serializers.CharField()


class OrgaRegistrationSerializer(serializers.ModelSerializer):
    """A party on the organisers' list (selectors.event_registration_board)."""

    contact = OrgaContactSerializer(source="household")
    status = RegistrationStatusField()
    seats = serializers.IntegerField(
        help_text=_("Seats held or waited for (active participants taking one).")
    )
    waitlist_position = serializers.IntegerField(source="position", allow_null=True)
    participants = OrgaParticipantSerializer(many=True, source="people")

    class Meta:
        model = Registration
        fields = [
            "id",
            "status",
            "contact",
            "seats",
            "waitlist_position",
            "needs",
            "needs_text",
            "consent_privacy_version",
            "created_at",
            "confirmed_at",
            "cancelled_at",
            "participants",
        ]


class EventRegistrationsSerializer(serializers.Serializer):
    event = serializers.CharField(help_text=_("The event's slug."))
    title = serializers.CharField()
    capacity = serializers.IntegerField(allow_null=True)
    seats_taken = serializers.IntegerField()
    seats_available = serializers.IntegerField(allow_null=True)
    seats_waiting = serializers.IntegerField()
    confirmed = OrgaRegistrationSerializer(many=True)
    waitlisted = OrgaRegistrationSerializer(
        many=True, help_text=_("In order of arrival: position 1 is next.")
    )
    cancelled = OrgaRegistrationSerializer(many=True)
