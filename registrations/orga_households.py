"""The Orga-Team's pages for a family's data request ("on request"): find the
household by its e-mail address, see it, export what the family would get from its
own link (the same page and JSON file), delete it with a stated reason (the same
erasure as the family's own button).

Only the Orga-Team: a household spans every sub-event, so a module lead's scope
(their sub-events' events) does not cover it. Every read and the erasure is written
to the audit log; the reason goes there, so the form asks for no names.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from events import roles
from events.audit import audit_request
from events.forms import describe_errors
from registrations.models import Household
from registrations.orga_views import orga_page
from registrations.selectors import household_export
from registrations.services import household_erase
from registrations.views.household import data_json_response, data_readable

REASON_MAX = 200


class HouseholdSearchForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"), max_length=254)


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=REASON_MAX,
        help_text=gettext_lazy(
            "How and when the request came, e.g. “e-mail of 3 December”. "
            "No names: this goes to the audit log."
        ),
    )


def _require_orga(request: HttpRequest) -> None:
    if not roles.user_is_orga(request.user):
        raise PermissionDenied


def _household(request: HttpRequest, pk: int) -> Household:
    _require_orga(request)
    return get_object_or_404(Household, pk=pk)


@orga_page
@require_GET
def household_search(request: HttpRequest) -> HttpResponse:
    """Find a household by its exact e-mail address (any case)."""
    _require_orga(request)
    form = HouseholdSearchForm(request.GET if "email" in request.GET else None)
    found = None
    if form.is_bound:
        if form.is_valid():
            found = Household.objects.filter(
                email__iexact=form.cleaned_data["email"]
            ).first()
        else:
            describe_errors(form)
    return render(
        request,
        "registrations/orga/households.html",
        {"form": form, "found": found, "searched": form.is_bound and form.is_valid()},
    )


@orga_page
@require_GET
def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    household = _household(request, pk)
    audit_request(request, action="registrations.household_read", obj=household)
    registrations = household.registrations.select_related("event").order_by(
        "event__starts_at", "pk"
    )
    return render(
        request,
        "registrations/orga/household.html",
        {"household": household, "registrations": list(registrations)},
    )


@orga_page
@never_cache
@require_GET
def household_data(request: HttpRequest, pk: int) -> HttpResponse:
    """The family's own data page, for handing out on request."""
    household = _household(request, pk)
    audit_request(
        request, action="registrations.household_export", obj=household, summary="HTML"
    )
    return render(
        request,
        "registrations/public/data.html",
        {
            "orga": True,
            "data": data_readable(household_export(household)),
            "back_url": reverse("registrations-orga:household", args=[pk]),
            "json_url": reverse("registrations-orga:household-data-json", args=[pk]),
            "delete_url": reverse("registrations-orga:household-delete", args=[pk]),
        },
    )


@orga_page
@never_cache
@require_GET
def household_data_json(request: HttpRequest, pk: int) -> HttpResponse:
    """The family's own download, for handing out on request."""
    household = _household(request, pk)
    audit_request(
        request, action="registrations.household_export", obj=household, summary="JSON"
    )
    return data_json_response(household)


@orga_page
@require_http_methods(["GET", "POST"])
def household_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what deleting means and the reason; POST: the family's own erasure."""
    household = _household(request, pk)
    form = ErasureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            household_erase(household=household)
            audit_request(
                request,
                action="registrations.household_erase_on_request",
                obj=household,
                summary=form.cleaned_data["reason"],
            )
            messages.success(request, _("The household's data is deleted."))
            return redirect("registrations-orga:households")
        describe_errors(form)
    active = household.registrations.active().select_related("event")
    return render(
        request,
        "registrations/orga/household_delete.html",
        {
            "household": household,
            "form": form,
            "active": sorted(active, key=lambda r: (r.event.starts_at, r.pk)),
        },
        status=400 if form.is_bound else 200,
    )
