"""Two retention runs at the same moment (the nightly task and an organiser's
command): the festival's row lock lets one anonymise and the other find it done,
so there is one audit entry and the counts are reported once."""

import threading
import time

import pytest
from django.db import connection

from events.models import AuditEntry, Festival
from events.registry import registry
from events.retention import retention_due_at, retention_run
from tests.privacy.test_retention import build_world, marked_values


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_anonymise_once():
    festival = build_world()
    now = retention_due_at(festival)
    barrier = threading.Barrier(2, timeout=30)
    results: list = [None, None]

    def slow(festival):  # holds the lock long enough for the other run to wait
        time.sleep(0.5)
        return {"slow": 1}

    def run(n: int) -> None:
        try:
            mine = Festival.objects.get(pk=festival.pk)  # both read it not done
            barrier.wait()
            results[n] = retention_run(festival=mine, now=now).status
        except Exception as exc:  # reported in the assertion below
            results[n] = repr(exc)
        finally:
            connection.close()

    registry.register_retention_handler("zz_slow", lambda f: {"slow": 1}, slow)
    try:
        threads = [threading.Thread(target=run, args=(n,)) for n in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        registry.unregister_retention_handler("zz_slow")

    assert sorted(results) == ["already_done", "done"]
    assert AuditEntry.objects.filter(action="events.retention_run").count() == 1
    assert marked_values() == []
