"""A volunteer on a phone opens "Meine Daten" from their page, reads it, downloads
the file, deletes everything and finds the link dead, then reads the privacy
notice; axe finds nothing serious on those pages; screenshots go to
/tmp/shots-access/."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
SHOTS = Path("/tmp/shots-access")


@pytest.fixture
def helper(transactional_db):
    from tests.events.factories import FestivalFactory
    from tests.volunteers.factories import ShiftFactory, VolunteerFactory, assign

    festival = FestivalFactory(contact_email="festwoche@example.org")
    volunteer = VolunteerFactory(
        festival=festival,
        name="Merle Ostwald",
        email="merle.ostwald@example.org",
        phone="0151 4455667",
        tshirt_size="L",
    )
    shift = ShiftFactory(
        role__festival=festival,
        role__name="Einlass",
        starts_at=timezone.now() + dt.timedelta(days=3),
        ends_at=timezone.now() + dt.timedelta(days=3, hours=3),
        needed=1,
    )
    assign(shift, volunteer, now=timezone.now())
    return volunteer


def test_a_volunteer_downloads_and_deletes_their_data(
    live_server, chromium, helper, axe_js
):
    from tests.e2e.test_accessibility import axe_violations, describe
    from volunteers.models import Assignment, Volunteer

    SHOTS.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        accept_downloads=True,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    token = helper.token
    try:
        page.goto(f"{live_server.url}/v/{token}/")
        page.locator("[data-my-data]").click()
        expect(page).to_have_url(f"{live_server.url}/v/{token}/data/")
        expect(page.locator("[data-volunteer-data]")).to_contain_text("Merle Ostwald")
        expect(page.locator('.data-registration[data-withdrawn="0"]')).to_have_count(1)
        assert page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )
        page.screenshot(path=str(SHOTS / "volunteer-data-390.png"), full_page=True)
        violations = axe_violations(page, axe_js)
        assert not violations, describe(violations)

        with page.expect_download() as download_info:
            page.locator("[data-download]").click()
        download = download_info.value
        assert download.suggested_filename == "festwoche-helfer-daten.json"
        data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
        assert data["contact"] == {
            "name": "Merle Ostwald",
            "email": "merle.ostwald@example.org",
            "phone": "0151 4455667",
            "language": "de",
        }
        assert [a["role"] for a in data["assignments"]] == ["Einlass"]

        page.goto(f"{live_server.url}/v/{token}/delete/")
        expect(page.locator("[data-upcoming]")).to_have_count(1)
        assert page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )
        page.screenshot(path=str(SHOTS / "volunteer-delete-390.png"), full_page=True)
        violations = axe_violations(page, axe_js)
        assert not violations, describe(violations)
        page.locator("[data-confirm-delete]").click()
        expect(page.locator("[data-deleted]")).to_be_visible()
        page.screenshot(path=str(SHOTS / "volunteer-deleted-390.png"), full_page=True)

        volunteer = Volunteer.objects.get(pk=helper.pk)
        assert (volunteer.name, volunteer.erased_at is not None) == ("—", True)
        assert Assignment.objects.get(volunteer=volunteer).withdrawn_at is not None
        assert page.goto(f"{live_server.url}/v/{token}/").status == 404

        page.goto(f"{live_server.url}/datenschutz/")
        expect(page.locator("[data-retention]").first).to_be_visible()
        page.screenshot(path=str(SHOTS / "privacy-390.png"), full_page=True)
        violations = axe_violations(page, axe_js)
        assert not violations, describe(violations)
    finally:
        context.close()
