"""`make bench`: the programme's calendar feed with 60 and 600 events.

Reuses bench/programme.py's set-up (a fresh SQLite database in a temporary
directory, the same synthetic festival built through events.services, the same
timing rounds) and benchkit's gunicorn runner. Measured for the whole programme
feed (/calendar/programme.ics):

- edited: one event edited before each request (what follows a planner's edit):
  the feed is built again, only the edited event's entry is serialized again;
- cold: the cache cleared before each request, so the feed is built from the
  database (in-process only: each gunicorn worker has its own local-memory cache);
- warm: the built feed served from the cache;
- conditional: If-None-Match with the feed's ETag, answered 304 from the cache;
- trivial: /healthz (one SELECT 1 and a cache round trip), for the ratios.

Medians in milliseconds go to var/bench/calendars.json and a table on stdout. The
checks print PASS/FAIL and never fail the build. The peer (issue 5): pretalx builds
its whole-event feed in about 64 ms for 60 talks and 630 ms for 600, on every
request, and never answers 304.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time

import benchkit  # bench/ is the script's folder, so on sys.path
import programme as base  # sets up the environment and Django, as for its own run
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from events import services as event_services
from events.models import Event

OUTPUT = base.ROOT / "var" / "bench" / "calendars.json"
FEED = "/calendar/programme.ics"
TRIVIAL = "/healthz"
DATASETS = [60, 600]
PRETALX_MS = {60: 64.0, 600: 630.0}


def client_get(client: Client, path: str, **headers: str) -> tuple[int, bytes, str]:
    response = client.get(path, headers=headers)
    return response.status_code, response.content, response.get("ETag", "")


def count_queries(client: Client, path: str, **headers: str) -> int:
    reset_queries()
    with CaptureQueriesContext(connection) as ctx:
        client.get(path, headers=headers)
    return len(ctx.captured_queries)


def measure_in_process(count: int) -> tuple[list[dict], dict]:
    client = Client()
    cache.clear()
    status, body, etag = client_get(client, FEED)
    if status != 200 or body.count(b"BEGIN:VEVENT") != count:
        raise RuntimeError(f"{FEED}: HTTP {status}, {body.count(b'BEGIN:VEVENT')}")
    cache.clear()
    info = {
        "bytes": len(body),
        "etag": etag,
        "queries": {
            "cold": (cache.clear(), count_queries(client, FEED))[1],
            "warm": count_queries(client, FEED),
            "conditional": count_queries(client, FEED, if_none_match=etag),
            "trivial": count_queries(client, TRIVIAL),
        },
    }
    edited = Event.objects.public().order_by("starts_at", "pk")[count // 2]
    titles = iter(f"Geändert {n}" for n in range(1_000_000))

    def edit_one_event() -> None:
        # A planner's edit: commits, bumps the programme version, so the next
        # request builds the feed again — with every other entry still cached.
        event_services.event_update(event=edited, title=next(titles))

    edit_one_event()
    client.get(FEED)
    edit_one_event()
    info["queries"]["edited"] = count_queries(client, FEED)
    # Timed on their own after the others: an edit changes the feed's ETag, which
    # the conditional requests of the interleaved rounds must keep.
    edited_specs = [
        base.Spec(
            "feed",
            FEED,
            "edited",
            200,
            lambda: client.get(FEED).status_code,
            before=edit_one_event,
        ),
        base.Spec(
            "trivial", TRIVIAL, "-", 200, lambda: client.get(TRIVIAL).status_code
        ),
    ]
    client.get(FEED)
    etag = client.get(FEED)["ETag"]
    info["etag"] = etag
    specs = [
        base.Spec(
            "feed",
            FEED,
            "cold",
            200,
            lambda: client.get(FEED).status_code,
            before=cache.clear,
        ),
        base.Spec("feed", FEED, "warm", 200, lambda: client.get(FEED).status_code),
        base.Spec(
            "feed",
            FEED,
            "conditional",
            304,
            lambda: client.get(FEED, headers={"if-none-match": etag}).status_code,
        ),
        base.Spec(
            "trivial", TRIVIAL, "-", 200, lambda: client.get(TRIVIAL).status_code
        ),
    ]
    client.get(FEED)  # fill the cache for the warm and conditional requests
    rows = []
    timed = list(zip(specs, base.timed_rounds(specs), strict=True))
    timed += [
        pair
        for pair in zip(edited_specs, base.timed_rounds(edited_specs), strict=True)
        if pair[0].page == "feed"
    ]
    info["etag"] = client.get(FEED)["ETag"]  # the feed as the edits left it
    for spec, samples in timed:
        rows.append(
            {
                "events": count,
                "mode": "in-process",
                "page": spec.page,
                "state": spec.state,
                "queries": info["queries"][
                    "trivial" if spec.page == "trivial" else spec.state
                ],
                **base.stats(samples),
            }
        )
    return rows, info


def measure_http(count: int, db, etag: str) -> list[dict]:
    server = base.Gunicorn(db, f"calendars-{count}")
    try:
        server.warm(FEED)
        server.warm(TRIVIAL)

        def get(path: str, headers: dict | None = None) -> int:
            return benchkit.request(
                server.port, "GET", path, headers=headers, timeout=base.HTTP_TIMEOUT
            )[0]

        specs = [
            base.Spec("feed", FEED, "warm", 200, lambda: get(FEED)),
            base.Spec(
                "feed",
                FEED,
                "conditional",
                304,
                lambda: get(FEED, {"If-None-Match": etag}),
            ),
            base.Spec("trivial", TRIVIAL, "-", 200, lambda: get(TRIVIAL)),
        ]
        samples = base.timed_rounds(specs)
    finally:
        server.stop()
    return [
        {
            "events": count,
            "mode": "http",
            "page": spec.page,
            "state": spec.state,
            "queries": None,
            **base.stats(spec_samples),
        }
        for spec, spec_samples in zip(specs, samples, strict=True)
    ]


def add_ratios(rows: list[dict]) -> None:
    for row in rows:
        trivial = next(
            r
            for r in rows
            if r["page"] == "trivial"
            and (r["events"], r["mode"]) == (row["events"], row["mode"])
        )
        row["ratio_to_trivial"] = round(row["median_ms"] / trivial["median_ms"], 2)


def find(rows: list[dict], events: int, mode: str, state: str) -> dict:
    return next(
        r
        for r in rows
        if (r["events"], r["mode"], r["state"]) == (events, mode, state)
        and r["page"] == "feed"
    )


def checks(rows: list[dict], infos: dict) -> list[dict]:
    small, big = infos[60]["queries"], infos[600]["queries"]
    cold_60 = find(rows, 60, "in-process", "cold")["median_ms"]
    cold_600 = find(rows, 600, "in-process", "cold")["median_ms"]
    edited_600 = find(rows, 600, "in-process", "edited")["median_ms"]
    result = [
        {
            "name": f"feed after an edit, 600 events: median < {PRETALX_MS[600] / 10} "
            "ms (pretalx / 10)",
            "passed": edited_600 < PRETALX_MS[600] / 10,
            "detail": f"{edited_600} ms (pretalx {PRETALX_MS[600]} ms, every request)",
        },
        {
            "name": "queries of a cold build: 60 events == 600 events",
            "passed": small["cold"] == big["cold"],
            "detail": f"60: {small['cold']}, 600: {big['cold']}",
        },
        {
            "name": "a conditional request runs no query",
            "passed": small["conditional"] == big["conditional"] == 0,
            "detail": f"60: {small['conditional']}, 600: {big['conditional']}",
        },
        {
            "name": f"feed from an empty cache, 600 events: median < "
            f"{PRETALX_MS[600] / 10} ms (pretalx / 10)",
            "passed": cold_600 < PRETALX_MS[600] / 10,
            "detail": f"{cold_600} ms (pretalx {PRETALX_MS[600]} ms)",
        },
        {
            "name": "per-event cost of a cold build (600 − 60) / 540",
            "passed": True,
            "detail": f"{(cold_600 - cold_60) / 540 * 1000:.1f} µs per event "
            "(pretalx about 1 ms)",
        },
    ]
    for mode in ("in-process", "http"):
        ratio = find(rows, 600, mode, "conditional")["ratio_to_trivial"]
        result.append(
            {
                "name": f"304, 600 events, {mode}: within 2× of /healthz",
                "passed": ratio <= 2,
                "detail": f"{ratio}× /healthz",
            }
        )
    return result


def print_table(meta: dict, rows: list[dict], result: list[dict]) -> None:
    print()
    print(
        f"Festwoche calendar feed benchmark — {meta['date']} — {meta['cpu_count']} "
        f"CPUs, {base.N} timed requests each after {base.WARMUP} warm-up"
    )
    header = (
        f"{'events':>6} {'mode':<10} {'request':<19} {'queries':>7} "
        f"{'median ms':>9} {'p90 ms':>8} {'× trivial':>9}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        what = TRIVIAL if r["page"] == "trivial" else f"feed {r['state']}"
        queries = "" if r["queries"] is None else str(r["queries"])
        print(
            f"{r['events']:>6} {r['mode']:<10} {what:<19} {queries:>7} "
            f"{r['median_ms']:>9.2f} {r['p90_ms']:>8.2f} {r['ratio_to_trivial']:>9.2f}"
        )
    print()
    for check in result:
        print(
            f"  {'PASS' if check['passed'] else 'FAIL'}  "
            f"{check['name']}: {check['detail']}"
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
        "gunicorn_workers": base.GUNICORN_WORKERS,
    }
    print(f"Building databases in {base.TMP} …", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    base.checkpoint_and_close()
    rows, infos = [], {}
    for count in DATASETS:
        db = base.fresh_copy_of_empty(f"calendars-{count}")
        base.use_database(db)
        build_started = time.monotonic()
        base.build_synthetic(count)
        public = Event.objects.public().count()
        took = time.monotonic() - build_started
        print(
            f"{count} events ({public} public, {took:.1f} s to build); "
            "measuring in-process …",
            flush=True,
        )
        base.checkpoint_and_close()
        in_rows, info = measure_in_process(count)
        infos[count] = info
        base.checkpoint_and_close()
        print(f"{count} events: measuring over HTTP …", flush=True)
        rows += in_rows + measure_http(count, db, info["etag"])
    add_ratios(rows)
    result = checks(rows, infos)
    meta["runtime_s"] = round(time.monotonic() - started, 1)
    benchkit.report_write(
        OUTPUT,
        {
            "meta": meta,
            "reference": {"pretalx_ms": PRETALX_MS},
            "notes": [
                "edited = one event edited (committed, programme version bumped) "
                "before each request: the feed is built again from the database, "
                "the other events' entries come from the cache — what follows every "
                "planner's edit",
                "cold = the whole cache cleared before each request: the feed is "
                "built from the database (in-process only, since each gunicorn "
                "worker has its own local-memory cache)",
                "conditional = If-None-Match with the feed's ETag: 304 from the cache",
                f"trivial = {TRIVIAL}; http = a new connection per request to "
                f"gunicorn with {base.GUNICORN_WORKERS} sync workers, client included",
            ],
            "datasets": {
                str(count): {k: v for k, v in info.items() if k != "etag"}
                for count, info in infos.items()
            },
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
