"""Sign-ups under truly parallel requests over HTTP: a shift is never overfilled,
no person is on it twice, and one person cannot take two overlapping shifts at the
same instant — on PostgreSQL and on the embedded SQLite default; no 5xx.

Each request runs in its own server thread (or process) with its own database
connection; a barrier releases the client threads together. The service locks the
volunteer's row, then the shift's (SQLite: the IMMEDIATE transaction's write lock),
so sign-ups queue and each sees the ones before it.
"""

import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
import requests
from django.db import connection

from tests.events.factories import FestivalFactory, at
from tests.volunteers.factories import RoleFactory, ShiftFactory, VolunteerFactory
from volunteers.models import Assignment

BASE_DIR = Path(__file__).resolve().parents[2]
NEEDED = 3
PEOPLE = 32  # distinct volunteers for one shift needing NEEDED
DOUBLE_CLICKS = 4  # of them send their sign-up twice at once
CLASHERS = 8  # people who sign up for two overlapping shifts at the same instant


def post_all_at_once(base_url: str, calls: list[tuple[str, int]]) -> list:
    """POST {"shift": id} to each volunteer's token URL from its own thread,
    released by one barrier; answers as (status, body)."""
    barrier = threading.Barrier(len(calls), timeout=60)
    answers: list = [(0, {"error": "did not run"})] * len(calls)

    def run(n: int) -> None:
        token, shift_id = calls[n]
        try:
            barrier.wait()
            response = requests.post(
                f"{base_url}/api/v1/volunteers/{token}/assignments/",
                json={"shift": shift_id},
                timeout=120,
            )
            try:
                answers[n] = (response.status_code, response.json())
            except ValueError:
                answers[n] = (response.status_code, {"body": response.text[:2000]})
        except Exception as exc:  # reported, so the test shows what went wrong
            answers[n] = (-1, {"error": repr(exc)})

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert not any(thread.is_alive() for thread in threads)
    return answers


def outcome(answers: list) -> Counter:
    return Counter(
        (status, "created" if status == 201 else body.get("code"))
        for status, body in answers
    )


def load_for_one_shift(tokens: list[str], shift_id: int) -> list[tuple[str, int]]:
    """Every volunteer once, the first DOUBLE_CLICKS twice."""
    calls = [(token, shift_id) for token in tokens]
    return calls + calls[:DOUBLE_CLICKS]


def check_one_shift(answers: list, calls: list, rows: list[tuple[int, str]]) -> None:
    """`rows`: (shift id, volunteer token) of the stored active assignments."""
    seen = outcome(answers)
    assert {status for status, _ in answers} <= {201, 400}, seen
    assert seen[201, "created"] == NEEDED, seen
    # A double click whose twin won is already_assigned; everyone else is late.
    winners = {calls[n][0] for n, (status, _) in enumerate(answers) if status == 201}
    twins_of_winners = sum(1 for token, _ in calls[:DOUBLE_CLICKS] if token in winners)
    assert seen[400, "already_assigned"] == twins_of_winners, seen
    assert seen[400, "shift_full"] == len(calls) - NEEDED - twins_of_winners, seen
    assert len(rows) == NEEDED
    assert sorted(token for _, token in rows) == sorted(winners)  # no one twice


def load_of_clashes(pairs: list[tuple[str, int, int]]) -> list[tuple[str, int]]:
    return [(token, shift_id) for token, *shifts in pairs for shift_id in shifts]


def check_clashes(answers: list, calls: list, rows: list[tuple[int, str]]) -> None:
    """Each person asked for two overlapping shifts at once: one of them is theirs,
    the other is refused as shift_clash."""
    seen = outcome(answers)
    assert seen == {(201, "created"): CLASHERS, (400, "shift_clash"): CLASHERS}, seen
    by_person = Counter(token for _, token in rows)
    assert sorted(by_person.values()) == [1] * CLASHERS
    created = sorted(calls[n] for n, (status, _) in enumerate(answers) if status == 201)
    assert created == sorted((token, shift) for shift, token in rows)


# --- PostgreSQL: threads against a server in this process -----------------------------


