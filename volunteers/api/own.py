"""The volunteer's own endpoints, through their token (no account): registering,
their details, signing up for a shift, withdrawing, and the shifts open to them.

A new person's registration answers 201 with their links; a known e-mail address
answers 202 {"status": "link_sent"} and nothing else (see the package's docstring).
Registering is throttled per client address (429 rate_limited with Retry-After).
"""

import datetime as dt
import math

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions, status, throttling
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from events.api_plumbing import ErrorsAutoSchema, JSONBodyParser, RateLimited, refuse
from events.ratelimit import client_digest
from volunteers import services
from volunteers.api.common import created, errors, volunteer_register
from volunteers.api.filters import ShiftFilter
from volunteers.models import Assignment, Shift, Volunteer
from volunteers.selectors import (
    ASSIGNMENT_RELATED,
    open_shifts_for,
    policy_of,
    qualification_last_day,
    shifts_with_counts,
    volunteer_assignments,
    volunteer_by_token,
)
from volunteers.serializers import (
    AssignmentRequestSerializer,
    AssignmentSerializer,
    LinkSentSerializer,
    OpenShiftSerializer,
    VolunteerRegisteredSerializer,
    VolunteerRegisterSerializer,
    VolunteerSerializer,
)

REGISTER_RATE = "20/min"  # registrations per address; a person needs one


