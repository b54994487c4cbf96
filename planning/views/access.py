"""Who may use the planning workspace, and the helpers every page shares.

- `planner_page`: the staff who plan the week as a whole (Orga-Team, module leads,
  volunteer coordination) — the board, the to-do list, the dashboard, the ideas, the
  releases. What each may *change* is checked per action (model permission and
  `events.roles` scope).
- `partner_page`: a partner organisation's coordinators (and the Orga-Team): their
  organisation's events, volunteers, proposals and registrations.

Anonymous visitors go to the login; everyone else gets a 403 page that says whom
to ask. A PermissionDenied raised inside a view becomes the same page.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from events import roles
from events.orga import current_festival, error_text, require  # noqa: F401


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "planning/forbidden.html", status=403)


def _guarded(allowed: Callable[[HttpRequest], bool]) -> Callable:
    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not (request.user.is_active and request.user.is_staff):
                return forbidden(request)
            if not allowed(request):
                return forbidden(request)
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied:
                return forbidden(request)

        return wrapper

    return decorator


planner_page = _guarded(lambda request: roles.sees_whole_programme(request.user))
# The Orga-Team alone (the audit log).
orga_page = _guarded(lambda request: roles.user_is_orga(request.user))
partner_page = _guarded(
    lambda request: (
        roles.user_is_orga(request.user) or roles.partners_of(request.user).exists()
    )
)


def error_code(exc: ValidationError) -> str:
    """The first machine-readable code of a ValidationError ("invalid" if none)."""
    for error in (
        exc.error_list
        if not hasattr(exc, "error_dict")
        else [e for errors in exc.error_dict.values() for e in errors]
    ):
        if error.code:
            return error.code
    return "invalid"
