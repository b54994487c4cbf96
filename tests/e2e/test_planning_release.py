"""The issue's proof across the workspace, in a browser (desktop): an organiser
moves an event on the week board into a taken venue and is refused — the release's
list of pending changes stays empty; then moves it to a free slot, and the
releases page lists exactly that move as the next release's change."""

import pytest
from playwright.sync_api import expect

from planning.services.releases import release_publish
from tests.e2e.test_planning_board import logged_in_orga, row
from tests.events.factories import at

pytestmark = [pytest.mark.browser]

# The changes not yet released (past releases list theirs further down).
PENDING = "section[aria-labelledby=rl-pending] .rl-change"


def test_a_move_on_the_board_grows_the_next_releases_changes(
    live_server, context, small_festival, screens_dir
):
    festival = small_festival
    release_publish(festival=festival.festival, name="Erstes Programm")
    logged_in_orga(context, live_server)
    page = context.new_page()
    page.goto(live_server.url + "/orga/planning/releases/")
    expect(page.locator(PENDING)).to_have_count(0)

    theater = festival.theater
    page.goto(live_server.url + "/orga/planning/board/")
    page.locator(f"#event-{theater.pk} [data-move]").focus()
    page.keyboard.press("Enter")
    dialog = page.locator("#move-dialog")
    dialog.locator("#id_venue").select_option(str(festival.library.pk))
    dialog.locator("#id_start").fill("10:00")
    dialog.locator("#id_end").fill("11:00")
    dialog.locator("button[type=submit]").click()
    expect(dialog.locator("[data-move-error]")).to_contain_text(
        "Stadtbibliothek is already taken"
    )
    page.goto(live_server.url + "/orga/planning/releases/")
    expect(page.locator(PENDING)).to_have_count(0)

    page.goto(live_server.url + "/orga/planning/board/")
    page.locator(f"#event-{theater.pk} [data-move]").focus()
    page.keyboard.press("Enter")
    dialog.locator("#id_venue").select_option(str(festival.library.pk))
    dialog.locator("#id_start").fill("12:00")
    dialog.locator("#id_end").fill("14:00")
    dialog.locator("button[type=submit]").click()
    expect(dialog).to_be_hidden()
    expect(
        page.locator(row("2027-06-14", festival.library)).locator(
            f"#event-{theater.pk}"
        )
    ).to_contain_text("12:00–14:00")

    page.goto(live_server.url + "/orga/planning/releases/")
    changes = page.locator(PENDING)
    expect(changes).to_have_count(1)
    expect(changes.first).to_have_class("rl-change rl-change--moved")
    expect(changes.first.locator(".rl-title")).to_have_text(theater.title)
    expect(changes.first.locator(".rl-what")).to_have_text("new time and new place")
    expect(changes.first.locator(".rl-after")).to_contain_text("Stadtbibliothek")
    page.screenshot(path=screens_dir / "planning-release-pending.png", full_page=True)
    theater.refresh_from_db()
    assert (theater.starts_at, theater.venue) == (at(0, 12), festival.library)
