"""The Content-Security-Policy in a real browser: the main pages of the demo
festival, public and for the organisers, report no CSP violation (neither a
`securitypolicyviolation` event nor a console message), raise no script error, and
their JavaScript still works under the policy."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser]

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(transactional_db) -> dict[str, str]:
    """The demo festival, and the addresses of the pages to look at."""
    from events.models import Event
    from registrations.models import Household
    from subevents.charity_run.models import Counter
    from subevents.flea_market.models import Market
    from volunteers.models import Volunteer

    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    event = next(
        e
        for e in Event.objects.exclude(capacity=None).order_by("starts_at", "pk")
        if e.registration_state() == "open"
    )
    run = Counter.objects.filter(revoked_at=None).select_related("run__event")[0]
    market = Market.objects.select_related("event").get()
    return {
        "programme": "/",
        "event": f"/events/{event.slug}/",
        "register": f"/events/{event.slug}/register/",
        "manage": f"/r/{Household.objects.exclude(token='')[0].token}/",
        "volunteer join": "/volunteers/",
        "volunteer page": f"/v/{Volunteer.objects.exclude(token='')[0].token}/",
        "lap counting": f"/run/count/{run.token}/",
        "run board": f"/run/{run.run.event.slug}/board/",
        "site plan": f"/market/{market.event.slug}/",
        "conference": "/conference/",
        "api docs": "/api/v1/docs/",
        "orga: planning board": "/orga/planning/board/",
        "orga: market board": f"/orga/market/{market.event.slug}/board/",
        "orga: volunteers": "/orga/volunteers/",
        "orga: print": "/orga/print/",
        "orga: admin": "/admin/",
        "orga: admin event": f"/admin/events/event/{event.pk}/change/",
    }


def watched_page(context):
    """A page that records CSP reports and script errors."""
    page = context.new_page()
    page.add_init_script(LISTEN)
    page.problems = []
    page.on("console", lambda m: _console(page, m))
    page.on("pageerror", lambda e: page.problems.append(f"script error: {e}"))
    page.on("response", lambda r: _response(page, r))
    return page


def _console(page, message) -> None:
    # A failed load is reported by _response, with its address.
    failed_load = "Failed to load resource" in message.text
    csp = "Content Security Policy" in message.text
    if csp or (message.type == "error" and not failed_load):
        page.problems.append(f"console {message.type}: {message.text}")


def _response(page, response) -> None:
    # The browser's own guess at /favicon.ico (pages without a favicon link) is no
    # script or style of ours.
    if response.status >= 400 and not response.url.endswith("/favicon.ico"):
        page.problems.append(f"{response.status} {response.url}")


def staff_context(chromium, live_server):
    user = User.objects.create_superuser("csp-admin", "csp@example.org", "x")
    client = Client()
    client.force_login(user)
    context = chromium.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    context.set_default_timeout(10_000)
    return context


def test_no_csp_violation_on_the_main_pages(live_server, chromium, context, demo):
    staff = staff_context(chromium, live_server)
    problems = {}
    try:
        for name, path in demo.items():
            page = watched_page(staff if name.startswith("orga") else context)
            response = page.goto(live_server.url + path)
            assert response.status == 200, (name, path, response.status)
            page.wait_for_load_state("networkidle")
            if name == "api docs":
                # Swagger UI is drawn by its inline script, from the schema.
                expect(page.locator(".swagger-ui .info .title")).to_contain_text(
                    "Festwoche API"
                )
            page.wait_for_timeout(200)
            found = page.problems + [
                f"violation: {v}" for v in page.evaluate("window.__cspViolations")
            ]
            if found:
                problems[name] = found
            page.close()
    finally:
        staff.close()

    assert problems == {}


def test_scripts_still_work_under_the_policy(live_server, context, demo):
    page = watched_page(context)

    # The registration form adds a person without a reload (register.js).
    page.goto(live_server.url + demo["register"])
    page.evaluate("() => { window.notReloaded = true; }")
    rows = page.locator("[data-people] > *")
    before = rows.count()
    page.locator("[data-add-person]").first.click()
    expect(rows).to_have_count(before + 1)
    assert page.evaluate("window.notReloaded") is True

    # The lap counter answers a tap without a reload (counter.js, fetch).
    page.goto(live_server.url + demo["lap counting"])
    expect(page.locator("[data-sync]")).to_be_visible()

    assert page.problems == []
    assert page.evaluate("window.__cspViolations") == []

    # And the policy is really there: an injected inline script is blocked and
    # reported, which is what the test above would have seen.
    page.evaluate(
        """() => { const s = document.createElement("script");
        s.textContent = "window.injected = true;"; document.body.append(s); }"""
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.injected === undefined") is True
    assert page.evaluate("window.__cspViolations[0]").startswith("script-src")
