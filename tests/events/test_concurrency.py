"""The venue rule under concurrent writers, on PostgreSQL.

Each thread has its own database connection; a barrier releases them together. The
service locks the venue row, so writers of one venue queue and each sees the ones
before it; the exclusion constraint (migration 0002) holds even when the service's
check is bypassed.
"""

import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from rest_framework.authtoken.models import Token

from events import roles, services
from events.models import Event, VenueBooking
from tests.events.factories import (
    EventFactory,
    SubEventFactory,
    VenueFactory,
    at,
    error_codes,
)

BASE_DIR = Path(__file__).resolve().parents[2]


def race(count: int, attempt: Callable[[int], object]) -> list[tuple[str, object]]:
    """Run attempt(0..count-1) in `count` threads released at the same moment.

    Returns ("ok", result), ("refused", {field: [codes]}) or ("error", repr) per
    thread, in thread order.
    """
    barrier = threading.Barrier(count, timeout=30)
    outcomes: list[tuple[str, object]] = [("error", "did not run")] * count

    def run(n: int) -> None:
        try:
            barrier.wait()
            outcomes[n] = ("ok", attempt(n))
        except ValidationError as exc:
            outcomes[n] = ("refused", error_codes(exc))
        except Exception as exc:  # reported, so the test shows what went wrong
            outcomes[n] = ("error", repr(exc))
        finally:
            connection.close()  # each thread's own connection

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


def summary(outcomes: list[tuple[str, object]]) -> Counter:
    return Counter(
        kind if kind == "ok" else f"{kind}: {detail}" for kind, detail in outcomes
    )


