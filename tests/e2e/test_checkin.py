"""Check-in on the event day, on a phone: a staff member logs in, searches a family,
taps check-in and sees the count change. Plus screenshots of the organisers' pages
at phone and desktop width (var/screens/), with the no-sideways-scrolling rule and
axe-core on each."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from playwright.sync_api import expect

from events import roles
from events.services import event_update
from registrations.services import (
    ContactInput,
    ParticipantInput,
    event_capacity_change,
    participant_check_in,
    registration_cancel,
    registration_create,
)
from tests.e2e.test_accessibility import axe_violations, describe

pytestmark = [pytest.mark.browser]

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def families(small_festival):
    """Three parties for the children's theatre workshop (20 seats), one of them
    with needs; returns them by household name."""
    parties = {}
    for name, email, people, needs in [
        ("Familie Özdemir", "oezdemir@example.org", [("Elif", 9), ("Murat", 41)], []),
        ("Familie Kaya", "kaya@example.org", [("Can", 10)], []),
        (
            "Familie Schmidt",
            "schmidt@example.org",
            [("Lena", 8), ("Paul", 11), ("Anna", 38)],
            ["wheelchair"],
        ),
    ]:
        parties[name] = registration_create(
            event=small_festival.theater,
            contact=ContactInput(name=name, email=email),
            participants=[
                ParticipantInput(n, a, photo_consent=a < 10) for n, a in people
            ],
            consent_privacy=True,
            needs=needs,
        ).registration
    return parties


def orga_user(password: str | None = None) -> User:
    user = User.objects.create_user("orga", password=password, is_staff=True)
    user.groups.add(Group.objects.get(name=roles.ORGA))
    return user


def logged_in(context, live_server) -> None:
    """The browser gets the session of a Django test client logged in as orga."""
    client = Client()
    client.force_login(orga_user())
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )


def test_staff_checks_in_a_family_on_a_phone(live_server, context, families):
    logged_in(context, live_server)
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/orga/events/theaterwerkstatt/checkin/")

    expect(page.locator("#checked-in-count")).to_have_text("0")
    expect(page.locator("#confirmed-count")).to_have_text("6")
    expect(page.locator(".checkin-party")).to_have_count(3)

    page.locator("#checkin-q").fill("ozdemir")
    page.locator("#checkin-q").press("Enter")

    expect(page).to_have_url(
        live_server.url + "/orga/events/theaterwerkstatt/checkin/?q=ozdemir"
    )
    parties = page.locator(".checkin-party")
    expect(parties).to_have_count(1)
    expect(parties.locator("h2")).to_have_text("Familie Özdemir")

    elif_ = families["Familie Özdemir"].participants.get(name="Elif")
    action = f"/orga/events/theaterwerkstatt/checkin/participants/{elif_.pk}/"
    button = page.locator(f"form[action='{action}'] button")
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44, box  # a thumb's tap target
    button.click()

    expect(page.locator("#checked-in-count")).to_have_text("1")
    expect(page).to_have_url(
        live_server.url
        + "/orga/events/theaterwerkstatt/checkin/?q=ozdemir"
        + f"#party-{families['Familie Özdemir'].pk}"
    )
    expect(page.locator(".checkin-person--in .checkin-person__name")).to_have_text(
        ["Elif"]
    )

    page.locator(".checkin-party .orga-btn-wide").click()  # the rest of the party

    expect(page.locator("#checked-in-count")).to_have_text("2")
    expect(page.locator(".checkin-party--done")).to_have_count(1)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - window.innerWidth"
    )
    assert overflow <= 0, f"the check-in page scrolls sideways by {overflow}px"


def test_login_form_leads_back_to_the_organisers_page(live_server, page, families):
    orga_user(password="festwoche-test")
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/orga/events/")

    expect(page).to_have_url(live_server.url + "/accounts/login/?next=/orga/events/")
    page.locator("#id_username").fill("orga")
    page.locator("#id_password").fill("festwoche-test")
    # The header's language switch is the first submit button of every page.
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(live_server.url + "/orga/events/")
    expect(page.locator(".orga-card__title")).to_have_text(
        ["Theaterwerkstatt für Kinder"]
    )


PAGES = {
    "orga-events": "/orga/events/",
    "orga-registrations": "/orga/events/theaterwerkstatt/registrations/",
    "orga-checkin": "/orga/events/theaterwerkstatt/checkin/",
}


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_organisers_pages_screenshots_and_axe(
    live_server, context, small_festival, families, screens_dir, axe_js, name, width
):
    theater = small_festival.theater
    participant_check_in(participant=families["Familie Kaya"].participants.get())
    event_update(event=small_festival.picknick, capacity=40)  # a place to move to
    event_capacity_change(event=theater, capacity=7)
    for household, people in [
        ("Familie Nguyen", [("Minh", 9), ("Lan", 12)]),  # waits
        ("Familie Berg", [("Ida", 10)]),  # fits, then cancels
    ]:
        registration = registration_create(
            event=theater,
            contact=ContactInput(
                name=household, email=f"{household.split()[1].lower()}@example.org"
            ),
            participants=[ParticipantInput(n, a) for n, a in people],
            consent_privacy=True,
        ).registration
    registration_cancel(registration=registration)
    logged_in(context, live_server)
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900 if width > 400 else 812})
    page.goto(live_server.url + PAGES[name])
    if name == "orga-registrations":  # show what is folded away, too
        page.locator("details.orga-add > summary").click()
        page.locator(".orga-party__actions > summary").first.click()

    target = screens_dir / f"{name}-{width}.png"
    page.screenshot(path=str(target), full_page=True)

    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - window.innerWidth"
    )
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
    violations = axe_violations(page, axe_js)
    assert not violations, f"axe on {PAGES[name]}:\n{describe(violations)}"
