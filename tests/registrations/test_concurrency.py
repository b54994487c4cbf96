"""Seats under truly parallel registrations over HTTP: never oversold, the waiting
list in arrival order, no 5xx — on PostgreSQL and on the embedded SQLite default.

Many families press "register" in the same second when a popular event opens. Each
request runs in its own server thread (or process) with its own database
connection; a barrier releases the client threads together. The service locks the
event's row (SQLite: the IMMEDIATE transaction's write lock), so registrations queue
and each counts the seats of those before it.
"""

import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from django.db import connection

from events.registry import registry
from registrations.models import Registration
from registrations.selectors import waitlist_position
from tests.registrations.factories import open_event, register

BASE_DIR = Path(__file__).resolve().parents[2]
CAPACITY = 10
FAMILIES = 50  # distinct households, parties of 1–3
DOUBLE_CLICKS = 4  # families who send their registration twice at once


@dataclass(frozen=True)
class Row:
    """A stored registration, in the order the database gives them arrival."""

    token: str
    status: str
    people: int


def party(n: int) -> list[dict]:
    """Family n's party: 1, 2 or 3 people (children and an adult)."""
    people = [{"name": "Mia", "age": 7}, {"name": "Ayşe", "age": 36}]
    people.append({"name": "Ben", "age": 4})
    return people[: 1 + n % 3]


def requests_for_load() -> list[dict]:
    """FAMILIES registrations plus DOUBLE_CLICKS repeats of the first ones."""
    bodies = [
        {
            "event": "kinowerkstatt",
            "contact": {"name": f"Familie {n}", "email": f"familie{n}@example.org"},
            "participants": party(n),
            "consent_privacy": True,
            "photo_consent": n % 2 == 0,
        }
        for n in range(FAMILIES)
    ]
    return bodies + bodies[:DOUBLE_CLICKS]


def post_all_at_once(base_url: str, bodies: list[dict]) -> list[tuple[int, dict]]:
    """POST every body from its own thread, released by one barrier; each thread
    comes from its own client address (last X-Forwarded-For hop), as families on
    their phones do, so that the per-address rate limit does not interfere."""
    barrier = threading.Barrier(len(bodies), timeout=60)
    answers: list[tuple[int, dict]] = [(0, {"error": "did not run"})] * len(bodies)

    def run(n: int) -> None:
        try:
            barrier.wait()
            response = requests.post(
                f"{base_url}/api/v1/registrations/",
                json=bodies[n],
                headers={"X-Forwarded-For": f"198.51.100.{n + 1}"},
                timeout=120,
            )
            try:
                answers[n] = (response.status_code, response.json())
            except ValueError:
                answers[n] = (response.status_code, {"body": response.text[:2000]})
        except Exception as exc:  # reported, so the test shows what went wrong
            answers[n] = (-1, {"error": repr(exc)})

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert not any(thread.is_alive() for thread in threads)
    return answers


def check_load(answers: list[tuple[int, dict]], rows: list[Row]) -> None:
    """What must hold after the load, whichever request won which race."""
    outcome = Counter(
        (status, body.get("status") or body.get("code")) for status, body in answers
    )
    assert {status for status, _ in answers} <= {201, 400}, outcome
    # Each double click: one registration, one already_registered.
    assert outcome[400, "already_registered"] == DOUBLE_CLICKS, outcome
    assert sum(n for (status, _), n in outcome.items() if status == 201) == FAMILIES
    assert len(rows) == FAMILIES

    # The seats: never more than the capacity, and full, as demand exceeds it.
    confirmed = sum(row.people for row in rows if row.status == "confirmed")
    assert confirmed == CAPACITY

    # Arrival order: replaying the stored order through the rule (confirmed if the
    # whole party fits, else waiting) gives exactly the stored statuses; so every
    # request counted the seats of all requests before it and none after it.
    free, replayed = CAPACITY, []
    for row in rows:
        fits = row.people <= free
        free -= row.people if fits else 0
        replayed.append("confirmed" if fits else "waitlisted")
    assert [row.status for row in rows] == replayed

    # The waiting list: positions 1..k in arrival order, as each family was told.
    told = {
        body["registration"]["token"]: body["waitlist_position"]
        for status, body in answers
        if status == 201
    }
    waiting = [row.token for row in rows if row.status == "waitlisted"]
    assert [told[token] for token in waiting] == list(range(1, len(waiting) + 1))
    assert all(told[row.token] is None for row in rows if row.status == "confirmed")


def stored_rows() -> list[Row]:
    return [
        Row(r.token, r.status, r.participants.count())
        for r in Registration.objects.order_by("created_at", "pk")
    ]


