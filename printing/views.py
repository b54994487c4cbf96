"""Printed documents over HTTP, and the organisers' overview of their builds.

Fetching a document serves its newest complete build at once; if the content has
changed since, a new build is queued and served from the next request on. Only
when no build exists at all does the reader wait (a short "being prepared" page
that reloads itself; in eager mode the build is done within the request).
"""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from events import roles
from events.audit import audit_request
from events.models import Event, SubEvent, Venue
from events.selectors import festival_current
from printing import selectors, services
from printing.documents import KINDS
from printing.documents.grids import grid_get, grids_printable
from printing.models import PrintRun

RETRY_SECONDS = 5


def _allowed(request: HttpRequest, permission: str | None) -> HttpResponse | None:
    """None when the user may fetch it; else the login redirect or 403."""
    if permission is None:
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not (request.user.is_staff and request.user.has_perm(permission)):
        raise PermissionDenied
    return None


def _serve(request: HttpRequest, kind: str, params: dict[str, Any]) -> HttpResponse:
    spec = KINDS.get(kind)
    if spec is None:
        raise Http404
    refused = _allowed(request, spec.permission)
    if refused is not None:
        return refused
    services.document_request(kind=kind, params=params)
    run = selectors.document_ready(services.document_key(kind, params))
    if run is None:
        response = render(
            request,
            "printing/preparing.html",
            {"title": spec.title, "retry": RETRY_SECONDS},
            status=503,
        )
        response["Retry-After"] = str(RETRY_SECONDS)
        return response
    if spec.permission is not None:  # the documents with people's names
        audit_request(
            request,
            action="printing.document_read",
            obj=run,
            summary=" ".join([kind, *(f"{k}={v}" for k, v in sorted(params.items()))]),
        )
    response = HttpResponse(bytes(run.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{spec.filename(**params)}"'
    response["Last-Modified"] = http_date(run.built_at.timestamp())
    response["Cache-Control"] = (
        "public, max-age=60" if spec.permission is None else "private, no-store"
    )
    return response


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise Http404 from None


@require_GET
def downloads(request: HttpRequest) -> HttpResponse:
    """The public page of printed material: the programme to read on screen or to
    print at home, the edition for the copy shop with how to print it, posters."""
    festival = festival_current()
    return render(
        request,
        "printing/downloads.html",
        {
            "festival": festival,
            "days": festival.days if festival else [],
            "venues": Venue.objects.filter(is_published=True).order_by("name"),
            "sub_events": SubEvent.objects.order_by("position", "name"),
            "grids": grids_printable(),
        },
    )


@require_GET
def programme(request: HttpRequest) -> HttpResponse:
    return _serve(request, "programme", {})


@require_GET
def programme_booklet(request: HttpRequest) -> HttpResponse:
    return _serve(request, "programme-booklet", {})


@require_GET
def poster_venue_day(request: HttpRequest, slug: str, day: str) -> HttpResponse:
    venue = get_object_or_404(Venue, slug=slug, is_published=True)
    return _serve(
        request, "poster-venue-day", {"venue": venue.slug, "day": _day(day).isoformat()}
    )


@require_GET
def poster_sub_event(request: HttpRequest, slug: str) -> HttpResponse:
    sub_event = get_object_or_404(SubEvent, slug=slug)
    return _serve(request, "poster-sub-event", {"sub_event": sub_event.slug})


@require_GET
def grid(request: HttpRequest, name: str) -> HttpResponse:
    """A module's grid (events.registry's print grids) as an A4 landscape table."""
    if grid_get(name) is None:
        raise Http404
    return _serve(request, "grid", {"grid": name})


@require_GET
def attendance(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    return _serve(request, "attendance", {"event": event.slug})


@require_GET
def shift_plan(request: HttpRequest, day: str, slug: str) -> HttpResponse:
    venue = get_object_or_404(Venue, slug=slug)
    copy = "coordinators" if request.GET.get("copy") == "coordinators" else "public"
    return _serve(
        request,
        "shift-plan",
        {"day": _day(day).isoformat(), "venue": venue.slug, "copy": copy},
    )


@require_GET
def badges(request: HttpRequest) -> HttpResponse:
    return _serve(request, "badges", {})


def _staff(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    # The organisers' print desk, not the partners': their coordinators are staff
    # too (for the admin) but may not force rebuilds of the whole week's prints.
    if not (request.user.is_staff and roles.sees_whole_programme(request.user)):
        raise PermissionDenied
    return None


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """The organisers' page: every listed document, when it was built, its state,
    a button to build it again; links to the per-venue, per-event documents."""
    refused = _staff(request)
    if refused is not None:
        return refused
    listed = [
        spec
        for spec in KINDS.values()
        if spec.listed
        and (spec.permission is None or request.user.has_perm(spec.permission))
    ]
    runs = selectors.document_runs([services.document_key(s.name, {}) for s in listed])
    documents = [
        {
            "kind": spec,
            "key": services.document_key(spec.name, {}),
            **runs[services.document_key(spec.name, {})],
        }
        for spec in listed
    ]
    festival = festival_current()
    return render(
        request,
        "printing/overview.html",
        {
            "documents": documents,
            "festival": festival,
            "days": festival.days if festival else [],
            "venues": Venue.objects.filter(is_published=True).order_by("name"),
            "sub_events": SubEvent.objects.order_by("position", "name"),
            "events": Event.objects.exclude(capacity=None)
            .exclude(status=Event.Status.DRAFT)
            .order_by("starts_at"),
        },
    )


@require_POST
def rebuild(request: HttpRequest, kind: str) -> HttpResponse:
    """Build a listed document again now (e.g. after fixing a typo in a text the
    fingerprint does not see)."""
    refused = _staff(request)
    if refused is not None:
        return refused
    spec = KINDS.get(kind)
    if spec is None or not spec.listed:
        raise Http404
    if spec.permission is not None and not request.user.has_perm(spec.permission):
        raise PermissionDenied
    run = services.document_request(kind=kind, params={}, force=True)
    if run.status == PrintRun.Status.READY:
        messages.success(request, _("%(title)s is built.") % {"title": spec.title})
    elif run.status == PrintRun.Status.FAILED:
        messages.error(
            request, _("%(title)s could not be built.") % {"title": spec.title}
        )
    else:
        messages.info(request, _("%(title)s is being built.") % {"title": spec.title})
    return redirect("printing-orga:overview")


@require_GET
def status(request: HttpRequest) -> JsonResponse:
    """Progress of the listed documents' newest runs, for the overview's polling."""
    refused = _staff(request)
    if refused is not None:
        return JsonResponse({"code": "login_required"}, status=403)
    keys = [services.document_key(name, {}) for name, s in KINDS.items() if s.listed]
    runs = selectors.document_runs(keys)
    return JsonResponse(
        {
            key: {
                "status": slot["latest"].status if slot["latest"] else None,
                "progress": slot["latest"].progress if slot["latest"] else None,
            }
            for key, slot in runs.items()
        }
    )
