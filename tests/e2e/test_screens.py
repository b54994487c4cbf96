"""Full-page screenshots at phone and desktop width, for people to look at
(var/screens/), plus the one layout rule a machine can check: no sideways scrolling
(WCAG 1.4.10 Reflow at 320 CSS px; we check the 375 px phone)."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser]

PAGES = {
    "programme": ("/", "Programm"),
    "event": ("/events/theaterwerkstatt/", "Theaterwerkstatt für Kinder"),
    "venue": ("/venues/stadtbibliothek/", "Stadtbibliothek"),
}
VIEWPORTS = {375: 812, 1280: 900}


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
@pytest.mark.parametrize("name", sorted(PAGES))
def test_screenshot(live_server, page, small_festival, screens_dir, name, width):
    path, h1 = PAGES[name]
    page.set_viewport_size({"width": width, "height": VIEWPORTS[width]})
    page.goto(live_server.url + path)
    expect(page.locator("h1")).to_have_text(h1)

    target = screens_dir / f"{name}-{width}.png"
    page.screenshot(path=str(target), full_page=True)

    assert target.stat().st_size > 0
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - window.innerWidth"
    )
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