def active_rows() -> list[tuple[int, str]]:
    return list(
        Assignment.objects.active()
        .order_by("pk")
        .values_list("shift_id", "volunteer__token")
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_sign_ups_fill_a_shift_exactly(live_url):
    festival = FestivalFactory()
    shift = ShiftFactory(role=RoleFactory(festival=festival), needed=NEEDED)
    tokens = [VolunteerFactory(festival=festival).token for _ in range(PEOPLE)]
    connection.close()  # the server's threads use their own connections
    calls = load_for_one_shift(tokens, shift.pk)

    answers = post_all_at_once(live_url, calls)

    check_one_shift(answers, calls, active_rows())
    public = requests.get(f"{live_url}/api/v1/shifts/{shift.pk}/", timeout=10).json()
    assert (public["filled"], public["free"]) == (NEEDED, 0)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_person_two_overlapping_shifts_at_once_gets_one(live_url):
    festival = FestivalFactory()
    role = RoleFactory(festival=festival)
    morning = ShiftFactory(role=role, starts_at=at(0, 9), needed=CLASHERS)
    overlapping = ShiftFactory(role=role, starts_at=at(0, 11), needed=CLASHERS)
    pairs = [
        (VolunteerFactory(festival=festival).token, morning.pk, overlapping.pk)
        for _ in range(CLASHERS)
    ]
    connection.close()
    calls = load_of_clashes(pairs)

    answers = post_all_at_once(live_url, calls)

    check_clashes(answers, calls, active_rows())


# --- The embedded default: SQLite, a real server in its own process -------------------
# pytest-django's SQLite test database lives in memory, where threads fail with
# "database table is locked" instead of waiting; the embedded default is a WAL file
# with IMMEDIATE transactions. So the server runs as `make run` runs it (runserver,
# a thread per request) and as production would without PostgreSQL (gunicorn,
# processes with threads), on a file, with the project's own settings.
RUNSERVER = """
import sys
import django
django.setup()
from django.core.servers import basehttp
from django.core.wsgi import get_wsgi_application
basehttp.WSGIServer.request_queue_size = 128
basehttp.run("127.0.0.1", int(sys.argv[1]), get_wsgi_application(), threading=True)
"""
# Prints: the one shift's id, the two overlapping shifts' ids, then one token a
# line (PEOPLE for the one shift, CLASHERS for the overlapping pair).
SETUP = f"""
import django
django.setup()
from tests.events.factories import FestivalFactory, at
from tests.volunteers.factories import RoleFactory, ShiftFactory, VolunteerFactory
festival = FestivalFactory()
role = RoleFactory(festival=festival)
one = ShiftFactory(role=role, starts_at=at(1, 9), needed={NEEDED})
morning = ShiftFactory(role=role, starts_at=at(0, 9), needed={CLASHERS})
overlapping = ShiftFactory(role=role, starts_at=at(0, 11), needed={CLASHERS})
print(one.pk, morning.pk, overlapping.pk)
for _ in range({PEOPLE} + {CLASHERS}):
    print(VolunteerFactory(festival=festival).token)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
def test_parallel_sign_ups_on_the_sqlite_default(migrated_sqlite, tmp_path, server):
    database = tmp_path / "festwoche.sqlite3"
    database.write_bytes(migrated_sqlite.read_bytes())
    env = sqlite_env(database, tmp_path)
    printed = subprocess.run(
        [sys.executable, "-c", SETUP],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout.split("\n")
    one, morning, overlapping = (int(pk) for pk in printed[0].split())
    tokens = [line for line in printed[1:] if line]
    assert len(tokens) == PEOPLE + CLASHERS
    port = free_port()
    log = tmp_path / "server.log"
    process = subprocess.Popen(
        [sys.executable, *SERVERS[server](port)],
        cwd=BASE_DIR,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()
            try:
                if requests.get(f"{base_url}/healthz", timeout=5).ok:
                    break
            except requests.RequestException:  # not up yet
                pass
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)

        calls = load_for_one_shift(tokens[:PEOPLE], one)
        answers = post_all_at_once(base_url, calls)
        pairs = [(token, morning, overlapping) for token in tokens[PEOPLE:]]
        clash_calls = load_of_clashes(pairs)
        clash_answers = post_all_at_once(base_url, clash_calls)
    finally:
        process.terminate()
        process.wait(timeout=30)

    server_log = log.read_text()
    assert "database is locked" not in server_log
    assert "Traceback" not in server_log

    def rows(shift_ids: tuple[int, ...]) -> list[tuple[int, str]]:
        check = sqlite3.connect(database)
        try:
            stored = check.execute(
                "SELECT a.shift_id, v.token FROM volunteers_assignment a"
                " JOIN volunteers_volunteer v ON v.id = a.volunteer_id"
                " WHERE a.withdrawn_at IS NULL ORDER BY a.id"
            )
            return [(shift, token) for shift, token in stored if shift in shift_ids]
        finally:
            check.close()

    check_one_shift(answers, calls, rows((one,)))
    check_clashes(clash_answers, clash_calls, rows((morning, overlapping)))
