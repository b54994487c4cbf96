"""`make bench`: registrations under contention on one event, on PostgreSQL.

A popular event opens and families register at once: N registration POSTs (parties
of 1–3, each family from its own address) from CLIENTS concurrent client threads
against gunicorn with WORKERS sync workers, all for one event of CAPACITY seats.
Every registration locks the event's row, so they queue; the figures say how many
a second get through and how long a family waits. The same load against /healthz
(one `SELECT 1`, a cache round trip) gives the ratio to a trivial request.

PostgreSQL: DATABASE_URL if set (the script then deletes only what it created),
else postgres://postgres@127.0.0.1:5432/festwoche_bench_reg, created and dropped
here. Without a reachable PostgreSQL the script prints a note and exits 0.
E-mails are rendered and written to files in a temporary directory (Celery eager,
as in the embedded default: production sends them from the worker, so requests
there are faster by that share). Results go to var/bench/registrations.json and a
table on stdout; the checks print PASS/FAIL and never fail the build.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import queue
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import benchkit  # bench/ is the script's folder, so on sys.path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "var" / "bench" / "registrations.json"

N = int(os.environ.get("BENCH_REGISTRATIONS", "400"))
CLIENTS = 16
WORKERS = 4
CAPACITY = 200
HTTP_TIMEOUT = 30.0
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/festwoche_bench_reg"

# --- Environment: must be set before Django is imported -------------------------------
TMP = Path(tempfile.mkdtemp(prefix="festwoche-bench-reg-"))
OWN_DATABASE = not os.environ.get("DATABASE_URL")
DATABASE_URL = os.environ.get("DATABASE_URL") or DEFAULT_URL
# Local-memory cache, eager tasks and file mail whatever the shell has set: the
# figures are about the database and the request, not about Redis.
for _name in ("REDIS_URL", "CELERY_BROKER_URL", "EMAIL_URL"):
    os.environ.pop(_name, None)
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ["DJANGO_SETTINGS_MODULE"] = "festwoche.settings"
os.environ["FESTWOCHE_VAR_DIR"] = str(TMP / "var")
os.environ.setdefault("LOG_LEVEL", "WARNING")
sys.path.insert(0, str(ROOT))


# --- Data -----------------------------------------------------------------------------
def build_event(tag: str):
    """One published event of CAPACITY seats with registration open, stored
    through events.services like every event."""
    from django.utils import timezone

    from events import services
    from events.models import BERLIN, Event, Festival, SubEvent, Venue

    start = timezone.localdate() + dt.timedelta(days=60)
    festival = Festival.objects.create(
        name=f"Bench {tag}",
        slug=f"bench-{tag}",
        start_date=start,
        end_date=start + dt.timedelta(days=6),
    )
    sub_event = SubEvent.objects.create(
        festival=festival, name="Kinowoche", slug=f"bench-kino-{tag}"
    )
    venue = Venue.objects.create(
        name="Kino am Markt", slug=f"bench-kino-am-markt-{tag}", capacity=CAPACITY
    )
    starts_at = dt.datetime.combine(start, dt.time(10), tzinfo=BERLIN)
    return services.event_create(
        sub_event=sub_event,
        title="Bilderbuchkino (bench)",
        slug=f"bench-bilderbuchkino-{tag}",
        venue=venue,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=1),
        status=Event.Status.PUBLISHED,
        capacity=CAPACITY,
        max_party_size=3,
        registration_opens_at=timezone.now() - dt.timedelta(days=1),
    )


def delete_created(event, tag: str) -> None:
    """Remove what this run stored (when running on someone's DATABASE_URL)."""
    from events.models import Festival, Venue
    from registrations.models import Household, Registration

    Registration.objects.filter(event=event).delete()
    Household.objects.filter(email__endswith=f"@bench-{tag}.example.org").delete()
    event.delete()
    Venue.objects.filter(slug=f"bench-kino-am-markt-{tag}").delete()
    Festival.objects.filter(slug=f"bench-{tag}").delete()  # and its sub-event


def party(i: int) -> list[dict]:
    people = [{"name": "Mia", "age": 7}, {"name": "Ayşe", "age": 36}]
    people.append({"name": "Ben", "age": 4})
    return people[: 1 + i % 3]


def registration_body(slug: str, tag: str, i: int) -> bytes:
    return json.dumps(
        {
            "event": slug,
            "contact": {
                "name": f"Familie {i}",
                "email": f"familie{i}@bench-{tag}.example.org",
            },
            "participants": party(i),
            "consent_privacy": True,
            "photo_consent": i % 2 == 0,
        }
    ).encode()


# --- HTTP -----------------------------------------------------------------------------
def request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict | None = None,
) -> tuple[int, bytes]:
    return benchkit.request(port, method, path, body, headers, timeout=HTTP_TIMEOUT)


