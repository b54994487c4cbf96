"""The audit log for the Orga-Team: who read or changed personal data, and when.

Filters by action, object type, account and a date range; 50 entries a page,
newest first; the same selection as CSV, and that export is itself logged. Only
the Orga-Team (events.roles.user_is_orga): everyone else gets the 403 page.
"""

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from events.audit import audit_entries, audit_filter_choices, audit_request
from events.models import BERLIN, AuditEntry
from events.spreadsheets import cell_safe, csv_bytes
from planning.views.access import orga_page

PER_PAGE = 50


class AuditFilterForm(forms.Form):
    """The page's filters; choices are the values that occur in the log."""

    action = forms.ChoiceField(label=gettext_lazy("Action"), required=False)
    object_type = forms.ChoiceField(label=gettext_lazy("Object type"), required=False)
    account = forms.ChoiceField(label=gettext_lazy("Account"), required=False)
    date_from = forms.DateField(label=gettext_lazy("From"), required=False)
    date_to = forms.DateField(label=gettext_lazy("Until"), required=False)

    def __init__(self, *args, choices: dict[str, list[str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["action"].choices = every + [(v, v) for v in choices["action"]]
        self.fields["object_type"].choices = every + [
            (v, v) for v in choices["object_type"]
        ]
        self.fields["account"].choices = every + [(v, v) for v in choices["actor_name"]]
        for name in ("date_from", "date_to"):
            self.fields[name].widget.input_type = "date"

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to",
                forms.ValidationError(
                    _("The end of the range cannot be before its start."),
                    code="date_range_invalid",
                ),
            )
        return data

    def filters(self) -> dict:
        """The valid filters (an invalid one is ignored and shown as an error)."""
        data = getattr(self, "cleaned_data", {})
        return {
            name: data[name]
            for name in ("action", "object_type", "account", "date_from", "date_to")
            if data.get(name) and name not in self.errors
        }


def _form(request: HttpRequest) -> AuditFilterForm:
    form = AuditFilterForm(request.GET, choices=audit_filter_choices())
    form.is_valid()
    return form


@orga_page
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    filters = form.filters()
    page = Paginator(audit_entries(**filters), PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "planning/audit.html",
        {
            "form": form,
            "page": page,
            "filtered": bool(filters),
            "query": query.urlencode(),
        },
        status=400 if form.errors else 200,
    )


def _local(entry: AuditEntry) -> str:
    return timezone.localtime(entry.at, BERLIN).strftime("%d.%m.%Y %H:%M:%S")


@orga_page
@require_safe
def export_csv(request: HttpRequest) -> HttpResponse:
    """The filtered log as CSV (all pages); an invalid filter is a 400."""
    form = _form(request)
    if form.errors:
        return render(
            request,
            "planning/audit.html",
            {"form": form, "page": None, "filtered": True, "query": ""},
            status=400,
        )
    entries = list(audit_entries(**form.filters()))
    rows = [
        [
            _local(entry),
            cell_safe(entry.actor_name),
            entry.get_via_display(),
            entry.action,
            entry.object_type,
            entry.object_id,
            cell_safe(entry.summary),
        ]
        for entry in entries
    ]
    audit_request(request, action="audit.export", summary=f"{len(rows)} rows")
    header = [
        _("When"),
        _("Account"),
        _("Through"),
        _("Action"),
        _("Object type"),
        _("Object id"),
        _("Summary"),
    ]
    response = HttpResponse(
        csv_bytes(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response


urlpatterns = [
    path("audit/", index, name="audit"),
    path("audit/export.csv", export_csv, name="audit-export"),
]
