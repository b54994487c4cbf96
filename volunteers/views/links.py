"""A volunteer renews their own link: the old one stops working at once, the new
one is mailed to their address (a link forwarded by mistake, a shared phone)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.ratelimit import ratelimit_exceeded, too_many_response
from volunteers.selectors import volunteer_by_token
from volunteers.services.links import volunteer_link_renew

RENEW_LIMIT = {"scope": "volunteer-renew", "limit": 5, "window": 600}


@require_POST
def link_renew(request: HttpRequest, token: str) -> HttpResponse:
    if ratelimit_exceeded(request, **RENEW_LIMIT):
        return too_many_response(
            request,
            window=RENEW_LIMIT["window"],
            template="volunteers/public/rate_limited.html",
        )
    volunteer = volunteer_by_token(token)
    if volunteer is None:
        raise Http404
    volunteer = volunteer_link_renew(volunteer=volunteer)
    messages.success(
        request,
        _(
            "Your page has a new address; the old link no longer works. We have "
            "sent the new link to your e-mail address. Please bookmark this page."
        ),
    )
    return redirect(volunteer.get_absolute_url())
