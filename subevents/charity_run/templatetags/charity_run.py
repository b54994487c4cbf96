"""Template filters of the Spendenlauf: money in cents as euros, grouped counts."""

from django import template

from .. import rules

register = template.Library()


@register.filter
def euro(cents: int | None) -> str:
    return rules.euro(cents)


@register.filter
def euro_input(cents: int | None) -> str:
    """Cents as a value for an input ("12,50"), empty for None."""
    if cents is None:
        return ""
    return rules.euro(cents).removesuffix(" €")


@register.filter
def grouped(number: int | None) -> str:
    """A count with the thousands separator of the active language."""
    return rules.grouped(number or 0)
