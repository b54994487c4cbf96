"""The coordinators' endpoints for shifts: who works which shift (assign with the
sign-up rules, attendance, withdraw without deadline) and the coverage board.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from events.api_plumbing import refuse
from events.audit import audit_request
from events.models import Festival
from events.selectors import festival_current
from volunteers import services
from volunteers.api.common import OrgaMixin, created, errors
from volunteers.api.filters import AssignmentFilter
from volunteers.models import Assignment, Shift, Volunteer
from volunteers.selectors import coverage
from volunteers.serializers import (
    AttendanceSerializer,
    CoverageSerializer,
    OrgaAssignmentRequestSerializer,
    OrgaAssignmentSerializer,
)


def _orga_assignments(festival: Festival | None) -> QuerySet[Assignment]:
    return (
        Assignment.objects.active()
        .filter(volunteer__festival=festival)
        .select_related(
            "shift__role",
            "shift__venue",
            "shift__event",
            "shift__sub_event",
            "volunteer",
            "assigned_by",
        )
        .order_by("shift__starts_at", "shift_id", "pk")
    )


def _orga_assignment_or_404(pk: int) -> Assignment:
    assignment = _orga_assignments(festival_current()).filter(pk=pk).first()
    if assignment is None:
        raise exceptions.NotFound(_("There is no such assignment."))
    return assignment


def _assignment_data(request: Request, pk: int) -> dict:
    assignment = _orga_assignment_or_404(pk)
    return OrgaAssignmentSerializer(assignment, context={"request": request}).data


class OrgaAssignmentListView(OrgaMixin, generics.ListAPIView):
    """Who works which shift (active assignments); coordinators assign people with
    the same rules as the sign-up."""

    serializer_class = OrgaAssignmentSerializer
    filterset_class = AssignmentFilter
    queryset = Assignment.objects.none()
    required_perms = {
        "GET": ["volunteers.view_assignment"],
        "POST": ["volunteers.add_assignment"],
    }

    def get_queryset(self) -> QuerySet[Assignment]:
        if getattr(self, "swagger_fake_view", False):
            return Assignment.objects.none()
        return _orga_assignments(festival_current())

    def filter_queryset(self, queryset: QuerySet[Assignment]) -> QuerySet[Assignment]:
        return AssignmentFilter(
            self.request.query_params, queryset=queryset, festival=festival_current()
        ).filtered()

    @extend_schema(
        operation_id="orga_assignments_list",
        responses={200: OrgaAssignmentSerializer(many=True), **errors(400, 401, 403)},
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        response = super().get(request, *args, **kwargs)
        audit_request(request, action="volunteers.assignments_read", summary="API")
        return response

    @extend_schema(
        operation_id="orga_assignments_create",
        description="Assign a volunteer to a shift; the sign-up rules apply "
        "(shift_full, shift_clash, ...).",
        request=OrgaAssignmentRequestSerializer,
        responses={
            201: OrgaAssignmentSerializer,
            **errors(400, 401, 403, 413, 415),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = OrgaAssignmentRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        festival = festival_current()
        volunteer = (
            Volunteer.objects.active()
            .filter(festival=festival, pk=data["volunteer"])
            .first()
        )
        if volunteer is None:
            raise refuse(
                "volunteer", _("There is no such volunteer."), "volunteer_unknown"
            )
        shift = Shift.objects.filter(role__festival=festival, pk=data["shift"]).first()
        if shift is None:
            raise refuse("shift", _("There is no such shift."), "shift_unknown")
        assignment = services.assignment_create(
            shift=shift, volunteer=volunteer, by=request.user
        )
        return created(_assignment_data(request, assignment.pk))


class OrgaAssignmentDetailView(OrgaMixin, APIView):
    required_perms = {
        "GET": ["volunteers.view_assignment"],
        "PATCH": ["volunteers.change_assignment"],
        "DELETE": ["volunteers.delete_assignment"],
    }

    @extend_schema(
        operation_id="orga_assignments_retrieve",
        responses={200: OrgaAssignmentSerializer, **errors(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        data = _assignment_data(request, pk)
        audit_request(
            request, action="volunteers.assignment_read", obj=Assignment(pk=pk)
        )
        return Response(data)

    @extend_schema(
        operation_id="orga_assignments_attendance",
        description="Mark the volunteer present or absent on the day (or unknown).",
        request=AttendanceSerializer,
        responses={
            200: OrgaAssignmentSerializer,
            **errors(400, 401, 403, 404, 413, 415),
        },
    )
    def patch(self, request: Request, pk: int) -> Response:
        assignment = _orga_assignment_or_404(pk)
        serializer = AttendanceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.assignment_attendance_mark(
            assignment=assignment,
            attendance=serializer.validated_data["attendance"],
        )
        return Response(_assignment_data(request, pk))

    @extend_schema(
        operation_id="orga_assignments_withdraw",
        description="Take the volunteer off the shift (no deadline for "
        "coordinators); the volunteer is told by e-mail.",
        responses={204: None, **errors(401, 403, 404)},
    )
    def delete(self, request: Request, pk: int) -> Response:
        services.assignment_withdraw(
            assignment=_orga_assignment_or_404(pk), by=request.user
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class OrgaCoverageView(OrgaMixin, APIView):
    required_perms = {"GET": ["volunteers.view_shift"]}

    @extend_schema(
        operation_id="orga_coverage_retrieve",
        responses={200: CoverageSerializer, **errors(401, 403)},
    )
    def get(self, request: Request) -> Response:
        """Needed vs. filled per day and role for the current festival."""
        festival = festival_current()
        if festival is None:
            return Response({"days": [], "roles": [], "totals": []})
        board = coverage(festival)

        def cells(row: list) -> list[dict]:
            return [
                {
                    "day": day,
                    "needed": cell.needed,
                    "filled": cell.filled,
                    "missing": cell.missing,
                    "state": cell.state,
                }
                for day, cell in zip(board.days, row, strict=True)
            ]

        data = {
            "days": board.days,
            "roles": [{"role": role, "days": cells(row)} for role, row in board.rows],
            "totals": cells(board.totals),
        }
        return Response(CoverageSerializer(data).data)
