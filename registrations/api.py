"""REST API v1 for registrations: families register, read and cancel through the
registration's token (no account); organisers read an event's lists.

Every write calls the service the web pages call. Errors come back in the core's
format {"code", "detail", "errors"} (events.drf). Decisions an API client meets:
- a filled honeypot field `website` is refused with 400 `rejected` and nothing is
  stored (API clients never see the web form's trap, so only robots fill it);
- an unknown event slug, or one of a draft, is 400 `event_unknown` on the field
  `event`: the body named it, the URL is right;
- JSON only: malformed or deeply nested JSON is 400 `parse_error`, more than 1 MiB
  is 413 `request_too_large`, other media types 415 (events.api_plumbing, shared
  with the volunteers' API);
- too many registrations from one address is 429 `rate_limited` with Retry-After;
- PATCH takes the new full party ({"participants": [...]}) and calls the service
  the manage page calls (services.registration_change_party): a confirmed party
  grows only into free seats (400 not_enough_seats), never onto the waiting list.
"""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, permissions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from events import roles
from events.api_plumbing import (
    ERROR_DESCRIPTIONS,
    ErrorsAutoSchema,
    JSONBodyParser,
    RateLimited,
    error_responses,
    refuse,
)
from events.audit import audit_request
from events.models import Event
from events.ratelimit import ratelimit_exceeded
from events.selectors import event_list_visible
from registrations import services
from registrations.models import Participant, Registration
from registrations.selectors import (
    event_registration_board,
    registration_by_token,
    waitlist_position,
)
from registrations.serializers import (
    EventRegistrationsSerializer,
    RegistrationChangeSerializer,
    RegistrationCreatedSerializer,
    RegistrationCreateSerializer,
    RegistrationSerializer,
)

RATELIMIT_SCOPE = "register-api"
RATELIMIT_LIMIT = 20  # registrations per address and window; a family needs a few
RATELIMIT_WINDOW = 60  # seconds

_ERRORS = {
    **ERROR_DESCRIPTIONS,
    400: "Refused; `code` says why (registration_closed, age_not_allowed, "
    "party_too_large, already_registered, consent_required, event_unknown, "
    "not_enough_seats, registration_cancelled, invalid, ...).",
    403: "Signed in, but not allowed to see this event's registrations.",
    404: "No such registration (or event).",
}


def _errors(*statuses: int) -> dict[int, OpenApiResponse]:
    return error_responses(_ERRORS, *statuses)


def _retry_after() -> int:
    return RATELIMIT_WINDOW - int(timezone.now().timestamp()) % RATELIMIT_WINDOW


def _registration_or_404(token: str) -> Registration:
    registration = registration_by_token(token)
    if registration is None:
        raise exceptions.NotFound(_("No registration has this link."))
    return registration


def _registration_data(request: Request, registration: Registration) -> dict:
    # Read again through the selector: after a write the prefetched participants
    # and the status must be the stored ones.
    registration = _registration_or_404(registration.token)
    context = {
        "request": request,
        "waitlist_position": waitlist_position(registration),
    }
    return RegistrationSerializer(registration, context=context).data


