"""A parent books the cinema week in the browser: a family film for a 7-year-old
(with the parent) is confirmed; an FSK 12 film for a 5-year-old is refused, with
the reason on the form. Screenshots of the week and a film page, desktop and phone.
"""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from registrations.models import Registration

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def films(transactional_db):
    from tests.cinema.factories import FilmFactory, kinowoche, screening
    from tests.events.factories import FestivalFactory, VenueFactory, at

    festival = FestivalFactory(contact_email="festwoche@example.org")
    kino = kinowoche(festival=festival, colour="#7a2f6b")
    hall = VenueFactory(name="Kino Lichtspielhaus", street="Bahnhofstraße 3")
    family = FilmFactory(
        title="Die Wolkenpiraten",
        slug="die-wolkenpiraten",
        fsk=6,
        runtime_minutes=85,
        year=2024,
        synopsis=(
            "Drei Geschwister bauen aus einem alten Heißluftballon ein "
            "Piratenschiff und geraten in ein Gewitter über dem Wattenmeer."
        ),
    )
    teen = FilmFactory(
        title="Sommer am Deich", slug="sommer-am-deich", fsk=12, runtime_minutes=100
    )
    first = screening(
        family,
        venue=hall,
        sub_event=kino,
        starts_at=at(1, 13),
        capacity=60,
        slug="wolkenpiraten-dienstag",
    )
    screening(
        family,
        venue=hall,
        sub_event=kino,
        starts_at=at(5, 13),
        capacity=60,
        slug="wolkenpiraten-samstag",
    )
    screening(
        teen,
        venue=hall,
        sub_event=kino,
        starts_at=at(6, 12, 45),
        capacity=60,
        slug="sommer-am-deich-sonntag",
    )
    return first


def english_context(chromium, live_server, **options):
    context = chromium.new_context(
        locale="en-GB", timezone_id="Europe/Berlin", **options
    )
    context.set_default_timeout(10_000)
    context.add_cookies(
        [
            {
                "name": settings.LANGUAGE_COOKIE_NAME,
                "value": "en",
                "url": live_server.url,
            }
        ]
    )
    return context


def fill_party(page, people) -> None:
    for index, (name, age) in enumerate(people):
        page.locator(f"#id_p-{index}-name").fill(name)
        page.locator(f"#id_p-{index}-age").fill(str(age))


def fill_contact(page) -> None:
    page.locator("#id_name").fill("Katrin Schulz")
    page.locator("#id_email").fill("katrin.schulz@example.org")
    page.locator("#id_consent_privacy").check()


def test_a_parent_books_a_family_film_and_is_told_why_fsk_12_is_not_for_a_5_year_old(
    chromium, live_server, films, screens_dir
):
    context = english_context(
        chromium, live_server, viewport=PHONE, is_mobile=True, has_touch=True
    )
    page = context.new_page()

    page.goto(f"{live_server.url}/films/")
    expect(page.locator("h1")).to_have_text("Cinema week: the films at a glance")
    page.screenshot(path=str(screens_dir / "cinema-week-phone.png"), full_page=True)
    page.locator(".cine-films__list a", has_text="Die Wolkenpiraten").click()
    expect(page).to_have_url(f"{live_server.url}/films/die-wolkenpiraten/")
    expect(page.locator("[data-facts]")).to_have_text("FSK 6 · 85 min · Deutsch")
    expect(page.locator(".cine-screening__seats")).to_have_text(
        ["60 seats left", "60 seats left"]
    )
    page.screenshot(path=str(screens_dir / "cinema-film-phone.png"), full_page=True)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0

    # The family film on Tuesday: Paul (7) with his mother.
    page.locator('[data-screening="wolkenpiraten-dienstag"] a.button').click()
    expect(page).to_have_url(f"{live_server.url}/events/wolkenpiraten-dienstag/")
    expect(page.locator(".key-facts")).to_contain_text("FSK 6 · 85 min · Deutsch")
    page.locator(".registration-box a.button").click()
    fill_party(page, [("Paul", 7), ("Katrin", 39)])
    fill_contact(page)
    page.locator(".reg-form__submit button").click()
    expect(page).to_have_url(re.compile(r"/r/[\w-]+/registered/$"))
    expect(page.locator(".confirmation")).to_have_attribute("data-status", "confirmed")
    registration = Registration.objects.get()
    assert registration.event.slug == "wolkenpiraten-dienstag"
    assert [(p.name, p.age) for p in registration.participants.all()] == [
        ("Paul", 7),
        ("Katrin", 39),
    ]

    # The FSK 12 film on Sunday: Greta (5) may not come, not even with her mother.
    page.goto(f"{live_server.url}/films/sommer-am-deich/")
    page.locator('[data-screening="sommer-am-deich-sonntag"] a.button').click()
    page.locator(".registration-box a.button").click()
    fill_party(page, [("Greta", 5), ("Katrin", 39)])
    fill_contact(page)
    page.locator(".reg-form__submit button").click()
    refusal = page.locator('.error-summary li[data-code="fsk_age"]')
    expect(refusal).to_have_text(
        "Greta (5) may not see this film: it is rated FSK 12. "
        "Children from 6 may come with a parent or guardian."
    )
    assert Registration.objects.count() == 1
    context.close()

    desktop = english_context(
        chromium, live_server, viewport={"width": 1280, "height": 900}
    )
    page = desktop.new_page()
    page.goto(f"{live_server.url}/films/die-wolkenpiraten/")
    expect(page.locator(".cine-screening__seats")).to_have_text(
        ["58 seats left", "60 seats left"]
    )
    page.screenshot(path=str(screens_dir / "cinema-film-desktop.png"), full_page=True)
    page.goto(f"{live_server.url}/films/")
    page.screenshot(path=str(screens_dir / "cinema-week-desktop.png"), full_page=True)
    desktop.close()
