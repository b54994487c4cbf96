"""The market in a browser. A parent on a phone finds the market on its event
page, applies for a table and lands on the seller's page with the pitch number
marked on the plan; the confirmation PDF opens from there. An organiser on a
desktop drags a waiting seller onto a free pitch and swaps two sellers by
dragging, saved without a reload. Screenshots go to var/screens/; axe checks
the pages."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from events import roles
from subevents.flea_market.models import Application, Pitch, PitchType
from tests.e2e.test_accessibility import axe_violations, describe
from tests.flea_market.factories import apply, market, pitch, pitch_type, staff

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
TABLE = PitchType.Kind.TABLE
RAIL = PitchType.Kind.RAIL


@pytest.fixture
def open_market(transactional_db):
    m = market(layout={TABLE: 4, RAIL: 2}, sockets={4})
    for name in ("Anna Roth", "Ben Yılmaz"):
        apply(m, name=name)
    return m


def test_a_parent_applies_on_a_phone_and_gets_a_pitch(
    chromium, live_server, open_market, screens_dir, axe_js
):
    context = chromium.new_context(
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()

    page.goto(live_server.url + open_market.event.get_absolute_url())
    panel = page.locator(".fm-panel")
    expect(panel).to_contain_text("Tisch 1,2 m 2 frei")
    expect(page.locator(".key-facts")).to_contain_text(
        "6 Stände · Tische, Kleiderständer · Aufbau ab 08:00"
    )
    panel.get_by_role("link", name="Stand anmelden").click()
    expect(page).to_have_url(f"{live_server.url}/market/{open_market.event.slug}/")
    expect(page.locator("h1")).to_have_text(
        "Stand anmelden: Kleider- und Spielzeugmarkt am Rathaus"
    )
    page.screenshot(path=str(screens_dir / "market-page-phone.png"), full_page=True)
    # Nothing wider than the phone (a mobile browser would zoom out instead).
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    violations = axe_violations(page, axe_js)
    assert not violations, describe(violations)

    # First without what she sells: a clear error at the field, nothing stored.
    page.get_by_label("Ihr Name").fill("Katrin Schulz")
    page.get_by_label("E-Mail", exact=True).fill("katrin.schulz@example.org")
    page.get_by_label("Tisch 1,2 m").check()
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name="Anmeldung absenden").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "Was Sie verkaufen: Dieses Feld ist zwingend erforderlich."
    )
    assert Application.objects.count() == 2
    page.screenshot(path=str(screens_dir / "market-errors-phone.png"), full_page=True)

    page.get_by_label("Kinderkleidung").check()
    page.get_by_label("Spielzeug").check()
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name="Anmeldung absenden").click()

    expect(page).to_have_url(re.compile(r"/market/seller/[\w-]+/$"))
    expect(page.locator("h1")).to_have_text("Ihr Stand: Nummer 3")
    expect(page.locator(".fm-pitch--mine")).to_have_attribute("data-pitch", "3")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(screens_dir / "market-seller-phone.png"), full_page=True)
    violations = axe_violations(page, axe_js)
    assert not violations, describe(violations)
    katrin = Application.objects.get(email="katrin.schulz@example.org")
    assert (katrin.status, katrin.pitch.number, katrin.goods) == (
        "allocated",
        3,
        ["clothes", "toys"],
    )
    pdf = page.request.get(
        live_server.url
        + page.get_by_role("link", name="Bestätigung (PDF)").get_attribute("href")
    )
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")
    context.close()


def logged_in_orga(context, live_server) -> None:
    user = staff("marktorga", roles.ORGA)
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


def test_an_organiser_moves_sellers_by_dragging_on_the_site_plan(
    live_server, context, open_market, screens_dir, axe_js
):
    m = open_market
    apply(m, name="Cem Kaya")
    apply(m, name="Dora Nowak")  # takes 4 (with socket): nothing else is free
    emil = apply(m, name="Emil Wagner")
    assert emil.status == "waiting"
    Pitch.objects.create(
        market=m,
        site_plan=pitch(m, 1).site_plan,
        pitch_type=pitch_type(m),
        number=7,
        x=2,
        y=5,
    )
    logged_in_orga(context, live_server)
    page = context.new_page()
    page.goto(f"{live_server.url}/orga/market/{m.event.slug}/board/")
    page.evaluate("() => { window.notReloaded = true; }")
    expect(page.locator("h1")).to_contain_text("Site plan board")
    page.screenshot(path=str(screens_dir / "market-board-desktop.png"), full_page=True)
    violations = axe_violations(page, axe_js)
    assert not violations, describe(violations)

    # Emil from the waiting list onto the new pitch 7.
    card = page.locator(f".fm-waiting [data-application='{emil.pk}']")
    target = page.locator(".fm-pitch[data-pitch='7']")
    card.drag_to(target)
    status = page.locator("#board-status")
    expect(status).to_have_text("Emil Wagner is now on pitch 7.")
    expect(target.locator(f"[data-application='{emil.pk}']")).to_have_count(1)
    expect(page.locator(".fm-waiting [data-application]")).to_have_count(0)
    table = pitch_type(m).pk
    expect(page.locator(f"[data-free-count='{table}']")).to_have_text("0")
    expect(page.locator(f"[data-waiting-count='{table}']")).to_have_text("0")
    emil.refresh_from_db()
    assert (emil.status, emil.pitch.number, emil.fee_cents) == ("allocated", 7, 800)

    # A table seller onto a clothes rail: refused with the reason, nothing moves.
    anna = Application.objects.get(name="Anna Roth")
    anna_card = page.locator(f".fm-pitch [data-application='{anna.pk}']")
    anna_card.drag_to(page.locator(".fm-pitch[data-pitch='5']"))
    expect(page.locator(".fm-pitch[data-pitch='5'] .fm-card")).to_have_count(0)

    # Anna (1) onto Ben's pitch (2): the board asks, then swaps.
    page.once("dialog", lambda dialog: dialog.accept())
    anna_card.drag_to(page.locator(".fm-pitch[data-pitch='2']"))
    expect(status).to_have_text("Anna Roth is now on pitch 2.")
    expect(page.locator(".fm-pitch[data-pitch='1'] .fm-card")).to_have_text(
        "Ben Yılmaz"
    )
    ben = Application.objects.get(name="Ben Yılmaz")
    anna.refresh_from_db()
    assert (anna.pitch.number, ben.pitch.number) == (2, 1)
    assert page.evaluate("() => window.notReloaded") is True
    page.screenshot(
        path=str(screens_dir / "market-board-after-desktop.png"), full_page=True
    )

    # The same action without a mouse: the form below the plan.
    page.locator("#id_application").select_option(str(ben.pk))
    page.locator("#id_pitch").fill("3")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_have_text(
        "Pitch 3 is already taken by Cem Kaya."
    )
    ben.refresh_from_db()
    assert ben.pitch.number == 1

    # The applications list and the public page, as the organisers see them.
    page.get_by_role("link", name="Applications", exact=True).click()
    expect(page.locator(".fm-applications tbody tr")).to_have_count(5)
    page.screenshot(
        path=str(screens_dir / "market-applications-desktop.png"), full_page=True
    )
    violations = axe_violations(page, axe_js)
    assert not violations, describe(violations)
    page.get_by_role("link", name="Public page").click()
    expect(page.locator(".fm-types tbody tr")).to_have_count(2)
    page.screenshot(path=str(screens_dir / "market-page-desktop.png"), full_page=True)
