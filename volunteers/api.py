"""REST API v1 for volunteers: public roles and shifts, the volunteer's own page
through their token (no account), and the coordinators' endpoints.

Every write calls the service the pages call (volunteers.services); errors come
back in the core's format {"code", "detail", "errors"} (events.drf). Decisions an
API client meets:
- public reads (roles, shifts) carry no personal data: a shift says how many are
  on it, never who;
- shifts lists show shifts that have not started, of the current festival; a
  filter value that cannot be one (?day=2027-13-40, an unknown role or sub-event,
  ?open=maybe) is 400 with the field's code, never ignored;
- who gets which link: a new person's registration answers 201 with their page
  and API links (they are the one who typed the address). A known e-mail address
  answers 202 {"status": "link_sent"} and nothing else: no name, no link, no data;
  the person's link goes to that address by e-mail and nothing is changed. The
  202 does tell the caller that the address is registered — what the web form says
  too; hiding it would mean never giving a new volunteer their link in the answer.
  Probing many addresses is bounded by the rate limit (429 rate_limited);
- an unknown or erased volunteer's token is 404 not_found; a shift id that is no
  shift of the volunteer's festival is 400 shift_unknown on the field `shift`;
- withdrawing twice changes nothing (204 again); after the deadline only a
  coordinator can (400 withdraw_deadline);
- coordinators (Orga-Team, Helferkoordination: the Django permissions
  volunteers.*) use Token or session authentication; others get 403;
- JSON only: malformed or deeply nested JSON is 400 parse_error, more than 1 MiB
  is 413 request_too_large, other media types 415.
"""

import datetime as dt
import math
import re

import django_filters
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.utils import translate_validation
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions, status, throttling
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from events.api_plumbing import (
    ERROR_DESCRIPTIONS,
    JSONBodyParser,
    RateLimited,
    error_responses,
    refuse,
)
from events.models import BERLIN, Festival, Partner, SubEvent
from events.ratelimit import client_digest
from events.selectors import festival_current
from volunteers import services
from volunteers.models import (
    AgeGroup,
    Assignment,
    Qualification,
    Role,
    Shift,
    Volunteer,
)
from volunteers.selectors import (
    coverage,
    open_shifts_for,
    policy_of,
    qualification_last_day,
    shifts_with_counts,
    volunteer_assignments,
)
from volunteers.serializers import (
    ID_MAX,
    AssignmentRequestSerializer,
    AssignmentSerializer,
    AttendanceSerializer,
    CoverageSerializer,
    LinkSentSerializer,
    OpenShiftSerializer,
    OrgaAssignmentRequestSerializer,
    OrgaAssignmentSerializer,
    OrgaQualificationSerializer,
    OrgaVolunteerSerializer,
    OrgaVolunteerWriteSerializer,
    QualificationWriteSerializer,
    RoleSerializer,
    ShiftSerializer,
    VolunteerRegisteredSerializer,
    VolunteerRegisterSerializer,
    VolunteerSerializer,
)

REGISTER_RATE = "20/min"  # registrations per address; a person needs one

_ERRORS = {
    **ERROR_DESCRIPTIONS,
    400: "Refused; `code` says why (shift_full, shift_clash, travel_buffer, "
    "daily_hours, qualification_missing, qualification_invalid, too_young, "
    "youth_protection_time, shift_started, already_assigned, shift_unknown, "
    "withdraw_deadline, consent_missing, guardian_consent_missing, "
    "volunteer_exists, invalid, ...).",
    403: "Signed in, but without the volunteers permission this needs.",
    404: "No such volunteer link, shift, volunteer, qualification or assignment.",
}


def _errors(*statuses: int) -> dict[int, OpenApiResponse]:
    return error_responses(_ERRORS, *statuses)


