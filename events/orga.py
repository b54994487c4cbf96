"""Small helpers every organisers' page shares (the volunteer coordination's pages,
the planning workspace): a permission check that raises the 403 page, the festival
a page is about, a ValidationError as one sentence."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest

from events.models import Festival
from events.selectors import festival_current


def require(request: HttpRequest, *perms: str) -> None:
    """PermissionDenied (the 403 page) unless the user holds every permission."""
    if not all(request.user.has_perm(perm) for perm in perms):
        raise PermissionDenied


def current_festival() -> Festival:
    """The festival these pages are about; 404 while there is none."""
    festival = festival_current()
    if festival is None:
        raise Http404("no festival")
    return festival


def error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)
