"""Counting laps: the phone page and its JSON endpoints.

Volunteers count through a counting link (`Counter`): the token in the URL (or the
X-Counter-Token header) is the credential, so these endpoints are CSRF-exempt —
CSRF protects credentials a browser sends by itself (the session cookie), and
they use none: a forged cross-site request would need the token, which is the
secret. Logged-in staff count on their own page, whose endpoints keep Django's
CSRF check because they *are* authenticated by the session cookie.

Answers: 201 a new entry, 200 the stored one for a replayed key, 400 with a
`code` (`unknown_start_number`, `run_not_live`, `invalid_key`, ...), 409
`idempotency_conflict`, 403 `counter_revoked`.
"""

import datetime as dt
import json
import re
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from events.tokens import token_lookup

from .. import services
from ..models import Counter, LapEntry, Run
from .common import orga_page

MAX_BODY = 4096
TOKEN = re.compile(r"[-A-Za-z0-9_]{1,64}")  # secrets.token_urlsafe


def _error(code: str, detail: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"code": code, "detail": detail}, status=status)


def _counter(token: str | None) -> Counter | JsonResponse:
    counter = (
        token_lookup(Counter.objects.select_related("run__event"), token)
        if token and TOKEN.fullmatch(token)  # the header's, too: no NUL to the DB
        else None
    )
    if counter is None:
        return _error("counter_unknown", _("This counting link is not valid."), 404)
    if counter.revoked_at is not None:
        return _error("counter_revoked", _("This counting link was switched off."), 403)
    return counter


def _body(request: HttpRequest) -> dict | JsonResponse:
    if len(request.body) > MAX_BODY:
        return _error("request_too_large", _("The request is too large."), 413)
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):
        return _error("parse_error", _("The request is not valid JSON."))
    if not isinstance(body, dict):
        return _error("parse_error", _("The request is not valid JSON."))
    return body


def _uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def _client_time(value) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = parse_datetime(value)
    except ValueError:
        return None
    if moment is None or moment.tzinfo is None:
        return None
    try:
        return moment.astimezone(dt.UTC)  # stored in UTC: year 1 or 9999 overflow
    except OverflowError:
        return None


def _answer(result) -> JsonResponse:
    entry: LapEntry = result.entry
    runner = entry.runner
    return JsonResponse(
        {
            "key": str(entry.idempotency_key),
            "kind": entry.kind,
            "start_number": runner.start_number,
            "first_name": runner.first_name,
            "team": runner.team.name if runner.team_id else "",
            "laps": result.laps,
            "flagged": entry.flagged,
            "replayed": result.replayed,
            "at": entry.tapped_at.isoformat(),
        },
        status=200 if result.replayed else 201,
    )


def _refused(exc: ValidationError) -> JsonResponse:
    status = 409 if exc.code == "idempotency_conflict" else 400
    return _error(exc.code or "invalid", " ".join(exc.messages), status)


def _act(request: HttpRequest, run: Run, action: str, **who) -> JsonResponse:
    body = _body(request)
    if isinstance(body, JsonResponse):
        return body
    key = _uuid(body.get("key"))
    if key is None:
        return _error("invalid_key", _("Each entry needs a key (a UUID)."))
    device = body.get("device_id") if isinstance(body.get("device_id"), str) else ""
    device = device.replace("\x00", "")  # PostgreSQL refuses NUL in text
    try:
        if action == "tap":
            number = body.get("start_number")
            if isinstance(number, str) and number.strip().isdecimal():
                number = int(number)  # isdigit() would let "²" through to int()
            if (
                not isinstance(number, int)
                or isinstance(number, bool)
                or not (0 <= number < 10**7)
            ):
                return _error("invalid_start_number", _("Please type a start number."))
            result = services.lap_tap(
                run=run,
                start_number=number,
                key=key,
                device_id=device,
                client_time=_client_time(body.get("client_time")),
                **who,
            )
        else:
            target = _uuid(body.get("target_key"))
            if target is None:
                return _error("invalid_key", _("Which lap should be undone?"))
            result = services.lap_undo(
                run=run, target_key=target, key=key, device_id=device, **who
            )
    except ValidationError as exc:
        return _refused(exc)
    return _answer(result)


def _page(
    request,
    run: Run,
    *,
    title: str,
    tap_url: str,
    undo_url: str,
    store: str,
    use_csrf: bool = False,
):
    return render(
        request,
        "charity_run/count.html",
        {
            "run": run,
            "event": run.event,
            "title": title,
            "tap_url": tap_url,
            "undo_url": undo_url,
            "store": store,
            "use_csrf": use_csrf,
        },
    )


def counter_page(request: HttpRequest, token: str) -> HttpResponse:
    counter = _counter(token)
    if isinstance(counter, JsonResponse):
        return render(
            request, "charity_run/count_closed.html", status=counter.status_code
        )
    return _page(
        request,
        counter.run,
        title=counter.name,
        tap_url=reverse("charity_run:count-tap", kwargs={"token": token}),
        undo_url=reverse("charity_run:count-undo", kwargs={"token": token}),
        store=f"counter-{counter.pk}",
    )


@csrf_exempt  # the token authenticates, no cookie does (see the module's docs)
@require_POST
def counter_tap(request: HttpRequest, token: str | None = None) -> JsonResponse:
    counter = _counter(token or request.headers.get("X-Counter-Token"))
    if isinstance(counter, JsonResponse):
        return counter
    return _act(request, counter.run, "tap", counter=counter)


@csrf_exempt  # the token authenticates, no cookie does (see the module's docs)
@require_POST
def counter_undo(request: HttpRequest, token: str | None = None) -> JsonResponse:
    counter = _counter(token or request.headers.get("X-Counter-Token"))
    if isinstance(counter, JsonResponse):
        return counter
    return _act(request, counter.run, "undo", counter=counter)


@orga_page("add_lapentry")
def staff_page(request: HttpRequest, run: Run) -> HttpResponse:
    return _page(
        request,
        run,
        title=request.user.get_full_name() or request.user.get_username(),
        tap_url=reverse("charity_run:staff-tap", kwargs={"slug": run.slug}),
        undo_url=reverse("charity_run:staff-undo", kwargs={"slug": run.slug}),
        store=f"staff-{run.pk}-{request.user.pk}",
        use_csrf=True,
    )


def _staff_api(request: HttpRequest, slug: str, action: str) -> JsonResponse:
    from .common import may, run_or_404

    if request.method != "POST":
        return _error("method_not_allowed", "POST", 405)
    if not request.user.is_authenticated:
        return _error("not_authenticated", _("Please log in."), 403)
    run = run_or_404(slug)
    if not may(request.user, run, "add_lapentry"):
        raise PermissionDenied
    return _act(request, run, action, user=request.user)


def staff_tap(request: HttpRequest, slug: str) -> JsonResponse:
    return _staff_api(request, slug, "tap")


def staff_undo(request: HttpRequest, slug: str) -> JsonResponse:
    return _staff_api(request, slug, "undo")
