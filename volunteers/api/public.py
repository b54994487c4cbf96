"""Public reads, no account: the current festival's roles and its shifts. They carry
no personal data: a shift says how many are needed and on it, never who.
"""

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from events.api_plumbing import ErrorsAutoSchema
from events.models import Festival
from events.selectors import festival_current
from volunteers.api.common import errors
from volunteers.api.filters import ShiftFilter
from volunteers.models import Role, Shift
from volunteers.selectors import shifts_with_counts
from volunteers.serializers import RoleSerializer, ShiftSerializer


class PublicListView(generics.ListAPIView):
    schema = ErrorsAutoSchema()
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]


class RoleListView(PublicListView):
    """The roles (Aufgaben) of the current festival: what one does, the briefing,
    the qualifications needed and the minimum age."""

    serializer_class = RoleSerializer
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[Role]:
        if getattr(self, "swagger_fake_view", False):  # the schema: no festival
            return Role.objects.none()
        return Role.objects.filter(festival=festival_current()).order_by("name", "pk")

    @extend_schema(
        operation_id="volunteer_roles_list",
        responses={200: RoleSerializer(many=True)},
        auth=[],
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


def _future_shifts(festival: Festival | None) -> QuerySet[Shift]:
    return shifts_with_counts(festival).filter(starts_at__gt=timezone.now())


class ShiftListView(PublicListView):
    """Shifts of the current festival that have not started, with how many people
    are needed and on them (never who)."""

    serializer_class = ShiftSerializer
    filterset_class = ShiftFilter

    def get_queryset(self) -> QuerySet[Shift]:
        if getattr(self, "swagger_fake_view", False):
            return Shift.objects.none()
        return _future_shifts(festival_current())

    def filter_queryset(self, queryset: QuerySet[Shift]) -> QuerySet[Shift]:
        return ShiftFilter(
            self.request.query_params, queryset=queryset, festival=festival_current()
        ).filtered()

    @extend_schema(
        operation_id="shifts_list",
        responses={200: ShiftSerializer(many=True), **errors(400)},
        auth=[],
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


class ShiftDetailView(APIView):
    schema = ErrorsAutoSchema()
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        operation_id="shifts_retrieve",
        responses={200: ShiftSerializer, **errors(404)},
        auth=[],
    )
    def get(self, request: Request, pk: int) -> Response:
        """A shift of the current festival (also one that has started)."""
        shift = shifts_with_counts(festival_current()).filter(pk=pk).first()
        if shift is None:
            raise exceptions.NotFound(_("There is no such shift."))
        return Response(ShiftSerializer(shift, context={"request": request}).data)
