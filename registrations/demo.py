"""Demo families registered for the demo festival, so the organisers' lists, the
seat counts and a waiting list have something to show. Idempotent: a family that
is already registered for an event (in any status) is left alone."""

import datetime as dt

from django.core.exceptions import ValidationError

from events.models import Event, Festival
from registrations.models import Registration
from registrations.services import (
    ContactInput,
    ParticipantInput,
    eligibility_check,
    registration_create,
)

# (contact name, e-mail, language, [(first name, age), ...])
FAMILIES = [
    (
        "Ayşe Yılmaz",
        "ayse.yilmaz@example.org",
        "de",
        [("Mia", 7), ("Emir", 4), ("Ayşe", 36)],
    ),
    ("Jonas Becker", "jonas.becker@example.org", "de", [("Lena", 6), ("Jonas", 41)]),
    (
        "Fatima Haddad",
        "fatima.haddad@example.org",
        "en",
        [("Yara", 9), ("Omar", 5), ("Fatima", 33)],
    ),
    (
        "Katrin Schulz",
        "katrin.schulz@example.org",
        "de",
        [("Paul", 8), ("Ida", 8), ("Katrin", 39)],
    ),
    (
        "Michael Wagner",
        "michael.wagner@example.org",
        "de",
        [("Noah", 10), ("Michael", 45)],
    ),
    (
        "Olena Kovalenko",
        "olena.kovalenko@example.org",
        "de",
        [("Sofiia", 6), ("Olena", 31)],
    ),
    (
        "Sabine Hoffmann",
        "sabine.hoffmann@example.org",
        "de",
        [("Greta", 5), ("Sabine", 37)],
    ),
    (
        "Daniel Nowak",
        "daniel.nowak@example.org",
        "de",
        [("Anton", 7), ("Marie", 11), ("Daniel", 42)],
    ),
    ("Leyla Demir", "leyla.demir@example.org", "de", [("Elif", 8), ("Leyla", 35)]),
    ("Thomas Klein", "thomas.klein@example.org", "de", [("Finn", 9), ("Thomas", 44)]),
    (
        "Anna Richter",
        "anna.richter@example.org",
        "en",
        [("Emma", 6), ("Ben", 3), ("Anna", 34)],
    ),
    (
        "Karim Mansour",
        "karim.mansour@example.org",
        "de",
        [("Samir", 12), ("Karim", 47)],
    ),
]


def _fits(event: Event, people: list[tuple[str, int]]) -> bool:
    """The event's rules allow the family, and (since many demo events state their
    ages only through audience tags) every child is in one of its audiences."""
    ranges = [
        (a.min_age or 0, 120 if a.max_age is None else a.max_age)
        for a in event.audiences.all()
        if a.min_age is not None or a.max_age is not None
    ]
    if ranges and not all(
        any(low <= age <= high for low, high in ranges)
        for _name, age in people
        if age < 18
    ):
        return False
    try:
        eligibility_check(
            event=event, participants=[ParticipantInput(n, a) for n, a in people]
        )
    except ValidationError:
        return False
    return True


def _demo_events(festival: Festival) -> list[tuple[Event, list]]:
    """Up to six events with open registration, each with the families that may
    come; the smallest comes first and gets every family (a waiting list)."""
    events = Event.objects.filter(
        sub_event__festival=festival,
        status=Event.Status.PUBLISHED,
        capacity__isnull=False,
        registration_opens_at__isnull=False,
    ).order_by("capacity", "starts_at", "pk")
    chosen = []
    for event in events:
        families = [f for f in FAMILIES if _fits(event, f[3])]
        if len(families) >= 4:
            chosen.append((event, families))
        if len(chosen) == 6:
            break

    def spare_seats(item: tuple[Event, list]) -> int:
        event, families = item
        demand = sum(
            1
            for f in families
            for _n, age in f[3]
            if age < 18 or event.adults_take_seats
        )
        return event.capacity - demand

    # The event where demand most exceeds capacity first: it gets a waiting list.
    chosen.sort(key=spare_seats)
    return chosen


def demo_registrations(festival: Festival) -> int:
    """Register the demo families; the first event is booked out with a waiting
    list of two parties (filled up with more example families as needed)."""
    # The demo loader runs in one transaction, so the families are either all
    # there or not at all: one query tells a second run there is nothing to do.
    if Registration.objects.filter(event__sub_event__festival=festival).exists():
        return 0
    created = 0
    for index, (event, eligible) in enumerate(_demo_events(festival)):
        # Registrations are made as if shortly after the window opened.
        moment = event.registration_opens_at + dt.timedelta(hours=2 + index)
        families = eligible if index == 0 else eligible[index % 2 :: 2]
        if index == 0:
            age = event.min_age if event.min_age is not None else 6
            families = families + [
                (
                    f"Familie Beispiel {n}",
                    f"beispiel{n}@example.org",
                    "de",
                    [("Kind", age), ("Elternteil", 40)],
                )
                for n in range(1, event.capacity + 3)
            ]
        for offset, (name, email, language, people) in enumerate(families):
            if index == 0 and _waiting(event) >= 2:
                break
            if Registration.objects.filter(
                event=event, household__email__iexact=email
            ).exists():
                continue
            try:
                registration_create(
                    event=event,
                    contact=ContactInput(name=name, email=email, language=language),
                    participants=[
                        ParticipantInput(n, a, photo_consent=a >= 18) for n, a in people
                    ],
                    consent_privacy=True,
                    now=moment + dt.timedelta(minutes=offset),
                )
            except ValidationError:
                continue  # this family does not fit the event's rules (ages)
            created += 1
    return created


def _waiting(event: Event) -> int:
    return Registration.objects.waiting_in_order().filter(event=event).count()
