"""Families register on a phone: from the event page to the confirmation, the manage
link, cancelling one person; a second family waits and moves up.

Statuses are read from data attributes (data-status, data-position), not from the
words on the page, so the German translation can change freely.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from registrations.models import Participant, Registration

pytestmark = [pytest.mark.browser]

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def phone(chromium):
    """A fresh German phone browser per call (one per family)."""
    contexts = []

    def open_phone(**options):
        context = chromium.new_context(
            locale="de-DE",
            timezone_id="Europe/Berlin",
            viewport=PHONE,
            is_mobile=True,
            has_touch=True,
            **options,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_phone
    for context in contexts:
        context.close()


@pytest.fixture
def concert(transactional_db):
    from tests.events.factories import FestivalFactory, SubEventFactory, VenueFactory
    from tests.registrations.factories import open_event

    festival = FestivalFactory(contact_email="festwoche@example.org")
    fest = SubEventFactory(
        festival=festival, name="Familienfest", slug="familienfest", colour="#2f6b3a"
    )
    return open_event(
        sub_event=fest,
        venue=VenueFactory(name="Stadthalle", street="Marktplatz 1"),
        title="Mitmachkonzert für Familien",
        slug="mitmachkonzert",
        capacity=20,
        min_age=3,
        max_age=12,
        adult_required_under=6,
        max_party_size=5,
    )


def fill_person(page, index: int, name: str, age: int, photos: bool = False) -> None:
    page.locator(f"#id_p-{index}-name").fill(name)
    page.locator(f"#id_p-{index}-age").fill(str(age))
    if photos:
        page.locator(f"#id_p-{index}-photo_consent").check()


def fill_contact(page, name: str, email: str) -> None:
    page.locator("#id_name").fill(name)
    page.locator("#id_email").fill(email)
    page.locator("#id_consent_privacy").check()


def register_party(page, base: str, slug: str, people, name: str, email: str):
    """From the event page: the button, the party (adding rows as needed), the
    contact, consent, submit. Returns the manage link on the confirmation."""
    page.goto(f"{base}/events/{slug}/")
    page.locator(".registration-box a.button").click()
    expect(page).to_have_url(f"{base}/events/{slug}/register/")
    for index, (first_name, age, photos) in enumerate(people):
        if index >= 2:
            page.locator("[data-add-person]").click()
            expect(page.locator(f"#id_p-{index}-name")).to_be_focused()
        fill_person(page, index, first_name, age, photos)
    fill_contact(page, name, email)
    page.locator(".reg-form__submit button").click()
    expect(page).to_have_url(re.compile(r"/r/[\w-]+/registered/$"))
    return page.locator("[data-manage-link]").get_attribute("href")


def test_family_registers_from_the_event_page_and_cancels_one_person(
    live_server, phone, concert, screens_dir
):
    page = phone()
    page.goto(f"{live_server.url}/events/mitmachkonzert/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    page.locator(".registration-box a.button").click()

    # Two rows to start with; the third comes without a reload.
    expect(page.locator(".person")).to_have_count(2)
    fill_person(page, 0, "Mia", 7, photos=True)
    fill_person(page, 1, "Ben", 4)
    page.locator("[data-add-person]").click()
    expect(page.locator(".person")).to_have_count(3)
    expect(page.locator("#id_p-2-name")).to_be_focused()
    expect(page.locator("#id_p-TOTAL_FORMS")).to_have_value("3")
    fill_person(page, 2, "Ayşe", 38)
    fill_contact(page, "Ayşe Yılmaz", "ayse@example.org")
    page.locator(".reg-form__submit button").click()

    confirmation = page.locator(".confirmation")
    expect(confirmation).to_have_attribute("data-status", "confirmed")
    expect(page.locator(".people-list li")).to_have_text(
        [re.compile(r"^Mia \(7"), re.compile(r"^Ben \(4"), re.compile(r"^Ayşe \(38")]
    )
    registration = Registration.objects.get()
    household = registration.household
    manage_link = page.locator("[data-manage-link]")
    expect(manage_link).to_have_attribute(
        "href", f"{live_server.url}/r/{household.token}/"
    )
    assert [p.name for p in registration.participants.all()] == ["Mia", "Ben", "Ayşe"]

    manage_link.click()
    card = page.locator("article.reg-card")
    expect(card).to_have_count(1)
    expect(card).to_have_attribute("data-status", "confirmed")
    expect(card.locator(".reg-people__person")).to_have_count(3)
    expect(card.locator("svg.qr__code")).to_be_visible()

    ben = card.locator(".reg-people__person").filter(has_text="Ben")
    ben.locator("summary").click()
    ben.locator("button[type=submit]").click()

    expect(page).to_have_url(f"{live_server.url}/r/{household.token}/")
    expect(page.locator(".messages")).to_contain_text("Ben")
    expect(card.locator(".reg-people__person")).to_have_count(2)
    expect(card.locator(".reg-people__name")).to_have_text(
        [re.compile(r"^Mia"), re.compile(r"^Ayşe")]
    )
    expect(card).to_have_attribute("data-status", "confirmed")
    assert Participant.objects.get(name="Ben").cancelled_at is not None
    overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0


def test_second_family_waits_and_moves_up_when_the_first_cancels(
    live_server, phone, concert
):
    concert.capacity = 3
    concert.save(update_fields=["capacity"])
    first, second = phone(), phone()

    first_link = register_party(
        first,
        live_server.url,
        "mitmachkonzert",
        [("Mia", 7, False), ("Ben", 4, False), ("Ayşe", 38, False)],
        "Ayşe Yılmaz",
        "ayse@example.org",
    )
    expect(first.locator(".confirmation")).to_have_attribute("data-status", "confirmed")

    # The concert is full now: the event page offers the waiting list.
    second_link = register_party(
        second,
        live_server.url,
        "mitmachkonzert",
        [("Lina", 6, False), ("Jonas", 41, False)],
        "Jonas Weber",
        "weber@example.org",
    )
    expect(second.locator(".confirmation")).to_have_attribute(
        "data-status", "waitlisted"
    )
    expect(second.locator("[data-position]")).to_have_attribute("data-position", "1")
    second.goto(second_link)
    expect(second.locator("article.reg-card")).to_have_attribute(
        "data-status", "waitlisted"
    )
    expect(second.locator("svg.qr__code")).to_have_count(0)

    first.goto(first_link)
    first.locator(".confirm--registration summary").click()
    first.locator(".confirm--registration button[type=submit]").click()
    expect(first.locator(".empty-state")).to_be_visible()
    expect(first.locator(".cancelled-list li")).to_have_attribute(
        "data-status", "cancelled"
    )

    second.reload()
    card = second.locator("article.reg-card")
    expect(card).to_have_attribute("data-status", "confirmed")
    expect(card.locator("svg.qr__code")).to_be_visible()
    weber = [m.subject for m in mail.outbox if m.to == ["weber@example.org"]]
    assert len(weber) == 2  # waiting list, then moved up


def test_add_person_works_without_javascript(live_server, phone, concert):
    page = phone(java_script_enabled=False)
    page.goto(f"{live_server.url}/events/mitmachkonzert/register/")
    fill_person(page, 0, "Mia", 7)
    page.locator("#id_name").fill("Ayşe Yılmaz")

    page.locator("[data-add-person]").click()

    expect(page.locator(".person")).to_have_count(3)
    expect(page.locator("#id_p-0-name")).to_have_value("Mia")
    expect(page.locator("#id_name")).to_have_value("Ayşe Yılmaz")
    fill_person(page, 1, "Ben", 4)
    fill_person(page, 2, "Ayşe", 38)
    page.locator("#id_email").fill("ayse@example.org")
    page.locator("#id_consent_privacy").check()
    page.locator(".reg-form__submit button").click()

    expect(page.locator(".confirmation")).to_have_attribute("data-status", "confirmed")
    assert Participant.objects.count() == 3


def test_errors_are_announced_and_keep_the_input(live_server, phone, concert):
    page = phone()
    page.goto(f"{live_server.url}/events/mitmachkonzert/register/")
    fill_person(page, 0, "Ben", 4)
    page.locator("#id_name").fill("Ayşe Yılmaz")
    page.locator("#id_email").fill("ayse@example.org")
    page.locator("#id_consent_privacy").check()
    page.locator(".reg-form__submit button").click()

    summary = page.locator("#error-summary")
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_be_focused()
    expect(summary.locator("li")).to_have_attribute("data-code", "adult_required")
    expect(page.locator("#id_p-0-name")).to_have_value("Ben")
    expect(page.locator("#id_consent_privacy")).to_be_checked()
    assert Registration.objects.count() == 0


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_of_the_registration_pages(
    live_server, chromium, concert, screens_dir, axe_js, width
):
    """Form (empty and with errors), confirmation and manage page, for people to
    look at; no sideways scrolling and nothing serious for axe on any of them."""
    from tests.e2e.test_accessibility import axe_violations, describe
    from tests.registrations.factories import open_event, register

    later = open_event(
        sub_event=concert.sub_event,
        title="Bilderbuchkino: Der kleine Drache",
        slug="bilderbuchkino",
        capacity=2,
        starts_at=concert.starts_at.replace(day=concert.starts_at.day + 1),
        ends_at=concert.ends_at.replace(day=concert.ends_at.day + 1),
    )
    register(later, 7, 36, email="other@example.org")
    context = chromium.new_context(
        locale="de-DE",
        timezone_id="Europe/Berlin",
        viewport={"width": width, "height": 812 if width == 375 else 900},
    )
    page = context.new_page()

    def shoot(name: str) -> None:
        page.screenshot(path=str(screens_dir / f"{name}-{width}.png"), full_page=True)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - innerWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
        violations = axe_violations(page, axe_js)
        assert not violations, f"axe on {name}:\n{describe(violations)}"

    try:
        page.goto(f"{live_server.url}/events/mitmachkonzert/register/")
        shoot("register")
        fill_person(page, 0, "Ben", 4)
        page.locator("#id_email").fill("ayse@")
        page.locator(".reg-form__submit button").click()
        expect(page.locator("#error-summary")).to_be_visible()
        shoot("register-errors")

        page.goto(f"{live_server.url}/events/mitmachkonzert/register/")
        fill_person(page, 0, "Mia", 7, photos=True)
        fill_person(page, 1, "Ayşe", 38)
        fill_contact(page, "Ayşe Yılmaz", "ayse@example.org")
        page.locator(".reg-form__submit button").click()
        expect(page.locator(".confirmation")).to_be_visible()
        shoot("registered")
        household_link = page.locator("[data-manage-link]").get_attribute("href")

        page.goto(f"{live_server.url}/events/bilderbuchkino/register/")
        fill_person(page, 0, "Mia", 7)
        fill_person(page, 1, "Ayşe", 38)
        fill_contact(page, "Ayşe Yılmaz", "ayse@example.org")
        page.locator(".reg-form__submit button").click()
        expect(page.locator(".confirmation")).to_have_attribute(
            "data-status", "waitlisted"
        )
        page.goto(household_link)
        page.locator(".reg-people__person").first.locator("summary").click()
        shoot("manage")

        page.goto(f"{live_server.url}/r/")
        shoot("link")
    finally:
        context.close()
