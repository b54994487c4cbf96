"""Public pages of registrations: the household's manage page."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from registrations.selectors import (
    household_by_token,
    household_registrations,
    registration_by_token,
)


@require_GET
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """A household's registrations (household link) or one registration (the link
    in the confirmation of a household that already existed)."""
    household = household_by_token(token)
    if household is not None:
        registrations = list(household_registrations(household))
    else:
        registration = registration_by_token(token)
        if registration is None:
            raise Http404
        household = registration.household
        registrations = [registration]
    return render(
        request,
        "registrations/public/manage.html",
        {
            "household": household,
            "registrations": registrations,
        },
    )
