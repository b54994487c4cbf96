"""Accessibility: axe-core finds nothing serious, and the keyboard path works."""

import json

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser]

BLOCKING = {"serious", "critical"}


def axe_violations(page, axe_js) -> list[dict]:
    # Evaluated through the DevTools protocol: a <script> tag with axe's source
    # inline would be blocked by the page's Content-Security-Policy.
    page.evaluate(axe_js.read_text())
    result = page.evaluate("async () => await axe.run(document)")
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']}"
            f" – {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"  {json.dumps(node['target'])}: {node['html'][:200]}")
            summary = node.get("failureSummary") or ""
            lines.extend(f"    {line}" for line in summary.splitlines())
    return "\n".join(lines)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?day=2027-06-14&age=10",
        "/?day=2027-06-14&age=15",
        "/events/bilderbuchkino/",
        "/events/theaterwerkstatt/",
        "/events/benefizspiel/",
        "/venues/stadtbibliothek/",
        "/subevents/kinowoche/",
    ],
)
def test_no_serious_axe_violations(live_server, page, axe_js, small_festival, path):
    page.goto(live_server.url + path)

    violations = axe_violations(page, axe_js)

    assert not violations, f"axe on {path}:\n{describe(violations)}"


@pytest.mark.parametrize("width", [375, 1280])
def test_skip_link_is_first_and_moves_focus_to_main(
    live_server, page, small_festival, width
):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_have_attribute("href", "#main")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] > 0, box
    expect(skip).to_be_in_viewport()

    page.keyboard.press("Enter")

    expect(page.locator("main#main")).to_be_focused()
    # The next Tab continues inside main, not back in the header.
    page.keyboard.press("Tab")
    inside_main = page.evaluate(
        "() => document.getElementById('main').contains(document.activeElement)"
    )
    assert inside_main
