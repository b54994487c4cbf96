"""Demo ideas (to be written)."""

from events.models import Festival


def demo_ideas(festival: Festival) -> int:
    return 0
