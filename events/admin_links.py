"""The admin action every app with personal links offers: renew them."""

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import ngettext


def links_renew(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    objects: Iterable[Any],
    renew: Callable[[Any], Any],
) -> None:
    """Call the app's renew service for each object and say how many."""
    count = 0
    for obj in objects:
        renew(obj)
        count += 1
    modeladmin.message_user(
        request,
        ngettext(
            "%(n)d link renewed: the old address no longer opens anything.",
            "%(n)d links renewed: the old addresses no longer open anything.",
            count,
        )
        % {"n": count},
        messages.SUCCESS,
    )