# --- PostgreSQL: threads against a server in this process -----------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_over_http_never_oversell(live_url):
    event = open_event(slug="kinowerkstatt", capacity=CAPACITY, max_party_size=3)
    bodies = requests_for_load()

    answers = post_all_at_once(live_url, bodies)

    rows = stored_rows()
    check_load(answers, rows)
    # Arrival order is one order: by time and by id alike.
    by_id = list(Registration.objects.order_by("pk").values_list("token", flat=True))
    assert by_id == [row.token for row in rows]
    waiting = Registration.objects.waiting_in_order().filter(event=event)
    assert [waitlist_position(r) for r in waiting] == list(
        range(1, waiting.count() + 1)
    )
    assert registry.seats_taken([event]) == {event.pk: CAPACITY}
    api = requests.get(f"{live_url}/api/v1/events/kinowerkstatt/", timeout=10)
    assert api.json()["seats_available"] == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_cancellations_racing_registrations_keep_seats_exact(live_url):
    """Families cancel while others register: freed seats go to the waiting list or
    to newcomers, never twice."""
    event = open_event(slug="kinowerkstatt", capacity=CAPACITY, max_party_size=3)
    holders = [register(event, 7, 8, email=f"halter{n}@example.org") for n in range(5)]
    for n in range(6):
        register(event, 6, email=f"wartend{n}@example.org")
    connection.close()  # the threads' requests use their own connections
    tokens = [h.registration.token for h in holders[:3]]
    newcomers = requests_for_load()[:20]
    barrier = threading.Barrier(len(tokens) + len(newcomers), timeout=60)
    statuses: list[int] = []

    def act(call: Callable[[], requests.Response]) -> None:
        barrier.wait()
        statuses.append(call().status_code)

    calls = [
        lambda t=t: requests.delete(f"{live_url}/api/v1/registrations/{t}/", timeout=60)
        for t in tokens
    ] + [
        lambda n=n, b=b: requests.post(
            f"{live_url}/api/v1/registrations/",
            json=b,
            headers={"X-Forwarded-For": f"198.51.100.{n + 1}"},
            timeout=60,
        )
        for n, b in enumerate(newcomers)
    ]
    threads = [threading.Thread(target=act, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(Counter(statuses).items()) == [(200, 3), (201, 20)]
    confirmed = sum(
        r.participants.count()
        for r in Registration.objects.filter(event=event, status="confirmed")
    )
    assert confirmed == CAPACITY
    # Whoever still waits does not fit: no seat stays free while a party that fits
    # waits for it.
    free = CAPACITY - confirmed
    assert all(
        r.participants.count() > free
        for r in Registration.objects.filter(event=event, status="waitlisted")
    )


# --- The embedded default: SQLite, a real server in its own process -------------------
# pytest-django's SQLite test database lives in memory, where threads fail with
# "database table is locked" instead of waiting; the embedded default is a WAL file
# with IMMEDIATE transactions. So the server runs as `make run` runs it (runserver,
# a thread per request) and as production would without PostgreSQL (gunicorn,
# processes with threads), on a file, with the project's own settings.
# `manage.py runserver`'s own server (threaded, what `make run` serves) with the
# larger backlog, as above.
RUNSERVER = """
import sys
import django
django.setup()
from django.core.servers import basehttp
from django.core.wsgi import get_wsgi_application
basehttp.WSGIServer.request_queue_size = 128
basehttp.run("127.0.0.1", int(sys.argv[1]), get_wsgi_application(), threading=True)
"""
SETUP = f"""
import django
django.setup()
from tests.registrations.factories import open_event
open_event(slug="kinowerkstatt", capacity={CAPACITY}, max_party_size=3)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory) -> Path:
    """A migrated SQLite file to copy: migrating once saves each server a minute."""
    path = tmp_path_factory.mktemp("sqlite") / "template.sqlite3"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=BASE_DIR,
        env=sqlite_env(path, path.parent),
        check=True,
        capture_output=True,
        timeout=300,
    )
    checkpoint = sqlite3.connect(path)
    checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpoint.close()
    return path


def sqlite_env(database: Path, var_dir: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "EMAIL_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="festwoche.settings",
        FESTWOCHE_SQLITE_PATH=str(database),
        FESTWOCHE_VAR_DIR=str(var_dir),
        PYTHONPATH=str(BASE_DIR),
        PYTHONUNBUFFERED="1",
    )
    return env


SERVERS = {
    "runserver": lambda port: ["-c", RUNSERVER, str(port)],
    "gunicorn": lambda port: [
        "-m",
        "gunicorn",
        "festwoche.wsgi:application",
        "-b",
        f"127.0.0.1:{port}",
        "-w",
        "3",
        "--threads",
        "4",
        "--timeout",
        "120",
    ],
}


@pytest.mark.parametrize("server", sorted(SERVERS))
def test_parallel_registrations_on_the_sqlite_default(
    migrated_sqlite, tmp_path, server
):
    database = tmp_path / "festwoche.sqlite3"
    database.write_bytes(migrated_sqlite.read_bytes())
    env = sqlite_env(database, tmp_path)
    subprocess.run(
        [sys.executable, "-c", SETUP],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    port = free_port()
    log = tmp_path / "server.log"
    process = subprocess.Popen(
        [sys.executable, *SERVERS[server](port)],
        cwd=BASE_DIR,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()
            try:
                if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).ok:
                    break
            except requests.RequestException:  # not up yet, or slow on a busy box
                pass
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)

        answers = post_all_at_once(f"http://127.0.0.1:{port}", requests_for_load())
    finally:
        process.terminate()
        process.wait(timeout=30)

    server_log = log.read_text()
    assert "database is locked" not in server_log
    assert "Traceback" not in server_log
    check = sqlite3.connect(database)
    try:
        rows = [
            Row(token, status, people)
            for token, status, people in check.execute(
                "SELECT r.token, r.status, count(p.id)"
                " FROM registrations_registration r"
                " JOIN registrations_participant p ON p.registration_id = r.id"
                " GROUP BY r.id ORDER BY r.created_at, r.id"
            )
        ]
    finally:
        check.close()
    check_load(answers, rows)
