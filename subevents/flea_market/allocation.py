"""The allocation rule as a pure function, so it can be reasoned about (and tested
over random orders) apart from the database.

In order of application, each waiting seller takes the lowest-numbered free pitch
of the type they applied for. A seller who needs electricity takes only a pitch
with a socket; one who does not takes a pitch without a socket first, so sockets
stay for those who need them, and one with a socket only when no other is left.
A seller for whom nothing fits stays waiting; later sellers are not held up.
"""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    """A free pitch."""

    pitch_id: int
    number: int
    type_id: int
    electricity: bool


@dataclass(frozen=True)
class Claim:
    """A waiting application, in the order of application."""

    application_id: int
    type_id: int
    needs_electricity: bool


def slot_fits(slot: Slot, claim: Claim) -> bool:
    return slot.type_id == claim.type_id and (
        slot.electricity or not claim.needs_electricity
    )


def allocation_plan(slots: Iterable[Slot], claims: Iterable[Claim]) -> dict[int, int]:
    """{application_id: pitch_id} for the claims (given in order of application)
    that get one of the free `slots`; each pitch at most once."""
    free = sorted(slots, key=lambda s: (s.electricity, s.number))
    plan: dict[int, int] = {}
    for claim in claims:
        # Without a socket first (sorted so), then by number.
        chosen = next((s for s in free if slot_fits(s, claim)), None)
        if chosen is None:
            continue
        free.remove(chosen)
        plan[claim.application_id] = chosen.pitch_id
    return plan
