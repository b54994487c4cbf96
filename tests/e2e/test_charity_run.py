"""The Spendenlauf in the browser: a volunteer counts laps on a phone through a
counting link (keypad, undo, a tap queued while offline and sent once when the
connection is back); the live board updates without a reload; a family signs up
a child. Screenshots on a phone and a desktop; axe on the counting page."""

import json

import pytest
from playwright.sync_api import expect

from subevents.charity_run import services
from subevents.charity_run.models import LapEntry
from subevents.charity_run.selectors import laps_map

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
BLOCKING = {"serious", "critical"}


@pytest.fixture
def run(transactional_db):
    from tests.charity_run.factories import make_run, runner, team

    run = make_run(min_lap_seconds=0)
    klasse = team(run, "Klasse 3a")
    runner(run, "Mia", "Yılmaz", team=klasse)  # 100
    runner(run, "Ben", "Weber", team=klasse)  # 101
    return run


def phone(chromium):
    context = chromium.new_context(
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(10_000)
    return context


def axe_violations(page, axe_js) -> list[str]:
    # Evaluated through the DevTools protocol: a <script> tag with axe's source
    # inline would be blocked by the page's Content-Security-Policy.
    page.evaluate(axe_js.read_text())
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']}: {[node['html'][:160] for node in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


def test_a_volunteer_counts_laps_on_a_phone_with_undo_and_an_offline_tap(
    chromium, live_server, run, screens_dir, axe_js
):
    counter = services.counter_create(run=run, name="Ziel 1")
    context = phone(chromium)
    page = context.new_page()
    page.goto(f"{live_server.url}/run/count/{counter.token}/")
    expect(page.locator("h1")).to_have_text("Runden zählen")
    assert not axe_violations(page, axe_js)

    # Mia (100) by the keypad.
    for digit in "100":
        page.locator(f'[data-digit="{digit}"]').tap()
    expect(page.locator("[data-number]")).to_have_value("100")
    page.locator("[data-add]").tap()
    first = page.locator(".cr-recent__item").first
    expect(first).to_have_attribute("data-status", "sent")
    expect(first).to_contain_text("Mia · Runden: 1")
    expect(page.locator("[data-number]")).to_have_value("")

    # Ben (101) typed, then a wrong tap for Mia that is undone.
    page.locator("[data-number]").fill("101")
    page.locator("[data-add]").tap()
    expect(page.locator(".cr-recent__item").first).to_contain_text("Ben · Runden: 1")
    page.locator("[data-number]").fill("100")
    page.locator("[data-add]").tap()
    expect(page.locator(".cr-recent__item").first).to_contain_text("Mia · Runden: 2")
    page.locator(".cr-recent__item").first.locator(".cr-recent__undo").tap()
    expect(page.locator(".cr-recent__item").first).to_contain_text("zurückgenommen")
    expect(page.locator("[data-sync]")).to_have_text("Alles gesendet")
    page.screenshot(
        path=str(screens_dir / "charity-run-count-phone.png"), full_page=True
    )

    # The connection drops: the tap waits on the phone, then goes once.
    context.set_offline(True)
    page.locator("[data-number]").fill("100")
    page.locator("[data-add]").tap()
    expect(page.locator(".cr-recent__item").first).to_have_attribute(
        "data-status", "pending"
    )
    expect(page.locator("[data-sync]")).to_contain_text("noch nicht gesendet: 1")
    page.screenshot(
        path=str(screens_dir / "charity-run-count-offline-phone.png"), full_page=True
    )
    stored = json.loads(
        page.evaluate(f"localStorage.getItem('cr-queue-counter-{counter.pk}')")
    )
    assert [item["status"] for item in stored][-1] == "pending"
    assert LapEntry.objects.filter(kind="tap").count() == 3
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator(".cr-recent__item").first).to_have_attribute(
        "data-status", "sent", timeout=15_000
    )
    expect(page.locator(".cr-recent__item").first).to_contain_text("Mia · Runden: 2")

    # A reload keeps the list, and nothing is sent again.
    page.reload()
    expect(page.locator(".cr-recent__item")).to_have_count(4)
    expect(page.locator("[data-sync]")).to_have_text("Alles gesendet")
    assert LapEntry.objects.filter(kind="tap").count() == 4
    assert LapEntry.objects.filter(kind="undo").count() == 1
    mia, ben = run.runners.order_by("start_number")
    assert laps_map(run) == {mia.pk: 2, ben.pk: 1}
    devices = set(LapEntry.objects.values_list("device_id", flat=True))
    assert len(devices) == 1 and len(devices.pop()) == 36
    overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0
    context.close()


