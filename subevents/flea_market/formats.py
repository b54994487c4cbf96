"""How the market writes money and times for people (pages, mails, PDFs)."""

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format

from events.models import BERLIN, Event


def euro(cents: int | None) -> str:
    """1250 → "12,50 €" (German notation, as on the printed fee lists)."""
    if cents is None:
        return "–"
    euros, rest = divmod(int(cents), 100)
    return f"{euros:,}".replace(",", ".") + f",{rest:02d} €"


def clock(value: dt.time | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value, BERLIN)
    return value.strftime("%H:%M")


def event_day(event: Event) -> str:
    """E.g. "Samstag, 19. Juni 2027" in the active language."""
    return date_format(timezone.localtime(event.starts_at, BERLIN), "l, j. F Y")


def event_hours(event: Event) -> str:
    return f"{clock(event.starts_at)}–{clock(event.ends_at)}"
