"""Small display helpers for the programme templates."""

from django import template
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.models import BERLIN, Event

register = template.Library()


@register.filter
def age_range(event: Event) -> str:
    """'6–10 years', 'from 6 years', 'up to 3 years' or '' for all ages."""
    low, high = event.min_age, event.max_age
    if low is not None and high is not None:
        return _("%(low)s–%(high)s years") % {"low": low, "high": high}
    if low is not None:
        return _("from %(age)s years") % {"age": low}
    if high is not None:
        return _("up to %(age)s years") % {"age": high}
    return ""


@register.filter
def time_range(event: Event) -> str:
    start = timezone.localtime(event.starts_at, BERLIN)
    end = timezone.localtime(event.ends_at, BERLIN)
    text = f"{time_format(start, 'H:i')}–{time_format(end, 'H:i')}"
    if end.date() != start.date():
        text += " (+1)"
    return text


@register.filter
def seats_text(seats: int | None) -> str:
    if seats is None:
        return ""
    if seats == 0:
        return _("fully booked – waiting list")
    return ngettext("%(n)d seat left", "%(n)d seats left", seats) % {"n": seats}


@register.filter
def language_names(codes: list[str]) -> str:
    from django.utils.translation import get_language_info

    names = []
    for code in codes or []:
        try:
            names.append(str(get_language_info(code)["name_translated"]))
        except KeyError:
            names.append(code)
    return ", ".join(names)
