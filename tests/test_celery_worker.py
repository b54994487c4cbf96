"""Celery for real, on Redis, as docker-compose.yml runs it: a task published from this
process (after commit) is executed by a worker process, which sends the mail; beat
starts; the containers' health probes for worker and beat pass."""

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis
from celery.result import allow_join_result
from django.db import transaction

from events.tasks import send_email
from festwoche.celery import app as celery_app
from festwoche.views import outbox_messages
from tests.conftest import redis_url

BASE_DIR = Path(__file__).resolve().parent.parent

# Redis databases of their own: the cache uses REDIS_URL's, and the tests clear it.
BROKER_DB = 2
RESULT_DB = 3

pytestmark = pytest.mark.redis


@pytest.fixture(autouse=True)
def _joins_allowed():
    """These tests wait for results on purpose. Eager tasks run in parallel request
    threads (the concurrency tests) can leave Celery's process-wide "a join would
    block" flag set: each eager apply restores the value it saw on entry, and
    threads interleave."""
    with allow_join_result():
        yield


def redis_db_url(url: str, db: int) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{db}"))


@dataclass
class CeleryProcess:
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]

    def wait_until(self, condition: Callable[[], bool], timeout: float, what: str):
        deadline = time.monotonic() + timeout
        while not condition():
            if self.process.poll() is not None:
                pytest.fail(
                    f"celery exited ({self.process.returncode}) while waiting for "
                    f"{what}:\n{self.output()}"
                )
            if time.monotonic() > deadline:
                pytest.fail(f"no {what} after {timeout}s:\n{self.output()}")
            time.sleep(0.2)


