"""Template filters of the market: money and clock times as people read them."""

from django import template

from .. import formats

register = template.Library()


@register.filter
def euro(cents: int | None) -> str:
    return formats.euro(cents)


@register.filter
def clock(value) -> str:
    return formats.clock(value) if value else ""


@register.simple_tag
def fee_for(pitch_type, seller_kind: str) -> str:
    return formats.euro(pitch_type.fee_for(seller_kind))
