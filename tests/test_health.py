"""/healthz: what a load balancer and the container healthcheck ask."""

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.utils import timezone

from events.models import OutboxMail
from tests.conftest import redis_url

BASE_DIR = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db


def test_health_reports_every_part_ok_in_the_default_setup(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "broker": "eager",
        "outbox_backlog": 0,
        "down": [],
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize(
    "backend",
    [
        "festwoche.cache.DegradingRedisCache",
        "django.core.cache.backends.redis.RedisCache",
    ],
)
def test_health_is_degraded_but_200_when_the_cache_is_down(client, settings, backend):
    """The web still serves without Redis (pages miss the cache), so the probe must
    not make the container restart it: 200, "degraded", and what is down."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    # Port 1 on loopback: nothing listens, the connection is refused at once.
    settings.CACHES = {
        "default": {"BACKEND": backend, "LOCATION": "redis://127.0.0.1:1/0"}
    }

    started = time.monotonic()
    response = client.get("/healthz")

    assert time.monotonic() - started < 10
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "error: ConnectionError",
        "broker": "eager",
        "outbox_backlog": 0,
        "down": ["cache"],
    }


def test_health_counts_the_mails_waiting_longer_than_five_minutes(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    now = timezone.now()
    for minutes, status in [
        (6, OutboxMail.Status.PENDING),
        (30, OutboxMail.Status.PENDING),
        (4, OutboxMail.Status.PENDING),  # young: on its way
        (60, OutboxMail.Status.SENT),
        (60, OutboxMail.Status.FAILED),
    ]:
        OutboxMail.objects.create(
            to=["familie@example.org"],
            subject="-",
            body="-",
            status=status,
            created_at=now - dt.timedelta(minutes=minutes),
            sent_at=now if status == OutboxMail.Status.SENT else None,
        )

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "ok",
        "broker": "eager",
        "outbox_backlog": 2,
        "down": [],
    }


def run_django(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run `code` after django.setup() in a fresh process, so the real settings build
    database, cache and Celery from `env`."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "festwoche.settings",
        "LOG_LEVEL": "CRITICAL",
        **env,
    }
    for name in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "EMAIL_URL"):
        if name not in env or not env[name]:
            env.pop(name, None)
    env.pop("CELERY_RESULT_BACKEND", None)
    return subprocess.run(
        [sys.executable, "-c", "import django, json; django.setup()\n" + code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_health_is_503_when_the_database_is_down(tmp_path):
    """PostgreSQL at a closed port: /healthz says so with 503 (the load balancer
    takes the web out), and a page and an API call answer 503 with Retry-After
    instead of a 500 (festwoche.middleware.DatabaseUnavailableMiddleware)."""
    code = (
        "from django.test import Client\n"
        "client = Client(raise_request_exception=False)\n"
        "client.cookies['django_language'] = 'en'\n"
        "health = client.get('/healthz')\n"
        "page = client.get('/')\n"
        "api = client.get('/api/v1/events/')\n"
        "print(json.dumps([health.status_code, health.json(),\n"
        "    page.status_code, page['Retry-After'], page.content.decode(),\n"
        "    api.status_code, api['Retry-After'], api.json()['code']]))\n"
    )
    result = run_django(
        code,
        {
            "FESTWOCHE_VAR_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://postgres@127.0.0.1:1/festwoche",
        },
    )

    assert result.returncode == 0, result.stderr
    health, body, page, page_retry, html, api, api_retry, code = json.loads(
        result.stdout.strip().splitlines()[-1]
    )
    assert (health, body) == (
        503,
        {
            "status": "error",
            "database": "error: OperationalError",
            "cache": "ok",
            "broker": "eager",
            "outbox_backlog": None,
            "down": ["database"],
        },
    )
    assert (page, page_retry) == (503, "5")
    assert "The database is briefly unavailable." in html
    assert (api, api_retry, code) == (503, "5", "database_unavailable")


def test_health_only_answers_get(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.redis
def test_health_reports_a_redis_cache_ok(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url(),
            "KEY_PREFIX": "festwoche-test-health",
        }
    }

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "broker": "eager",
        "outbox_backlog": 0,
        "down": [],
    }


class SilentServer:
    """A TCP server on loopback that accepts connections and never answers: a frozen
    Redis, as far as a client can tell."""

    def __init__(self) -> None:
        self._socket = socket.create_server(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        self._connections: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:  # closed
                return
            self._connections.append(connection)

    def __enter__(self) -> "SilentServer":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._socket.close()
        for connection in self._connections:
            connection.close()


def test_health_answers_in_bounded_time_when_redis_hangs(tmp_path):
    """Cache and broker that accept connections but never reply make the probe fail
    within seconds, not hang (which would also tie up a gunicorn worker). Run in a
    subprocess so the real settings build cache and Celery from the environment."""
    code = (
        "import django, json; django.setup()\n"
        "from django.test import Client\n"
        "response = Client().get('/healthz')\n"
        "print(json.dumps([response.status_code, response.json()]))\n"
    )
    with SilentServer() as server:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "festwoche.settings",
            "FESTWOCHE_VAR_DIR": str(tmp_path),
            "REDIS_URL": f"redis://127.0.0.1:{server.port}/0",
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{server.port}/0",
            "LOG_LEVEL": "CRITICAL",
        }
        for name in ("DATABASE_URL", "EMAIL_URL", "CELERY_RESULT_BACKEND"):
            env.pop(name, None)
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        elapsed = time.monotonic() - started

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        '[200, {"status": "degraded", "database": "ok", '
        '"cache": "error: TimeoutError", "broker": "error: OperationalError", '
        '"outbox_backlog": null, "down": ["cache", "broker"]}]'
    )
    assert elapsed < 30


def test_the_container_probe_keeps_web_healthy_while_redis_is_down(live_url, settings):
    """docker/healthcheck.py passes on "degraded": restarting the web would not bring
    Redis back and would only drop the requests it still serves."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CACHES = {
        "default": {
            "BACKEND": "festwoche.cache.DegradingRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    probe = [sys.executable, str(BASE_DIR / "docker" / "healthcheck.py")]

    result = subprocess.run(
        probe,
        env={**os.environ, "HEALTHCHECK_URL": f"{live_url}/healthz"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith('200 {"status": "degraded"')
