"""`make bench`: lap taps at the Spendenlauf's counting point, on PostgreSQL.

RUNNERS runners pass the finish within a few minutes and COUNTERS volunteers tap
their start numbers at once: N tap POSTs (JSON, each with its own idempotency
key; REPLAYS of them sent a second time, as a phone whose answer got lost would)
from COUNTERS client threads, each with its own counting link, against gunicorn
with WORKERS sync workers. Every tap locks its runner's row, checks the minimum
lap time and writes one row; the figures say how many taps a second the endpoint
sustains and how long a volunteer waits. The board's JSON (cached for two
seconds) and /healthz are measured under the same load for comparison.

PostgreSQL: DATABASE_URL if set (the script then deletes only what it created),
else postgres://postgres@127.0.0.1:5432/festwoche_bench_cr, created and dropped
here. Without a reachable PostgreSQL the script prints a note and exits 0.
Loopback only, bounded by N and a deadline per load. Results go to
var/bench/charity_run.json and a table on stdout; the checks print PASS/FAIL and
never fail the build.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import queue
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import benchkit  # bench/ is the script's folder, so on sys.path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "var" / "bench" / "charity_run.json"

N = int(os.environ.get("BENCH_TAPS", "2400"))
RUNNERS = 300
COUNTERS = 6
WORKERS = 4
REPLAYS = 0.05
HTTP_TIMEOUT = 30.0
DEADLINE_S = 180.0  # per load: stop handing out work after this
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/festwoche_bench_cr"

# --- Environment: must be set before Django is imported -------------------------------
TMP = Path(tempfile.mkdtemp(prefix="festwoche-bench-cr-"))
OWN_DATABASE = not os.environ.get("DATABASE_URL")
DATABASE_URL = os.environ.get("DATABASE_URL") or DEFAULT_URL
for _name in ("REDIS_URL", "CELERY_BROKER_URL", "EMAIL_URL"):
    os.environ.pop(_name, None)
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ["DJANGO_SETTINGS_MODULE"] = "festwoche.settings"
os.environ["FESTWOCHE_VAR_DIR"] = str(TMP / "var")
os.environ.setdefault("LOG_LEVEL", "WARNING")
sys.path.insert(0, str(ROOT))


# --- Data -----------------------------------------------------------------------------
def build_run(tag: str):
    """A live run on a published event with RUNNERS runners in 10 teams and
    COUNTERS counting links, stored through the module's services."""
    from django.utils import timezone

    from events import services as event_services
    from events.models import BERLIN, Event, Festival, SubEvent, Venue
    from subevents.charity_run import services

    start = timezone.localdate() + dt.timedelta(days=60)
    festival = Festival.objects.create(
        name=f"Bench {tag}",
        slug=f"bench-{tag}",
        start_date=start,
        end_date=start + dt.timedelta(days=6),
    )
    sub_event = SubEvent.objects.create(
        festival=festival,
        name="Spendenlauf",
        slug=f"bench-lauf-{tag}",
        kind=SubEvent.Kind.CHARITY_RUN,
    )
    venue = Venue.objects.create(name="Sportplatz", slug=f"bench-platz-{tag}")
    starts_at = dt.datetime.combine(start, dt.time(11), tzinfo=BERLIN)
    event = event_services.event_create(
        sub_event=sub_event,
        title="Familienlauf (bench)",
        slug=f"bench-familienlauf-{tag}",
        venue=venue,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=1),
        status=Event.Status.PUBLISHED,
    )
    run = services.run_setup(event=event, min_lap_seconds=60, state="live")
    teams = [services.team_create(run=run, name=f"Team {n}") for n in range(10)]
    numbers = []
    for n in range(RUNNERS):
        numbers.append(
            services.runner_register(
                run=run,
                first_name=f"Kind{n}",
                last_name="Öztürk",
                age_group="adult",
                team=teams[n % 10],
                send_mail=False,
            ).start_number
        )
    counters = [
        services.counter_create(run=run, name=f"Ziel {n}").token
        for n in range(COUNTERS)
    ]
    return run, numbers, counters


