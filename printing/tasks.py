"""Celery tasks of printing: thin wrappers around the services."""

from celery import shared_task


@shared_task
def build_document(run_pk: int) -> str | None:
    """Build one requested document; idempotent (a run built already is skipped)."""
    from printing import services

    run = services.document_build(run_pk=run_pk)
    return run.status if run is not None else None
