"""The volunteer's own data through their token (DSGVO Art. 15, 17 and 20): the
same export as the "Meine Daten" page's download, and the same erasure as its
delete button (shifts to come withdrawn, personal data erased, link and calendar
feed dead: afterwards the token answers 404)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from volunteers.api.common import errors
from volunteers.api.own import TokenView, _volunteer_or_404
from volunteers.selectors import volunteer_export
from volunteers.services import volunteer_erase


class VolunteerDataView(TokenView):
    @extend_schema(
        operation_id="volunteers_data_retrieve",
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="Everything stored about the volunteer: contact, age "
                "group, guardian, consent, notes, qualifications, every "
                "assignment (withdrawn ones too), calendar feeds.",
            ),
            **errors(404),
        },
        auth=[],
    )
    def get(self, request: Request, token: str) -> Response:
        """Everything stored about the volunteer (the page's JSON download)."""
        return Response(volunteer_export(_volunteer_or_404(token)))

    @extend_schema(
        operation_id="volunteers_data_destroy",
        responses={
            204: OpenApiResponse(
                description="Erased: shifts to come withdrawn, personal data "
                "removed; this token now answers 404."
            ),
            **errors(404),
        },
        auth=[],
    )
    def delete(self, request: Request, token: str) -> Response:
        """Erase the volunteer's personal data (cannot be undone)."""
        volunteer_erase(volunteer=_volunteer_or_404(token))
        return Response(status=status.HTTP_204_NO_CONTENT)
