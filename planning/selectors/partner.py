"""Reads for a partner organisation's portal: its events with their registrations,
its volunteers with their shifts, its proposals. Everything is narrowed to the
partners passed in: the caller decides whose (events.roles.partners_of)."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Prefetch, Q, QuerySet

from events import roles
from events.models import Event, Festival, Partner
from planning.models import Proposal
from registrations.models import Registration
from registrations.selectors import (
    RegistrationBoard,
    event_registration_board,
    seats_taken,
)
from volunteers.models import Assignment, Volunteer


def partners_for(user: AbstractBaseUser) -> QuerySet[Partner]:
    """Whose portal pages the user may open: the organisations they coordinate;
    the Orga-Team (not a member of one) every organisation."""
    own = roles.partners_of(user)
    if own.exists() or not roles.user_is_orga(user):
        return own
    return Partner.objects.all()


def partner_events(partners: QuerySet[Partner], festival: Festival) -> QuerySet[Event]:
    """The festival's events the partners host (any status)."""
    return Event.objects.filter(
        sub_event__festival=festival, host_partners__in=partners
    ).distinct()


@dataclass
class Portal:
    partners: list[Partner]
    events: list[Event]
    volunteers: list[Volunteer]
    proposals: list[Proposal]


def partner_portal(partners: QuerySet[Partner], festival: Festival) -> Portal:
    """The partners' events (each with .seats_taken, .waiting_parties and
    .waiting_people), volunteers (each with .shifts: their active assignments) and
    proposals; a fixed number of queries."""
    events = list(
        partner_events(partners, festival)
        .select_related("sub_event", "venue")
        .prefetch_related("host_partners")
        .order_by("starts_at", "title", "pk")
    )
    taken = seats_taken(events)
    waiting = {
        row["event_id"]: row
        for row in Registration.objects.filter(
            event__in=events, status=Registration.Status.WAITLISTED
        )
        .values("event_id")
        .annotate(
            parties=Count("id", distinct=True),
            people=Count(
                "participants", filter=Q(participants__cancelled_at__isnull=True)
            ),
        )
        .order_by()
    }
    for event in events:
        event.seats_taken = taken.get(event.pk, 0)
        event.waiting_parties = waiting.get(event.pk, {}).get("parties", 0)
        event.waiting_people = waiting.get(event.pk, {}).get("people", 0)
    volunteers = list(
        Volunteer.objects.active()
        .filter(festival=festival, partner__in=partners)
        .select_related("partner")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.active()
                .select_related("shift__role", "shift__venue")
                .order_by("shift__starts_at", "pk"),
                to_attr="shifts",
            )
        )
        .order_by("name", "pk")
    )
    proposals = list(
        Proposal.objects.filter(festival=festival, partner__in=partners)
        .select_related("partner", "sub_event", "event__venue")
        .order_by("-created_at", "-pk")
    )
    return Portal(
        partners=list(partners.order_by("name")),
        events=events,
        volunteers=volunteers,
        proposals=proposals,
    )


def partner_participants(
    partners: QuerySet[Partner], festival: Festival, pk: int
) -> RegistrationBoard | None:
    """An event the partners host, with its parties; None if they host no such
    event."""
    event = (
        partner_events(partners, festival)
        .select_related("venue", "sub_event")
        .filter(pk=pk)
        .first()
    )
    if event is None:
        return None
    return event_registration_board(event)
