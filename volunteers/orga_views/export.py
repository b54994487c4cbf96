"""Exports of who works when (`?day=YYYY-MM-DD` for one day; a bad day is
ignored)."""

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from events.audit import audit_request
from events.models import Festival
from events.spreadsheets import XLSX
from volunteers import exports
from volunteers.orga_views.access import (
    VIEW_PEOPLE,
    current_festival,
    orga_page,
    require,
)


def _day(request: HttpRequest, festival: Festival) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return None
    # Only days near the festival: a far-off date is a typo, not a request.
    return day if abs((day - festival.start_date).days) <= 60 else None


def _summary(festival: Festival, day: dt.date | None, kind: str) -> str:
    return f"{festival.name}, {day.isoformat() if day else 'all days'}: {kind}"


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@orga_page
@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    require(request, VIEW_PEOPLE)
    festival = current_festival()
    day = _day(request, festival)
    audit_request(
        request, action="volunteers.export", summary=_summary(festival, day, "CSV")
    )
    return _download(
        exports.assignments_csv(festival, day),
        "text/csv; charset=utf-8",
        exports.filename("csv", day),
    )


@orga_page
@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    require(request, VIEW_PEOPLE)
    festival = current_festival()
    day = _day(request, festival)
    audit_request(
        request, action="volunteers.export", summary=_summary(festival, day, "XLSX")
    )
    return _download(
        exports.assignments_xlsx(festival, day), XLSX, exports.filename("xlsx", day)
    )
