"""The audit log: who read or changed personal data, and when.

Every organiser read of a participant list or an export and every change to
registrations, shifts and qualifications writes one `AuditEntry` through
`audit_record` (or `audit_request` from a view). An entry names the action, the
kind and id of the object and a short summary that holds no personal data (an
event's title, a status change, a row count) — the log must not become a second
copy of what it protects.
"""

from typing import Any

from django.db import models

from events.models import AuditEntry

Via = AuditEntry.Via


def _object_ref(obj: models.Model | None) -> tuple[str, str]:
    if obj is None:
        return "", ""
    return obj._meta.label_lower, str(obj.pk)


def audit_record(
    *,
    action: str,
    obj: models.Model | None = None,
    actor: Any = None,
    via: str | None = None,
    summary: str = "",
) -> AuditEntry:
    """Write one entry. `action` is a dotted name ("registrations.list_read");
    `actor` a user or None; `via` defaults to staff for a user, else system."""
    user = actor if getattr(actor, "is_authenticated", False) else None
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
) -> AuditEntry:
    """Write one entry for a request: its user (an API token counts as "api"), or
    the given `via` for a personal link (family, volunteer)."""
    user = getattr(request, "user", None)
    if via is None and getattr(user, "is_authenticated", False):
        via = Via.API if getattr(request, "auth", None) is not None else Via.STAFF
    return audit_record(action=action, obj=obj, actor=user, via=via, summary=summary)
