"""Demo releases (to be written)."""

from events.models import Festival


def demo_releases(festival: Festival) -> int:
    return 0
