"""Project-level views: the health check and the development outbox."""

import email
import email.policy
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from festwoche.celery import app as celery_app


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return what was stored")
    return "ok"


def _check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when database, cache and broker answer, 503 with the failing part if not."""
    checks = {
        "database": _check_database,
        "cache": _check_cache,
        "broker": _check_broker,
    }
    result: dict[str, str] = {}
    healthy = True
    for name, check in checks.items():
        try:
            result[name] = check()
        except Exception as exc:  # report any failure, never crash the probe
            result[name] = f"error: {type(exc).__name__}"
            healthy = False
    return JsonResponse(
        {"status": "ok" if healthy else "error", **result},
        status=200 if healthy else 503,
    )


def outbox_messages(directory: Path) -> list[dict]:
    """Parse the file e-mail backend's files: one file per connection, messages
    separated by a line of 79 dashes."""
    messages = []
    if not directory.exists():
        return messages
    separator = "-" * 79
    for path in sorted(
        directory.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True
    ):
        for chunk in path.read_text(encoding="utf-8", errors="replace").split(
            separator
        ):
            if not chunk.strip():
                continue
            message = email.message_from_string(
                chunk.lstrip("\n"), policy=email.policy.default
            )
            body = message.get_body(preferencelist=("plain",))
            messages.append(
                {
                    "file": path.name,
                    "subject": message["subject"],
                    "to": message["to"],
                    "from": message["from"],
                    "date": message["date"],
                    "body": body.get_content() if body else "",
                }
            )
    return messages


@never_cache
@require_GET
def outbox(request: HttpRequest) -> HttpResponse:
    """The e-mails the file backend wrote; only with DEBUG (development)."""
    if not settings.DEBUG:
        raise Http404
    directory = Path(getattr(settings, "EMAIL_FILE_PATH", settings.EMAIL_OUTBOX_DIR))
    return render(request, "dev/outbox.html", {"messages": outbox_messages(directory)})
