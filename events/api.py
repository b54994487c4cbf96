"""REST API v1 for the programme (read, public) and its planning (write, organisers).

Every write calls the same service as the admin; errors come back as
{"code": ..., "detail": ..., "errors": {field: [{"code", "message"}]}}.
"""

from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from events import roles, services
from events.api_plumbing import ErrorsAutoSchema
from events.filters import EventFilter
from events.models import Event, Partner, SubEvent, Venue
from events.registry import registry
from events.selectors import (
    event_list_public,
    event_list_visible,
    seats_available_map,
    sub_event_list,
)
from events.serializers import (
    CancelSerializer,
    ErrorSerializer,
    EventSerializer,
    EventWriteSerializer,
    PartnerSerializer,
    SubEventSerializer,
    VenueSerializer,
)

WRITE_ACTIONS = {"update", "partial_update", "cancel", "publish"}

# What a slug can be (the models' SlugField): anything else in its place in an
# address is no route, a JSON 404 (api_urls.not_found) without a query — a NUL
# byte there was a 500 on PostgreSQL, which refuses NUL in a query's text.
SLUG = "[-a-zA-Z0-9_]+"

_ERROR_TEXTS = {
    400: "Refused; `code` says why (venue_conflict, end_before_start, ...).",
    401: "Not signed in (send `Authorization: Token <token>`).",
    403: "Signed in, but not allowed to do this.",
    404: "No such object, or not visible to you.",
}


def errors(*statuses: int) -> dict[int, OpenApiResponse]:
    """Schema of the error responses an operation can give (see events.drf)."""
    return {
        status: OpenApiResponse(ErrorSerializer, description=_ERROR_TEXTS[status])
        for status in statuses
    }


WRITE_ERRORS = errors(400, 401, 403, 404)


