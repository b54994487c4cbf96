"""The "Abonnieren" menu in a browser: on a phone a parent opens it on the programme,
copies the address and sees the QR code; a family renews its personal address; and
screenshots of the menus open, phone and desktop, for people to look at
(var/screens/calendars-*.png)."""

import pytest
from playwright.sync_api import expect

from calendars.services import feed_token_get
from tests.e2e.test_accessibility import axe_violations, describe

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(autouse=True)
def _site(settings, live_server):
    """Feed addresses point at the test server, so the browser can follow them."""
    settings.SITE_URL = live_server.url


@pytest.fixture
def browse(chromium):
    """Open a browser page at a viewport; the clipboard may be written and read."""
    contexts = []

    def open_page(viewport: dict, phone: bool = False):
        context = chromium.new_context(
            locale="de-DE",
            timezone_id="Europe/Berlin",
            viewport=viewport,
            is_mobile=phone,
            has_touch=phone,
        )
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def people(small_festival):
    """A family with a registration and a volunteer with a shift, in the festival."""
    from tests.registrations.factories import open_event, register
    from tests.volunteers.factories import (
        RoleFactory,
        ShiftFactory,
        VolunteerFactory,
        assign,
    )

    reading = open_event(
        sub_event=small_festival.bilderbuchkino.sub_event,
        venue=small_festival.library,
        title="Vorlesestunde mit Herrn Yılmaz",
        slug="vorlesestunde",
        starts_at=small_festival.bilderbuchkino.starts_at.replace(hour=13),
        ends_at=small_festival.bilderbuchkino.starts_at.replace(hour=14),
    )
    registration = register(
        reading, 7, 38, email="ayse@example.org", name="Ayşe Yılmaz"
    ).registration
    shift = ShiftFactory(
        role=RoleFactory(festival=small_festival.festival, name="Einlass"),
        venue=small_festival.library,
    )
    volunteer = VolunteerFactory(festival=small_festival.festival, name="Jonas Becker")
    assign(shift, volunteer)
    return {"household": registration.household, "volunteer": volunteer}


def open_menu(page):
    menu = page.locator("section.subscribe")
    menu.locator("summary.subscribe__toggle").click()
    expect(menu.locator(".subscribe__body")).to_be_visible()
    return menu


def no_sideways_scrolling(page) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"scrolls sideways by {overflow}px"


def test_on_a_phone_a_parent_copies_the_filtered_programme_address(
    live_server, browse, small_festival
):
    page = browse(PHONE, phone=True)
    page.goto(live_server.url + "/?age=7")
    menu = page.locator("section.subscribe")
    expect(menu.locator(".subscribe__body")).to_be_hidden()

    open_menu(page)

    field = menu.locator("[data-calendar-url]")
    address = field.input_value()
    assert address == live_server.url + "/calendar/programme.ics?age=7"
    expect(menu.locator("[data-calendar-link=webcal]")).to_have_attribute(
        "href", "webcal://" + address.split("://", 1)[1]
    )
    menu.locator("[data-calendar-copy]").click()
    expect(menu.locator("[data-calendar-copied]")).not_to_be_empty()
    assert page.evaluate("() => navigator.clipboard.readText()") == address

    qr = menu.locator("svg.subscribe__qr-code")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert 100 <= box["width"] <= 140, box  # readable, not the whole screen
    no_sideways_scrolling(page)


def test_a_family_renews_its_address_and_sees_the_new_one(live_server, browse, people):
    household = people["household"]
    page = browse(PHONE, phone=True)
    page.goto(f"{live_server.url}/r/{household.token}/")
    menu = open_menu(page)
    old = menu.locator("[data-calendar-url]").input_value()
    assert household.token not in old

    menu.locator(".subscribe__renew summary").click()
    menu.locator("[data-calendar-renew]").click()

    expect(page.locator(".message--success")).to_be_visible()
    # Back at #calendar the menu is open by itself, with the new address.
    field = page.locator("section.subscribe [data-calendar-url]")
    expect(field).to_be_visible()
    new = field.input_value()
    assert new != old
    assert new.endswith(f"/{feed_token_get(household=household).token}.ics")
    assert page.request.get(old).status == 404
    assert page.request.get(new).status == 200


def test_the_open_menu_has_no_serious_axe_violations(
    live_server, browse, small_festival, axe_js
):
    page = browse(DESKTOP)
    page.goto(live_server.url + "/events/theaterwerkstatt/")
    open_menu(page)

    violations = axe_violations(page, axe_js)

    assert not violations, describe(violations)


SCREENS = ("programme", "event", "family", "volunteer")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("name", SCREENS)
def test_screenshot_with_the_menu_open(
    live_server, browse, people, screens_dir, name, viewport
):
    paths = {
        "programme": "/?age=7",
        "event": "/events/theaterwerkstatt/",
        "family": f"/r/{people['household'].token}/",
        "volunteer": f"/v/{people['volunteer'].token}/",
    }
    size = PHONE if viewport == "phone" else DESKTOP
    page = browse(size, phone=viewport == "phone")
    page.goto(live_server.url + paths[name])
    menu = open_menu(page)
    menu.scroll_into_view_if_needed()

    target = screens_dir / f"calendars-{name}-{size['width']}.png"
    page.screenshot(path=str(target), full_page=True)

    assert target.stat().st_size > 0
    no_sideways_scrolling(page)
