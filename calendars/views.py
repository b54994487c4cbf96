"""The calendar feeds over HTTP: text/calendar, ETag and Last-Modified, 304 for a
repeated request, public feeds cacheable by anyone, personal ones privately.

A revoked or unknown personal token is 404, not 403: the answer must not confirm
that an address ever existed.
"""

import re

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from calendars import selectors, services
from calendars.selectors import Feed, ProgrammeFilter
from events.models import Audience, Event, SubEvent, Venue
from events.tokens import token_lookup
from registrations.models import Household
from volunteers.models import Volunteer

# Calendar apps ask again after REFRESH-INTERVAL anyway; shared caches may keep a
# public feed for five minutes, a personal one is only for its owner's device.
PUBLIC_MAX_AGE = 300
PRIVATE_MAX_AGE = 300

AGE_PATTERN = re.compile(r"^(\d{1,3})(?:-(\d{1,3}))?$")


def _language(request: HttpRequest) -> str:
    wanted = request.GET.get("lang", "")
    return wanted if wanted in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _bad_request(code: str, detail: str) -> JsonResponse:
    return JsonResponse({"code": code, "detail": detail}, status=400)


def _respond(
    request: HttpRequest, feed: Feed, *, public: bool, download: bool = False
) -> HttpResponse:
    timestamp = feed.last_modified.timestamp() if feed.last_modified else None
    cache_control = (
        f"public, max-age={PUBLIC_MAX_AGE}"
        if public
        else f"private, max-age={PRIVATE_MAX_AGE}"
    )
    response = get_conditional_response(
        request, etag=feed.etag, last_modified=timestamp
    )
    if response is None:
        response = HttpResponse(feed.body, content_type="text/calendar; charset=utf-8")
        disposition = "attachment" if download else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{feed.filename}"'
    response["ETag"] = feed.etag
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    response["Cache-Control"] = cache_control
    if not public:
        # A personal feed address is a secret: keep it out of referrers and indexes.
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def programme(request: HttpRequest) -> HttpResponse:
    """`?sub_event=<slug>`, `?audience=<slug>`, `?age=7` or `?age=6-10`; `?lang=en`."""
    selection = {}
    if slug := request.GET.get("sub_event"):
        selection["sub_event"] = SubEvent.objects.filter(slug=slug).first()
        if selection["sub_event"] is None:
            return _bad_request("sub_event_unknown", _("There is no such sub-event."))
    if slug := request.GET.get("audience"):
        selection["audience"] = Audience.objects.filter(slug=slug).first()
        if selection["audience"] is None:
            return _bad_request("audience_unknown", _("There is no such audience."))
    if age := request.GET.get("age"):
        match = AGE_PATTERN.match(age.strip())
        low, high = (
            (int(match[1]), int(match[2] or match[1])) if match else (None, None)
        )
        if match is None or low > high or high > 120:
            return _bad_request(
                "age_invalid",
                _("Give an age (e.g. 7) or an age range (e.g. 6-10) from 0 to 120."),
            )
        selection.update(age_from=low, age_to=high)
    feed = selectors.programme_feed(
        ProgrammeFilter(**selection), language=_language(request)
    )
    return _respond(request, feed, public=True)


@require_GET
def sub_event(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(SubEvent, slug=slug)
    feed = selectors.sub_event_feed(found, language=_language(request))
    return _respond(request, feed, public=True)


@require_GET
def venue(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Venue, slug=slug, is_published=True)
    feed = selectors.venue_feed(found, language=_language(request))
    return _respond(request, feed, public=True)


@require_GET
def event(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(
        Event.objects.public().select_related("sub_event", "venue"), slug=slug
    )
    feed = selectors.event_feed(found, language=_language(request))
    return _respond(request, feed, public=True, download=True)


@require_GET
def household(request: HttpRequest, token: str) -> HttpResponse:
    feed_token = selectors.feed_token_owner(token)
    if feed_token is None or feed_token.household is None:
        raise Http404
    return _respond(request, selectors.household_feed(feed_token), public=False)


@require_GET
def volunteer(request: HttpRequest, token: str) -> HttpResponse:
    feed_token = selectors.feed_token_owner(token)
    if (
        feed_token is None
        or feed_token.volunteer is None
        or feed_token.volunteer.erased_at is not None
    ):
        raise Http404
    return _respond(request, selectors.volunteer_feed(feed_token), public=False)


def _renewed(request: HttpRequest) -> None:
    messages.success(
        request,
        _(
            "Your calendar has a new address. Calendars subscribed to the old one "
            "no longer update: subscribe again with the new address."
        ),
    )


@require_POST
def household_renew(request: HttpRequest, token: str) -> HttpResponse:
    """From the family's page (its manage token proves it): a new feed address."""
    owner = token_lookup(Household.objects.all(), token)
    if owner is None:
        raise Http404
    services.feed_token_renew(household=owner)
    _renewed(request)
    return redirect(owner.get_absolute_url() + "#calendar")


@require_POST
def volunteer_renew(request: HttpRequest, token: str) -> HttpResponse:
    """From the volunteer's page (their token proves it): a new feed address."""
    owner = token_lookup(Volunteer.objects.active(), token)
    if owner is None:
        raise Http404
    services.feed_token_renew(volunteer=owner)
    _renewed(request)
    return redirect(owner.get_absolute_url() + "#calendar")
