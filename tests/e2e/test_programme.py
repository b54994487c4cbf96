"""A family browses the programme: days, filters, the cancelled event, an event page."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser]


def card_titles(page) -> list[str]:
    return [
        text.strip() for text in page.locator(".event-card__title").all_inner_texts()
    ]


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def day_tab(page, label: str):
    """The day tab whose visible text starts with e.g. "Mo 14.6." (German days)."""
    return page.locator(".day-tabs").get_by_role(
        "link", name=re.compile("^" + re.escape(label))
    )


def test_programme_shows_days_and_titles(live_server, page, small_festival):
    page.goto(live_server.url + "/")

    expect(page.locator("html")).to_have_attribute("lang", "de")
    assert page.locator("h2.day__heading").all_inner_texts() == [
        "Montag, 14. Juni",
        "Dienstag, 15. Juni",
        "Mittwoch, 16. Juni",
    ]
    assert card_titles(page) == [event.title for event in small_festival.events]
    assert "Entwurf: Geheimes Programm" not in page.content()
    tabs = page.locator(".day-tabs a").all_inner_texts()
    assert [" ".join(tab.split()[:2]) for tab in tabs[1:]] == [
        "Mo 14.6.",
        "Di 15.6.",
        "Mi 16.6.",
    ]


def test_programme_filters_by_day_and_age_and_keeps_them(
    live_server, page, small_festival
):
    page.goto(live_server.url + "/")

    day_tab(page, "Mo 14.6.").click()
    expect(page).to_have_url(re.compile(r"day=2027-06-14"))
    assert card_titles(page) == [
        "Bilderbuchkino: Der kleine Drache",
        "Theaterwerkstatt für Kinder",
    ]
    expect(day_tab(page, "Mo 14.6.")).to_have_attribute("aria-current", "true")

    page.locator("#f-age").fill("10")
    page.locator(".filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"age=10"))
    assert query(page) == {"day": ["2027-06-14"], "age": ["10"]}
    assert card_titles(page) == ["Theaterwerkstatt für Kinder"]

    page.reload()
    assert query(page) == {"day": ["2027-06-14"], "age": ["10"]}
    expect(page.locator("#f-age")).to_have_value("10")
    expect(day_tab(page, "Mo 14.6.")).to_have_attribute("aria-current", "true")
    assert card_titles(page) == ["Theaterwerkstatt für Kinder"]

    # Another day keeps the age: the tabs carry the rest of the query string.
    day_tab(page, "Mi 16.6.").click()
    assert query(page) == {"day": ["2027-06-16"], "age": ["10"]}
    expect(page.locator("#f-age")).to_have_value("10")
    assert card_titles(page) == ["Kleider- und Spielzeugmarkt"]


def test_programme_filters_by_age_alone(live_server, page, small_festival):
    page.goto(live_server.url + "/")

    page.locator("#f-age").fill("5")
    page.locator("#f-age").press("Enter")
    expect(page).to_have_url(re.compile(r"age=5"))
    assert card_titles(page) == [
        "Bilderbuchkino: Der kleine Drache",
        "Familienpicknick im Stadtpark",
        "Kleider- und Spielzeugmarkt",
    ]


def test_programme_empty_state(live_server, page, small_festival):
    page.goto(live_server.url + "/?day=2027-06-14&age=15")

    assert card_titles(page) == []
    empty = page.locator(".empty-state")
    expect(empty).to_be_visible()
    expect(empty.locator("h2")).to_have_text(
        "Keine Veranstaltungen entsprechen diesen Filtern."
    )
    expect(page.locator(".result-count")).to_contain_text("0")
    # A way back to the whole programme.
    empty.locator("a.button").click()
    expect(page).to_have_url(live_server.url + "/")
    assert len(card_titles(page)) == 6


def test_cancelled_event_shows_as_cancelled(live_server, page, small_festival):
    page.goto(live_server.url + "/?day=2027-06-15")

    card = page.locator("article.event-card").filter(
        has_text="Benefizspiel: Eltern gegen Kinder"
    )
    expect(card).to_have_class(re.compile(r"\bevent-card--cancelled\b"))
    badge = card.locator(".badge--cancelled")
    expect(badge).to_be_visible()
    expect(badge).to_contain_text("Der Platz ist nach dem Unwetter gesperrt.")
    expect(badge.locator("strong")).to_have_text("Abgesagt")
    # No registration offered for it.
    expect(card.locator(".facts__registration")).to_have_count(0)
    # The other event that day is not marked.
    other = page.locator("article.event-card").filter(
        has_text="Familienpicknick im Stadtpark"
    )
    expect(other.locator(".badge--cancelled")).to_have_count(0)

    card.get_by_role("link", name="Benefizspiel: Eltern gegen Kinder").click()
    expect(page.locator("h1")).to_have_text("Benefizspiel: Eltern gegen Kinder")
    expect(page.locator(".notice--cancelled")).to_contain_text(
        "Der Platz ist nach dem Unwetter gesperrt."
    )


def test_event_page_from_the_list(live_server, page, small_festival):
    page.goto(live_server.url + "/")

    page.get_by_role("link", name="Bilderbuchkino: Der kleine Drache").click()
    expect(page).to_have_url(live_server.url + "/events/bilderbuchkino/")
    expect(page.locator("h1")).to_have_text("Bilderbuchkino: Der kleine Drache")
    expect(page.locator(".key-facts")).to_contain_text("Stadtbibliothek")
    expect(page.locator(".key-facts")).to_contain_text("10:00–10:45")

    page.get_by_role("link", name="Stadtbibliothek").first.click()
    expect(page.locator("h1")).to_have_text("Stadtbibliothek")
    assert card_titles(page) == [
        "Bilderbuchkino: Der kleine Drache",
        "Kurzfilmabend für Jugendliche",
    ]