@pytest.fixture
def slot():
    return {
        "sub_event": SubEventFactory(),
        "venue": VenueFactory(slug="aula"),
        "title": "Theater der Kita-Kinder",
    }


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("writers", [2, 8])
def test_racing_creates_for_one_slot_book_the_venue_once(slot, writers):
    def create(n: int) -> str:
        # Each writer wants a slightly different time, all overlapping 10:30–11:00.
        return services.event_create(
            **slot, starts_at=at(0, 10, n), ends_at=at(0, 11, n)
        ).slug

    outcomes = race(writers, create)

    assert summary(outcomes) == Counter(
        {"ok": 1, "refused: {'venue': ['venue_conflict']}": writers - 1}
    )
    winner = next(detail for kind, detail in outcomes if kind == "ok")
    assert winner == "theater-der-kita-kinder"
    assert list(Event.objects.values_list("slug", flat=True)) == [winner]
    assert list(VenueBooking.objects.values_list("event__slug", flat=True)) == [winner]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_racing_moves_into_one_free_slot_book_it_once(slot):
    movers = [
        EventFactory(
            sub_event=slot["sub_event"],
            venue=slot["venue"],
            starts_at=at(1, 8 + 2 * n),
            ends_at=at(1, 9 + 2 * n),
        )
        for n in range(4)
    ]

    def move(n: int) -> int:
        return services.event_update(
            event=movers[n], starts_at=at(2, 10), ends_at=at(2, 12)
        ).pk

    outcomes = race(4, move)

    assert summary(outcomes) == Counter(
        {"ok": 1, "refused: {'venue': ['venue_conflict']}": 3}
    )
    winner = next(detail for kind, detail in outcomes if kind == "ok")
    assert sorted(
        VenueBooking.objects.values_list("event_id", "blocked_from", "blocked_until")
    ) == sorted(
        [(winner, at(2, 10), at(2, 12))]
        + [
            (event.pk, at(1, 8 + 2 * n), at(1, 9 + 2 * n))
            for n, event in enumerate(movers)
            if event.pk != winner
        ]
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_racing_writers_at_different_venues_all_succeed(slot):
    venues = [VenueFactory() for _ in range(4)]

    def create(n: int) -> str:
        return services.event_create(
            sub_event=slot["sub_event"],
            title=f"Werkstatt {n}",
            venue=venues[n],
            starts_at=at(0, 10),
            ends_at=at(0, 12),
        ).slug

    outcomes = race(4, create)

    assert summary(outcomes) == Counter({"ok": 4})
    assert VenueBooking.objects.count() == 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_exclusion_constraint_refuses_overlapping_bookings_written_directly(slot):
    first = EventFactory(
        sub_event=slot["sub_event"],
        venue=slot["venue"],
        starts_at=at(0, 10),
        ends_at=at(0, 12),
    )
    second = Event.objects.create(
        sub_event=slot["sub_event"],
        title="Direkt",
        slug="direkt",
        venue=slot["venue"],
        starts_at=at(0, 11),
        ends_at=at(0, 13),
    )

    with (
        pytest.raises(IntegrityError, match="venuebooking_no_overlap"),
        transaction.atomic(),
    ):
        VenueBooking.objects.create(
            event=second,
            venue=slot["venue"],
            blocked_from=second.starts_at,
            blocked_until=second.ends_at,
        )

    # Touching is no overlap: [10, 12) and [12, 13) may both exist.
    touching = Event.objects.create(
        sub_event=slot["sub_event"],
        title="Danach",
        slug="danach",
        venue=slot["venue"],
        starts_at=at(0, 12),
        ends_at=at(0, 13),
    )
    VenueBooking.objects.create(
        event=touching,
        venue=slot["venue"],
        blocked_from=touching.starts_at,
        blocked_until=touching.ends_at,
    )
    assert sorted(VenueBooking.objects.values_list("event_id", flat=True)) == sorted(
        [first.pk, touching.pk]
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_constraint_catches_what_a_missed_check_lets_through(slot, monkeypatch):
    EventFactory(
        sub_event=slot["sub_event"],
        venue=slot["venue"],
        starts_at=at(0, 10),
        ends_at=at(0, 12),
    )
    # Simulate a check that saw nothing (as a racing writer without the lock would).
    monkeypatch.setattr(services, "venue_clashes", lambda **kwargs: [])

    with pytest.raises(ValidationError) as err:
        services.event_create(**slot, starts_at=at(0, 11), ends_at=at(0, 13))

    assert error_codes(err.value) == {"venue": ["venue_conflict"]}
    assert Event.objects.count() == 1
    assert VenueBooking.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_http_requests_book_the_venue_once(slot, live_server):
    roles.roles_ensure()
    user = User.objects.create_user("orga")
    user.groups.add(Group.objects.get(name=roles.ORGA))
    token = Token.objects.create(user=user).key
    payload = {
        "sub_event": slot["sub_event"].slug,
        "venue": slot["venue"].slug,
        "title": "Elterncafé",  # the same title: a double submit, as a click twice
        "starts_at": at(0, 15).isoformat(),
        "ends_at": at(0, 17).isoformat(),
    }

    def post(n: int) -> tuple[int, str]:
        response = requests.post(
            f"{live_server.url}/api/v1/events/",
            json=payload,
            headers={"Authorization": f"Token {token}"},
            timeout=30,
        )
        body = response.json()
        return response.status_code, body.get("code") or body.get("slug")

    outcomes = race(6, post)

    assert Counter(detail for _, detail in outcomes) == Counter(
        {(201, "elterncafe"): 1, (400, "venue_conflict"): 5}
    )
    assert list(Event.objects.values_list("slug", "status")) == [
        ("elterncafe", "draft")
    ]
    assert VenueBooking.objects.count() == 1


# --- The embedded default: SQLite with IMMEDIATE transactions -------------------------
# pytest-django's SQLite test database lives in memory with a shared cache, where
# threads fail with "database table is locked" instead of waiting: it does not behave
# like the WAL file the embedded default uses. So this race runs in separate
# processes (like several web workers) on a real SQLite file, configured by the
# project's own settings.
SQLITE_WRITER = """
import datetime as dt, os, sys, time
import django
django.setup()
from django.core.exceptions import ValidationError
from events import services
from events.models import BERLIN, Festival, SubEvent, Venue

if sys.argv[1] == "setup":
    festival = Festival.objects.create(
        name="F", slug="f", start_date=dt.date(2027, 6, 14),
        end_date=dt.date(2027, 6, 20),
    )
    SubEvent.objects.create(festival=festival, name="S", slug="s")
    Venue.objects.create(name="Aula", slug="aula")
    sys.exit(0)
start_at, n = float(sys.argv[1]), int(sys.argv[2])
sub_event, venue = SubEvent.objects.get(slug="s"), Venue.objects.get(slug="aula")
starts_at = dt.datetime(2027, 6, 14, 10, n, tzinfo=BERLIN)
time.sleep(max(0.0, start_at - time.time()))
try:
    event = services.event_create(
        sub_event=sub_event, venue=venue, title="Konzert", starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=1),
    )
    print("ok", event.slug)
except ValidationError as exc:
    print("refused", *(e.code for errors in exc.error_dict.values() for e in errors))
"""


def test_racing_processes_on_the_sqlite_default_book_the_venue_once(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="festwoche.settings",
        FESTWOCHE_SQLITE_PATH=str(tmp_path / "festwoche.sqlite3"),
        FESTWOCHE_VAR_DIR=str(tmp_path),
        PYTHONPATH=str(BASE_DIR),
    )

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            args,
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )

    run(sys.executable, "manage.py", "migrate", "--no-input", "-v0")
    run(sys.executable, "-c", SQLITE_WRITER, "setup")
    start_at = time.time() + 4  # every writer has started by then
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", SQLITE_WRITER, str(start_at), str(n)],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(6)
    ]
    results = [writer.communicate(timeout=120) for writer in writers]

    assert [err for _, err in results if err] == []
    assert Counter(out.strip() for out, _ in results) == Counter(
        {"ok konzert": 1, "refused venue_conflict": 5}
    )
    check = sqlite3.connect(tmp_path / "festwoche.sqlite3")
    try:
        assert check.execute("SELECT count(*) FROM events_venuebooking").fetchone() == (
            1,
        )
        assert check.execute("SELECT slug FROM events_event").fetchall() == [
            ("konzert",)
        ]
    finally:
        check.close()
