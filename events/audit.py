"""The audit log: who read or changed personal data, and when.

Every organiser read of a participant list or an export and every change to
registrations, shifts and qualifications writes one `AuditEntry` through
`audit_record` (or `audit_request` from a view). An entry names the action, the
kind and id of the object and a short summary that holds no personal data (an
event's title, a status change, a row count) — the log must not become a second
copy of what it protects.

Who acted: services are called from HTML views, the API, the admin, tasks and the
demo loader, and most of them are not told the user. `AuditMiddleware` keeps the
current request in a context variable, so a service's `audit_record` without an
`actor` finds the request's user when it writes (a DRF token user too: DRF sets
`user` and `auth` on the underlying request when it authenticates). Without an
authenticated user the entry says through which personal link the change came
(`link_via`, e.g. the family's), and outside a request it is the system's.

`audit_suppressed()` turns writing off in a block: the demo loader creates
hundreds of registrations and assignments, which are no one's action on real
people's data and would flood the log.
"""

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

from django.db import models
from django.db.models import QuerySet

from events.models import BERLIN, AuditEntry

Via = AuditEntry.Via

_request: ContextVar[Any] = ContextVar("audit_request", default=None)
_suppressed: ContextVar[bool] = ContextVar("audit_suppressed", default=False)


class AuditMiddleware:
    """Remember the current request for `audit_record` (after authentication)."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


@contextlib.contextmanager
def audit_suppressed() -> Iterator[None]:
    """Write no entries inside the block (the demo loader's bulk creation)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def _object_ref(obj: models.Model | None) -> tuple[str, str]:
    if obj is None:
        return "", ""
    return obj._meta.label_lower, str(obj.pk)


def _request_actor(request: Any) -> tuple[Any, str | None]:
    """The request's authenticated user and how they came (staff session or API
    token); (None, None) for an anonymous request."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return None, None
    via = Via.API if getattr(request, "auth", None) is not None else Via.STAFF
    return user, via


def audit_record(
    *,
    action: str,
    obj: models.Model | None = None,
    actor: Any = None,
    via: str | None = None,
    summary: str = "",
    link_via: str | None = None,
) -> AuditEntry | None:
    """Write one entry. `action` is a dotted name ("registrations.list_read");
    `actor` a user or None; `via` defaults to staff for a user, else system.

    Without `actor` (and unless `via` is system) the current request's user acts;
    an anonymous request acted through a personal link, `link_via` (default
    "link"). Returns None while `audit_suppressed()`."""
    if _suppressed.get():
        return None
    user = actor if getattr(actor, "is_authenticated", False) else None
    if user is None and actor is None and via != Via.SYSTEM:
        request = _request.get()
        if request is not None:
            user, request_via = _request_actor(request)
            via = via or request_via or link_via or Via.LINK
    object_type, object_id = _object_ref(obj)
    return AuditEntry.objects.create(
        actor=user,
        actor_name=user.get_username() if user else "",
        via=via or (Via.STAFF if user else Via.SYSTEM),
        action=action,
        object_type=object_type,
        object_id=object_id,
        summary=summary[:300],
    )


def audit_request(
    request: Any,
    *,
    action: str,
    obj: models.Model | None = None,
    summary: str = "",
    via: str | None = None,
) -> AuditEntry | None:
    """Write one entry for a request: its user (an API token counts as "api"), or
    the given `via` for a personal link (family, volunteer)."""
    user = getattr(request, "user", None)
    if via is None and getattr(user, "is_authenticated", False):
        via = Via.API if getattr(request, "auth", None) is not None else Via.STAFF
    return audit_record(action=action, obj=obj, actor=user, via=via, summary=summary)


# --- Reading the log ------------------------------------------------------------------


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=BERLIN)


def audit_entries(
    *,
    action: str = "",
    object_type: str = "",
    account: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    """The log, newest first, narrowed by the filters given; `account` is the
    username at the time (the system's entries have none), the dates are whole
    days in Berlin, both included."""
    entries = AuditEntry.objects.order_by("-at", "-pk")
    if action:
        entries = entries.filter(action=action)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if account:
        entries = entries.filter(actor_name=account)
    if date_from:
        entries = entries.filter(at__gte=_local_midnight(date_from))
    if date_to:
        entries = entries.filter(at__lt=_local_midnight(date_to + dt.timedelta(1)))
    return entries


def audit_filter_choices() -> dict[str, list[str]]:
    """The actions, object types and accounts that occur in the log (sorted)."""
    values = {}
    for field in ("action", "object_type", "actor_name"):
        values[field] = sorted(
            AuditEntry.objects.exclude(**{field: ""})
            .order_by()
            .values_list(field, flat=True)
            .distinct()
        )
    return values
