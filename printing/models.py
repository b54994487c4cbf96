"""Built documents: each build of a printed document is a row holding its PDF.

The bytes live in the database, written in the same transaction that marks the
build ready: a reader gets the last complete version or none, never a half-written
file, and web and worker containers need no shared disk.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PrintRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        BUILDING = "building", _("Building")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    document = models.CharField(_("document"), max_length=120)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    key = models.CharField(_("document key"), max_length=250, db_index=True)
    fingerprint = models.CharField(_("content fingerprint"), max_length=120)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    built_at = models.DateTimeField(_("built"), null=True, blank=True)

    class Meta:
        verbose_name = _("print run")
        verbose_name_plural = _("print runs")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["key", "status", "-built_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="ready")
                | (Q(pdf__isnull=False) & Q(built_at__isnull=False)),
                name="print_run_ready_has_pdf",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.get_status_display()})"
