"""The state of the services the site depends on: database, cache, broker, outbox.

`/healthz` asks every time (festwoche/views.py). The organisers' banner asks
`service_problems()`, whose answer is kept for 30 seconds in this process's memory
(not in the cache, which may be the part that is down), so a page costs nothing
extra and only one request per process and half minute waits for a probe. The
banner runs no database query: the outbox backlog is the figure the relay leaves
in the cache each minute.
"""

import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from events.tasks import OUTBOX_BACKLOG_CACHE_KEY
from festwoche.celery import app as celery_app

BANNER_TTL = 30.0  # seconds


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_cache() -> str:
    check = getattr(cache, "check", None)
    if check is not None:  # the degrading Redis cache: ask Redis itself
        check()
        return "ok"
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return what was stored")
    return "ok"


def check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    # Socket timeouts: a broker that accepts connections but never answers (frozen,
    # half-open) would otherwise hang the probe, and the gunicorn worker with it.
    with celery_app.connection_for_write(
        transport_options={"socket_timeout": 2, "socket_connect_timeout": 2}
    ) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


def probe(check) -> tuple[bool, str]:
    """(answered, what it said): any failure is an answer, never an exception."""
    try:
        return True, check()
    except Exception as exc:  # report any failure, never crash the probe
        return False, f"error: {type(exc).__name__}"


_banner_lock = threading.Lock()
_banner: dict = {"until": 0.0, "problems": ()}


def service_problems() -> tuple[str, ...]:
    """What the organisers should know, at most 30 seconds old: "cache", "broker"
    (unreachable), "outbox" (mails waiting longer than five minutes)."""
    now = time.monotonic()
    if now < _banner["until"]:
        return _banner["problems"]
    with _banner_lock:
        if time.monotonic() < _banner["until"]:  # another thread just asked
            return _banner["problems"]
        problems = []
        if not probe(check_cache)[0]:
            problems.append("cache")
        if not probe(check_broker)[0]:
            problems.append("broker")
        # The figure the last relay run left, not a query: organisers' pages count
        # their queries, and the relay runs every minute anyway.
        answered, backlog = probe(lambda: cache.get(OUTBOX_BACKLOG_CACHE_KEY))
        if answered and backlog:
            problems.append("outbox")
        _banner["problems"] = tuple(problems)
        _banner["until"] = time.monotonic() + BANNER_TTL
        return _banner["problems"]


def service_problems_forget() -> None:
    """Ask again on the next call (tests, and after an organiser's resend)."""
    _banner["until"] = 0.0
