"""A volunteer's own data ("Meine Daten"): see it, download it, delete it.

The same export and the same erasure serve the coordinators' "on request" buttons
(volunteers.orga_views.people), so what a person gets from either is identical.
"""

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from volunteers.models import AgeGroup, Assignment, QualificationKind, Volunteer
from volunteers.selectors import (
    volunteer_assignments,
    volunteer_by_token,
    volunteer_export,
)
from volunteers.services import volunteer_erase

JSON_FILENAME = "festwoche-helfer-daten.json"


def _volunteer_or_404(token: str) -> Volunteer:
    volunteer = volunteer_by_token(token)
    if volunteer is None:
        raise Http404
    return volunteer


def _times(item: dict) -> dict:
    """ISO strings of *_at and *_on keys as datetimes and dates, for the page."""
    result = {}
    for key, value in item.items():
        if value and key.endswith("_at"):
            value = dt.datetime.fromisoformat(value)
        elif value and key.endswith(("_on", "_until")):
            value = dt.date.fromisoformat(value)
        result[key] = value
    return result


def data_readable(data: dict) -> dict:
    """The export for the page: times as datetimes, codes as words."""
    kinds = dict(QualificationKind.choices)
    attendance = dict(Assignment.Attendance.choices)
    return {
        **_times(data),
        "age_group_label": dict(AgeGroup.choices).get(data["age_group"], ""),
        "guardian": _times(data["guardian"]),
        "qualifications": [
            {**_times(q), "kind_label": kinds.get(q["kind"], q["kind"])}
            for q in data["qualifications"]
        ],
        "assignments": [
            {
                **_times(a),
                "attendance_label": attendance.get(a["attendance"], a["attendance"]),
            }
            for a in data["assignments"]
        ],
        "calendar_feeds": [_times(f) for f in data.get("calendar_feeds", [])],
    }


def data_json_response(volunteer: Volunteer) -> JsonResponse:
    response = JsonResponse(
        volunteer_export(volunteer),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="{JSON_FILENAME}"'
    return response


@never_cache
@require_GET
def data_json(request: HttpRequest, token: str) -> HttpResponse:
    """Everything stored about the volunteer as a JSON file to download."""
    volunteer = _volunteer_or_404(token)
    return data_json_response(volunteer)


@never_cache
@require_GET
def data_page(request: HttpRequest, token: str) -> HttpResponse:
    """The same data as the download, as a page to read and print."""
    volunteer = _volunteer_or_404(token)
    return render(
        request,
        "volunteers/public/data.html",
        {
            "data": data_readable(volunteer_export(volunteer)),
            "back_url": volunteer.get_absolute_url(),
            "json_url": reverse("volunteers:data_json", kwargs={"token": token}),
            "delete_url": reverse("volunteers:delete", kwargs={"token": token}),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def data_delete(request: HttpRequest, token: str) -> HttpResponse:
    """GET: what deleting means; POST: withdraw from every shift to come and erase
    the personal data."""
    volunteer = _volunteer_or_404(token)
    if request.method == "POST":
        volunteer_erase(volunteer=volunteer)
        return render(request, "volunteers/public/deleted.html")
    return render(
        request,
        "volunteers/public/delete.html",
        {
            "token": token,
            "upcoming": upcoming_assignments(volunteer),
        },
    )


def upcoming_assignments(volunteer: Volunteer) -> list[Assignment]:
    """The shifts deleting takes the volunteer off (those not started yet)."""
    now = timezone.now()
    return [a for a in volunteer_assignments(volunteer) if a.shift.starts_at > now]
