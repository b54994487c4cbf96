"""`make bench`: how fast the public programme is, with the demo and with 600 events.

Builds a fresh SQLite database in a temporary directory (nothing under var/ is
touched but the result file), loads the demo festival, measures, then measures again
with a synthetic festival of 600 published events. Every page is measured in-process
through Django's test Client (with the queries it runs) and over real HTTP against
gunicorn (2 sync workers), and compared with a trivial Django view: a 404.

Results go to var/bench/programme.json and a table on stdout. The checks print
PASS/FAIL but never fail the build: the script exits non-zero only on errors.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import gc
import io
import json
import logging
import os
import platform
import pstats
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import benchkit  # bench/ is the script's folder, so on sys.path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "var" / "bench" / "programme.json"

N = int(os.environ.get("BENCH_N", "40"))  # timed requests per measurement
WARMUP = 5  # untimed requests before each measurement
SYNTHETIC_EVENTS = 600
DEMO_FALLBACK_EVENTS = 65
GUNICORN_WORKERS = 2
HTTP_TIMEOUT = 15.0  # seconds, per request
PRETALX_MS = 536.0  # pretalx's schedule page, the reference we want to beat 10x
TARGET_MS = PRETALX_MS / 10

PAGES = [
    # key, path, expected status, cached by the programme cache?
    ("programme", "/", 200, True),
    ("programme_age7", "/?age=7", 200, True),
    ("api_events", "/api/v1/events/?page_size=200", 200, False),
    ("baseline_404", "/does-not-exist/", 404, False),
    ("healthz", "/healthz", 200, False),
]
BASELINE = "baseline_404"

# --- Environment: must be set before Django is imported -------------------------------
TMP = Path(tempfile.mkdtemp(prefix="festwoche-bench-"))
EMPTY_DB = TMP / "empty.sqlite3"
# SQLite, local-memory cache, eager tasks and file mail whatever the shell has set;
# DJANGO_DEBUG keeps its default.
for _name in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "EMAIL_URL"):
    os.environ.pop(_name, None)
os.environ["DJANGO_SETTINGS_MODULE"] = "festwoche.settings"
os.environ["FESTWOCHE_SQLITE_PATH"] = str(EMPTY_DB)
os.environ["FESTWOCHE_VAR_DIR"] = str(TMP / "var")
BENCH_ENV = dict(os.environ)  # gunicorn gets the same, with its database file
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command, get_commands  # noqa: E402
from django.db import connection, connections, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from events import services  # noqa: E402
from events.models import (  # noqa: E402
    BERLIN,
    Audience,
    Event,
    Festival,
    Partner,
    SubEvent,
    Venue,
    VenueBooking,
)

# --- Data -----------------------------------------------------------------------------
SLOTS = [(9, 0), (10, 30), (12, 0), (13, 30), (15, 0), (16, 30), (18, 0), (19, 30)]
AGES = [(None, None), (3, 6), (6, 12), (None, 3), (10, None), (0, 99), (13, 17)]


def schedule(count: int, venues: list[Venue], start: dt.date, days: int = 7):
    """(venue, starts_at, ends_at) for `count` one-hour events with 15 minutes of
    set-up and tear-down, spread over the days and venues so no venue is double
    booked (slots are 90 minutes apart, buffers touch but never overlap)."""
    capacity = len(SLOTS) * days * len(venues)
    if count > capacity:
        raise ValueError(f"{count} events do not fit into {capacity} slots")
    result = []
    for hour, minute in SLOTS:
        for day in range(days):
            date = start + dt.timedelta(days=day)
            starts_at = dt.datetime(
                date.year, date.month, date.day, hour, minute, tzinfo=BERLIN
            )
            for venue in venues:
                result.append((venue, starts_at, starts_at + dt.timedelta(hours=1)))
                if len(result) == count:
                    return result
    return result


def event_fields(i: int, audiences: list[Audience], partners: list[Partner]) -> dict:
    """Varied, valid fields for the i-th synthetic event."""
    min_age, max_age = AGES[i % len(AGES)]
    paid = i % 5 == 0
    return {
        "summary": f"Ein Programmpunkt für die ganze Familie, Nummer {i}.",
        "description": "Mitmachen, zuschauen, ausprobieren. " * 8,
        "setup_minutes": 15,
        "teardown_minutes": 15,
        "capacity": 20 + i % 60 if i % 3 == 0 else None,
        "min_age": min_age,
        "max_age": max_age,
        "is_free": not paid,
        "price_text": "5 € pro Person, Kinder frei" if paid else "",
        "languages": ["de", "en"] if i % 4 == 0 else ["de"],
        "audiences": list(
            {audiences[i % len(audiences)], audiences[(3 * i + 1) % len(audiences)]}
        ),
        "host_partners": list(
            {partners[i % len(partners)], partners[(7 * i + 3) % len(partners)]}
        ),
    }


def build_synthetic(count: int) -> None:
    """A festival of `count` published events, stored through events.services so
    every event has exactly the venue booking real use gives it."""
    start = dt.date(2027, 6, 14)
    festival = Festival.objects.create(
        name="Synthetische Festwoche",
        slug="synthetisch",
        tagline="600 Programmpunkte in sieben Tagen",
        start_date=start,
        end_date=start + dt.timedelta(days=6),
        contact_email="festwoche@example.org",
    )
    sub_events = [
        SubEvent.objects.create(
            festival=festival, name=f"Modul {n}", slug=f"modul-{n}", position=n
        )
        for n in range(6)
    ]
    audiences = [
        Audience.objects.create(
            name=f"Publikum {n}",
            slug=f"publikum-{n}",
            min_age=low,
            max_age=high,
            position=n,
        )
        for n, (low, high) in enumerate(AGES)
    ]
    sectors = list(Partner.Sector)
    partners = [
        Partner.objects.create(
            name=f"Partner {n}",
            slug=f"partner-{n}",
            sector=sectors[n % len(sectors)],
            contact_email=f"partner{n}@example.org",
        )
        for n in range(24)
    ]
    venues = [
        Venue.objects.create(
            name=f"Ort {n:02d}",
            slug=f"ort-{n:02d}",
            city="Musterstadt",
            capacity=200,
            step_free=n % 2 == 0,
            shared=n >= 12,  # two parks that several events share
        )
        for n in range(14)
    ]
    for i, (venue, starts_at, ends_at) in enumerate(schedule(count, venues, start)):
        services.event_create(
            sub_event=sub_events[i % len(sub_events)],
            title=f"Programmpunkt {i:03d}",
            slug=f"programmpunkt-{i:03d}",
            venue=venue,
            starts_at=starts_at,
            ends_at=ends_at,
            status=Event.Status.PUBLISHED,
            **event_fields(i, audiences, partners),
        )


def build_demo_fallback(count: int) -> None:
    """Stand-in for `load_demo` while that command does not exist: the test
    factories, which also store events through events.services."""
    from tests.events.factories import (
        FESTIVAL_START,
        AudienceFactory,
        EventFactory,
        FestivalFactory,
        PartnerFactory,
        SubEventFactory,
        VenueFactory,
    )

    festival = FestivalFactory()
    sub_events = SubEventFactory.create_batch(4, festival=festival)
    venues = VenueFactory.create_batch(8)
    venues.append(VenueFactory(shared=True, name="Stadtpark", slug="stadtpark"))
    audiences = [
        AudienceFactory(min_age=low, max_age=high, position=n)
        for n, (low, high) in enumerate(AGES[:5])
    ]
    partners = PartnerFactory.create_batch(10)
    for i, (venue, starts_at, ends_at) in enumerate(
        schedule(count, venues, FESTIVAL_START)
    ):
        EventFactory(
            sub_event=sub_events[i % len(sub_events)],
            venue=venue,
            starts_at=starts_at,
            ends_at=ends_at,
            setup_minutes=15,
            teardown_minutes=15,
            **{
                k: v
                for k, v in event_fields(i, audiences, partners).items()
                if k not in {"setup_minutes", "teardown_minutes"}
            },
        )


def dataset_summary() -> dict:
    public = Event.objects.public()
    # Bookings exist for every non-cancelled event (drafts too) at a non-shared venue.
    exclusive = Event.objects.exclude(status=Event.Status.CANCELLED).filter(
        venue__shared=False, venue__isnull=False
    )
    return {
        "events_public": public.count(),
        "events_published": public.published().count(),
        "events_age7": public.for_age(7).count(),
        "venues": Venue.objects.count(),
        "sub_events": SubEvent.objects.count(),
        "audiences": Audience.objects.count(),
        "partners": Partner.objects.count(),
        "venue_bookings": VenueBooking.objects.count(),
        "events_needing_booking": exclusive.count(),
    }


# --- Database files -------------------------------------------------------------------
def use_database(path: Path) -> None:
    """Point this process's default connection at another SQLite file."""
    conn = connections["default"]
    conn.close()
    conn.settings_dict["NAME"] = str(path)
    settings.DATABASES["default"]["NAME"] = str(path)
    cache.clear()


