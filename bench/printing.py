"""`make bench`: how long the programme booklet takes to build, with the demo
festival and with 600 events.

Reuses bench/programme.py's set-up (a fresh SQLite database in a temporary
directory, its synthetic 600-event festival) and benchkit's report writer. All
in-process, calling the kinds' build functions directly, so the figures are the
PDF work and its queries, not HTTP. Measured per festival:

- booklet: `programme_build()`, the A5 booklet in reading order (contents and
  page numbers need reportlab's multi-pass build);
- plain: a SimpleDocTemplate with one Paragraph per public event holding the
  same text (time, title, sub-event, venue, age, summary, price) in the same
  font, from the same query: no tables, no contents, no QR codes, no hyphenation;
  the ratio booklet / plain is what the layout costs;
- imposition: `impose_saddle_stitch()` of the booklet's PDF (A4 landscape, two-up).

Medians in milliseconds go to var/bench/printing.json and a table on stdout.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import statistics
import time

import benchkit  # bench/ is the script's folder, so on sys.path
import programme as base  # sets up the environment and Django, as for its own run
from django.core.management import call_command
from django.utils import translation
from pypdf import PdfReader
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate

from events.demo import demo_load
from events.pdf.fonts import REGULAR, fonts_register
from events.pdf.layout import safe
from events.selectors import event_list_public, festival_current
from events.templatetags.festwoche import age_range, time_range
from printing import imposition
from printing.documents.booklet import programme_build

OUTPUT = base.ROOT / "var" / "bench" / "printing.json"
BUILDS = int(os.environ.get("BENCH_PRINT_N", "3"))  # timed builds per measurement
DEMO_START = dt.date(2027, 6, 14)


def plain_build() -> bytes:
    """The booklet's event text, one paragraph per event, and nothing else."""
    fonts_register()
    with translation.override("de"):
        festival = festival_current()
        events = event_list_public().filter(sub_event__festival=festival)
        style = ParagraphStyle("plain", fontName=REGULAR, fontSize=9, leading=12)
        story = [
            Paragraph(
                safe(
                    " · ".join(
                        part
                        for part in (
                            time_range(event),
                            event.title,
                            event.sub_event.name,
                            event.venue.name if event.venue else "",
                            age_range(event),
                            event.summary,
                            event.price_text,
                        )
                        if part
                    )
                ),
                style,
            )
            for event in events
        ]
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer, pagesize=A5, initialFontName=REGULAR, invariant=1
        )
        doc.leftMargin = doc.rightMargin = 13 * mm
        doc.build(story)
        return buffer.getvalue()


def timed(build, n: int = BUILDS) -> tuple[dict, bytes]:
    """Median and spread of `n` builds (after one untimed warm-up), and the output."""
    result = build()
    samples = []
    for _ in range(n):
        started = time.perf_counter_ns()
        result = build()
        samples.append((time.perf_counter_ns() - started) / 1e6)
    return {
        "n": n,
        "median_ms": round(statistics.median(samples), 1),
        "min_ms": round(min(samples), 1),
        "max_ms": round(max(samples), 1),
    }, result


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def measure(dataset: str) -> dict:
    events = event_list_public().filter(sub_event__festival=festival_current()).count()
    print(f"{dataset}: {events} public events; building …", flush=True)
    booklet, booklet_pdf = timed(programme_build)
    plain, plain_pdf = timed(plain_build)
    impose, imposed_pdf = timed(lambda: imposition.impose_saddle_stitch(booklet_pdf))
    return {
        "dataset": dataset,
        "events": events,
        "booklet": {**booklet, "pages": pages(booklet_pdf), "bytes": len(booklet_pdf)},
        "plain": {**plain, "pages": pages(plain_pdf), "bytes": len(plain_pdf)},
        "ratio_booklet_to_plain": round(booklet["median_ms"] / plain["median_ms"], 1),
        "imposition": {
            **impose,
            "pages": pages(imposed_pdf),
            "bytes": len(imposed_pdf),
        },
    }


def print_table(rows: list[dict]) -> None:
    print(
        f"\n{'festival':<10} {'events':>6} {'booklet ms':>11} {'pages':>5} "
        f"{'plain ms':>9} {'pages':>5} {'ratio':>6} {'impose ms':>10} {'sheets':>6}"
    )
    for row in rows:
        booklet, plain, impose = row["booklet"], row["plain"], row["imposition"]
        print(
            f"{row['dataset']:<10} {row['events']:>6} {booklet['median_ms']:>11} "
            f"{booklet['pages']:>5} {plain['median_ms']:>9} {plain['pages']:>5} "
            f"{row['ratio_booklet_to_plain']:>5}x {impose['median_ms']:>10} "
            f"{impose['pages']:>6}"
        )


def main() -> None:
    started = time.monotonic()
    meta = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "cpu_model": base.cpu_model(),
        "git": base.git_revision(),
        "builds": BUILDS,
    }
    print(f"Building databases in {base.TMP} …", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    base.checkpoint_and_close()
    rows = []
    for dataset, load in (
        ("demo", lambda: demo_load(start=DEMO_START, with_accounts=False)),
        (
            str(base.SYNTHETIC_EVENTS),
            lambda: base.build_synthetic(base.SYNTHETIC_EVENTS),
        ),
    ):
        base.use_database(base.fresh_copy_of_empty(f"printing-{dataset}"))
        load()
        base.checkpoint_and_close()
        rows.append(measure(dataset))
    meta["runtime_s"] = round(time.monotonic() - started, 1)
    benchkit.report_write(
        OUTPUT,
        {
            "meta": meta,
            "notes": [
                "booklet = printing.documents.booklet.programme_build(), in-process, "
                "queries included; median of `builds` after one warm-up",
                "plain = SimpleDocTemplate, one Paragraph per public event with the "
                "same text in the same font, same query: no tables, contents, QR "
                "codes or hyphenation",
                "imposition = printing.imposition.impose_saddle_stitch() of the "
                "booklet's PDF; pages = A4 landscape sheet sides",
            ],
            "results": rows,
        },
    )
    print_table(rows)
    print(f"\nwritten to {OUTPUT.relative_to(base.ROOT)} in {meta['runtime_s']} s")


if __name__ == "__main__":
    try:
        main()
    except BaseException:
        print(f"\nbench failed; its databases are kept in {base.TMP}")
        raise
    else:
        shutil.rmtree(base.TMP, ignore_errors=True)