class Gunicorn(benchkit.Gunicorn):
    def __init__(self) -> None:
        super().__init__(
            log=TMP / "gunicorn.log",
            env=dict(os.environ),
            workers=WORKERS,
            extra=("--backlog", "256"),
        )


def run_load(calls: list, clients: int = CLIENTS) -> tuple[list, float]:
    """Run the calls (each returns (status, body)) from `clients` threads taking
    from one queue; returns [(status, body, ms)] in call order and the wall time."""
    work: queue.Queue = queue.Queue()
    for n, call in enumerate(calls):
        work.put((n, call))
    results: list = [None] * len(calls)
    start = threading.Barrier(clients + 1)

    def client() -> None:
        start.wait()
        while True:
            try:
                n, call = work.get_nowait()
            except queue.Empty:
                return
            began = time.perf_counter_ns()
            try:
                status, body = call()
            except OSError as exc:
                status, body = -1, repr(exc).encode()
            results[n] = (status, body, (time.perf_counter_ns() - began) / 1e6)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - began


def summarise(results: list, wall_s: float) -> dict:
    ms = [r[2] for r in results]
    return {
        "requests": len(results),
        "wall_s": round(wall_s, 2),
        "rps": round(len(results) / wall_s, 1),
        "median_ms": round(statistics.median(ms), 1),
        "p95_ms": round(statistics.quantiles(ms, n=20, method="inclusive")[18], 1),
        "max_ms": round(max(ms), 1),
    }


def outcome_of(status: int, body: bytes) -> str:
    if status == 201:
        return json.loads(body)["status"]
    if 400 <= status < 500:
        try:
            return f"4xx {json.loads(body).get('code')}"
        except ValueError:
            return "4xx"
    if status >= 500:
        return "5xx"
    return f"other {status}"


# --- Report ---------------------------------------------------------------------------
def checks(event, outcomes: Counter, results: list, demand: int) -> list[dict]:
    from registrations.models import Registration
    from registrations.selectors import seats_taken

    taken = seats_taken([event]).get(event.pk, 0)
    expected = min(CAPACITY, demand)
    fives = outcomes["5xx"]
    failed = sum(1 for status, _body, _ms in results if status < 0)
    waiting = list(
        Registration.objects.waiting_in_order()
        .filter(event=event)
        .values_list("token", flat=True)
    )
    told = {}
    for status, body, _ms in results:
        if status == 201:
            answer = json.loads(body)
            told[answer["registration"]["token"]] = answer["waitlist_position"]
    return [
        {
            "name": "confirmed seats == min(capacity, demand)",
            "passed": taken == expected,
            "detail": f"{taken} confirmed, capacity {CAPACITY}, demand {demand}",
        },
        {
            "name": "no 5xx and no failed connection",
            "passed": fives == 0 and failed == 0,
            "detail": f"{fives} 5xx, {failed} failed connections",
        },
        {
            "name": "every family got 201 (distinct e-mails, distinct addresses)",
            "passed": outcomes["confirmed"] + outcomes["waitlisted"] == len(results),
            "detail": ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())),
        },
        {
            "name": "waiting list positions 1..k in arrival order, as answered",
            "passed": [told.get(token) for token in waiting]
            == list(range(1, len(waiting) + 1)),
            "detail": f"{len(waiting)} waiting",
        },
    ]


