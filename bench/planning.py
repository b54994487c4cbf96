"""`make bench`: the planning workspace's pages with 60 and 600 events.

Reuses bench/programme.py's set-up (a fresh SQLite database in a temporary
directory, the same synthetic festival built through events.services, the same
timing rounds). An Orga-Team account requests, in-process:

- the overview (dashboard: key figures and SVG charts, counted in the database),
- the week board (every event of the week as a block),
- the to-do list (the core's conflicts and every app's providers),
- the releases page (the live difference against the last release, after one
  event was moved so there is something to show),
- /healthz, for the ratios.

None of these pages is cached: each request reads the database. Medians in
milliseconds and query counts go to var/bench/planning.json and a table on stdout;
the checks (equal query counts for 60 and 600 events) print PASS/FAIL and never
fail the build.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time

import benchkit  # bench/ is the script's folder, so on sys.path
import programme as base  # sets up the environment and Django, as for its own run
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from events import roles
from events import services as event_services
from events.models import Event, Festival, Venue
from planning.services.releases import release_publish

OUTPUT = base.ROOT / "var" / "bench" / "planning.json"
DATASETS = [60, 600]
PAGES = {
    "dashboard": "/orga/planning/",
    "board": "/orga/planning/board/",
    "todo": "/orga/planning/todo/",
    "releases": "/orga/planning/releases/",
    "trivial": "/healthz",
}


def count_queries(client: Client, path: str) -> int:
    reset_queries()
    with CaptureQueriesContext(connection) as ctx:
        client.get(path)
    return len(ctx.captured_queries)


def prepare(count: int) -> Client:
    """An Orga-Team login, a first release, then one event moved by an hour."""
    roles.roles_ensure()
    user = User.objects.create_user("bench-orga", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.ORGA))
    festival = Festival.objects.get()
    release_publish(festival=festival, name="Erstes Programm")
    event = Event.objects.public().order_by("starts_at", "pk")[count // 2]
    # To a venue of its own, which is always free: a "moved" change.
    venue = Venue.objects.create(name="Ausweichort", slug="ausweichort", capacity=500)
    event_services.event_update(event=event, venue=venue)
    client = Client()
    client.force_login(user)
    return client


def measure(count: int) -> tuple[list[dict], dict]:
    client = prepare(count)
    queries = {}
    for page, path in PAGES.items():
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path}: HTTP {response.status_code}")
        queries[page] = count_queries(client, path)
    specs = [
        base.Spec(page, path, "-", 200, lambda p=path: client.get(p).status_code)
        for page, path in PAGES.items()
    ]
    rows = [
        {
            "events": count,
            "page": spec.page,
            "path": spec.path,
            "queries": queries[spec.page],
            **base.stats(samples),
        }
        for spec, samples in zip(specs, base.timed_rounds(specs), strict=True)
    ]
    trivial = next(r for r in rows if r["page"] == "trivial")["median_ms"]
    for row in rows:
        row["ratio_to_trivial"] = round(row["median_ms"] / trivial, 1)
    return rows, queries


def checks(rows: list[dict], queries: dict) -> list[dict]:
    result = []
    for page in ("dashboard", "board", "todo", "releases"):
        small, big = queries[60][page], queries[600][page]
        result.append(
            {
                "name": f"{page}: queries for 60 events == for 600 events",
                "passed": small == big,
                "detail": f"60: {small}, 600: {big}",
            }
        )
    for page in ("dashboard", "board", "todo", "releases"):
        small = next(r for r in rows if (r["events"], r["page"]) == (60, page))
        big = next(r for r in rows if (r["events"], r["page"]) == (600, page))
        result.append(
            {
                "name": f"{page}: 600 events cost at most 10× of 60 events",
                "passed": big["median_ms"] <= 10 * small["median_ms"],
                "detail": f"{small['median_ms']} ms → {big['median_ms']} ms "
                f"({big['median_ms'] / small['median_ms']:.1f}×)",
            }
        )
    return result


def print_table(meta: dict, rows: list[dict], result: list[dict]) -> None:
    print()
    print(
        f"Festwoche planning workspace benchmark — {meta['date']} — "
        f"{meta['cpu_count']} CPUs — {meta['n']} requests per page"
    )
    print(
        f"{'events':>6}  {'page':<10} {'queries':>7} {'median ms':>10} "
        f"{'p90 ms':>8} {'× healthz':>9}"
    )
    for row in rows:
        print(
            f"{row['events']:>6}  {row['page']:<10} {row['queries']:>7} "
            f"{row['median_ms']:>10} {row['p90_ms']:>8} {row['ratio_to_trivial']:>9}"
        )
    print()
    for check in result:
        print(
            f"{'PASS' if check['passed'] else 'FAIL'}  {check['name']}: "
            f"{check['detail']}"
        )


def main() -> None:
    started = time.monotonic()
    log_stream = base.redirect_logging(base.TMP / "in-process.log")
    meta = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "cpu_model": base.cpu_model(),
        "git": base.git_revision(),
        "n": base.N,
        "warmup": base.WARMUP,
    }
    print(f"Building databases in {base.TMP} …", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    base.checkpoint_and_close()
    rows, queries = [], {}
    for count in DATASETS:
        db = base.fresh_copy_of_empty(f"planning-{count}")
        base.use_database(db)
        base.build_synthetic(count)
        print(f"{count} events: measuring in-process …", flush=True)
        count_rows, queries[count] = measure(count)
        rows += count_rows
        base.checkpoint_and_close()
    result = checks(rows, queries)
    meta["runtime_s"] = round(time.monotonic() - started, 1)
    benchkit.report_write(
        OUTPUT,
        {
            "meta": meta,
            "notes": [
                "in-process Django test client, logged in as the Orga-Team; "
                "none of these pages is cached",
                "releases = the live difference to the first release after one "
                "event was moved",
            ],
            "queries": {str(count): q for count, q in queries.items()},
            "results": rows,
            "checks": result,
        },
    )
    print_table(meta, rows, result)
    print(benchkit.checks_line(OUTPUT, result, meta["runtime_s"]))
    log_stream.close()


if __name__ == "__main__":
    try:
        main()
    except BaseException:
        print(f"\nbench failed; its databases and logs are kept in {base.TMP}")
        raise
    else:
        shutil.rmtree(base.TMP, ignore_errors=True)
