"""A worker killed mid-task (SIGKILL, no chance to clean up): with acks_late the
broker hands the task to the next worker, which runs it again; the mail still goes
out exactly once, because the send task locks its outbox row and the killed
attempt's transaction died with its connection.

For real: a Celery worker subprocess on Redis (a database of this test's own), the
project's PostgreSQL test database, and an SMTP server in this process that keeps
the first connection waiting before it greets, so the task is stuck in the middle
of sending when the worker is killed.
"""

import os
import signal
import time
import uuid
from collections.abc import Iterator

import pytest
import redis
from django.db import connection, transaction

from events.models import OutboxMail
from events.notifications import mail_send
from events.tasks import send_outbox_mail
from festwoche.celery import app as celery_app
from tests.conftest import redis_url
from tests.events.factories import EventFactory
from tests.resilience.smtp_sink import SmtpSink
from tests.test_celery_worker import (
    celery_process,
    redis_db_url,
    reset_celery_connections,
)

BROKER_DB = 9  # this helper's own broker database
VISIBILITY_TIMEOUT = 3  # seconds; production keeps an hour (festwoche/settings.py)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def broker_url() -> Iterator[str]:
    url = redis_db_url(redis_url(), BROKER_DB)
    broker = redis.Redis.from_url(url, socket_timeout=5)
    broker.flushdb()
    conf = celery_app.conf
    saved = {name: conf[name] for name in ("broker_url", "task_always_eager")}
    conf.update(broker_url=url, task_always_eager=False)
    reset_celery_connections()
    try:
        yield url
    finally:
        conf.update(saved)
        reset_celery_connections()
        broker.flushdb()


def database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"no {what} after {timeout}s")
        time.sleep(0.2)


def test_a_worker_killed_while_sending_leaves_the_mail_to_the_next_one_once(
    broker_url, tmp_path
):
    event = EventFactory(title="Familienpicknick")
    with SmtpSink(hold_first=True) as sink:
        env = {
            **os.environ,
            "CELERY_BROKER_URL": broker_url,
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "DATABASE_URL": database_url(),
            "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
            "FESTWOCHE_VAR_DIR": str(tmp_path),
        }
        env.pop("CELERY_RESULT_BACKEND", None)

        def worker(name: str):
            args = [
                "worker", "--pool=solo", "--concurrency=1",
                "-n", f"{name}-{uuid.uuid4().hex[:8]}@test",
                "--without-gossip", "--without-mingle", "--without-heartbeat",
                "--loglevel=INFO",
            ]  # fmt: skip
            return celery_process(args, env, tmp_path / f"{name}.log", " ready.")

        with worker("first") as first:
            with transaction.atomic():
                row = mail_send(
                    to=["kita@example.org"],
                    template="events/mail/event_cancelled",
                    context={"event": event},
                )
            # The worker took the task and is talking to the mail server, which
            # has not even greeted yet: kill it there.
            first.wait_until(lambda: sink.connections == 1, 60, "an SMTP connection")
            os.kill(first.process.pid, signal.SIGKILL)
            first.process.wait(timeout=10)

        # The killed attempt left nothing: its transaction died with its connection.
        wait_for(
            lambda: OutboxMail.objects.filter(pk=row.pk, attempts=0).exists(),
            30,
            "rolled-back attempt",
        )
        assert sink.messages == []
        time.sleep(VISIBILITY_TIMEOUT + 1)  # the unacknowledged task becomes visible

        with worker("second") as second:
            second.wait_until(
                lambda: OutboxMail.objects.get(pk=row.pk).status == "sent",
                60,
                "mail sent by the second worker",
            )
            broker = redis.Redis.from_url(broker_url)
            second.wait_until(
                lambda: broker.hlen("unacked") == 0 and broker.llen("celery") == 0,
                30,
                "the task acknowledged",
            )
        sink.release()

    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, "")
    assert sink.connections == 2  # the task ran twice ...
    assert len(sink.messages) == 1  # ... and the mail went out once
    assert b"Subject:" in sink.messages[0]
    # Run once more (a third delivery, a relay): nothing is sent again.
    assert send_outbox_mail(row.pk) is False
    assert len(sink.messages) == 1