def fresh_copy_of_empty(name: str) -> Path:
    path = TMP / f"{name}.sqlite3"
    for suffix in ("-wal", "-shm", ""):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(EMPTY_DB, path)
    return path


def checkpoint_and_close() -> None:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


# --- Measuring ------------------------------------------------------------------------
@dataclass
class Spec:
    """One thing to time: `request` returns the HTTP status; `before` runs untimed
    ahead of every timed call."""

    page: str
    path: str
    state: str
    expected: int
    request: Callable[[], int]
    before: Callable[[], object] | None = None


def timed_rounds(specs: list[Spec], n: int = N, warmup: int = WARMUP) -> list:
    """Milliseconds per spec over `n` rounds (after `warmup` untimed ones).

    Each round takes one sample of every spec in turn, so a spell of load from
    elsewhere on the machine hits all pages alike and the ratios to the 404 page
    stay fair."""
    samples: list[list[float]] = [[] for _ in specs]
    for i in range(warmup + n):
        for spec, spec_samples in zip(specs, samples, strict=True):
            if spec.before:
                spec.before()
            started = time.perf_counter_ns()
            status = spec.request()
            elapsed = (time.perf_counter_ns() - started) / 1e6
            if status != spec.expected:
                raise RuntimeError(
                    f"{spec.path}: expected HTTP {spec.expected}, got {status}"
                )
            if i >= warmup:
                spec_samples.append(elapsed)
    return samples


