"""Shared helpers of the audit log's tests."""

from events.models import AuditEntry


def entries(**filters) -> list[tuple[str, str, str, str, str]]:
    """The log as (action, object type, object id, account, via), oldest first."""
    return list(
        AuditEntry.objects.filter(**filters)
        .order_by("pk")
        .values_list("action", "object_type", "object_id", "actor_name", "via")
    )


def summaries() -> list[str]:
    return list(AuditEntry.objects.order_by("pk").values_list("summary", flat=True))


def every_field_text() -> str:
    """Every stored value of every entry, as one text to search in."""
    rows = AuditEntry.objects.values_list(
        "actor_name", "via", "action", "object_type", "object_id", "summary"
    )
    return "\n".join(" | ".join(row) for row in rows)