def delete_created(run, tag: str) -> None:
    from events.models import Festival, Venue

    event = run.event
    run.delete()
    event.delete()
    Venue.objects.filter(slug=f"bench-platz-{tag}").delete()
    Festival.objects.filter(slug=f"bench-{tag}").delete()


def tap_bodies(numbers: list[int]) -> list[dict]:
    """N taps: the runners pass lap after lap, 90 s apart (by the phone's clock,
    a few minutes ago), in a shuffled order within each lap; REPLAYS of them
    are sent again right after."""
    rng = random.Random(9)
    base = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    bodies: list[dict] = []
    lap = 0
    while len(bodies) < N:
        order = list(numbers)
        rng.shuffle(order)
        for n in order[: N - len(bodies)]:
            moment = base + dt.timedelta(seconds=90 * lap + rng.random() * 30)
            bodies.append(
                {
                    "key": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "start_number": n,
                    "client_time": moment.isoformat(),
                    "device_id": f"bench-{n % COUNTERS}",
                }
            )
        lap += 1
    sent: list[dict] = []
    for body in bodies:
        sent.append(body)
        if rng.random() < REPLAYS:
            sent.append(body)
    return sent


# --- HTTP -----------------------------------------------------------------------------
def request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict | None = None,
) -> tuple[int, bytes]:
    return benchkit.request(port, method, path, body, headers, timeout=HTTP_TIMEOUT)


def run_load(calls: list, clients: int) -> tuple[list, float]:
    """Run the calls from `clients` threads taking from one queue, until done or
    DEADLINE_S; returns [(status, body, ms)] of the calls made and the wall time."""
    work: queue.Queue = queue.Queue()
    for n, call in enumerate(calls):
        work.put((n, call))
    results: list = [None] * len(calls)
    start = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def client() -> None:
        start.wait()
        while time.monotonic() < stop_at[0]:
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
    stop_at[0] = time.monotonic() + DEADLINE_S
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return [r for r in results if r is not None], time.perf_counter() - began


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
    if status in (200, 201):
        answer = json.loads(body)
        if status == 200:
            return "200 replayed"
        return "201 flagged" if answer["flagged"] else "201 counted"
    if 400 <= status < 500:
        try:
            return f"{status} {json.loads(body).get('code')}"
        except ValueError:
            return f"{status}"
    return "5xx" if status >= 500 else f"other {status}"


# --- Report ---------------------------------------------------------------------------
def checks(run, bodies: list[dict], results: list, outcomes: Counter) -> list[dict]:
    from subevents.charity_run.models import LapEntry
    from subevents.charity_run.selectors import laps_map

    unique = {b["key"] for b in bodies}
    rows = LapEntry.objects.filter(run=run).count()
    counted = sum(laps_map(run).values())
    completed = len(results) == len(bodies)
    return [
        {
            "name": "every load finished within the deadline",
            "passed": completed,
            "detail": f"{len(results)} of {len(bodies)} requests made",
        },
        {
            "name": "one row per distinct tap (replays add none)",
            "passed": rows == len(unique) or not completed,
            "detail": f"{rows} rows, {len(unique)} distinct keys, "
            f"{len(bodies) - len(unique)} replays",
        },
        {
            "name": "taps 90 s apart all count (none flagged)",
            "passed": counted == rows and outcomes["201 flagged"] == 0,
            "detail": f"{counted} laps counted of {rows} rows",
        },
        {
            "name": "no 5xx and no failed connection",
            "passed": outcomes["5xx"] == 0
            and not any(status < 0 for status, _b, _ms in results),
            "detail": ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())),
        },
    ]


