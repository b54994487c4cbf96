"""The coordinators' endpoints for people: volunteers (list, search, add, change)
and their qualifications. Organisers holding the Django permissions volunteers.*
(Orga-Team, Helferkoordination) use Token or session authentication; others get
403. Coordinators add people without asking for the privacy consent: they record
it their own way.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from events.audit import audit_request
from events.selectors import festival_current
from volunteers import services
from volunteers.api.common import (
    OrgaMixin,
    created,
    errors,
    language_check,
    volunteer_input,
    volunteer_register,
)
from volunteers.api.filters import VolunteerFilter
from volunteers.models import Qualification, Volunteer
from volunteers.selectors import (
    policy_of,
    qualification_last_day,
    volunteers_with_shift_counts,
)
from volunteers.serializers import (
    OrgaQualificationSerializer,
    OrgaVolunteerSerializer,
    OrgaVolunteerWriteSerializer,
    QualificationWriteSerializer,
)


def _orga_volunteer_or_404(pk: int) -> Volunteer:
    volunteer = (
        volunteers_with_shift_counts(festival=festival_current()).filter(pk=pk).first()
    )
    if volunteer is None:
        raise exceptions.NotFound(_("There is no such volunteer."))
    return volunteer


def _volunteer_data(request: Request, pk: int) -> dict:
    volunteer = _orga_volunteer_or_404(pk)
    return OrgaVolunteerSerializer(volunteer, context={"request": request}).data


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
        return volunteers_with_shift_counts(festival=festival_current())

    def filter_queryset(self, queryset: QuerySet[Volunteer]) -> QuerySet[Volunteer]:
        return VolunteerFilter(self.request.query_params, queryset=queryset).filtered()

    @extend_schema(
        operation_id="orga_volunteers_list",
        responses={200: OrgaVolunteerSerializer(many=True), **errors(400, 401, 403)},
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        response = super().get(request, *args, **kwargs)
        audit_request(request, action="volunteers.list_read", summary="API")
        return response

    @extend_schema(
        operation_id="orga_volunteers_create",
        request=OrgaVolunteerWriteSerializer,
        responses={
            201: OrgaVolunteerSerializer,
            **errors(400, 401, 403, 413, 415),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = OrgaVolunteerWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        result = volunteer_register(data, consent_privacy=False, by=request.user)
        volunteer = result.volunteer
        if data["notes"]:
            volunteer = services.volunteer_update(
                volunteer=volunteer,
                data=volunteer_input(data),
                notes=data["notes"],
            )
        return created(_volunteer_data(request, volunteer.pk))


class OrgaVolunteerDetailView(OrgaMixin, APIView):
    required_perms = {
        "GET": ["volunteers.view_volunteer"],
        "PATCH": ["volunteers.change_volunteer"],
    }

    @extend_schema(
        operation_id="orga_volunteers_retrieve",
        responses={200: OrgaVolunteerSerializer, **errors(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        data = _volunteer_data(request, pk)
        audit_request(request, action="volunteers.person_read", obj=Volunteer(pk=pk))
        return Response(data)

    @extend_schema(
        operation_id="orga_volunteers_partial_update",
        description="Change any of the fields; the others keep their values. "
        "A minor's guardian consent stays recorded unless guardian.consent is "
        "sent as false.",
        request=OrgaVolunteerWriteSerializer,
        responses={
            200: OrgaVolunteerSerializer,
            **errors(400, 401, 403, 404, 413, 415),
        },
    )
    def patch(self, request: Request, pk: int) -> Response:
        volunteer = _orga_volunteer_or_404(pk)
        serializer = OrgaVolunteerWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if "language" in data:
            language_check(data["language"] or "")
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
            data=volunteer_input(merged),
            notes=data["notes"] or "" if "notes" in data else None,
        )
        return Response(_volunteer_data(request, pk))


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
            **errors(401, 403, 404),
        },
    )
    def get(self, request: Request, pk: int) -> Response:
        volunteer = _orga_volunteer_or_404(pk)
        qualifications = list(volunteer.qualifications.all())
        audit_request(
            request,
            action="volunteers.qualifications_read",
            obj=volunteer,
            summary=f"{len(qualifications)} rows",
        )
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
            **errors(400, 401, 403, 404, 413, 415),
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
        responses={204: None, **errors(401, 403, 404)},
    )
    def delete(self, request: Request, pk: int) -> Response:
        qualification = Qualification.objects.filter(
            pk=pk,
            volunteer__festival=festival_current(),
            volunteer__erased_at__isnull=True,
        ).first()
        if qualification is None:
            raise exceptions.NotFound(_("There is no such qualification."))
        services.qualification_delete(qualification=qualification)
        return Response(status=status.HTTP_204_NO_CONTENT)
