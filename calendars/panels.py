"""The "Abonnieren" menu that the calendars app adds to other apps' pages through the
core's registry (events.registry: page panels): the programme, an event, a venue, a
sub-event, the family's page and the volunteer's page."""

from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.template.loader import render_to_string
from django.urls import reverse

from calendars import services
from events.models import Event, SubEvent, Venue
from registrations.models import Household
from volunteers.models import Volunteer

PROGRAMME_FILTERS = ("sub_event", "audience", "age")


def _menu(
    request: HttpRequest,
    *,
    path: str,
    title: str,
    personal: bool = False,
    download: bool = False,
    renew_url: str = "",
) -> str:
    url = settings.SITE_URL + path
    webcal = "webcal://" + url.split("://", 1)[1]
    return render_to_string(
        "calendars/_subscribe.html",
        {
            "title": title,
            "feed_url": url,
            "webcal_url": webcal,
            "google_url": "https://calendar.google.com/calendar/render?cid="
            + quote(webcal, safe=""),
            "qr_svg": segno.make(url, error="m").svg_inline(scale=3, border=2),
            "personal": personal,
            "download": download,
            "renew_url": renew_url,
        },
        request=request,
    )


def programme_panel(request: HttpRequest, query: QueryDict) -> str:
    """The programme feed, narrowed by the page's filters that the feed knows."""
    kept = {key: query[key] for key in PROGRAMME_FILTERS if query.get(key)}
    path = reverse("calendars:programme")
    if kept:
        path += "?" + urlencode(kept)
    return _menu(request, path=path, title="programme")


def event_panel(request: HttpRequest, event: Event) -> str:
    path = reverse("calendars:event", kwargs={"slug": event.slug})
    return _menu(request, path=path, title="event", download=True)


def venue_panel(request: HttpRequest, venue: Venue) -> str:
    path = reverse("calendars:venue", kwargs={"slug": venue.slug})
    return _menu(request, path=path, title="venue")


def sub_event_panel(request: HttpRequest, sub_event: SubEvent) -> str:
    path = reverse("calendars:sub_event", kwargs={"slug": sub_event.slug})
    return _menu(request, path=path, title="sub_event")


def household_panel(request: HttpRequest, household: Household) -> str:
    token = services.feed_token_get(household=household)
    return _menu(
        request,
        path=reverse("calendars:household", kwargs={"token": token.token}),
        title="household",
        personal=True,
        renew_url=reverse(
            "calendars:household_renew", kwargs={"token": household.token}
        ),
    )


def volunteer_panel(request: HttpRequest, volunteer: Volunteer) -> str:
    token = services.feed_token_get(volunteer=volunteer)
    return _menu(
        request,
        path=reverse("calendars:volunteer", kwargs={"token": token.token}),
        title="volunteer",
        personal=True,
        renew_url=reverse(
            "calendars:volunteer_renew", kwargs={"token": volunteer.token}
        ),
    )


PANELS = {
    "programme": programme_panel,
    "event": event_panel,
    "venue": venue_panel,
    "sub_event": sub_event_panel,
    "household": household_panel,
    "volunteer": volunteer_panel,
}