def print_table(meta: dict, rows: list, result: list) -> None:
    print()
    print(
        f"Festwoche lap-counting benchmark — {meta['date']} — {meta['cpu_count']} "
        f"CPUs, Python {meta['python']}, Django {meta['django']}, "
        f"PostgreSQL {meta['postgresql']}"
    )
    print(
        f"  gunicorn -w {WORKERS} (sync), {COUNTERS} counters tapping at once, "
        f"{RUNNERS} runners, new connection per request"
    )
    print()
    header = (
        f"{'load':<34} {'requests':>8} {'req/s':>7} {'median ms':>9} "
        f"{'p95 ms':>7} {'max ms':>7}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['load']:<34} {row['requests']:>8} {row['rps']:>7.1f} "
            f"{row['median_ms']:>9.1f} {row['p95_ms']:>7.1f} {row['max_ms']:>7.1f}"
        )
    taps = rows[0]
    print(
        f"\n{RUNNERS} runners passing once take {RUNNERS / taps['rps']:.1f} s of "
        f"counting at this rate"
    )
    print()
    benchkit.checks_print(result)


def main() -> int:
    started = time.monotonic()
    if benchkit.postgres_missing("bench/charity_run.py", DATABASE_URL):
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
    run, numbers, tokens = build_run(tag)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgresql = cursor.fetchone()[0]
    connection.close()
    bodies = tap_bodies(numbers)
    headers = {"Content-Type": "application/json"}

    server = benchkit.Gunicorn(
        log=TMP / "gunicorn.log",
        env=dict(os.environ),
        workers=WORKERS,
        extra=("--backlog", "256"),
    )
    try:
        port = server.port
        board = f"/run/{run.slug}/board.json"
        # Warm every worker (imports, URL resolver); a refused tap writes nothing.
        run_load(
            [lambda: request(port, "GET", "/healthz")] * 20
            + [lambda: request(port, "GET", board)] * 8
            + [
                lambda: request(
                    port, "POST", f"/run/count/{tokens[0]}/tap/", b"{}", headers
                )
            ]
            * 8,
            clients=WORKERS * 2,
        )
        taps, taps_wall = run_load(
            [
                lambda i=i, body=body: request(
                    port,
                    "POST",
                    f"/run/count/{tokens[i % COUNTERS]}/tap/",
                    json.dumps(body).encode(),
                    headers,
                )
                for i, body in enumerate(bodies)
            ],
            clients=COUNTERS,
        )
        boards, boards_wall = run_load(
            [lambda: request(port, "GET", board) for _ in range(600)], clients=COUNTERS
        )
        health, health_wall = run_load(
            [lambda: request(port, "GET", "/healthz") for _ in range(600)],
            clients=COUNTERS,
        )
    finally:
        server.stop()

    outcomes = Counter(outcome_of(status, body) for status, body, _ms in taps)
    rows = [
        {"load": "POST /run/count/<token>/tap/", **summarise(taps, taps_wall)},
        {"load": "GET /run/<slug>/board.json", **summarise(boards, boards_wall)},
        {"load": "GET /healthz", **summarise(health, health_wall)},
    ]
    result = checks(run, bodies, taps, outcomes)
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
        "counters": COUNTERS,
        "runners": RUNNERS,
        "taps": len({b["key"] for b in bodies}),
        "requests": len(bodies),
        "loadavg_end": os.getloadavg(),
    }
    if OWN_DATABASE:
        connection.close()
        benchkit.drop_database(DATABASE_URL)
    else:
        delete_created(run, tag)
    meta["runtime_s"] = round(time.monotonic() - started, 1)
    benchkit.report_write(
        OUTPUT,
        {
            "meta": meta,
            "notes": [
                "every request opens a new connection (gunicorn's sync workers "
                "close it); latency is measured at the client, queueing included",
                "taps for one runner serialise on the runner's row lock; taps for "
                "different runners run in parallel",
                "replays (the same idempotency key again) answer 200 from the "
                "stored row and write nothing",
            ],
            "results": rows,
            "answers": dict(sorted(outcomes.items())),
            "checks": result,
        },
    )
    print_table(meta, rows, result)
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
