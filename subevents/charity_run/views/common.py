"""What the module's pages share: finding the run, the organisers' access check."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from events.roles import user_leads

from ..models import Run


def run_or_404(slug: str) -> Run:
    return get_object_or_404(
        Run.objects.select_related("event", "event__sub_event__festival"),
        event__slug=slug,
    )


def may(user, run: Run, perm: str) -> bool:
    """The permission (the Orga-Team has all of the module's), or being a lead
    of the run's sub-event (Modulleitung)."""
    if not user.is_active:
        return False
    return user.has_perm(f"charity_run.{perm}") or user_leads(user, run.event.sub_event)


def orga_page(perm: str) -> Callable:
    """A page about one run (slug in the URL) for those who `may` `perm` it."""

    def decorate(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args, **kwargs) -> HttpResponse:
            run = run_or_404(slug)
            if not may(request.user, run, perm):
                raise PermissionDenied
            return view(request, run, *args, **kwargs)

        return wrapper

    return decorate
