"""The "Abonnieren" menu on the pages people use: the exact feed addresses (https,
webcal, Google), the QR code, the programme's filters, the personal addresses with
their renew button, and what the menu costs the programme page."""

import re
from html import unescape

import pytest
from django.contrib.messages import SUCCESS
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from calendars.panels import PANELS
from calendars.services import feed_token_get
from events.registry import registry
from tests.events.factories import (
    AudienceFactory,
    EventFactory,
    SubEventFactory,
    VenueFactory,
    at,
)
from tests.registrations.factories import open_event, register
from tests.volunteers.factories import ShiftFactory, assign

pytestmark = pytest.mark.django_db

SITE = "https://festwoche.example.org"
GOOGLE = "https://calendar.google.com/calendar/render?cid="


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def kino():
    return SubEventFactory(name="Kinowoche", slug="kinowoche")


@pytest.fixture
def halle():
    return VenueFactory(name="Stadthalle", slug="stadthalle")


@pytest.fixture
def gruffelo(kino, halle):
    return EventFactory(
        sub_event=kino,
        venue=halle,
        title="Der Grüffelo",
        slug="gruffelo",
        starts_at=at(0, 10),
        ends_at=at(0, 11),
    )


def menu(html: str) -> dict:
    """What a page's calendar menu offers, read from its HTML."""
    sections = re.findall(r'<section class="subscribe".*?</section>', html, re.S)
    assert len(sections) == 1, f"{len(sections)} calendar menus"
    section = sections[0]
    links = re.findall(r'href="([^"]*)"[^>]*data-calendar-link="([a-z]+)"', section)
    field = re.search(r'<input [^>]*value="([^"]*)" data-calendar-url', section)
    qr = r'<svg role="img"[^>]*class="subscribe__qr-code"[^>]*><title>[^<]+</title>'
    renew = re.search(r'<form method="post" action="([^"]+)"', section)
    return {
        "kind": re.search(r'data-subscribe="([a-z_]+)"', section)[1],
        "url": unescape(field[1]),
        "links": {kind: unescape(href) for href, kind in links},
        "qr": re.search(qr + r".*?</svg>", section, re.S),
        "renew": renew[1] if renew else None,
        "csrf": 'name="csrfmiddlewaretoken"' in section,
    }


def expected_links(path: str) -> dict[str, str]:
    """webcal:// for Apple and Outlook; Google gets the webcal address with every
    reserved character percent-encoded (written out here, not through quote())."""
    webcal = "webcal://festwoche.example.org" + path
    encoded = webcal
    for char, code in ((":", "%3A"), ("/", "%2F"), ("?", "%3F"), ("=", "%3D")):
        encoded = encoded.replace(char, code)
    return {"webcal": webcal, "google": GOOGLE + encoded.replace("&", "%26")}


def page(path: str, client: Client | None = None) -> str:
    response = (client or Client()).get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def test_the_app_registers_a_menu_for_each_kind_of_page():
    for kind, panel in PANELS.items():
        assert panel in registry.page_panels[kind]


def test_programme_page_offers_the_programme_feed(gruffelo):
    found = menu(page("/"))

    assert found["kind"] == "programme"
    assert found["url"] == f"{SITE}/calendar/programme.ics"
    assert found["links"] == expected_links("/calendar/programme.ics")
    assert found["qr"] is not None
    assert found["renew"] is None


def test_the_google_link_carries_the_webcal_address_fully_encoded(gruffelo):
    found = menu(page("/?sub_event=kinowoche&age=7"))

    assert found["links"]["google"] == (
        "https://calendar.google.com/calendar/render?cid="
        "webcal%3A%2F%2Ffestwoche.example.org%2Fcalendar%2Fprogramme.ics"
        "%3Fsub_event%3Dkinowoche%26age%3D7"
    )


def test_programme_menu_keeps_the_filters_the_feed_understands(gruffelo):
    kita = AudienceFactory(slug="kita")
    gruffelo.audiences.add(kita)
    query = (
        "?day=2027-06-14&q=drache&age=7&venue=stadthalle&audience=kita"
        "&sub_event=kinowoche&free=true"
    )

    found = menu(page("/" + query))

    path = "/calendar/programme.ics?sub_event=kinowoche&audience=kita&age=7"
    assert found["url"] == SITE + path
    assert found["links"] == expected_links(path)
    # the feed itself answers that address
    assert Client().get(path).status_code == 200


def test_programme_menu_drops_values_the_feed_would_refuse(gruffelo):
    found = menu(page("/?age=7.5&sub_event=<x>"))

    assert found["url"] == f"{SITE}/calendar/programme.ics"


def test_event_page_offers_the_download_and_the_subscription(gruffelo):
    html = page("/events/gruffelo/")
    found = menu(html)

    assert found["kind"] == "event"
    assert found["url"] == f"{SITE}/calendar/events/gruffelo.ics"
    assert found["links"] == {
        "download": f"{SITE}/calendar/events/gruffelo.ics",
        **expected_links("/calendar/events/gruffelo.ics"),
    }
    assert found["qr"] is not None
    # and the ways to the sub-event's and the programme's subscriptions
    assert 'href="/subevents/kinowoche/#calendar"' in html
    assert 'href="/#calendar"' in html


