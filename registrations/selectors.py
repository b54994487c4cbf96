"""Reads of registrations that pages, the API, feeds and lists share."""

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from events.models import Event
from events.registry import registry
from events.tokens import token_lookup
from registrations.models import Household, Need, Participant, Registration


def seats_taken(events: Iterable[Event]) -> dict[int, int]:
    """Seats held per event id by confirmed registrations, in one query.

    A seat is an active participant who takes one (accompanying adults may not).
    Registered with the core's registry as its seats provider.
    """
    ids = [event.pk for event in events]
    if not ids:
        return {}
    rows = (
        Participant.objects.filter(
            registration__event_id__in=ids,
            registration__status=Registration.Status.CONFIRMED,
            cancelled_at__isnull=True,
            takes_seat=True,
        )
        .values("registration__event_id")
        .annotate(seats=Count("id"))
        .order_by()
    )
    return {row["registration__event_id"]: row["seats"] for row in rows}


def waitlist_positions(registrations: Iterable[Registration]) -> dict[int, int]:
    """Waiting positions (1 = next to move up) of the given registrations, by id,
    in one query for all their events: the order of arrival."""
    waiting = [r for r in registrations if r.is_waitlisted]
    if not waiting:
        return {}
    order = (
        Registration.objects.waiting_in_order()
        .filter(event_id__in={r.event_id for r in waiting})
        .values_list("pk", "event_id")
    )
    counted: Counter[int] = Counter()
    positions = {}
    for pk, event_id in order:
        counted[event_id] += 1
        positions[pk] = counted[event_id]
    return {r.pk: positions[r.pk] for r in waiting if r.pk in positions}


def waitlist_position(registration: Registration) -> int | None:
    """One registration's waiting position; None unless it waits."""
    return waitlist_positions([registration]).get(registration.pk)


def _active_participants() -> Prefetch:
    return Prefetch(
        "participants",
        queryset=Participant.objects.filter(cancelled_at__isnull=True),
        to_attr="active_participants",
    )


# Link tokens are URL-safe base64 (models.new_token). Anything else is no token;
# a NUL byte from a URL (%00) would even make PostgreSQL refuse the query: a 500.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def household_by_token(token: str) -> Household | None:
    if not _TOKEN.fullmatch(token):
        return None
    return token_lookup(Household.objects.all(), token)


def registration_by_token(token: str) -> Registration | None:
    if not _TOKEN.fullmatch(token):
        return None
    return token_lookup(
        Registration.objects.select_related(
            "household", "event__venue"
        ).prefetch_related(_active_participants()),
        token,
    )


def household_registrations(household: Household) -> QuerySet[Registration]:
    """A household's registrations across the week, in programme order."""
    return (
        household.registrations.select_related("event__venue", "event__sub_event")
        .prefetch_related(_active_participants())
        .order_by("event__starts_at", "pk")
    )


def _iso(moment) -> str | None:
    return moment.isoformat() if moment is not None else None


def household_export(household: Household) -> dict:
    """Everything stored about a household, JSON-serialisable (the family's "see
    your data"): contact, language, every registration with its event, status,
    needs, the privacy notice agreed to, the reminder sent and all participants,
    cancelled ones too, and what other apps store about it (registry export
    providers: the calendar feed). Two queries however many registrations, plus
    one per provider."""
    registrations = (
        household.registrations.select_related("event")
        .prefetch_related(Prefetch("participants", Participant.objects.order_by("pk")))
        .order_by("event__starts_at", "pk")
    )
    return {
        "contact": {
            "name": household.name,
            "email": household.email,
            "phone": household.phone,
            "language": household.language,
        },
        "created_at": _iso(household.created_at),
        "updated_at": _iso(household.updated_at),
        "registrations": [
            {
                "event": {
                    "title": registration.event.title,
                    "slug": registration.event.slug,
                    "starts_at": _iso(registration.event.starts_at),
                    "ends_at": _iso(registration.event.ends_at),
                },
                "status": registration.status,
                "needs": list(registration.needs),
                "needs_text": registration.needs_text,
                "consent_privacy_version": registration.consent_privacy_version,
                "consent_privacy_text": registration.consent_privacy_text,
                "created_at": _iso(registration.created_at),
                "confirmed_at": _iso(registration.confirmed_at),
                "cancelled_at": _iso(registration.cancelled_at),
                "reminder_sent_at": _iso(registration.reminder_sent_at),
                "updated_at": _iso(registration.updated_at),
                "participants": [
                    {
                        "name": person.name,
                        "age": person.age,
                        "takes_seat": person.takes_seat,
                        "photo_consent": person.photo_consent,
                        "cancelled_at": _iso(person.cancelled_at),
                        "checked_in_at": _iso(person.checked_in_at),
                    }
                    for person in registration.participants.all()
                ],
            }
            for registration in registrations
        ],
        **registry.exported(household),
    }


