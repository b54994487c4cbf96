"""Project-level views: the health check and the development outbox."""

import email
import email.policy
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from events.notifications import outbox_backlog
from festwoche.health import check_broker, check_cache, check_database, probe


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Every part's state and the outbox backlog (pending mails older than five
    minutes).

    200 "ok" when all answer; 200 "degraded" when the database answers but the
    cache or the broker does not, or mails are waiting (the site still serves and
    stores: pages without the cache, mails in the outbox), with the parts in
    "down"; 503 "error" when the database does not answer (nothing works).
    """
    result: dict = {}
    down = []
    for name, check in (
        ("database", check_database),
        ("cache", check_cache),
        ("broker", check_broker),
    ):
        answered, result[name] = probe(check)
        if not answered:
            down.append(name)
    if "database" in down:
        status, code = "error", 503
        result["outbox_backlog"] = None
    else:
        answered, backlog = probe(outbox_backlog)
        result["outbox_backlog"] = backlog if answered else None
        degraded = down or not answered or backlog
        status, code = ("degraded" if degraded else "ok"), 200
    return JsonResponse({"status": status, **result, "down": down}, status=code)


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