@contextmanager
def celery_process(
    args: list[str], env: dict[str, str], log: Path, ready: str
) -> Iterator[CeleryProcess]:
    """`celery -A festwoche <args>` until the log shows `ready`; stopped on exit."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "festwoche", *args],
            cwd=BASE_DIR,
            env={**env, "DJANGO_SETTINGS_MODULE": "festwoche.settings"},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    celery = CeleryProcess(process=process, log=log)
    try:
        celery.wait_until(lambda: ready in celery.output(), 60, repr(ready))
        yield celery
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )


@dataclass
class Worker:
    celery: CeleryProcess
    node: str
    queue: str
    broker_url: str
    result_url: str
    mail_dir: Path


@pytest.fixture
def worker(tmp_path) -> Iterator[Worker]:
    """`celery -A festwoche worker` on a queue of its own, mailing into a folder."""
    queue = f"festwoche-test-{uuid.uuid4().hex[:12]}"
    broker_url = redis_db_url(redis_url(), BROKER_DB)
    result_url = redis_db_url(redis_url(), RESULT_DB)
    var_dir = tmp_path / "worker-var"
    var_dir.mkdir()
    env = {
        **os.environ,
        "CELERY_BROKER_URL": broker_url,
        "CELERY_RESULT_BACKEND": result_url,
        "FESTWOCHE_VAR_DIR": str(var_dir),
    }
    env.pop("EMAIL_URL", None)  # so the settings write mail to FESTWOCHE_VAR_DIR/mail
    node = f"{queue}@test"
    args = [
        "worker", "--pool=solo", "--concurrency=1", "-Q", queue, "-n", node,
        "--without-gossip", "--without-mingle", "--without-heartbeat",
        "--loglevel=INFO",
    ]  # fmt: skip
    try:
        with celery_process(args, env, tmp_path / "worker.log", " ready.") as celery:
            yield Worker(celery, node, queue, broker_url, result_url, var_dir / "mail")
    finally:
        broker = redis.Redis.from_url(broker_url, socket_timeout=5)
        for key in broker.scan_iter(match=f"*{queue}*"):
            broker.delete(key)


def reset_celery_connections() -> None:
    """Drop the app's cached broker pools and result backend (as Celery does after a
    fork), so the next use follows the changed configuration."""
    celery_app._pool = None
    if "amqp" in celery_app.__dict__:
        celery_app.amqp._producer_pool = None
    celery_app._backend_cache = None
    celery_app._local.__dict__.pop("backend", None)


@pytest.fixture
def celery_on_broker(worker) -> Iterator[None]:
    """Point this process's Celery app at the worker's broker, not eager; restore it
    afterwards (the rest of the suite runs eagerly)."""
    conf = celery_app.conf
    saved = {
        name: conf[name]
        for name in ("broker_url", "result_backend", "task_always_eager")
    }
    conf.update(
        broker_url=worker.broker_url,
        result_backend=worker.result_url,
        task_always_eager=False,
    )
    reset_celery_connections()
    try:
        yield
    finally:
        conf.update(saved)
        reset_celery_connections()


# Transactional: the publishing follows real commits, as in a request.
@pytest.mark.django_db(transaction=True)
def test_worker_sends_the_mail_published_after_commit(worker, celery_on_broker):
    subject = "Schichterinnerung: Kuchenbuffet beim Familienpicknick"

    # Outside a transaction on_commit runs at once: published right away.
    result = send_email.apply_async(
        kwargs={
            "to": ["helferin@example.org"],
            "subject": subject,
            "body": "Bis bald!",
        },
        queue=worker.queue,
        ignore_result=False,
    )
    worker.celery.wait_until(result.ready, 60, "the task's result")

    assert result.get(timeout=10) == 1
    assert [(m["subject"], m["to"]) for m in outbox_messages(worker.mail_dir)] == [
        (subject, "helferin@example.org")
    ]

    # Inside a transaction nothing is published until the commit; the handle returned
    # already carries the id the task is published under.
    with transaction.atomic():
        later = send_email.apply_async(
            kwargs={
                "to": ["orga@example.org"],
                "subject": "Nach dem Commit",
                "body": "-",
            },
            queue=worker.queue,
            ignore_result=False,
        )
        assert redis.Redis.from_url(worker.broker_url).llen(worker.queue) == 0
    worker.celery.wait_until(later.ready, 60, "the result of the task sent on commit")

    assert later.get(timeout=10) == 1
    assert sorted(m["subject"] for m in outbox_messages(worker.mail_dir)) == [
        "Nach dem Commit",
        subject,
    ]
    result.forget()
    later.forget()


def test_worker_answers_the_compose_healthcheck(worker):
    """docker-compose.yml probes the worker with `celery inspect ping` to its node."""
    env = {**os.environ, "CELERY_BROKER_URL": worker.broker_url}
    args = [sys.executable, "-m", "celery", "-A", "festwoche", "inspect", "ping"]

    answered = run([*args, "--destination", worker.node, "--timeout", "10"], env)
    assert answered.returncode == 0, answered.stdout + answered.stderr
    assert f"{worker.node}: OK" in answered.stdout

    nobody = run([*args, "--destination", "nobody@nowhere", "--timeout", "2"], env)
    assert nobody.returncode != 0


def test_beat_starts_and_passes_the_compose_healthcheck(tmp_path):
    broker_url = redis_db_url(redis_url(), BROKER_DB)
    env = {**os.environ, "CELERY_BROKER_URL": broker_url}
    schedule = tmp_path / "celerybeat-schedule"
    args = ["beat", "--loglevel=INFO", f"--schedule={schedule}", "--pidfile="]
    probe = [sys.executable, str(BASE_DIR / "docker" / "healthcheck.py"), "beat"]

    with celery_process(args, env, tmp_path / "beat.log", "beat: Starting") as beat:
        healthy = run(probe, env)
        assert healthy.returncode == 0, healthy.stdout + healthy.stderr
        assert beat.process.poll() is None, beat.output()

    broken = run(probe, {**env, "CELERY_BROKER_URL": "redis://127.0.0.1:1/0"})
    assert broken.returncode == 1
    assert "unhealthy: OperationalError" in broken.stderr