def print_table(meta: dict, rows: list, outcomes: Counter, result: list) -> None:
    print()
    print(
        f"Festwoche registration benchmark — {meta['date']} — {meta['cpu_count']} "
        f"CPUs, Python {meta['python']}, Django {meta['django']}, "
        f"PostgreSQL {meta['postgresql']}"
    )
    print(
        f"  gunicorn -w {WORKERS} (sync), {CLIENTS} client threads, one event of "
        f"{CAPACITY} seats, parties of 1–3, new connection per request"
    )
    print()
    header = (
        f"{'load':<28} {'requests':>8} {'req/s':>7} {'median ms':>9} "
        f"{'p95 ms':>7} {'max ms':>7}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['load']:<28} {row['requests']:>8} {row['rps']:>7.1f} "
            f"{row['median_ms']:>9.1f} {row['p95_ms']:>7.1f} {row['max_ms']:>7.1f}"
        )
    reg, health = rows[0], rows[1]
    print(
        f"\nregistration / healthz: {health['rps'] / reg['rps']:.1f}× fewer requests "
        f"per second, {reg['median_ms'] / health['median_ms']:.1f}× the median"
    )
    print("answers: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print()
    benchkit.checks_print(result)


def main() -> int:
    started = time.monotonic()
    if benchkit.postgres_missing("bench/registrations.py", DATABASE_URL):
        return 0
    if OWN_DATABASE:
        benchkit.create_database(DATABASE_URL)

    import django

    django.setup()
    import gunicorn
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", "--no-input", verbosity=0)
    tag = dt.datetime.now().strftime("%Y%m%d%H%M%S")
    event = build_event(tag)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgresql = cursor.fetchone()[0]
    connection.close()

    server = Gunicorn()
    try:
        port = server.port
        # Warm every worker: imports, URL resolver, templates; a 400 costs no write.
        run_load(
            [lambda: request(port, "GET", "/healthz")] * 40
            + [
                lambda: request(
                    port,
                    "POST",
                    "/api/v1/registrations/",
                    b"{}",
                    {
                        "Content-Type": "application/json",
                        "X-Forwarded-For": "192.0.2.1",
                    },
                )
            ]
            * 8
            + [lambda: request(port, "GET", f"/api/v1/events/{event.slug}/")] * 8,
            clients=WORKERS * 2,
        )
        headers = {"Content-Type": "application/json"}
        registrations, reg_wall = run_load(
            [
                lambda i=i: request(
                    port,
                    "POST",
                    "/api/v1/registrations/",
                    registration_body(event.slug, tag, i),
                    {**headers, "X-Forwarded-For": f"10.{i // 250}.{i % 250}.1"},
                )
                for i in range(N)
            ]
        )
        health, health_wall = run_load(
            [lambda: request(port, "GET", "/healthz") for _ in range(N)]
        )
    finally:
        server.stop()

    outcomes = Counter(outcome_of(status, body) for status, body, _ in registrations)
    demand = sum(len(party(i)) for i in range(N))
    rows = [
        {"load": "POST /api/v1/registrations/", **summarise(registrations, reg_wall)},
        {"load": "GET /healthz", **summarise(health, health_wall)},
    ]
    result = checks(event, outcomes, registrations, demand)
    meta = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "postgresql": postgresql,
        "database": "created for the run" if OWN_DATABASE else "DATABASE_URL",
        "workers": WORKERS,
        "clients": CLIENTS,
        "capacity": CAPACITY,
        "registrations": N,
        "seats_demanded": demand,
        "loadavg_end": os.getloadavg(),
    }
    if OWN_DATABASE:
        connection.close()
        benchkit.drop_database(DATABASE_URL)
    else:
        delete_created(event, tag)
    meta["runtime_s"] = round(time.monotonic() - started, 1)
    benchkit.report_write(
        OUTPUT,
        {
            "meta": meta,
            "notes": [
                "every request opens a new connection (gunicorn's sync workers "
                "close it); latency is measured at the client, queueing included",
                "registrations for one event serialise on its row lock: this is "
                "the contended case, registrations for different events run in "
                "parallel",
                "e-mails are rendered and written in the request (Celery eager); "
                "with a broker they are sent by the worker instead",
            ],
            "results": rows,
            "answers": dict(sorted(outcomes.items())),
            "checks": result,
        },
    )
    print_table(meta, rows, outcomes, result)
    print(benchkit.checks_line(OUTPUT, result, meta["runtime_s"]))
    return 0


if __name__ == "__main__":
    try:
        code = main()
    except BaseException:
        print(f"\nbench failed; its logs are kept in {TMP}", flush=True)
        raise
    else:
        shutil.rmtree(TMP, ignore_errors=True)
    sys.exit(code)