def test_the_board_updates_without_a_reload(chromium, live_server, run, screens_dir):
    import uuid

    context = chromium.new_context(
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport={"width": 1280, "height": 720},
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/run/{run.slug}/board/")
    expect(page.locator('[data-board="laps"]')).to_have_text("0")
    mia = run.runners.get(start_number=100)
    for _n in range(3):
        services.lap_tap(run=run, start_number=100, key=uuid.uuid4())
    expect(page.locator('[data-board="laps"]')).to_have_text("3", timeout=15_000)
    expect(page.locator('[data-board="distance"]')).to_have_text("1,2")
    expect(page.locator('[data-board="runners"] li').first).to_have_text("Mia (100) 3")
    expect(page.locator('[data-board="teams"] li').first).to_have_text("Klasse 3a 3")
    assert mia.first_name == "Mia"
    page.screenshot(path=str(screens_dir / "charity-run-board-desktop.png"))
    context.close()


def test_a_family_signs_up_a_child_on_a_phone(chromium, live_server, run, screens_dir):
    context = phone(chromium)
    page = context.new_page()
    page.goto(f"{live_server.url}/run/{run.slug}/")
    page.locator("#id_first_name").fill("Zeynep")
    page.locator("#id_last_name").fill("Öztürk")
    page.locator("#id_age_group").select_option("7-10")
    page.locator("#id_consent_privacy").check()
    page.locator("button[type=submit].button--big").tap()
    expect(page.locator(".field__error")).to_contain_text("Einwilligung")
    page.locator("#id_guardian_name").fill("Ayşe Öztürk")
    page.locator("#id_guardian_consent").check()
    page.locator("#id_consent_privacy").check()
    page.locator("button[type=submit].button--big").tap()
    expect(page.locator("[data-start-number]")).to_have_text("1")
    page.screenshot(
        path=str(screens_dir / "charity-run-runner-phone.png"), full_page=True
    )
    overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0
    context.close()


def logged_in_orga(context, live_server) -> None:
    from django.test import Client

    from events import roles
    from tests.charity_run.factories import staff

    client = Client()
    client.force_login(staff("orga1", roles.ORGA))
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}])
def test_the_organisers_totals_and_pledges(
    chromium, live_server, run, screens_dir, axe_js, viewport
):
    from tests.charity_run.factories import laps, pledge

    mia = run.runners.get(start_number=100)
    laps(run, mia, 7)
    pledge(run, runner=mia, per_lap_cents=150, cap_cents=1000)
    pledge(run, team=mia.team, sponsor_name="Bäckerei Kühn", fixed_cents=5000)
    context = chromium.new_context(locale="de-DE", viewport=viewport)
    logged_in_orga(context, live_server)
    page = context.new_page()
    name = "phone" if viewport is PHONE else "desktop"

    page.goto(f"{live_server.url}/orga/run/{run.slug}/")
    expect(page.locator('[data-total="pledged"]')).to_have_text("60,00 €")
    page.screenshot(
        path=str(screens_dir / f"charity-run-orga-{name}.png"), full_page=True
    )
    assert not axe_violations(page, axe_js)
    page.goto(f"{live_server.url}/orga/run/{run.slug}/pledges/")
    row = page.locator(f'[data-pledge="{mia.pledges.get().pk}"]')
    row.locator("input[name=received]").fill("10,00")
    row.get_by_role("button", name="Speichern").click()
    expect(page.locator('[data-total="received"]')).to_have_text("10,00 €")
    expect(page.locator('[data-total="open"]')).to_have_text("50,00 €")
    page.screenshot(
        path=str(screens_dir / f"charity-run-pledges-{name}.png"), full_page=True
    )
    overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0
    # With the "saved" message shown: the messages list keeps its list semantics.
    expect(page.locator(".messages")).to_be_visible()
    assert not axe_violations(page, axe_js)
    context.close()