def stats(samples: list[float]) -> dict:
    return {
        "n": len(samples),
        "median_ms": round(statistics.median(samples), 2),
        "p90_ms": round(statistics.quantiles(samples, n=10, method="inclusive")[8], 2),
        "mean_ms": round(statistics.fmean(samples), 2),
        "min_ms": round(min(samples), 2),
        "max_ms": round(max(samples), 2),
    }


def normalise_sql(sql: str) -> str:
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"(?<![\w\"])-?\d+(?:\.\d+)?\b", "?", sql)
    return re.sub(r"IN \((?:\?, )*\?\)", "IN (…)", sql)


def programme_changed() -> None:
    """What any committed edit does to the programme's cache: a new version."""
    from events.selectors import PROGRAMME_VERSION_KEY

    cache.set(PROGRAMME_VERSION_KEY, str(time.perf_counter_ns()), timeout=None)


def count_queries(client: Client, path: str, *, cold: bool) -> dict:
    if cold:
        cache.clear()
    # CaptureQueriesContext counts by position in the debug log, which is capped
    # (9000 entries): once building the data has filled it, it would count 0.
    reset_queries()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    sqls = [q["sql"] for q in ctx.captured_queries]
    shapes = Counter(normalise_sql(sql) for sql in sqls)
    return {
        "queries": len(sqls),
        "sql_ms": round(sum(float(q["time"]) for q in ctx.captured_queries) * 1e3, 2),
        "bytes": len(response.content),
        "content": response.content,
        "shapes": shapes,
        "repeated": [
            {"times": times, "sql": shape}
            for shape, times in shapes.most_common()
            if times > 1
        ],
    }


