"""API representations. Serializers parse and shape data; rules live in services."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.models import Audience, Event, Partner, SubEvent, Venue


class PartnerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Partner
        fields = ["slug", "name", "sector", "description", "website"]


class SubEventSerializer(serializers.ModelSerializer):
    lead_partner = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = SubEvent
        fields = [
            "slug",
            "name",
            "kind",
            "description",
            "colour",
            "lead_partner",
            "url",
        ]

    def get_url(self, obj: SubEvent) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class VenueSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Venue
        fields = [
            "slug",
            "name",
            "street",
            "postal_code",
            "city",
            "latitude",
            "longitude",
            "capacity",
            "setting",
            "step_free",
            "accessible_toilet",
            "hearing_loop",
            "parking",
            "accessibility_notes",
            "directions",
            "shared",
            "is_published",
            "url",
        ]
        read_only_fields = ["url"]
        extra_kwargs = {"slug": {"required": False}}

    def get_url(self, obj: Venue) -> str | None:
        if not obj.pk:
            return None
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class AudienceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Audience
        fields = ["slug", "name", "min_age", "max_age"]


class EventSerializer(serializers.ModelSerializer):
    """What the programme shows about an event (read)."""

    sub_event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    venue = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    audiences = AudienceSerializer(many=True, read_only=True)
    host_partners = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    seats_available = serializers.SerializerMethodField()
    registration = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    details = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "summary",
            "description",
            "sub_event",
            "venue",
            "starts_at",
            "ends_at",
            "setup_minutes",
            "teardown_minutes",
            "status",
            "cancel_reason",
            "capacity",
            "seats_available",
            "registration",
            "registration_opens_at",
            "registration_closes_at",
            "max_party_size",
            "adult_required_under",
            "adults_take_seats",
            "min_age",
            "max_age",
            "audiences",
            "is_free",
            "price_text",
            "languages",
            "accessibility_notes",
            "host_partners",
            "url",
            "details",
            "updated_at",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_details(self, obj: Event) -> list[str]:
        """The sub-event modules' lines (a film's FSK rating, a session's track)."""
        return self.context["details"].get(obj.pk, [])

    def get_seats_available(self, obj: Event) -> int | None:
        return self.context["seats"][obj.pk]

    def get_registration(self, obj: Event) -> str:
        """none, not_yet_open, open or closed."""
        return obj.registration_state()

    def get_url(self, obj: Event) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class PlanningDateTimeField(serializers.DateTimeField):
    """A moment of a festival's planning: years 2000 to 2999 (400
    `date_out_of_range`). Year 14 in Europe/Berlin has the local mean time's
    offset +00:53:28, which no RFC 3339 date-time can state, and no festival
    week is planned for it."""

    default_error_messages = {
        "date_out_of_range": _("Enter a date between the years 2000 and 2999.")
    }

    def to_internal_value(self, value):
        moment = super().to_internal_value(value)
        if not 2000 <= moment.year <= 2999:
            self.fail("date_out_of_range")
        return moment


class SlugReferenceField(serializers.SlugRelatedField):
    """Another object named by its slug. A value with a NUL byte names none and is
    `does_not_exist` without a query: PostgreSQL refuses NUL in a query's text
    (a DataError, which was a 500)."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(data)


class EventWriteSerializer(serializers.Serializer):
    """What an organiser may send to create or change an event."""

    sub_event = SlugReferenceField(slug_field="slug", queryset=SubEvent.objects.all())
    title = serializers.CharField(max_length=200)
    slug = serializers.SlugField(max_length=120, required=False)
    summary = serializers.CharField(max_length=300, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    venue = SlugReferenceField(
        slug_field="slug", queryset=Venue.objects.all(), required=False, allow_null=True
    )
    starts_at = PlanningDateTimeField()
    ends_at = PlanningDateTimeField()
    setup_minutes = serializers.IntegerField(
        min_value=0, max_value=1440, required=False
    )
    teardown_minutes = serializers.IntegerField(
        min_value=0, max_value=1440, required=False
    )
    capacity = serializers.IntegerField(
        min_value=0, max_value=100000, required=False, allow_null=True
    )
    registration_opens_at = PlanningDateTimeField(required=False, allow_null=True)
    registration_closes_at = PlanningDateTimeField(required=False, allow_null=True)
    max_party_size = serializers.IntegerField(min_value=1, max_value=50, required=False)
    adult_required_under = serializers.IntegerField(
        min_value=0, max_value=18, required=False, allow_null=True
    )
    adults_take_seats = serializers.BooleanField(required=False)
    min_age = serializers.IntegerField(
        min_value=0, max_value=120, required=False, allow_null=True
    )
    max_age = serializers.IntegerField(
        min_value=0, max_value=120, required=False, allow_null=True
    )
    is_free = serializers.BooleanField(required=False)
    price_text = serializers.CharField(max_length=200, required=False, allow_blank=True)
    languages = serializers.ListField(
        child=serializers.RegexField(r"^[a-z]{2,3}(-[A-Za-z]{2})?$"),
        required=False,
        max_length=10,
    )
    accessibility_notes = serializers.CharField(required=False, allow_blank=True)
    audiences = SlugReferenceField(
        slug_field="slug", many=True, queryset=Audience.objects.all(), required=False
    )
    host_partners = SlugReferenceField(
        slug_field="slug", many=True, queryset=Partner.objects.all(), required=False
    )


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=300, help_text=_("Shown in the programme beside the event.")
    )


class ErrorItemSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    """Every error response: a machine-readable `code` and a readable `detail`."""

    code = serializers.CharField(
        help_text=_("Machine-readable, e.g. venue_conflict, not_authenticated.")
    )
    detail = serializers.CharField()
    errors = serializers.DictField(
        child=ErrorItemSerializer(many=True),
        required=False,
        help_text=_("For refused input: the errors per field."),
    )
