"""Who may use the coordination's pages, and the small helpers every page shares.

Staff accounts with the permission to view shifts see the pages (the Helferkoordination
and the Orga-Team); each change needs its own model permission. Anonymous visitors
go to the login, everyone else gets a 403 page that says whom to ask.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from events.orga import current_festival, error_text, require  # noqa: F401

VIEW = "volunteers.view_shift"
VIEW_PEOPLE = "volunteers.view_volunteer"
ADD_SHIFT = "volunteers.add_shift"
CHANGE_SHIFT = "volunteers.change_shift"
DELETE_SHIFT = "volunteers.delete_shift"
ASSIGN = "volunteers.add_assignment"
CHANGE_ASSIGNMENT = "volunteers.change_assignment"
ADD_VOLUNTEER = "volunteers.add_volunteer"
CHANGE_VOLUNTEER = "volunteers.change_volunteer"
ADD_QUALIFICATION = "volunteers.add_qualification"
DELETE_QUALIFICATION = "volunteers.delete_qualification"

SEARCH_MAX = 100


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "volunteers/orga/forbidden.html", status=403)


def orga_page(view: Callable) -> Callable:
    """Login first; then staff with the permission to view shifts, else 403."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not (request.user.is_staff and request.user.has_perm(VIEW)):
            return forbidden(request)
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden(request)

    return wrapper


def int_or_none(value: str | None) -> int | None:
    """A positive id from a query string, or None (bad input is ignored)."""
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 0 < number < 2**31 else None
