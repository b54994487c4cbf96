"""The week board in a browser (desktop): an organiser moves an event into a
taken venue and sees it refused with the reason, the block unmoved; then moves it to
a free slot by the dialog (keyboard) and by dragging, saved without a reload.
Screenshots of the screen and of the print layout go to var/screens/."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client
from playwright.sync_api import expect

from events import roles
from events.services import event_update
from tests.e2e.test_accessibility import axe_violations, describe
from tests.events.factories import at

pytestmark = [pytest.mark.browser]


def row(day: str, venue) -> str:
    """The selector of a venue's row on one day of the board."""
    return f".pl-day[data-day='{day}'] .pl-row[data-row='venue-{venue.pk}']"


def logged_in_orga(context, live_server) -> None:
    roles.roles_ensure()
    user = User.objects.create_user("planer", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.ORGA))
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            },
            {
                "name": settings.LANGUAGE_COOKIE_NAME,
                "value": "en",
                "url": live_server.url,
            },
        ]
    )


def test_moving_events_on_the_week_board(
    live_server, context, small_festival, screens_dir, axe_js
):
    festival = small_festival
    # Set-up and tear-down, drawn hatched before and after the block.
    event_update(event=festival.theater, setup_minutes=30, teardown_minutes=30)
    logged_in_orga(context, live_server)
    page = context.new_page()
    page.goto(live_server.url + "/orga/planning/board/")
    # A marker that disappears if the page is loaded anew.
    page.evaluate("() => { window.notReloaded = true; }")

    theater = festival.theater
    block = page.locator(f"#event-{theater.pk}")
    expect(block).to_contain_text("15:00–17:00")
    youth_row = page.locator(row("2027-06-14", theater.venue))
    expect(youth_row.locator(f"#event-{theater.pk}")).to_have_count(1)
    page.screenshot(path=screens_dir / "planning-board-desktop.png", full_page=True)
    violations = axe_violations(page, axe_js)
    assert not violations, describe(violations)

    # Into the library at the picture-book cinema's time, by keyboard: refused.
    block.locator("[data-move]").focus()
    page.keyboard.press("Enter")
    dialog = page.locator("#move-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#id_start")).to_have_value("15:00")
    dialog.locator("#id_venue").select_option(str(festival.library.pk))
    dialog.locator("#id_start").fill("10:00")
    dialog.locator("#id_end").fill("11:00")
    dialog.locator("#id_end").press("Enter")

    reason = (
        "Stadtbibliothek is already taken from Mon, 14.06. 10:00 to Mon, 14.06. 10:45"
    )
    expect(dialog.locator("[data-move-error]")).to_contain_text(reason)
    expect(page.locator(f"#move-error-{theater.pk}")).to_contain_text(reason)
    expect(block).to_contain_text("15:00–17:00")
    expect(youth_row.locator(f"#event-{theater.pk}")).to_have_count(1)
    page.screenshot(path=screens_dir / "planning-board-refused.png")
    theater.refresh_from_db()
    assert (theater.starts_at, theater.venue) == (at(0, 15), festival.markt.venue)

    # A free slot: saved, the block moves to the library's row without a reload.
    dialog.locator("#id_start").fill("12:00")
    dialog.locator("#id_end").fill("14:00")
    dialog.locator("button[type=submit]").click()
    expect(dialog).to_be_hidden()
    library_row = page.locator(row("2027-06-14", festival.library))
    moved = library_row.locator(f"#event-{theater.pk}")
    expect(moved).to_contain_text("12:00–14:00")
    expect(youth_row.locator(f"#event-{theater.pk}")).to_have_count(0)
    expect(page.locator(f"#move-error-{theater.pk}")).to_have_count(0)
    expect(page.locator("#board-status")).to_contain_text("moved")
    theater.refresh_from_db()
    assert (theater.starts_at, theater.ends_at) == (at(0, 12), at(0, 14))
    assert theater.venue == festival.library

    # Drag the short-film evening one hour later (time only: the duration stays).
    lesung = festival.lesung
    block = page.locator(f"#event-{lesung.pk}")
    track = block.locator("xpath=..")
    hour = track.bounding_box()["width"] / (
        (
            int(page.locator("[data-board]").get_attribute("data-axis-end"))
            - int(page.locator("[data-board]").get_attribute("data-axis-start"))
        )
        / 60
    )
    block.scroll_into_view_if_needed()
    box = block.locator(".pl-bk__time").bounding_box()
    x, y = box["x"] + 5, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + hour / 2, y, steps=5)
    page.mouse.move(x + hour, y, steps=5)
    page.mouse.up()
    # The server's new block carries the saved times.
    expect(page.locator(f"#event-{lesung.pk}")).to_have_attribute("data-start", "19:00")
    expect(page.locator(f"#event-{lesung.pk}")).to_contain_text("19:00–21:00")
    lesung.refresh_from_db()
    assert (lesung.starts_at, lesung.ends_at) == (at(2, 19), at(2, 21))

    # Drag the market from the youth centre down or up into the library's row: the
    # library is busy from 19:00, the market (09:00–13:00) fits.
    markt = festival.markt
    block = page.locator(f"#event-{markt.pk}")
    target = page.locator(row("2027-06-16", festival.library) + " .pl-track")
    target.scroll_into_view_if_needed()
    block.scroll_into_view_if_needed()
    box = block.locator(".pl-bk__time").bounding_box()
    goal = target.bounding_box()
    x, y = box["x"] + 5, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y + 10, steps=3)
    page.mouse.move(x, goal["y"] + goal["height"] / 2, steps=8)
    page.mouse.up()
    expect(target.locator(f"#event-{markt.pk}")).to_contain_text("09:00–13:00")
    expect(page.locator("#board-status")).to_contain_text("Kleider- und Spielzeugmarkt")
    markt.refresh_from_db()
    assert (markt.venue, markt.starts_at) == (festival.library, at(2, 9))

    # Drag the short-film evening onto the market's time: refused, left in place.
    block = page.locator(f"#event-{lesung.pk}")
    block.scroll_into_view_if_needed()
    box = block.locator(".pl-bk__time").bounding_box()
    x, y = box["x"] + 5, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - hour, y, steps=5)
    page.mouse.move(x - 7 * hour, y, steps=10)
    page.mouse.up()
    expect(page.locator(f"#move-error-{lesung.pk}")).to_contain_text(
        "Stadtbibliothek is already taken from Wed, 16.06. 09:00 to Wed, 16.06. 13:00"
    )
    expect(block).to_have_class("pl-bk pl-bk--published pl-bk--movable pl-bk--refused")
    # Back at 19:00 (75 % of the 07–23 axis), not shifted any more.
    expect(block).to_have_attribute("style", re.compile(r"^left: 75%;"))
    assert block.evaluate("b => b.style.transform") == ""
    expect(block.locator(".pl-bk__time")).to_have_text("19:00–21:00")
    lesung.refresh_from_db()
    assert (lesung.starts_at, lesung.ends_at) == (at(2, 19), at(2, 21))

    assert page.evaluate("() => window.notReloaded") is True
    page.screenshot(path=screens_dir / "planning-board-moved.png")

    page.emulate_media(media="print")
    # A3 landscape at 96 dpi, 10 mm margins: 400 mm of width for the days.
    page.set_viewport_size({"width": 1512, "height": 1047})
    page.screenshot(path=screens_dir / "planning-board-print.png", full_page=True)
    assert page.locator(".pl-board-filter").is_hidden()
    assert page.locator(".pl-legend").is_visible()

    # On a phone the days scroll sideways inside their frame, the page does not.
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.screenshot(path=screens_dir / "planning-board-phone.png")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - window.innerWidth"
    )
    assert overflow <= 0, f"the board scrolls sideways by {overflow}px"

    # A plain click on a block's title still opens the event in the admin.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator(f"#event-{lesung.pk} .pl-bk__title").click()
    expect(page).to_have_url(
        live_server.url + f"/admin/events/event/{lesung.pk}/change/"
    )