class RegisterThrottle(throttling.SimpleRateThrottle):
    """Per client address (behind the proxy, the last hop it appended), shared by
    all workers through the cache."""

    scope = "volunteer-register"
    rate = REGISTER_RATE

    def get_cache_key(self, request: Request, view: APIView) -> str:
        ident = client_digest(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def _festival() -> Festival | None:
    return festival_current()


# --- Filters --------------------------------------------------------------------------
class IdFilter(django_filters.Filter):
    """A whole number in the range of ids ("1.5" and 10**30 are refused)."""

    field_class = django_filters.fields.forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(*args, **kwargs)


BOOLEAN_CHOICES = [("true", "true"), ("false", "false")]


class FestivalScopedFilterSet(django_filters.FilterSet):
    """Slug filters look among the given festival's objects only."""

    scoped: dict[str, str] = {}

    def __init__(self, *args, festival: Festival | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, lookup in self.scoped.items():
            model = self.filters[name].queryset.model
            self.filters[name].queryset = model.objects.filter(**{lookup: festival})

    def filtered(self) -> QuerySet:
        if not self.is_valid():
            raise translate_validation(self.errors)
        return self.qs


def _on_day(prefix: str, queryset: QuerySet, day: dt.date | None) -> QuerySet:
    if not day:
        return queryset
    start = dt.datetime.combine(day, dt.time(0), tzinfo=BERLIN)
    return queryset.filter(
        **{
            f"{prefix}starts_at__gte": start,
            f"{prefix}starts_at__lt": start + dt.timedelta(days=1),
        }
    )


class ShiftFilter(FestivalScopedFilterSet):
    day = django_filters.DateFilter(
        method="filter_day", help_text=gettext_lazy("Shifts starting on this day.")
    )
    role = django_filters.ModelChoiceFilter(
        field_name="role",
        to_field_name="slug",
        queryset=Role.objects.none(),
        help_text=gettext_lazy("The role's slug."),
    )
    sub_event = django_filters.ModelChoiceFilter(
        field_name="sub_event",
        to_field_name="slug",
        queryset=SubEvent.objects.none(),
        help_text=gettext_lazy("The sub-event's slug."),
    )
    open = django_filters.ChoiceFilter(
        choices=BOOLEAN_CHOICES,
        method="filter_open",
        help_text=gettext_lazy(
            "true: only shifts with free places; false: only full ones."
        ),
    )

    scoped = {"role": "festival", "sub_event": "festival"}

    class Meta:
        model = Shift
        fields = ["day", "role", "sub_event", "open"]

    def filter_day(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return _on_day("", queryset, value)

    def filter_open(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "true":
            return queryset.filter(filled__lt=F("needed"))
        if value == "false":
            return queryset.filter(filled__gte=F("needed"))
        return queryset


class VolunteerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_search",
        max_length=100,
        help_text=gettext_lazy("Part of the name, e-mail address or phone number."),
    )
    age_group = django_filters.ChoiceFilter(choices=AgeGroup.choices)
    partner = django_filters.ModelChoiceFilter(
        field_name="partner",
        to_field_name="slug",
        queryset=Partner.objects.all(),
        help_text=gettext_lazy("The partner organisation's slug."),
    )
    shift = IdFilter(
        method="filter_shift", help_text=gettext_lazy("People on this shift.")
    )

    class Meta:
        model = Volunteer
        fields = ["q", "age_group", "partner", "shift"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(email__icontains=value)
            | Q(phone__icontains=value)
        )

    def filter_shift(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        on_shift = Assignment.objects.active().filter(shift_id=value)
        return queryset.filter(pk__in=on_shift.values("volunteer_id"))

    def filtered(self) -> QuerySet:
        if not self.is_valid():
            raise translate_validation(self.errors)
        return self.qs


class AssignmentFilter(FestivalScopedFilterSet):
    shift = IdFilter(field_name="shift_id", help_text=gettext_lazy("The shift's id."))
    volunteer = IdFilter(
        field_name="volunteer_id", help_text=gettext_lazy("The volunteer's id.")
    )
    day = django_filters.DateFilter(
        method="filter_day",
        help_text=gettext_lazy("Assignments on shifts starting on this day."),
    )
    role = django_filters.ModelChoiceFilter(
        field_name="shift__role",
        to_field_name="slug",
        queryset=Role.objects.none(),
        help_text=gettext_lazy("The role's slug."),
    )

    scoped = {"role": "festival"}

    class Meta:
        model = Assignment
        fields = ["shift", "volunteer", "day", "role"]

    def filter_day(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return _on_day("shift__", queryset, value)


# --- Public: roles and shifts ---------------------------------------------------------
class PublicListView(generics.ListAPIView):
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
        return Role.objects.filter(festival=_festival()).order_by("name", "pk")

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
        return _future_shifts(_festival())

    def filter_queryset(self, queryset: QuerySet[Shift]) -> QuerySet[Shift]:
        return ShiftFilter(
            self.request.query_params, queryset=queryset, festival=_festival()
        ).filtered()

    @extend_schema(
        operation_id="shifts_list",
        responses={200: ShiftSerializer(many=True), **_errors(400)},
        auth=[],
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


class ShiftDetailView(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        operation_id="shifts_retrieve",
        responses={200: ShiftSerializer, **_errors(404)},
        auth=[],
    )
    def get(self, request: Request, pk: int) -> Response:
        """A shift of the current festival (also one that has started)."""
        shift = shifts_with_counts(_festival()).filter(pk=pk).first()
        if shift is None:
            raise exceptions.NotFound(_("There is no such shift."))
        return Response(ShiftSerializer(shift, context={"request": request}).data)


# --- The volunteer, through their token -----------------------------------------------
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")


def _volunteer_or_404(token: str) -> Volunteer:
    volunteer = None
    if _TOKEN.fullmatch(token):
        volunteer = (
            Volunteer.objects.active()
            .select_related("festival", "partner")
            .filter(token=token)
            .first()
        )
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


def _partner(slug: str | None) -> Partner | None:
    if not slug:
        return None
    partner = Partner.objects.filter(slug=slug).first()
    if partner is None:
        raise refuse(
            "partner", _("There is no such partner organisation."), "partner_unknown"
        )
    return partner


def _volunteer_input(data: dict) -> services.VolunteerInput:
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


def _language(value: str) -> str:
    languages = {code for code, _name in settings.LANGUAGES}
    if value and value not in languages:
        raise refuse(
            "language",
            _("Choose one of: %(languages)s.")
            % {"languages": ", ".join(sorted(languages))},
            "language_invalid",
        )
    return value


class VolunteerRegisterView(APIView):
    """A person registers to help (public, no account). No authentication, so DRF
    asks for no CSRF token (an anonymous JSON client has none)."""

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
            **_errors(400, 413, 415, 429),
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = VolunteerRegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        _language(data["language"] or "")
        festival = _festival()
        if festival is None:
            raise ValidationError(
                _("No festival is being planned."), code="festival_missing"
            )
        result = services.volunteer_register(
            festival=festival,
            data=_volunteer_input(data),
            consent_privacy=data["consent_privacy"],
        )
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
        return Response(
            body, status=status.HTTP_201_CREATED, headers={"Location": shown["url"]}
        )


class TokenView(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    parser_classes = [JSONBodyParser]


class VolunteerDetailView(TokenView):
    @extend_schema(
        operation_id="volunteers_retrieve",
        responses={200: VolunteerSerializer, **_errors(404)},
        auth=[],
    )
    def get(self, request: Request, token: str) -> Response:
        """The volunteer's details, shifts and qualifications (with the last day
        each is valid under the festival's rules)."""
        volunteer = _volunteer_or_404(token)
        context = _volunteer_context(request, volunteer)
        return Response(VolunteerSerializer(volunteer, context=context).data)


def _assignment_data(request: Request, volunteer: Volunteer, pk: int) -> dict:
    assignment = volunteer_assignments(volunteer).get(pk=pk)
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
        responses={201: AssignmentSerializer, **_errors(400, 404, 413, 415)},
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
        return Response(
            data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]}
        )


class VolunteerAssignmentView(TokenView):
    @extend_schema(
        operation_id="volunteers_assignments_withdraw",
        description="Withdraw from a shift, until the deadline before it "
        "(withdraw_until; later 400 withdraw_deadline: only a coordinator can). "
        "Withdrawing twice changes nothing.",
        responses={204: None, **_errors(400, 404)},
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

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    serializer_class = OpenShiftSerializer
    filterset_class = ShiftFilter
    queryset = Shift.objects.none()

    @extend_schema(
        operation_id="volunteers_open_shifts_list",
        responses={200: OpenShiftSerializer(many=True), **_errors(400, 404)},
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


# --- Organisers -----------------------------------------------------------------------
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
    permission_classes = [VolunteerPermissions]
    parser_classes = [JSONBodyParser]
    required_perms: dict[str, list[str]] = {}


def _orga_volunteers(festival: Festival | None) -> QuerySet[Volunteer]:
    return (
        Volunteer.objects.active()
        .filter(festival=festival)
        .select_related("partner")
        .annotate(
            shifts=Count(
                "assignments", filter=Q(assignments__withdrawn_at__isnull=True)
            )
        )
        .order_by("name", "pk")
    )


def _orga_volunteer_or_404(pk: int) -> Volunteer:
    volunteer = _orga_volunteers(_festival()).filter(pk=pk).first()
    if volunteer is None:
        raise exceptions.NotFound(_("There is no such volunteer."))
    return volunteer


class OrgaVolunteerListView(OrgaMixin, generics.ListAPIView):
    """The current festival's volunteers (search and filters); coordinators add
    people here (no privacy consent asked: they record it their own way)."""

    serializer_class = OrgaVolunteerSerializer
    filterset_class = VolunteerFilter
    queryset = Volunteer.objects.none()
    required_perms = {
        "GET": ["volunteers.view_volunteer"],
        "POST": ["volunteers.add_volunteer"],
    }

    def get_queryset(self) -> QuerySet[Volunteer]:
        if getattr(self, "swagger_fake_view", False):
            return Volunteer.objects.none()
        return _orga_volunteers(_festival())

    def filter_queryset(self, queryset: QuerySet[Volunteer]) -> QuerySet[Volunteer]:
        return VolunteerFilter(self.request.query_params, queryset=queryset).filtered()

    @extend_schema(
        operation_id="orga_volunteers_list",
        responses={200: OrgaVolunteerSerializer(many=True), **_errors(400, 401, 403)},
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="orga_volunteers_create",
        request=OrgaVolunteerWriteSerializer,
        responses={
            201: OrgaVolunteerSerializer,
            **_errors(400, 401, 403, 413, 415),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = OrgaVolunteerWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        _language(data["language"] or "")
        festival = _festival()
        if festival is None:
            raise ValidationError(
                _("No festival is being planned."), code="festival_missing"
            )
        result = services.volunteer_register(
            festival=festival,
            data=_volunteer_input(data),
            consent_privacy=False,
            by=request.user,
        )
        volunteer = result.volunteer
        if data["notes"]:
            volunteer = services.volunteer_update(
                volunteer=volunteer,
                data=_volunteer_input(data),
                notes=data["notes"],
            )
        body = OrgaVolunteerSerializer(
            _orga_volunteer_or_404(volunteer.pk), context={"request": request}
        ).data
        return Response(
            body, status=status.HTTP_201_CREATED, headers={"Location": body["url"]}
        )


class OrgaVolunteerDetailView(OrgaMixin, APIView):
    required_perms = {
        "GET": ["volunteers.view_volunteer"],
        "PATCH": ["volunteers.change_volunteer"],
    }

    @extend_schema(
        operation_id="orga_volunteers_retrieve",
        responses={200: OrgaVolunteerSerializer, **_errors(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        volunteer = _orga_volunteer_or_404(pk)
        return Response(
            OrgaVolunteerSerializer(volunteer, context={"request": request}).data
        )

    @extend_schema(
        operation_id="orga_volunteers_partial_update",
        description="Change any of the fields; the others keep their values. "
        "A minor's guardian consent stays recorded unless guardian.consent is "
        "sent as false.",
        request=OrgaVolunteerWriteSerializer,
        responses={
            200: OrgaVolunteerSerializer,
            **_errors(400, 401, 403, 404, 413, 415),
        },
    )
    def patch(self, request: Request, pk: int) -> Response:
        volunteer = _orga_volunteer_or_404(pk)
        serializer = OrgaVolunteerWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if "language" in data:
            _language(data["language"] or "")
        current = {
            "name": volunteer.name,
            "email": volunteer.email,
            "phone": volunteer.phone,
            "partner": volunteer.partner.slug if volunteer.partner else None,
            "tshirt_size": volunteer.tshirt_size,
            "age_group": volunteer.age_group,
            "language": volunteer.language,
        }
        guardian = {
            "name": volunteer.guardian_name,
            "contact": volunteer.guardian_contact,
            "consent": volunteer.guardian_consent_at is not None,
        }
        guardian.update(data.get("guardian") or {})
        merged = {**current, **data, "guardian": guardian}
        services.volunteer_update(
            volunteer=volunteer,
            data=_volunteer_input(merged),
            notes=data["notes"] or "" if "notes" in data else None,
        )
        return Response(
            OrgaVolunteerSerializer(
                _orga_volunteer_or_404(pk), context={"request": request}
            ).data
        )


def _qualification_data(request: Request, qualifications: list, festival) -> list:
    policy = policy_of(festival)
    context = {
        "request": request,
        "last_valid_days": {
            q.pk: qualification_last_day(q, policy) for q in qualifications
        },
    }
    return OrgaQualificationSerializer(qualifications, many=True, context=context).data


class OrgaQualificationListView(OrgaMixin, APIView):
    required_perms = {
        "GET": ["volunteers.view_qualification"],
        "POST": ["volunteers.add_qualification"],
    }

    @extend_schema(
        operation_id="orga_volunteers_qualifications_list",
        responses={
            200: OrgaQualificationSerializer(many=True),
            **_errors(401, 403, 404),
        },
    )
    def get(self, request: Request, pk: int) -> Response:
        volunteer = _orga_volunteer_or_404(pk)
        qualifications = list(volunteer.qualifications.all())
        return Response(
            _qualification_data(request, qualifications, volunteer.festival)
        )

    @extend_schema(
        operation_id="orga_volunteers_qualifications_create",
        description="Record a qualification the person showed. For the police "
        "certificate only that it was sighted: issue date, sighted_on, sighted_by "
        "(the document is never stored).",
        request=QualificationWriteSerializer,
        responses={
            201: OrgaQualificationSerializer,
            **_errors(400, 401, 403, 404, 413, 415),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        volunteer = _orga_volunteer_or_404(pk)
        serializer = QualificationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        qualification = services.qualification_record(
            volunteer=volunteer,
            kind=data["kind"],
            issued_on=data["issued_on"],
            valid_until=data["valid_until"],
            sighted_on=data["sighted_on"],
            sighted_by=data["sighted_by"] or "",
        )
        body = _qualification_data(request, [qualification], volunteer.festival)[0]
        return Response(body, status=status.HTTP_201_CREATED)


class OrgaQualificationDetailView(OrgaMixin, APIView):
    required_perms = {"DELETE": ["volunteers.delete_qualification"]}

    @extend_schema(
        operation_id="orga_qualifications_destroy",
        responses={204: None, **_errors(401, 403, 404)},
    )
    def delete(self, request: Request, pk: int) -> Response:
        qualification = Qualification.objects.filter(
            pk=pk,
            volunteer__festival=_festival(),
            volunteer__erased_at__isnull=True,
        ).first()
        if qualification is None:
            raise exceptions.NotFound(_("There is no such qualification."))
        services.qualification_delete(qualification=qualification)
        return Response(status=status.HTTP_204_NO_CONTENT)


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
    assignment = _orga_assignments(_festival()).filter(pk=pk).first()
    if assignment is None:
        raise exceptions.NotFound(_("There is no such assignment."))
    return assignment


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
        return _orga_assignments(_festival())

    def filter_queryset(self, queryset: QuerySet[Assignment]) -> QuerySet[Assignment]:
        return AssignmentFilter(
            self.request.query_params, queryset=queryset, festival=_festival()
        ).filtered()

    @extend_schema(
        operation_id="orga_assignments_list",
        responses={200: OrgaAssignmentSerializer(many=True), **_errors(400, 401, 403)},
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="orga_assignments_create",
        description="Assign a volunteer to a shift; the sign-up rules apply "
        "(shift_full, shift_clash, ...).",
        request=OrgaAssignmentRequestSerializer,
        responses={
            201: OrgaAssignmentSerializer,
            **_errors(400, 401, 403, 413, 415),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = OrgaAssignmentRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        festival = _festival()
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
        body = OrgaAssignmentSerializer(
            _orga_assignment_or_404(assignment.pk), context={"request": request}
        ).data
        return Response(
            body, status=status.HTTP_201_CREATED, headers={"Location": body["url"]}
        )


class OrgaAssignmentDetailView(OrgaMixin, APIView):
    required_perms = {
        "GET": ["volunteers.view_assignment"],
        "PATCH": ["volunteers.change_assignment"],
        "DELETE": ["volunteers.delete_assignment"],
    }

    @extend_schema(
        operation_id="orga_assignments_retrieve",
        responses={200: OrgaAssignmentSerializer, **_errors(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(
            OrgaAssignmentSerializer(
                _orga_assignment_or_404(pk), context={"request": request}
            ).data
        )

    @extend_schema(
        operation_id="orga_assignments_attendance",
        description="Mark the volunteer present or absent on the day (or unknown).",
        request=AttendanceSerializer,
        responses={
            200: OrgaAssignmentSerializer,
            **_errors(400, 401, 403, 404, 413, 415),
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
        return Response(
            OrgaAssignmentSerializer(
                _orga_assignment_or_404(pk), context={"request": request}
            ).data
        )

    @extend_schema(
        operation_id="orga_assignments_withdraw",
        description="Take the volunteer off the shift (no deadline for "
        "coordinators); the volunteer is told by e-mail.",
        responses={204: None, **_errors(401, 403, 404)},
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
        responses={200: CoverageSerializer, **_errors(401, 403)},
    )
    def get(self, request: Request) -> Response:
        """Needed vs. filled per day and role for the current festival."""
        festival = _festival()
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
