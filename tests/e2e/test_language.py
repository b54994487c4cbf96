"""The language switch: German by default, English on request, kept per visitor."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser]


def test_language_switch_to_english_and_back(live_server, page, small_festival):
    page.goto(live_server.url + "/?age=5")

    html = page.locator("html")
    expect(html).to_have_attribute("lang", "de")
    switch = page.locator(".language-switch button[name=language]")
    expect(switch).to_have_count(1)
    expect(switch).to_have_text("English")
    expect(switch).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Programm")
    expect(page.locator("h2.day__heading").first).to_have_text("Montag, 14. Juni")

    switch.click()

    expect(html).to_have_attribute("lang", "en")
    # Back on the page the visitor came from, filters included.
    assert page.url == live_server.url + "/?age=5"
    expect(page.locator("#f-age")).to_have_value("5")
    expect(page.locator("h1")).to_have_text("Programme")
    expect(page.locator("h2.day__heading").first).to_contain_text("Monday")
    expect(switch).to_have_text("Deutsch")
    expect(switch).to_have_attribute("lang", "de")

    # The choice sticks for the next page ...
    page.get_by_role("link", name="Bilderbuchkino: Der kleine Drache").click()
    expect(html).to_have_attribute("lang", "en")

    # ... and the switch goes back to German.
    switch.click()
    expect(html).to_have_attribute("lang", "de")
    expect(page.locator("h1")).to_have_text("Bilderbuchkino: Der kleine Drache")
