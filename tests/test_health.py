"""/healthz: what a load balancer and the container healthcheck ask."""

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

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
    }
    assert "no-cache" in response["Cache-Control"]


def test_health_is_503_when_the_cache_is_down(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    # Port 1 on loopback: nothing listens, the connection is refused at once.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    started = time.monotonic()
    response = client.get("/healthz")

    assert time.monotonic() - started < 10
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "ok",
        "cache": "error: ConnectionError",
        "broker": "eager",
    }


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
        '[503, {"status": "error", "database": "ok", '
        '"cache": "error: TimeoutError", "broker": "error: OperationalError"}]'
    )
    assert elapsed < 30