class RegisterThrottle(throttling.SimpleRateThrottle):
    """Per client address (behind the proxy, the last hop it appended), shared by
    all workers through the cache."""

    scope = "volunteer-register"
    rate = REGISTER_RATE

    def get_cache_key(self, request: Request, view: APIView) -> str:
        ident = client_digest(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def _volunteer_or_404(token: str) -> Volunteer:
    volunteer = volunteer_by_token(token)
    if volunteer is None:
        raise exceptions.NotFound(_("No volunteer has this link."))
    return volunteer


def _volunteer_context(request: Request, volunteer: Volunteer) -> dict:
    policy = policy_of(volunteer.festival)
    qualifications = list(volunteer.qualifications.all())
    return {
        "request": request,
        "withdraw_deadline": dt.timedelta(hours=policy.withdraw_deadline_hours),
        "assignments": list(volunteer_assignments(volunteer)),
        "qualifications": qualifications,
        "last_valid_days": {
            q.pk: qualification_last_day(q, policy) for q in qualifications
        },
    }


class VolunteerRegisterView(APIView):
    """A person registers to help (public, no account). No authentication, so DRF
    asks for no CSRF token (an anonymous JSON client has none)."""

    schema = ErrorsAutoSchema()
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    parser_classes = [JSONBodyParser]
    throttle_classes = [RegisterThrottle]

    def throttled(self, request: Request, wait: float | None) -> None:
        raise RateLimited(wait=math.ceil(wait or 1))

    @extend_schema(
        operation_id="volunteers_register",
        request=VolunteerRegisterSerializer,
        responses={
            201: VolunteerRegisteredSerializer,
            202: OpenApiResponse(
                LinkSentSerializer,
                description="The address is registered; the person's link went to "
                "it by e-mail. Nothing else is said and nothing is changed.",
            ),
            **errors(400, 413, 415, 429),
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = VolunteerRegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        result = volunteer_register(data, consent_privacy=data["consent_privacy"])
        if not result.created:
            return Response({"status": "link_sent"}, status=status.HTTP_202_ACCEPTED)
        volunteer = _volunteer_or_404(result.volunteer.token)
        context = _volunteer_context(request, volunteer)
        shown = VolunteerSerializer(volunteer, context=context).data
        body = {
            "status": "registered",
            "volunteer_url": shown["volunteer_url"],
            "url": shown["url"],
            "volunteer": shown,
        }
        return created(body)


class TokenView(APIView):
    schema = ErrorsAutoSchema()
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    parser_classes = [JSONBodyParser]


class VolunteerDetailView(TokenView):
    @extend_schema(
        operation_id="volunteers_retrieve",
        responses={200: VolunteerSerializer, **errors(404)},
        auth=[],
    )
    def get(self, request: Request, token: str) -> Response:
        """The volunteer's details, shifts and qualifications (with the last day
        each is valid under the festival's rules)."""
        volunteer = _volunteer_or_404(token)
        context = _volunteer_context(request, volunteer)
        return Response(VolunteerSerializer(volunteer, context=context).data)


def _assignment_data(request: Request, volunteer: Volunteer, pk: int) -> dict:
    # Not only the active ones: an erasure racing the sign-up may have withdrawn
    # the new assignment between its commit and this read (then it says so).
    assignment = (
        Assignment.objects.filter(volunteer=volunteer)
        .select_related(*ASSIGNMENT_RELATED)
        .get(pk=pk)
    )
    policy = policy_of(volunteer.festival)
    context = {
        "request": request,
        "withdraw_deadline": dt.timedelta(hours=policy.withdraw_deadline_hours),
    }
    return AssignmentSerializer(assignment, context=context).data


class VolunteerAssignmentsView(TokenView):
    @extend_schema(
        operation_id="volunteers_assignments_create",
        description="Sign up for a shift. The rules of the sign-up service apply; "
        "the first that fails is the `code` (shift_full, shift_clash, ...).",
        request=AssignmentRequestSerializer,
        responses={201: AssignmentSerializer, **errors(400, 404, 413, 415)},
        auth=[],
    )
    def post(self, request: Request, token: str) -> Response:
        volunteer = _volunteer_or_404(token)
        serializer = AssignmentRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        shift = Shift.objects.filter(
            role__festival_id=volunteer.festival_id,
            pk=serializer.validated_data["shift"],
        ).first()
        if shift is None:
            raise refuse("shift", _("There is no such shift."), "shift_unknown")
        assignment = services.assignment_create(shift=shift, volunteer=volunteer)
        data = _assignment_data(request, volunteer, assignment.pk)
        return created(data)


class VolunteerAssignmentView(TokenView):
    @extend_schema(
        operation_id="volunteers_assignments_withdraw",
        description="Withdraw from a shift, until the deadline before it "
        "(withdraw_until; later 400 withdraw_deadline: only a coordinator can). "
        "Withdrawing twice changes nothing.",
        responses={204: None, **errors(400, 404)},
        auth=[],
    )
    def delete(self, request: Request, token: str, pk: int) -> Response:
        volunteer = _volunteer_or_404(token)
        assignment = volunteer.assignments.filter(pk=pk).first()
        if assignment is None:
            raise exceptions.NotFound(_("This is not one of your shifts."))
        services.assignment_withdraw(assignment=assignment)
        return Response(status=status.HTTP_204_NO_CONTENT)


class VolunteerOpenShiftsView(generics.ListAPIView):
    """Future shifts the volunteer does not work yet, each with whether they may
    take it and, if not, every reason (the service refuses with the first)."""

    schema = ErrorsAutoSchema()
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    serializer_class = OpenShiftSerializer
    filterset_class = ShiftFilter
    queryset = Shift.objects.none()

    @extend_schema(
        operation_id="volunteers_open_shifts_list",
        responses={200: OpenShiftSerializer(many=True), **errors(400, 404)},
        auth=[],
    )
    def get(self, request: Request, token: str) -> Response:
        volunteer = _volunteer_or_404(token)
        shifts = ShiftFilter(
            request.query_params,
            queryset=shifts_with_counts(volunteer.festival),
            festival=volunteer.festival,
        ).filtered()
        items = []
        for item in open_shifts_for(volunteer, shifts=shifts):
            item.shift.problems = item.problems
            items.append(item.shift)
        page = self.paginate_queryset(items)
        data = OpenShiftSerializer(page, many=True, context={"request": request}).data
        return self.get_paginated_response(data)
