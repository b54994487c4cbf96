"""A household's own data (see it, download it, delete it) and its lost link."""

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from events.forms import LinkResendForm, describe_errors
from events.ratelimit import ratelimit_exceeded, too_many_response
from registrations.models import (
    Household,
    Need,
    Registration,
)
from registrations.selectors import (
    household_by_token,
    household_export,
)
from registrations.services import (
    household_erase,
    household_link_resend,
)
from registrations.services.links import household_link_renew

LINK_LIMIT = {"scope": "link", "limit": 5, "window": 600}


def _household_or_404(token: str) -> Household:
    household = household_by_token(token)
    if household is None:
        raise Http404
    return household


def data_readable(data: dict) -> dict:
    """The export for the page: times as datetimes, statuses and needs as words."""
    needs = dict(Need.choices)
    statuses = dict(Registration.Status.choices)

    def times(item: dict) -> dict:
        return {
            key: (
                dt.datetime.fromisoformat(value)
                if key.endswith("_at") and value
                else value
            )
            for key, value in item.items()
        }

    registrations = []
    for registration in data["registrations"]:
        item = times(registration)
        item["event"] = times(registration["event"])
        item["status_label"] = statuses.get(registration["status"], "")
        item["need_labels"] = [needs.get(n, n) for n in registration["needs"]]
        item["participants"] = [times(p) for p in registration["participants"]]
        registrations.append(item)
    return {
        **times(data),
        "registrations": registrations,
        "calendar_feeds": [times(f) for f in data.get("calendar_feeds", [])],
    }


@never_cache
@require_http_methods(["GET"])
def data_json(request: HttpRequest, token: str) -> HttpResponse:
    """Everything stored about the household as a JSON file to download."""
    household = _household_or_404(token)
    return data_json_response(household)


def data_json_response(household: Household) -> JsonResponse:
    """The download, for the family's link and the organisers' "on request"."""
    response = JsonResponse(
        household_export(household),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = 'attachment; filename="festwoche-data.json"'
    return response


@never_cache
@require_http_methods(["GET"])
def data_page(request: HttpRequest, token: str) -> HttpResponse:
    """The same data as the download, as a page to read."""
    household = _household_or_404(token)
    return render(
        request,
        "registrations/public/data.html",
        {
            "data": data_readable(household_export(household)),
            "back_url": reverse("registrations:manage", kwargs={"token": token}),
            "json_url": reverse("registrations:data_json", kwargs={"token": token}),
            "delete_url": reverse("registrations:delete", kwargs={"token": token}),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def data_delete(request: HttpRequest, token: str) -> HttpResponse:
    """GET: what deleting means; POST: cancel everything and erase the data."""
    household = _household_or_404(token)
    if request.method == "POST":
        household_erase(household=household)
        return render(request, "registrations/public/deleted.html")
    active = list(household.registrations.active().select_related("event"))
    return render(
        request,
        "registrations/public/delete.html",
        {
            "token": token,
            "household": household,
            "active": sorted(active, key=lambda r: (r.event.starts_at, r.pk)),
        },
    )


@require_POST
def link_renew(request: HttpRequest, token: str) -> HttpResponse:
    """A new link for the family's page (its token proves it); the old one stops
    working, the new one is mailed to the household's address."""
    if ratelimit_exceeded(request, **LINK_LIMIT):
        return too_many_response(
            request,
            window=LINK_LIMIT["window"],
            template="registrations/public/rate_limited.html",
        )
    household = household_link_renew(household=_household_or_404(token))
    messages.success(
        request,
        _(
            "Your page has a new address; the old link no longer works. We have "
            "sent the new link to your e-mail address. Please bookmark this page."
        ),
    )
    return redirect(household.get_absolute_url())


# --- Link lost? -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def link_resend(request: HttpRequest) -> HttpResponse:
    """Send the household's link again. The answer is the same whether or not the
    address is known, so the page reveals nobody's registration."""
    if request.method == "POST":
        if ratelimit_exceeded(request, **LINK_LIMIT):
            return too_many_response(
                request,
                window=LINK_LIMIT["window"],
                template="registrations/public/rate_limited.html",
            )
        form = LinkResendForm(request.POST)
        if form.is_valid():
            household_link_resend(email=form.cleaned_data["email"])
            return redirect(reverse("registrations:link") + "?sent=1")
        describe_errors(form)
    else:
        form = LinkResendForm()
    return render(
        request,
        "registrations/public/link.html",
        {"form": form, "sent": request.GET.get("sent") == "1"},
    )
