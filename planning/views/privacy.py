"""Privacy for the Orga-Team: the retention period of the festival's personal
data, what will be anonymised and when (or when it was), a dry run, the
statistics to export first, and the form that changes the period.

Only the Orga-Team (events.roles.user_is_orga): the period is the festival's
promise to families and volunteers, and the page is its one place.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from events import roles
from events.audit import audit_request
from events.models import Festival
from events.retention import (
    RETENTION_DAYS_MAX,
    festival_retention_set,
    retention_date,
    retention_due_at,
    retention_labels,
    retention_preview,
    retention_run,
)
from events.spreadsheets import cell_safe, csv_bytes
from planning.retention import statistics_rows
from planning.views.access import _guarded, current_festival

# The Orga-Team alone (as the audit log).
orga_only = _guarded(lambda request: roles.user_is_orga(request.user))


class RetentionForm(forms.Form):
    retention_days = forms.CharField(
        label=gettext_lazy("Retention period (days after the last festival day)"),
        max_length=6,
        strip=True,
    )


def _festival() -> Festival:
    # current_festival() may come from the cache; the period and the date of
    # anonymising must be the stored ones.
    return Festival.objects.get(pk=current_festival().pk)


def _page(
    request: HttpRequest,
    festival: Festival,
    *,
    form: RetentionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    labels = retention_labels()
    preview = retention_preview(festival) if festival.anonymised_at is None else {}
    dry_run = None
    if request.GET.get("dry_run") and festival.anonymised_at is None:
        dry_run = retention_run(festival=festival, now=timezone.now(), dry_run=True)
    return render(
        request,
        "planning/privacy.html",
        {
            "festival": festival,
            "kept_until": retention_date(festival),
            "due_at": retention_due_at(festival),
            "preview": [(labels.get(key, key), n) for key, n in preview.items()],
            "dry_run": dry_run,
            "dry_run_rows": [
                (labels.get(key, key), n)
                for key, n in (dry_run.counts if dry_run else {}).items()
            ],
            "form": form
            or RetentionForm(initial={"retention_days": festival.retention_days}),
            "days_max": RETENTION_DAYS_MAX,
        },
        status=status,
    )


@orga_only
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """The page; `?dry_run=1` adds what a run now would do (it changes nothing)."""
    return _page(request, _festival())


@orga_only
@require_POST
def retention_set(request: HttpRequest) -> HttpResponse:
    """Change the period; a bad value is a form error (400), nothing stored."""
    festival = _festival()
    form = RetentionForm(request.POST)
    if form.is_valid():
        try:
            festival_retention_set(
                festival=festival,
                days=form.cleaned_data["retention_days"],
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error("retention_days", exc)
        else:
            return redirect("planning:privacy")
    return _page(request, festival, form=form, status=400)


@orga_only
@require_safe
def statistics_csv(request: HttpRequest) -> HttpResponse:
    """The festival's figures as CSV (no personal data); the export is logged."""
    festival = _festival()
    rows = [
        [cell_safe(area), cell_safe(subject), cell_safe(figure), value]
        for area, subject, figure, value in statistics_rows(festival)
    ]
    audit_request(
        request,
        action="planning.statistics_export",
        obj=festival,
        summary=f"{len(rows)} rows",
    )
    header = [_("Area"), _("Subject"), _("Figure"), _("Value")]
    response = HttpResponse(
        csv_bytes(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{festival.slug}-statistics.csv"'
    )
    return response


urlpatterns = [
    path("privacy/", index, name="privacy"),
    path("privacy/retention/", retention_set, name="privacy-retention"),
    path("privacy/statistics.csv", statistics_csv, name="privacy-statistics"),
]
