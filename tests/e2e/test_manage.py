"""On a phone, a family changes its party on the manage page, looks at its data and
deletes it. Statuses and states are read from data attributes."""

import json

import pytest
from playwright.sync_api import expect

from registrations.models import Household, Registration

pytestmark = [pytest.mark.browser]

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def family(transactional_db):
    from tests.events.factories import FestivalFactory, SubEventFactory, VenueFactory
    from tests.registrations.factories import open_event, register

    festival = FestivalFactory(contact_email="festwoche@example.org")
    fest = SubEventFactory(
        festival=festival, name="Familienfest", slug="familienfest", colour="#2f6b3a"
    )
    concert = open_event(
        sub_event=fest,
        venue=VenueFactory(name="Stadthalle", street="Marktplatz 1"),
        title="Mitmachkonzert für Familien",
        slug="mitmachkonzert",
        capacity=4,
        min_age=3,
        max_age=12,
        adult_required_under=6,
        max_party_size=5,
    )
    return register(
        concert, 7, 38, email="ayse@example.org", name="Ayşe Yılmaz"
    ).registration


@pytest.fixture
def phone(chromium):
    context = chromium.new_context(
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        accept_downloads=True,
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def no_sideways_scrolling(page) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"scrolls sideways by {overflow}px"


def test_family_adds_a_person_then_sees_and_deletes_its_data(
    live_server, phone, family, screens_dir
):
    page = phone
    token = family.household.token
    page.goto(f"{live_server.url}/r/{token}/")
    card = page.locator("article.reg-card")
    expect(card.locator(".reg-people__person")).to_have_count(2)

    change = card.locator("details.change")
    change.locator("summary").click()
    prefix = f"c{family.pk}"
    expect(page.locator(f"#id_{prefix}-0-name")).to_have_value("Kind1")
    expect(page.locator(f"#id_{prefix}-1-name")).to_have_value("Erw2")
    page.locator(f"#id_{prefix}-2-name").fill("Ben")
    page.locator(f"#id_{prefix}-2-age").fill("4")
    change.locator("[data-add-person]").click()
    expect(page.locator(f"#id_{prefix}-3-name")).to_be_focused()
    expect(page.locator(f"#id_{prefix}-TOTAL_FORMS")).to_have_value("4")
    page.screenshot(path=str(screens_dir / "manage-change-375.png"), full_page=True)
    no_sideways_scrolling(page)
    change.locator(".change__save").click()

    expect(page.locator(".messages")).to_contain_text("Mitmachkonzert")
    expect(card.locator(".reg-people__person")).to_have_count(3)
    expect(card).to_have_attribute("data-status", "confirmed")
    assert [p.name for p in family.participants.filter(cancelled_at=None)] == [
        "Kind1",
        "Erw2",
        "Ben",
    ]

    # One more than the free seat is refused on the card; nothing changes.
    change.locator("summary").click()
    page.locator(f"#id_{prefix}-3-name").fill("Lia")
    page.locator(f"#id_{prefix}-3-age").fill("5")
    change.locator("[data-add-person]").click()
    page.locator(f"#id_{prefix}-4-name").fill("Opa")
    page.locator(f"#id_{prefix}-4-age").fill("70")
    change.locator(".change__save").click()
    expect(card.locator(".notice--error")).to_be_visible()
    expect(page.locator(f"#id_{prefix}-4-name")).to_have_value("Opa")
    assert family.participants.filter(cancelled_at=None).count() == 3

    page.locator("[data-privacy=see]").click()
    expect(page).to_have_url(f"{live_server.url}/r/{token}/data/")
    expect(page.locator(".data-registration")).to_have_attribute(
        "data-status", "confirmed"
    )
    expect(page.locator(".data-people li")).to_have_count(3)
    no_sideways_scrolling(page)
    with page.expect_download() as download_info:
        page.locator("[data-download]").click()
    download = download_info.value
    assert download.suggested_filename == "festwoche-data.json"
    data = json.loads(download.path().read_text(encoding="utf-8"))
    assert data["contact"]["email"] == "ayse@example.org"
    assert [p["name"] for p in data["registrations"][0]["participants"]] == [
        "Kind1",
        "Erw2",
        "Ben",
    ]

    page.goto(f"{live_server.url}/r/{token}/delete/")
    page.screenshot(path=str(screens_dir / "privacy-delete-375.png"), full_page=True)
    no_sideways_scrolling(page)
    page.locator(".confirm__form button[type=submit]").click()
    expect(page.locator("[data-deleted]")).to_be_visible()
    assert Registration.objects.get(pk=family.pk).status == "cancelled"
    assert Household.objects.get(pk=family.household_id).name == "—"
    assert page.goto(f"{live_server.url}/r/{token}/").status == 404