def event_registrations(event: Event) -> QuerySet[Registration]:
    """All registrations of an event for the organisers' list: confirmed, waiting
    (in order), cancelled."""
    return (
        Registration.objects.filter(event=event)
        .select_related("household")
        .prefetch_related("participants")
        .order_by("status", "created_at", "pk")
    )


# --- The organisers' pages -----------------------------------------------------------

# Letters that do not decompose into a base letter and an accent.
_FOLD_EXTRA = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "æ": "ae"})


def name_fold(text: str) -> str:
    """A name without case and accents, for searching: "Ayşe Yılmaz" and
    "ayse yilmaz", "Özdemir" and "ozdemir" match (staff type on a phone)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def orga_event_overview(events: QuerySet[Event]) -> list[Event]:
    """The events with registration among `events` (published or cancelled), in
    programme order, each with .seats_taken, .waiting_parties and .waiting_people;
    three queries however many events."""
    rows = list(
        events.filter(capacity__isnull=False)
        .public()
        .select_related("sub_event", "venue")
        .order_by("starts_at", "title", "pk")
    )
    taken = seats_taken(rows)
    waiting = {
        row["event_id"]: row
        for row in Registration.objects.filter(
            event__in=rows, status=Registration.Status.WAITLISTED
        )
        .values("event_id")
        .annotate(
            parties=Count("id", distinct=True),
            people=Count(
                "participants",
                filter=Q(participants__cancelled_at__isnull=True),
            ),
        )
        .order_by()
    }
    for event in rows:
        event.seats_taken = taken.get(event.pk, 0)
        event.seats_free = max(event.capacity - event.seats_taken, 0)
        event.waiting_parties = waiting.get(event.pk, {}).get("parties", 0)
        event.waiting_people = waiting.get(event.pk, {}).get("people", 0)
    return rows


@dataclass
class RegistrationBoard:
    """An event's parties as organisers see them. Every registration carries
    .people (all its participants), .active_people, .seats, .checked_in (people),
    .need_labels and, when waiting, .position (1 = next to move up)."""

    event: Event
    confirmed: list[Registration]
    waiting: list[Registration]
    cancelled: list[Registration]

    @property
    def seats_taken(self) -> int:
        return sum(r.seats for r in self.confirmed)

    @property
    def seats_free(self) -> int:
        return max((self.event.capacity or 0) - self.seats_taken, 0)

    @property
    def waiting_people(self) -> int:
        return sum(len(r.active_people) for r in self.waiting)

    @property
    def people_confirmed(self) -> int:
        return sum(len(r.active_people) for r in self.confirmed)

    @property
    def people_checked_in(self) -> int:
        return sum(
            1 for r in self.confirmed for p in r.active_people if p.checked_in_at
        )


def event_registration_board(event: Event) -> RegistrationBoard:
    """Confirmed and cancelled parties by time of registration, the waiting list in
    its order; two queries however many parties."""
    board = RegistrationBoard(event=event, confirmed=[], waiting=[], cancelled=[])
    needs = dict(Need.choices)
    groups = {
        Registration.Status.CONFIRMED: board.confirmed,
        Registration.Status.WAITLISTED: board.waiting,
        Registration.Status.CANCELLED: board.cancelled,
    }
    for registration in event_registrations(event).order_by("created_at", "pk"):
        registration.people = list(registration.participants.all())
        registration.active_people = [
            p for p in registration.people if p.cancelled_at is None
        ]
        registration.seats = sum(1 for p in registration.active_people if p.takes_seat)
        registration.checked_in = sum(
            1 for p in registration.active_people if p.checked_in_at
        )
        registration.need_labels = [
            str(needs.get(code, code)) for code in registration.needs
        ]
        registration.position = None
        groups[registration.status].append(registration)
    for position, registration in enumerate(board.waiting, start=1):
        registration.position = position
    return board


def registration_matches(registration: Registration, query: str) -> bool:
    """Whether a search by name finds this party: its contact's or one of its
    active participants' names contains the query (case and accents ignored)."""
    needle = name_fold(query.strip())
    if not needle:
        return True
    names = [registration.household.name] + [p.name for p in registration.active_people]
    return any(needle in name_fold(name) for name in names)
