"""Reads of built documents."""

from printing.models import PrintRun


def document_ready(key: str) -> PrintRun | None:
    """The newest complete build of a document, with its PDF."""
    return (
        PrintRun.objects.filter(key=key, status=PrintRun.Status.READY)
        .order_by("-built_at", "-pk")
        .first()
    )


def document_runs(keys: list[str]) -> dict[str, dict[str, PrintRun | None]]:
    """Per key the newest ready build and the newest run (for the organisers'
    page), without the PDFs, in one query."""
    result: dict[str, dict[str, PrintRun | None]] = {
        key: {"ready": None, "latest": None} for key in keys
    }
    for run in (
        PrintRun.objects.filter(key__in=keys)
        .defer("pdf")
        .order_by("-requested_at", "-pk")
    ):
        slot = result[run.key]
        if slot["latest"] is None:
            slot["latest"] = run
        if slot["ready"] is None and run.status == PrintRun.Status.READY:
            slot["ready"] = run
    return result
