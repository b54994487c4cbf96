"""A volunteer's data request handled by the coordination ("on request"): export
what the person would get from their own link (the same page and JSON file) and
delete it with a stated reason (the same erasure as the person's own button).

Who may: staff who see the people pages (the Helferkoordination and the Orga-Team)
export; deleting also needs the permission to delete volunteers, which both hold.
Every export and the erasure is written to the audit log; the reason goes there,
so the form asks for no names.
"""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from events.audit import audit_request
from volunteers.orga_views.access import VIEW_PEOPLE, orga_page, require
from volunteers.orga_views.people import _volunteer
from volunteers.selectors import volunteer_export
from volunteers.services import volunteer_erase
from volunteers.views.data import (
    data_json_response,
    data_readable,
    upcoming_assignments,
)

DELETE_VOLUNTEER = "volunteers.delete_volunteer"
REASON_MAX = 200


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=REASON_MAX,
        help_text=gettext_lazy(
            "How and when the request came, e.g. “e-mail of 3 December”. "
            "No names: this goes to the audit log."
        ),
    )


@orga_page
@never_cache
@require_GET
def volunteer_data(request: HttpRequest, pk: int) -> HttpResponse:
    """The person's own data page, for handing out on request."""
    require(request, VIEW_PEOPLE)
    volunteer = _volunteer(pk)
    audit_request(
        request, action="volunteers.volunteer_export", obj=volunteer, summary="HTML"
    )
    return render(
        request,
        "volunteers/public/data.html",
        {
            "orga": True,
            "data": data_readable(volunteer_export(volunteer)),
            "back_url": reverse("volunteers-orga:volunteer", args=[pk]),
            "json_url": reverse("volunteers-orga:volunteer-data-json", args=[pk]),
            "delete_url": reverse("volunteers-orga:volunteer-delete", args=[pk])
            if request.user.has_perm(DELETE_VOLUNTEER)
            else "",
        },
    )


@orga_page
@never_cache
@require_GET
def volunteer_data_json(request: HttpRequest, pk: int) -> HttpResponse:
    """The person's own download, for handing out on request."""
    require(request, VIEW_PEOPLE)
    volunteer = _volunteer(pk)
    audit_request(
        request, action="volunteers.volunteer_export", obj=volunteer, summary="JSON"
    )
    return data_json_response(volunteer)


@orga_page
@require_http_methods(["GET", "POST"])
def volunteer_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what deleting means and the reason; POST: the person's own erasure."""
    require(request, VIEW_PEOPLE, DELETE_VOLUNTEER)
    volunteer = _volunteer(pk)
    form = ErasureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        volunteer_erase(volunteer=volunteer, by=request.user)
        audit_request(
            request,
            action="volunteers.volunteer_erase_on_request",
            obj=volunteer,
            summary=form.cleaned_data["reason"],
        )
        messages.success(request, _("The volunteer's data is deleted."))
        return redirect("volunteers-orga:volunteers")
    return render(
        request,
        "volunteers/orga/volunteer_delete.html",
        {
            "volunteer": volunteer,
            "form": form,
            "upcoming": upcoming_assignments(volunteer),
        },
        status=400 if form.is_bound else 200,
    )
