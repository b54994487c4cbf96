"""The "Abonnieren" menu that the calendars app adds to other apps' pages through the
core's registry (events.registry: page panels): the programme, an event, a venue, a
sub-event, the family's page and the volunteer's page.

Feed addresses are absolute on SITE_URL (the address mails use too), so a page
served behind a proxy still offers the public https address. The public menus depend
only on their object or the query string and do no query: the programme's menu can
live inside the programme's cached HTML. The personal menus issue the owner's feed
token on first view and are only ever rendered on the owner's uncached page.
"""

import re
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from calendars import services
from events.models import Event, SubEvent, Venue
from registrations.models import Household
from volunteers.models import Volunteer

TEMPLATE = "calendars/_subscribe.html"
GOOGLE_SUBSCRIBE = "https://calendar.google.com/calendar/render?cid="

# The programme page's filters that the programme feed understands, with the
# values the feed accepts (anything else would make the feed answer 400).
PROGRAMME_FILTERS = {
    "sub_event": re.compile(r"^[-\w]{1,100}$"),
    "audience": re.compile(r"^[-\w]{1,100}$"),
    "age": re.compile(r"^\d{1,3}(?:-\d{1,3})?$"),
}
UNUSED_FILTERS = ("day", "venue", "free", "accessible", "q")


def feed_links(path: str) -> dict[str, str]:
    """The ways to reach a feed: its https address, the webcal:// address that
    Apple Calendar and Outlook open as a subscription, Google's subscribe link."""
    url = settings.SITE_URL + path
    webcal = "webcal://" + url.split("://", 1)[1]
    return {
        "feed_url": url,
        "webcal_url": webcal,
        "google_url": GOOGLE_SUBSCRIBE + quote(webcal, safe=""),
    }


def qr_svg(url: str) -> SafeString:
    """The address as an inline SVG QR code with a text alternative."""
    svg = segno.make(url, error="m").svg_inline(
        scale=4,
        border=2,
        svgclass="subscribe__qr-code",
        lineclass=None,
        omitsize=True,
        title=_("QR code of the calendar address, to scan with a phone"),
    )
    # segno escapes the title; the rest is its own markup.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308


def _menu(
    request: HttpRequest | None,
    *,
    kind: str,
    path: str,
    context: dict | None = None,
) -> str:
    links = feed_links(path)
    return render_to_string(
        TEMPLATE,
        {
            "kind": kind,
            **links,
            "qr_svg": qr_svg(links["feed_url"]),
            **(context or {}),
        },
        # Only the personal menus need the request (their renew form's CSRF token);
        # the public ones render without it, so no context processor adds queries.
        request=request,
    )


def programme_filters(query: QueryDict) -> dict[str, str]:
    """The page's filters that the programme feed can apply, in the feed's order."""
    kept = {}
    for name, pattern in PROGRAMME_FILTERS.items():
        value = query.get(name, "").strip()
        if value and pattern.match(value):
            kept[name] = value
    return kept


def programme_panel(request: HttpRequest, query: QueryDict) -> str:
    """The programme feed, narrowed by the page's filters that the feed knows."""
    kept = programme_filters(query)
    path = reverse("calendars:programme")
    if kept:
        path += "?" + urlencode(kept)
    return _menu(
        None,
        kind="programme",
        path=path,
        context={
            "filtered_by_sub_event": "sub_event" in kept,
            "filtered_by_audience": "audience" in kept,
            "filtered_age": kept.get("age", ""),
            # Day, venue, price, access and search narrow the page, not the feed.
            "unused_filters": any(query.get(name) for name in UNUSED_FILTERS),
        },
    )


def event_panel(request: HttpRequest, event: Event) -> str:
    """One event: the .ics download, or a subscription that follows its changes."""
    return _menu(
        None,
        kind="event",
        path=reverse("calendars:event", kwargs={"slug": event.slug}),
        context={
            "download": True,
            "event": event,
            "sub_event_url": event.sub_event.get_absolute_url() + "#calendar",
            "sub_event_name": event.sub_event.name,
            "programme_url": reverse("events:programme") + "#calendar",
        },
    )


def venue_panel(request: HttpRequest, venue: Venue) -> str:
    return _menu(
        None,
        kind="venue",
        path=reverse("calendars:venue", kwargs={"slug": venue.slug}),
        context={"name": venue.name},
    )


def sub_event_panel(request: HttpRequest, sub_event: SubEvent) -> str:
    return _menu(
        None,
        kind="sub_event",
        path=reverse("calendars:sub_event", kwargs={"slug": sub_event.slug}),
        context={"name": sub_event.name},
    )


def household_panel(request: HttpRequest, household: Household) -> str:
    """The family's own feed (its read-only token, never the manage token)."""
    token = services.feed_token_get(household=household)
    return _menu(
        request,
        kind="household",
        path=reverse("calendars:household", kwargs={"token": token.token}),
        context={
            "personal": True,
            "renew_url": reverse(
                "calendars:household_renew", kwargs={"token": household.token}
            ),
        },
    )


def volunteer_panel(request: HttpRequest, volunteer: Volunteer) -> str:
    """The volunteer's own shifts feed (its read-only token, not the page's)."""
    token = services.feed_token_get(volunteer=volunteer)
    return _menu(
        request,
        kind="volunteer",
        path=reverse("calendars:volunteer", kwargs={"token": token.token}),
        context={
            "personal": True,
            "renew_url": reverse(
                "calendars:volunteer_renew", kwargs={"token": volunteer.token}
            ),
        },
    )


PANELS = {
    "programme": programme_panel,
    "event": event_panel,
    "venue": venue_panel,
    "sub_event": sub_event_panel,
    "household": household_panel,
    "volunteer": volunteer_panel,
}
