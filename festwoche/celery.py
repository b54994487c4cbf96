"""Celery application.

Without CELERY_BROKER_URL tasks run eagerly in the calling process, so the same code
works on a laptop with nothing installed. Tasks are published only after the
surrounding transaction commits: a worker must never see a row the web request later
rolls back, nor miss one it has not committed yet.
"""

import os

from celery import Celery, Task
from django.db import transaction

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "festwoche.settings")


class TransactionAwareTask(Task):
    """Publish on commit; outside a transaction on_commit runs the callback at once."""

    def apply_async(self, *args, **kwargs):
        transaction.on_commit(
            lambda: super(TransactionAwareTask, self).apply_async(*args, **kwargs)
        )


app = Celery("festwoche", task_cls=TransactionAwareTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
