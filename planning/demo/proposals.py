"""Demo proposals (to be written)."""

from events.models import Festival


def demo_proposals(festival: Festival) -> int:
    return 0