class IsPlannerOrReadOnly(permissions.DjangoModelPermissionsOrAnonReadOnly):
    """Anyone reads; writing needs the model permission of an organiser group."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": [],
        "OPTIONS": [],
        "HEAD": [],
    }


@extend_schema_view(
    partial_update=extend_schema(
        request=EventWriteSerializer,
        responses={200: EventSerializer, **WRITE_ERRORS},
    )
)
class EventViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Events of the programme. Anonymous readers see published and cancelled
    events; organisers also see the drafts they may edit."""

    schema = ErrorsAutoSchema()
    lookup_field = "slug"
    lookup_value_regex = SLUG
    filterset_class = EventFilter
    permission_classes = [IsPlannerOrReadOnly]
    queryset = Event.objects.none()  # for the permission class and the schema

    def get_queryset(self) -> QuerySet[Event]:
        user = self.request.user
        # Writes look among what the user can see, so that a visible event they may
        # not change answers 403 (get_object) and only an invisible draft 404.
        if self.action in WRITE_ACTIONS or (
            user.is_authenticated and self.request.query_params.get("include_drafts")
        ):
            return event_list_visible(user=user)
        return event_list_public()

    def get_object(self) -> Event:
        event = super().get_object()
        if (
            self.action in WRITE_ACTIONS
            and not roles.events_editable_by(self.request.user)
            .filter(pk=event.pk)
            .exists()
        ):
            raise exceptions.PermissionDenied(_("You may not change this event."))
        return event

    def get_serializer_class(self):
        if self.action in {"create", "update", "partial_update"}:
            return EventWriteSerializer
        if self.action == "cancel":
            return CancelSerializer
        return EventSerializer

    def _read(self, events: list[Event], many: bool):
        seats = seats_available_map(events)
        context = {
            **self.get_serializer_context(),
            "seats": seats,
            "details": registry.detail_lines_map(events),
        }
        data = EventSerializer(
            events if many else events[0], many=many, context=context
        ).data
        return data

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "include_drafts",
                bool,
                description="Signed-in planners: also the drafts they may edit.",
            )
        ],
        responses={200: EventSerializer(many=True), **errors(400)},
    )
    def list(self, request: Request, *args, **kwargs) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self._read(list(page), many=True))

    @extend_schema(responses={200: EventSerializer, **errors(404)})
    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return Response(self._read([self.get_object()], many=False))

    @extend_schema(
        request=EventWriteSerializer,
        responses={201: EventSerializer, **errors(400, 401, 403)},
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = EventWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if data["sub_event"] not in roles.sub_events_for(request.user):
            raise exceptions.PermissionDenied(
                _("You may not plan events for this sub-event.")
            )
        audiences = data.pop("audiences", None)
        host_partners = data.pop("host_partners", None)
        if roles.only_drafts(request.user):
            # A partner's proposal is always hosted by their own organisation.
            own = list(Partner.objects.filter(members=request.user))
            if not own:
                raise exceptions.PermissionDenied(
                    _("Your account belongs to no partner organisation.")
                )
            host_partners = sorted(set(host_partners or []) | set(own), key=str)
        event = services.event_create(
            created_by=request.user,
            audiences=audiences,
            host_partners=host_partners,
            **data,
        )
        return Response(self._read([event], many=False), status=status.HTTP_201_CREATED)

    @extend_schema(
        request=EventWriteSerializer,
        responses={200: EventSerializer, **WRITE_ERRORS},
    )
    def update(self, request: Request, *args, **kwargs) -> Response:
        event = self.get_object()
        partial = kwargs.pop("partial", False)
        serializer = EventWriteSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "sub_event" in data and data["sub_event"] not in roles.sub_events_for(
            request.user
        ):
            raise exceptions.PermissionDenied(
                _("You may not plan events for this sub-event.")
            )
        host_partners = data.pop("host_partners", None)
        if host_partners is not None and roles.only_drafts(request.user):
            # A partner cannot hand their proposal away (and so lose it).
            own = Partner.objects.filter(members=request.user)
            host_partners = sorted(set(host_partners) | set(own), key=str)
        event = services.event_update(
            event=event,
            audiences=data.pop("audiences", None),
            host_partners=host_partners,
            **data,
        )
        return Response(self._read([event], many=False))

    @extend_schema(request=None, responses={200: EventSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["post"])
    def publish(
        self, request: Request, slug: str | None = None, format: str | None = None
    ) -> Response:
        event = self.get_object()
        if not roles.can_publish(request.user, event):
            raise exceptions.PermissionDenied(_("You may not publish this event."))
        return Response(self._read([services.event_publish(event=event)], many=False))

    @extend_schema(
        request=CancelSerializer, responses={200: EventSerializer, **WRITE_ERRORS}
    )
    @action(detail=True, methods=["post"])
    def cancel(
        self, request: Request, slug: str | None = None, format: str | None = None
    ) -> Response:
        event = self.get_object()
        if not roles.can_publish(request.user, event):
            raise exceptions.PermissionDenied(_("You may not cancel this event."))
        serializer = CancelSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = services.event_cancel(
            event=event, reason=serializer.validated_data["reason"]
        )
        return Response(self._read([event], many=False))


class SubEventViewSet(viewsets.ReadOnlyModelViewSet):
    schema = ErrorsAutoSchema()
    lookup_field = "slug"
    lookup_value_regex = SLUG
    serializer_class = SubEventSerializer

    def get_queryset(self) -> QuerySet[SubEvent]:
        return sub_event_list()


@extend_schema_view(
    create=extend_schema(responses={201: VenueSerializer, **errors(400, 401, 403)}),
    update=extend_schema(responses={200: VenueSerializer, **WRITE_ERRORS}),
    partial_update=extend_schema(responses={200: VenueSerializer, **WRITE_ERRORS}),
)
class VenueViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Venues. Reading is public; writing is for the Orga-Team."""

    schema = ErrorsAutoSchema()
    lookup_field = "slug"
    lookup_value_regex = SLUG
    serializer_class = VenueSerializer
    permission_classes = [IsPlannerOrReadOnly]
    queryset = Venue.objects.none()

    def get_queryset(self) -> QuerySet[Venue]:
        if roles.user_is_orga(self.request.user):
            return Venue.objects.all()
        return Venue.objects.filter(is_published=True)

    def perform_create(self, serializer: VenueSerializer) -> None:
        data = dict(serializer.validated_data)
        if not data.get("slug"):
            from django.utils.text import slugify

            data["slug"] = slugify(data["name"])[:80]
        serializer.instance = services.venue_save(venue=Venue(**data))

    def perform_update(self, serializer: VenueSerializer) -> None:
        venue = serializer.instance
        for field, value in serializer.validated_data.items():
            setattr(venue, field, value)
        serializer.instance = services.venue_save(venue=venue)


class AuthTokenView(ObtainAuthToken):
    """A user's API token for their username and password (DRF's view; the schema
    also lists its refusal, 400 `authorization`)."""

    schema = ErrorsAutoSchema()


@csrf_exempt  # else a POST to a wrong address would be refused with an HTML 403
def not_found(request: HttpRequest, path: str) -> JsonResponse:
    """404 in the API's error format for an address under /api/v1/ that no route
    matches (an id that is no number, a slug with a dot): Django's HTML page would
    be the only non-JSON answer an API client could get."""
    return JsonResponse(
        {"code": "not_found", "detail": str(exceptions.NotFound.default_detail)},
        status=status.HTTP_404_NOT_FOUND,
    )


class PartnerViewSet(viewsets.ReadOnlyModelViewSet):
    schema = ErrorsAutoSchema()
    lookup_field = "slug"
    lookup_value_regex = SLUG
    serializer_class = PartnerSerializer
    queryset = Partner.objects.all()
    filterset_fields = ["sector"]