HOTSPOTS = [
    # label, file path fragment, function name: their cumulative time is reported
    (
        "all QuerySet evaluation (SQL, model instances, prefetches)",
        "/query.py",
        "_fetch_all",
    ),
    (
        "  of which prefetch of audiences + host partners",
        "/query.py",
        "prefetch_related_objects",
    ),
    (
        "template rendering (render_to_string)",
        "/template/loader.py",
        "render_to_string",
    ),
    ("  of which {% include %} of the event card", "/loader_tags.py", "render"),
    ("  of which reverse() for event and venue links", "/urls/base.py", "reverse"),
    ("  of which translations (gettext & co.)", "/translation/__init__.py", "*"),
    ("  of which festwoche template filters", "/templatetags/festwoche.py", "*"),
]


def profile_cold(client: Client, path: str, top: int = 25) -> dict:
    """Where one cold request spends its time, under cProfile with the garbage
    collector paused (else its pauses are billed to whichever line allocates).
    The profiler inflates absolute times; read the shares."""
    cache.clear()
    gc.collect()
    gc.disable()
    profiler = cProfile.Profile()
    try:
        profiler.enable()
        client.get(path)
        profiler.disable()
    finally:
        gc.enable()
    profile = pstats.Stats(profiler)
    entries = profile.stats.items()  # type: ignore[attr-defined]
    total = profile.total_tt  # type: ignore[attr-defined]

    def cumulative(fragment: str, function: str) -> float:
        matches = [
            stat[3]
            for (file, _line, name), stat in entries
            if fragment in file.replace(os.sep, "/")
            and (function == "*" or name == function)
        ]
        # Recursive or nested matches (a template including a template) would be
        # counted twice by a sum: the outermost call is the largest.
        return max(matches, default=0.0) if function != "*" else sum(matches)

    hotspots = [
        {
            "what": label,
            "cumulative_ms": round(cumulative(fragment, function) * 1e3, 1),
            "share": round(cumulative(fragment, function) / total, 3),
        }
        for label, fragment, function in HOTSPOTS
    ]
    by_cumulative = sorted(entries, key=lambda item: item[1][3], reverse=True)[:top]
    return {
        "path": path,
        "total_ms": round(total * 1e3, 1),
        "hotspots": hotspots,
        "by_cumulative": [
            {
                "function": f"{Path(file).name}:{line}({name})",
                "calls": calls,
                "own_ms": round(own * 1e3, 1),
                "cumulative_ms": round(cum * 1e3, 1),
            }
            for (file, line, name), (_cc, calls, own, cum, _c) in by_cumulative
        ],
    }


def redirect_logging(path: Path):
    """Send the console log handlers to a file, as gunicorn's stderr is: the 404
    baseline then pays the same logging cost in both modes without flooding stdout."""
    stream = path.open("a", encoding="utf-8")
    for logger in (logging.getLogger(), logging.getLogger("django")):
        for handler in logger.handlers:
            if isinstance(handler, logging.StreamHandler) and not isinstance(
                handler, logging.FileHandler
            ):
                handler.setStream(stream)
    return stream


def measure_in_process(dataset: str, expected_events: dict) -> tuple[list, dict]:
    client = Client()
    counts, analysis, specs = {}, {}, []
    for key, path, status, cached in PAGES:

        def get(path=path):
            return client.get(path).status_code

        states = ["cold", "changed", "warm"] if cached else ["-"]
        for state in states:
            if state == "warm":
                client.get(path)  # fill the cache
            if state == "changed":
                client.get(path)  # fill the cache, then change the programme
                programme_changed()
            counted = count_queries(client, path, cold=state == "cold")
            counts[key, state] = counted
            if state != "warm":
                info = analysis[key] = {
                    k: counted[k]
                    for k in ("queries", "sql_ms", "bytes", "repeated", "shapes")
                }
                if key in expected_events:
                    cards = counted["content"].count(b'<article class="event-card')
                    info["event_cards"] = cards
                    info["event_cards_expected"] = expected_events[key]
                if key == "api_events":
                    body = json.loads(counted["content"])
                    info["api_count"] = body.get("count")
                    info["api_results"] = len(body.get("results", []))
            else:
                analysis[key]["warm_queries"] = counted["queries"]
            # Cold requests find the cache cleared; "changed" ones find the page's
            # version moved on (as after any edit) but the event cards still
            # cached; warm ones follow a request of their own page.
            before = {
                "cold": cache.clear,
                "changed": lambda get=get: (get(), programme_changed()),
                "warm": get,
            }.get(state)
            specs.append(Spec(key, path, state, status, get, before))
    specs.sort(key=lambda spec: spec.state != "cold")
    rows = []
    for spec, samples in zip(specs, timed_rounds(specs), strict=True):
        counted = counts[spec.page, spec.state]
        rows.append(
            {
                "dataset": dataset,
                "page": spec.page,
                "path": spec.path,
                "mode": "in-process",
                "state": spec.state,
                "queries": counted["queries"],
                "sql_ms": counted["sql_ms"],
                "bytes": counted["bytes"],
                **stats(samples),
            }
        )
    return rows, analysis