def test_venue_page_offers_the_venue_feed(gruffelo):
    found = menu(page("/venues/stadthalle/"))

    assert found["kind"] == "venue"
    assert found["url"] == f"{SITE}/calendar/venues/stadthalle.ics"
    assert found["links"] == expected_links("/calendar/venues/stadthalle.ics")
    assert found["qr"] is not None


def test_sub_event_page_offers_the_sub_event_feed(gruffelo):
    found = menu(page("/subevents/kinowoche/"))

    assert found["kind"] == "sub_event"
    assert found["url"] == f"{SITE}/calendar/subevents/kinowoche.ics"
    assert found["links"] == expected_links("/calendar/subevents/kinowoche.ics")
    assert found["qr"] is not None


def test_the_qr_code_encodes_the_feed_address_and_has_a_text_alternative(gruffelo):
    import segno

    svg = menu(page("/venues/stadthalle/"))["qr"][0]

    expected = segno.make(f"{SITE}/calendar/venues/stadthalle.ics", error="m")
    assert re.search(r' d="([^"]+)"', svg)[1] in expected.svg_inline(
        scale=4, border=2, lineclass=None, omitsize=True
    )


@pytest.fixture
def registration():
    return register(open_event(slug="theater"), 7, 36).registration


def test_family_page_shows_the_household_feed_not_the_manage_token(registration):
    household = registration.household

    found = menu(page(f"/r/{household.token}/"))

    token = feed_token_get(household=household).token
    assert token != household.token
    assert found["kind"] == "household"
    assert found["url"] == f"{SITE}/calendar/households/{token}.ics"
    assert found["links"] == expected_links(f"/calendar/households/{token}.ics")
    assert found["qr"] is not None
    assert found["renew"] == f"/calendar/households/{household.token}/renew/"
    assert found["csrf"]


def test_renewing_shows_the_new_address_a_message_and_the_old_feed_is_gone(
    registration,
):
    household = registration.household
    client = Client()
    old = menu(page(f"/r/{household.token}/", client))["url"]

    response = client.post(
        f"/calendar/households/{household.token}/renew/", follow=True
    )

    assert response.redirect_chain == [(f"/r/{household.token}/#calendar", 302)]
    new = menu(response.content.decode())["url"]
    assert new != old
    assert (
        new
        == f"{SITE}/calendar/households/{feed_token_get(household=household).token}.ics"
    )
    assert Client().get(old.removeprefix(SITE)).status_code == 404
    assert Client().get(new.removeprefix(SITE)).status_code == 200
    shown = list(response.context["messages"])
    assert [message.level for message in shown] == [SUCCESS]
    assert str(shown[0]) in response.content.decode()


def test_a_single_registration_page_does_not_expose_the_household_feed(registration):
    html = page(f"/r/{registration.token}/")

    assert 'class="subscribe"' not in html
    assert "/calendar/households/" not in html
    assert not registration.household.feed_tokens.exists()  # none issued either


def test_volunteer_page_shows_the_volunteer_feed_and_renewing_works():
    volunteer = assign(ShiftFactory()).volunteer
    client = Client()

    found = menu(page(f"/v/{volunteer.token}/", client))

    token = feed_token_get(volunteer=volunteer).token
    assert token != volunteer.token
    assert found["kind"] == "volunteer"
    assert found["url"] == f"{SITE}/calendar/volunteers/{token}.ics"
    assert found["links"] == expected_links(f"/calendar/volunteers/{token}.ics")
    assert found["qr"] is not None
    assert found["renew"] == f"/calendar/volunteers/{volunteer.token}/renew/"
    assert found["csrf"]

    response = client.post(found["renew"], follow=True)

    renewed = menu(response.content.decode())["url"]
    assert renewed != found["url"]
    assert Client().get(found["url"].removeprefix(SITE)).status_code == 404
    assert [m.level for m in response.context["messages"]] == [SUCCESS]


def test_the_cached_programme_never_holds_a_personal_address(registration):
    household = registration.household
    client = Client()
    page(f"/r/{household.token}/", client)  # a family opens its page first

    html = page("/", client)

    assert "/calendar/households/" not in html
    assert household.token not in html


def _programme_queries() -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        page("/?age=7&sub_event=kinowoche")
    return len(queries.captured_queries)


def test_the_menu_adds_no_query_to_the_programme_page(gruffelo):
    with_menu = _programme_queries()
    registry.unregister_page_panel("programme", PANELS["programme"])
    try:
        without_menu = _programme_queries()
    finally:
        registry.register_page_panel("programme", PANELS["programme"])

    assert 'class="subscribe"' in page("/")
    assert with_menu == without_menu
