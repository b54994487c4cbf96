"""Celery application.

Without CELERY_BROKER_URL tasks run eagerly in the calling process, so the same code
works on a laptop with nothing installed. Tasks are published only after the
surrounding transaction commits: a worker must never see a row the web request later
rolls back, nor miss one it has not committed yet.
"""

import logging
import os

from celery import Celery, Task
from celery.utils import uuid
from django.db import transaction

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "festwoche.settings")

logger = logging.getLogger(__name__)


class TransactionAwareTask(Task):
    """Publish on commit; outside a transaction on_commit runs the callback at once.

    Returns a result handle like Celery does: the real one when the task was published
    at once, else one for the task id it will be published under after the commit (so
    `.delay(...).id` works either way).
    """

    #: Run the task here, in the caller's process, when the broker cannot take it:
    #: for a task that must not be lost and is quick (a mail that goes to the
    #: outbox), not for one that takes long (a print build).
    run_here_when_unpublished = False

    def apply_async(self, args=None, kwargs=None, task_id=None, **options):
        task_id = task_id or uuid()
        published = []

        def publish():
            try:
                published.append(
                    super(TransactionAwareTask, self).apply_async(
                        args, kwargs, task_id=task_id, **options
                    )
                )
            except Exception:
                # The change is committed; a broker that is away must not turn
                # the answer into a 500 (the user would repeat a stored change).
                # Eager tasks raise their own errors, as the tests expect. Mails
                # never take this path's loss: the outbox relay sends them.
                if self.app.conf.task_always_eager:
                    raise
                logger.exception("could not publish task %s (%s)", self.name, task_id)
                if self.run_here_when_unpublished:
                    self._run_here(args, kwargs, task_id)

        transaction.on_commit(publish)
        return published[0] if published else self.AsyncResult(task_id)

    def _run_here(self, args, kwargs, task_id) -> None:
        try:
            self.apply(args, kwargs, task_id=task_id, throw=True)
        except Exception:
            logger.exception(
                "task %s (%s) failed where it was sent", self.name, task_id
            )


app = Celery("festwoche", task_cls=TransactionAwareTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
