"""Shared test setup.

Tests that need a real service carry a marker: `postgres`, `redis` or `browser`. On a
machine without the service they skip with the reason; with
FESTWOCHE_REQUIRE_SERVICES=1 (set by .ci/run) a missing service fails the test
instead, so nothing goes silently untested in CI.
"""

import os
import shutil
import threading
from wsgiref.simple_server import WSGIRequestHandler

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.utils import translation

REQUIRE_SERVICES = os.environ.get("FESTWOCHE_REQUIRE_SERVICES") == "1"


def service_missing(reason: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(f"FESTWOCHE_REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def redis_url() -> str | None:
    """The Redis the tests may use: REDIS_URL, else none."""
    return os.environ.get("REDIS_URL") or None


def redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        service_missing(
            "needs PostgreSQL: run with DATABASE_URL=postgres://... (see README)"
        )
    if item.get_closest_marker("redis"):
        url = redis_url()
        if not url:
            service_missing("needs Redis: set REDIS_URL=redis://127.0.0.1:6379/1")
        elif not redis_reachable(url):
            service_missing(f"Redis at {url} does not answer")
    if item.get_closest_marker("browser") and not shutil.which("chromium"):
        service_missing("needs Chromium: apt-get install chromium")


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _mail_outbox_dir(settings, tmp_path):
    settings.EMAIL_FILE_PATH = tmp_path / "mail"


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a request with an English
    cookie leaves English active in this thread (the language middleware does not
    reset it), and a later test would otherwise depend on the order of the run."""
    translation.deactivate()
    yield
    translation.deactivate()


# --- Parallel requests: threads against a threaded server in this process ------------
class _ThreadedServer(ThreadedWSGIServer):
    """Django's threaded development server (what the live_server fixture runs),
    with a listen backlog for the load: its default of 10 makes the kernel reset
    connections beyond the tenth arriving at once, before Django sees them."""

    request_queue_size = 128


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def live_url(transactional_db) -> str:
    """Serve the project on a free port for the concurrency tests; each request
    runs in its own thread with its own database connection, closed after the
    response, so parallel requests meet in the database as in production."""
    server = _ThreadedServer(("127.0.0.1", 0), _QuietHandler, allow_reuse_address=False)
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)