def test_moving_without_javascript(live_server, chromium, small_festival, screens_dir):
    """The ⇄ link opens the move page; a conflict re-renders it with the reason."""
    festival = small_festival
    context = chromium.new_context(
        java_script_enabled=False,
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport={"width": 1280, "height": 900},
    )
    try:
        logged_in_orga(context, live_server)
        page = context.new_page()
        page.goto(live_server.url + "/orga/planning/board/?day=2027-06-14")
        theater = festival.theater
        page.locator(f"#event-{theater.pk} [data-move]").click()
        expect(page.locator("h1")).to_have_text("Move “Theaterwerkstatt für Kinder”")
        page.locator("#id_venue").select_option(str(festival.library.pk))
        page.locator("#id_start").fill("10:30")
        page.locator("#id_end").fill("11:30")
        page.locator(".pl-move-form button[type=submit]").click()
        expect(page.locator("#error-summary")).to_contain_text(
            "Stadtbibliothek is already taken"
        )
        page.screenshot(path=screens_dir / "planning-board-move-page.png")
        theater.refresh_from_db()
        assert theater.venue == festival.markt.venue

        page.locator("#id_start").fill("12:00")
        page.locator("#id_end").fill("13:00")
        page.locator(".pl-move-form button[type=submit]").click()
        expect(page).to_have_url(
            live_server.url + f"/orga/planning/board/?day=2027-06-14#event-{theater.pk}"
        )
        expect(page.locator(".messages")).to_contain_text(
            "“Theaterwerkstatt für Kinder” moved: 14.06. 12:00–13:00, Stadtbibliothek."
        )
        theater.refresh_from_db()
        assert (theater.starts_at, theater.venue) == (at(0, 12), festival.library)
    finally:
        context.close()
