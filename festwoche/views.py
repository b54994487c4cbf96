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
    # Socket timeouts: a broker that accepts connections but never answers (frozen,
    # half-open) would otherwise hang the probe, and the gunicorn worker with it.
    with celery_app.connection_for_write(
        transport_options={"socket_timeout": 2, "socket_connect_timeout": 2}
    ) as conn:
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
    """Parse the file e-mail backend's files, newest first: one file per connection,
    each message followed by a line of 79 dashes.

    Parsed as bytes: the backend writes 8bit UTF-8 bodies, which a str parse garbles.
    """
    messages = []
    if not directory.exists():
        return messages
    separator = b"\n" + b"-" * 79 + b"\n"
    for path in sorted(
        directory.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True
    ):
        chunks = [c for c in path.read_bytes().split(separator) if c.strip()]
        for chunk in reversed(chunks):
            message = email.message_from_bytes(
                chunk.lstrip(b"\n"), policy=email.policy.default
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
    # Not "messages": that name belongs to django.contrib.messages in the base layout.
    return render(request, "dev/outbox.html", {"emails": outbox_messages(directory)})