def http_get(port: int, path: str) -> int:
    return benchkit.request(port, "GET", path, timeout=HTTP_TIMEOUT)[0]


class Gunicorn(benchkit.Gunicorn):
    def __init__(self, db: Path, name: str) -> None:
        super().__init__(
            log=TMP / f"gunicorn-{name}.log",
            env={**BENCH_ENV, "FESTWOCHE_SQLITE_PATH": str(db)},
            workers=GUNICORN_WORKERS,
        )

    def warm(self, path: str) -> None:
        """Reach both workers (each has its own local-memory cache): sequential
        requests, then pairs in parallel so that both workers are busy at once."""
        for _ in range(6):
            http_get(self.port, path)
        for _ in range(3):
            threads = [
                threading.Thread(target=http_get, args=(self.port, path))
                for _ in range(GUNICORN_WORKERS)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(HTTP_TIMEOUT * 2)


def measure_http(dataset: str, db: Path) -> list:
    server = Gunicorn(db, dataset)
    try:
        specs = []
        for key, path, status, cached in PAGES:
            server.warm(path)
            specs.append(
                Spec(
                    key,
                    path,
                    "warm" if cached else "-",
                    status,
                    lambda path=path: http_get(server.port, path),
                )
            )
        samples = timed_rounds(specs)
    finally:
        server.stop()
    return [
        {
            "dataset": dataset,
            "page": spec.page,
            "path": spec.path,
            "mode": "http",
            "state": spec.state,
            "queries": None,
            **stats(spec_samples),
        }
        for spec, spec_samples in zip(specs, samples, strict=True)
    ]


def add_ratios(rows: list) -> None:
    for row in rows:
        base = next(
            r
            for r in rows
            if r["page"] == BASELINE
            and r["dataset"] == row["dataset"]
            and r["mode"] == row["mode"]
        )
        row["ratio_to_404"] = round(row["median_ms"] / base["median_ms"], 2)


# --- Report ---------------------------------------------------------------------------
def checks(rows: list, analysis: dict) -> list:
    result = []

    def row(dataset, page, mode, state):
        return next(
            r
            for r in rows
            if (r["dataset"], r["page"], r["mode"], r["state"])
            == (dataset, page, mode, state)
        )

    for key, _path, _status, cached in PAGES:
        state = "cold" if cached else "-"
        demo = row("demo", key, "in-process", state)["queries"]
        big = row("synthetic", key, "in-process", state)["queries"]
        check = {
            "name": f"queries {key}{' (cold)' if cached else ''}: 600 events == demo",
            "passed": demo == big,
            "detail": f"demo {demo}, 600 events {big}",
        }
        if demo != big:
            grown = (
                analysis["synthetic"][key]["shapes"] - analysis["demo"][key]["shapes"]
            )
            check["grown_queries"] = [
                {"extra": times, "sql": shape} for shape, times in grown.most_common()
            ]
        result.append(check)
    for mode in ("in-process", "http"):
        median = row("synthetic", "programme", mode, "warm")["median_ms"]
        result.append(
            {
                "name": f"warm programme, 600 events, {mode}: median < {TARGET_MS} ms",
                "passed": median < TARGET_MS,
                "detail": f"{median} ms (pretalx {PRETALX_MS} ms)",
            }
        )
    for dataset in ("demo", "synthetic"):
        for key in ("programme", "programme_age7"):
            info = analysis[dataset][key]
            result.append(
                {
                    "name": f"{dataset} {key}: every public event is on the page",
                    "passed": info["event_cards"] == info["event_cards_expected"],
                    "detail": f"{info['event_cards']} cards, "
                    f"{info['event_cards_expected']} expected",
                }
            )
        info = analysis[dataset]["api_events"]
        expected = analysis[dataset]["summary"]["events_public"]
        result.append(
            {
                "name": f"{dataset} api_events: count matches, page of up to 200",
                "passed": info["api_count"] == expected
                and info["api_results"] == min(expected, 200),
                "detail": f"count {info['api_count']}, {info['api_results']} results",
            }
        )
        summary = analysis[dataset]["summary"]
        result.append(
            {
                "name": f"{dataset}: a venue booking per non-cancelled event "
                "at an exclusive venue",
                "passed": summary["venue_bookings"]
                == summary["events_needing_booking"],
                "detail": f"{summary['venue_bookings']} bookings, "
                f"{summary['events_needing_booking']} events",
            }
        )
    return result


def print_table(meta: dict, datasets: dict, rows: list, result: list) -> None:
    print()
    print(
        f"Festwoche programme benchmark — {meta['date']} — {meta['cpu_count']} CPUs, "
        f"Python {meta['python']}, Django {meta['django']}, SQLite {meta['sqlite']}, "
        f"DEBUG={meta['debug']}"
    )
    for name, info in datasets.items():
        print(
            f"  {name}: {info['source']}; {info['events_public']} public events, "
            f"{info['events_age7']} for age 7, {info['venues']} venues"
        )
    print(
        f"  {N} timed requests each after {WARMUP} warm-up; × 404 = median / median "
        "of the 404 page in the same dataset and mode"
    )
    print()
    header = (
        f"{'page':<16} {'dataset':<9} {'mode':<10} {'cache':<5} {'queries':>7} "
        f"{'sql ms':>7} {'median ms':>9} {'p90 ms':>8} {'× 404':>7}"
    )
    print(header)
    print("-" * len(header))
    order = {key: n for n, (key, *_rest) in enumerate(PAGES)}
    for r in sorted(
        rows,
        key=lambda r: (
            order[r["page"]],
            r["dataset"] != "demo",
            r["mode"] != "in-process",
            r["state"] != "cold",
        ),
    ):
        queries = "" if r["queries"] is None else str(r["queries"])
        sql_ms = "" if r.get("sql_ms") is None else f"{r['sql_ms']:.1f}"
        print(
            f"{r['page']:<16} {r['dataset']:<9} {r['mode']:<10} {r['state']:<5} "
            f"{queries:>7} {sql_ms:>7} {r['median_ms']:>9.1f} {r['p90_ms']:>8.1f} "
            f"{r['ratio_to_404']:>7.1f}"
        )
    for name, info in datasets.items():
        for key, page in info["queries"].items():
            for repeated in page["repeated"]:
                print(
                    f"  {name} {key} runs {repeated['times']}× the same query: "
                    f"{repeated['sql'][:160]}"
                )
    profile = datasets.get("synthetic", {}).get("profile_programme_cold")
    if profile:
        print()
        print(
            f"Cold programme, 600 events, one request under cProfile "
            f"({profile['total_ms']:.0f} ms profiled, GC paused):"
        )
        for spot in profile["hotspots"]:
            print(f"  {spot['share']:>5.0%}  {spot['what']}")
    print()
    print("Checks")
    for check in result:
        print(
            f"  {'PASS' if check['passed'] else 'FAIL'}  {check['name']}: "
            f"{check['detail']}"
        )
        for grown in check.get("grown_queries", []):
            print(f"        +{grown['extra']}× {grown['sql'][:200]}")


def git_revision() -> dict:
    def git(*args):
        try:
            return subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "-s"))}


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def main() -> None:
    started = time.monotonic()
    log_stream = redirect_logging(TMP / "in-process.log")
    import gunicorn

    meta = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "cpu_usable": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "cpu_model": cpu_model(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "sqlite": sqlite3.sqlite_version,
        "loadavg_start": os.getloadavg(),
        "debug": settings.DEBUG,
        "cache": settings.CACHES["default"]["BACKEND"],
        "git": git_revision(),
        "n": N,
        "warmup": WARMUP,
        "gunicorn_workers": GUNICORN_WORKERS,
    }
    print(f"Building databases in {TMP} …", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    checkpoint_and_close()

    rows, analysis, datasets = [], {}, {}
    plans = [("demo", None), ("synthetic", SYNTHETIC_EVENTS)]
    for name, count in plans:
        db = fresh_copy_of_empty(name)
        use_database(db)
        build_started = time.monotonic()
        demo_output: list[str] = []
        if count is None:
            source = "load_demo"
            if "load_demo" in get_commands():
                output = io.StringIO()
                try:
                    call_command("load_demo", stdout=output)
                    demo_output = output.getvalue().strip().splitlines()
                except Exception as exc:  # a half-written command must not stop us
                    print(f"load_demo failed ({exc!r}); using the factories instead")
                    source = (
                        f"factories ({DEMO_FALLBACK_EVENTS} events; load_demo "
                        f"failed: {type(exc).__name__}: {exc})"
                    )
                    db = fresh_copy_of_empty(name)
                    use_database(db)
                    build_demo_fallback(DEMO_FALLBACK_EVENTS)
            else:
                source = (
                    f"factories ({DEMO_FALLBACK_EVENTS} events; the load_demo "
                    "command does not exist yet)"
                )
                build_demo_fallback(DEMO_FALLBACK_EVENTS)
        else:
            source = f"synthetic, {count} events via events.services.event_create"
            build_synthetic(count)
        summary = dataset_summary()
        datasets[name] = {
            "source": source,
            "load_demo_output": demo_output if count is None else None,
            "build_s": round(time.monotonic() - build_started, 1),
            **summary,
        }
        print(
            f"{name}: {summary['events_public']} public events "
            f"({datasets[name]['build_s']} s to build); measuring in-process …",
            flush=True,
        )
        checkpoint_and_close()
        cache.clear()
        expected = {
            "programme": summary["events_public"],
            "programme_age7": summary["events_age7"],
        }
        in_rows, pages = measure_in_process(name, expected)
        analysis[name] = {**pages, "summary": summary}
        datasets[name]["queries"] = {
            key: {
                **{k: v for k, v in info.items() if k != "shapes"},
                "sql": sorted(info["shapes"].elements()),
            }
            for key, info in pages.items()
        }
        if name == "synthetic":
            datasets[name]["profile_programme_cold"] = profile_cold(Client(), "/")
        checkpoint_and_close()
        print(
            f"{name}: measuring over HTTP (gunicorn -w {GUNICORN_WORKERS}) …",
            flush=True,
        )
        rows += in_rows + measure_http(name, db)

    add_ratios(rows)
    result = checks(rows, analysis)
    meta["runtime_s"] = round(time.monotonic() - started, 1)
    meta["loadavg_end"] = os.getloadavg()
    benchkit.report_write(
        OUTPUT,
        {
            "meta": meta,
            "reference": {"pretalx_ms": PRETALX_MS, "target_ms": TARGET_MS},
            "notes": [
                "cold = the whole cache cleared before each request (the first "
                "request after any programme change); in-process only, since "
                "each gunicorn worker has its own local-memory cache",
                "http = a new connection per request to gunicorn with "
                f"{GUNICORN_WORKERS} sync workers on this machine, client included",
                "baseline_404 renders Django's technical 404 page when DEBUG is "
                "on (the default), templates/404.html when it is off",
                "queries and sql_ms come from one extra request under "
                "CaptureQueriesContext, not from the timed ones; Django records "
                "each query's time to the millisecond, so sql_ms is coarse",
            ],
            "datasets": datasets,
            "results": rows,
            "checks": result,
        },
    )
    print_table(meta, datasets, rows, result)
    print(benchkit.checks_line(OUTPUT, result, meta["runtime_s"]))
    log_stream.close()


if __name__ == "__main__":
    try:
        main()
    except BaseException:
        print(f"\nbench failed; its databases and logs are kept in {TMP}", flush=True)
        raise
    else:
        shutil.rmtree(TMP, ignore_errors=True)
