"""Building printed documents: request a build, run it, keep the last good one.

A document is identified by its kind and parameters (its key). A build is
requested when a document is fetched or an organiser asks; it runs in a Celery
task (eagerly, right after the commit, without a broker) and stores the PDF in
the same transaction that marks it ready. Readers always get the newest *ready*
build, even while a newer one is being made.
"""

import io
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader

from printing import tasks
from printing.documents import KINDS, Kind
from printing.models import PrintRun

logger = logging.getLogger(__name__)

PENDING = (PrintRun.Status.QUEUED, PrintRun.Status.BUILDING)


def document_key(kind: str, params: dict[str, Any]) -> str:
    return kind + "".join(f":{name}={params[name]}" for name in sorted(params))


def kind_get(name: str) -> Kind:
    return KINDS[name]


def document_request(
    *, kind: str, params: dict[str, Any] | None = None, force: bool = False
) -> PrintRun:
    """Make sure a build of the document's current content is ready or on its way.

    Nothing is queued when the newest ready build already has the current
    fingerprint (unless `force`), or a build of it is already queued or running.
    """
    params = params or {}
    spec = kind_get(kind)
    key = document_key(kind, params)
    fingerprint = spec.fingerprint(**params)
    with transaction.atomic():
        runs = PrintRun.objects.select_for_update().filter(key=key)
        pending = runs.filter(status__in=PENDING, fingerprint=fingerprint).first()
        if pending is not None:
            return pending
        if not force:
            ready = (
                runs.filter(status=PrintRun.Status.READY)
                .order_by("-built_at", "-pk")
                .only("pk", "fingerprint", "status", "built_at")
                .first()
            )
            if ready is not None and ready.fingerprint == fingerprint:
                return ready
        run = PrintRun.objects.create(
            document=kind, params=params, key=key, fingerprint=fingerprint
        )
        tasks.build_document.delay(run.pk)  # published after the commit
    return run


def _progress_recorder(run_pk: int):
    last = {"value": -1}

    def record(fraction: float) -> None:
        value = max(0, min(100, int(fraction * 100)))
        if value != last["value"]:
            last["value"] = value
            PrintRun.objects.filter(pk=run_pk).update(progress=value)

    return record


def document_build(*, run_pk: int) -> PrintRun | None:
    """Build a requested document (the Celery task's work); idempotent: a run that
    is no longer queued is left alone. A failure is recorded, never raised into
    the worker's retry loop, and the last good version stays served."""
    claimed = PrintRun.objects.filter(pk=run_pk, status=PrintRun.Status.QUEUED).update(
        status=PrintRun.Status.BUILDING, started_at=timezone.now()
    )
    if not claimed:
        return None
    run = PrintRun.objects.defer("pdf").get(pk=run_pk)
    spec = kind_get(run.document)
    try:
        pdf = spec.build(progress=_progress_recorder(run.pk), **run.params)
    except Exception as exc:  # a broken document must not take the worker down
        logger.exception("building %s failed", run.key)
        PrintRun.objects.filter(pk=run.pk).update(
            status=PrintRun.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        return PrintRun.objects.defer("pdf").get(pk=run.pk)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    with transaction.atomic():
        PrintRun.objects.filter(pk=run.pk).update(
            status=PrintRun.Status.READY,
            pdf=pdf,
            pages=pages,
            progress=100,
            built_at=timezone.now(),
        )
        # Keep the newest few good builds of a document, drop older ones.
        stale = list(
            PrintRun.objects.filter(key=run.key, status=PrintRun.Status.READY)
            .order_by("-built_at", "-pk")
            .values_list("pk", flat=True)[3:]
        )
        PrintRun.objects.filter(pk__in=stale).delete()
    return PrintRun.objects.defer("pdf").get(pk=run.pk)