class RegistrationCreateView(APIView):
    """Register a household's party for an event (public, no account).

    No authentication: a family needs no account, and without session
    authentication DRF asks for no CSRF token (an anonymous JSON client has none).
    """

    schema = ErrorsAutoSchema()
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    parser_classes = [JSONBodyParser]

    @extend_schema(
        operation_id="registrations_create",
        request=RegistrationCreateSerializer,
        responses={
            201: RegistrationCreatedSerializer,
            **_errors(400, 413, 415, 429),
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        if ratelimit_exceeded(
            request,
            scope=RATELIMIT_SCOPE,
            limit=RATELIMIT_LIMIT,
            window=RATELIMIT_WINDOW,
        ):
            raise RateLimited(wait=_retry_after())
        serializer = RegistrationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data["website"]:
            raise ValidationError(
                _("Your registration could not be accepted."), code="rejected"
            )
        event = Event.objects.public().filter(slug=data["event"]).first()
        if event is None:
            raise refuse("event", _("There is no such event."), "event_unknown")
        contact = data["contact"]
        result = services.registration_create(
            event=event,
            contact=services.ContactInput(
                name=contact["name"],
                email=contact["email"],
                phone=contact["phone"] or "",
                language=contact["language"] or "",
            ),
            participants=[
                services.ParticipantInput(
                    name=person["name"],
                    age=person["age"],
                    photo_consent=(
                        data["photo_consent"]
                        if person.get("photo_consent") is None
                        else person["photo_consent"]
                    ),
                )
                for person in data["participants"]
            ],
            consent_privacy=data["consent_privacy"],
            needs=data["needs"],
            needs_text=data["needs_text"] or "",
        )
        registration = result.registration
        # Only a household created now gets its page (all its registrations) here:
        # whoever types a known e-mail address must not see that family's
        # registrations, so they get this registration's page; the household's
        # link goes to the address by e-mail.
        page = (
            registration.household.get_absolute_url()
            if result.household_is_new
            else reverse("registrations:manage", kwargs={"token": registration.token})
        )
        body = RegistrationCreatedSerializer(
            {
                "status": registration.status,
                "seats": result.seats,
                "waitlist_position": result.waitlist_position,
                "manage_url": request.build_absolute_uri(page),
                "registration": _registration_or_404(registration.token),
            },
            context={
                "request": request,
                "waitlist_position": result.waitlist_position,
            },
        ).data
        return Response(
            body,
            status=status.HTTP_201_CREATED,
            headers={"Location": body["registration"]["url"]},
        )


class RegistrationDetailView(APIView):
    """A registration, read, changed and cancelled through its token (the link in
    the confirmation e-mail); the token is the only credential."""

    schema = ErrorsAutoSchema()
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    parser_classes = [JSONBodyParser]

    @extend_schema(
        operation_id="registrations_retrieve",
        responses={200: RegistrationSerializer, **_errors(404)},
        auth=[],
    )
    def get(self, request: Request, token: str) -> Response:
        return Response(_registration_data(request, _registration_or_404(token)))

    @extend_schema(
        operation_id="registrations_change_party",
        description="Change who comes: the new full list of people. Allowed while "
        "registration for the event is open (else registration_closed). A "
        "confirmed party may grow only into free seats (else not_enough_seats, "
        "nothing changes); a waiting party keeps its place in line and moves up "
        "if it now fits. The event's rules apply as at registration.",
        request=RegistrationChangeSerializer,
        responses={200: RegistrationSerializer, **_errors(400, 404, 413, 415)},
        auth=[],
    )
    def patch(self, request: Request, token: str) -> Response:
        registration = _registration_or_404(token)
        serializer = RegistrationChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        registration = services.registration_change_party(
            registration=registration,
            participants=[
                services.ParticipantInput(
                    name=person["name"],
                    age=person["age"],
                    photo_consent=bool(person.get("photo_consent")),
                )
                for person in serializer.validated_data["participants"]
            ],
        )
        return Response(_registration_data(request, registration))

    @extend_schema(
        operation_id="registrations_cancel",
        description="Cancel the whole registration; its seats go to the waiting "
        "list. Cancelling twice changes nothing.",
        responses={200: RegistrationSerializer, **_errors(404)},
        auth=[],
    )
    def delete(self, request: Request, token: str) -> Response:
        registration = services.registration_cancel(
            registration=_registration_or_404(token)
        )
        return Response(_registration_data(request, registration))


class ParticipantCancelView(APIView):
    """Take one person out of a party (the last one cancels the registration)."""

    schema = ErrorsAutoSchema()
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        operation_id="registrations_participants_cancel",
        responses={200: RegistrationSerializer, **_errors(400, 404)},
        auth=[],
    )
    def delete(self, request: Request, token: str, participant_id: int) -> Response:
        registration = _registration_or_404(token)
        participant = Participant.objects.filter(
            registration=registration, pk=participant_id
        ).first()
        if participant is None:
            raise exceptions.NotFound(_("This person is not in this registration."))
        registration = services.participant_cancel(participant=participant)
        return Response(_registration_data(request, registration))


def _event_lists(event: Event) -> dict:
    """The organisers' board of the event (the selector the organisers' pages use)
    in the API's shape; a cancelled party holds and waits for no seat."""
    board = event_registration_board(event)
    for registration in board.cancelled:
        registration.seats = 0
    return {
        "event": event.slug,
        "title": event.title,
        "capacity": event.capacity,
        "seats_taken": board.seats_taken,
        "seats_available": None if event.capacity is None else board.seats_free,
        "seats_waiting": sum(r.seats for r in board.waiting),
        "confirmed": board.confirmed,
        "waitlisted": board.waiting,
        "cancelled": board.cancelled,
    }


class EventRegistrationsView(APIView):
    """An event's parties for its organisers: the Orga-Team sees every event, a
    sub-event's lead the events of their sub-events."""

    schema = ErrorsAutoSchema()
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        operation_id="events_registrations_list",
        responses={200: EventRegistrationsSerializer, **_errors(401, 403, 404)},
    )
    def get(self, request: Request, slug: str) -> Response:
        user = request.user
        if not user.has_perm("registrations.view_registration"):
            raise exceptions.PermissionDenied(_("You may not see registrations."))
        event = event_list_visible(user=user).filter(slug=slug).first()
        if event is None:
            raise exceptions.NotFound(_("There is no such event."))
        if not roles.events_editable_by(user).filter(pk=event.pk).exists():
            raise exceptions.PermissionDenied(
                _("You may not see this event's registrations.")
            )
        audit_request(
            request, action="registrations.list_read", obj=event, summary=event.title
        )
        return Response(EventRegistrationsSerializer(_event_lists(event)).data)
