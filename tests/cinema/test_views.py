"""The public cinema pages (the week, a film) and the organisers' list."""

import re

import pytest
from django.core.cache import cache

from events.models import Event
from events.services import event_cancel
from tests.cinema.factories import FilmFactory, screening
from tests.events.factories import FestivalFactory, VenueFactory, at
from tests.planning.factories import english, staff
from tests.registrations.factories import register

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def festival():
    cache.clear()
    return FestivalFactory()


def text(response) -> str:
    """The page's visible text, whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def items(response) -> list[str]:
    """The screenings' list items as text, in page order."""
    html = response.content.decode()
    return [
        " ".join(re.sub(r"<[^>]+>", " ", item).split())
        for item in re.findall(r'<li class="cine-screening.*?</li>', html, flags=re.S)
    ]


def test_the_week_lists_each_day_with_its_screenings(client):
    hall = VenueFactory(name="Lichtspielhaus")
    wickie = FilmFactory(title="Wickie", slug="wickie", fsk=6)
    gespenst = FilmFactory(title="Das kleine Gespenst", slug="gespenst", fsk=0)
    first = screening(wickie, venue=hall, starts_at=at(0, 15, 30), capacity=40)
    screening(gespenst, venue=hall, starts_at=at(0, 10), capacity=None)
    screening(wickie, venue=hall, starts_at=at(2, 15), capacity=40, slug="w2")
    register(first.event, 7, 40)
    cancelled = screening(gespenst, venue=hall, starts_at=at(4, 10), slug="g2")
    event_cancel(event=cancelled.event, reason="Projektor defekt")
    screening(gespenst, venue=hall, starts_at=at(5, 10), status=Event.Status.DRAFT)

    response = english(client).get("/films/")

    assert response.status_code == 200
    page = text(response)
    days = re.findall(r'<h2 id="day-([\d-]+)"', response.content.decode())
    assert days == [f"2027-06-{d}" for d in range(14, 21)]
    assert page.count("No screenings on this day.") == 4  # Tue, Thu, Sat (draft), Sun
    assert items(response) == [
        "10:00 Das kleine Gespenst FSK 0 Lichtspielhaus · 10:00–11:45 "
        "No registration needed Details : Das kleine Gespenst, Monday, June 14 10:00",
        "15:30 Wickie FSK 6 Lichtspielhaus · 15:30–17:15 38 seats left "
        "Details and registration : Wickie, Monday, June 14 15:30",
        "15:00 Wickie FSK 6 Lichtspielhaus · 15:00–16:45 40 seats left "
        "Details and registration : Wickie, Wednesday, June 16 15:00",
        "10:00 Das kleine Gespenst FSK 0 Lichtspielhaus · 10:00–11:45 Cancelled "
        "Details : Das kleine Gespenst, Friday, June 18 10:00",
    ]
    assert 'href="/films/wickie/"' in response.content.decode()
    assert f'href="/events/{first.event.slug}/"' in response.content.decode()


def test_the_week_without_films_says_so(client):
    response = english(client).get("/films/")

    assert response.status_code == 200
    assert "No screenings yet." not in text(response)  # the festival's days show
    assert text(response).count("No screenings on this day.") == 7


def test_the_film_page_shows_facts_synopsis_and_screenings(client):
    hall = VenueFactory(name="Lichtspielhaus")
    film = FilmFactory(
        title="Sommer am Deich",
        slug="sommer-am-deich",
        fsk=12,
        runtime_minutes=100,
        year=2024,
        original_title="Summer on the Dyke",
        subtitles="OmU",
        synopsis="Lotte verbringt die Ferien an der Küste.",
    )
    later = screening(film, venue=hall, starts_at=at(6, 12, 45), capacity=30)
    screening(film, venue=hall, starts_at=at(1, 13), capacity=30, slug="s2")
    register(later.event, 12, 40)
    register(later.event, 6, 11, 40)

    response = english(client).get("/films/sommer-am-deich/")

    assert response.status_code == 200
    page = text(response)
    assert "Sommer am Deich FSK 12 FSK 12 · 100 min · Deutsch, subtitles: OmU" in page
    assert "Original title Summer on the Dyke Year 2024 Runtime 100 minutes" in page
    assert (
        "Age rating FSK 12: from 12; children from 6 may come with a parent or "
        "guardian." in page
    )
    assert "Lotte verbringt die Ferien an der Küste." in page
    assert items(response) == [
        "13:00 Tuesday, June 15 FSK 12 Lichtspielhaus · 13:00–14:55 30 seats left "
        "Details and registration : Sommer am Deich, Tuesday, June 15 13:00",
        "12:45 Sunday, June 20 FSK 12 Lichtspielhaus · 12:45–14:40 25 seats left "
        "Details and registration : Sommer am Deich, Sunday, June 20 12:45",
    ]


def test_a_film_without_screenings_and_an_unknown_film(client):
    FilmFactory(title="Nachtfahrt", slug="nachtfahrt", fsk=16)

    response = english(client).get("/films/nachtfahrt/")

    assert response.status_code == 200
    assert "No screenings of this film yet." in text(response)
    assert "FSK 16: only from 16." in text(response)
    assert english(client).get("/films/gibt-es-nicht/").status_code == 404


def test_the_event_page_shows_the_films_detail_line(client):
    film = FilmFactory(fsk=12, runtime_minutes=95, subtitles="Englisch")
    shown = screening(film, capacity=None)

    response = english(client).get(f"/events/{shown.event.slug}/")

    assert "FSK 12 · 95 min · Deutsch, subtitles: Englisch" in text(response)


def _films(count: int) -> None:
    hall = VenueFactory()
    for n in range(count):
        film = FilmFactory()
        screening(film, venue=hall, starts_at=at(n % 7, 9 + n // 7 * 2), capacity=20)


@pytest.mark.parametrize("url", ["/films/", "/films/film-x/"])
def test_query_counts_do_not_grow_with_the_films(
    client, url, django_assert_max_num_queries
):
    def queries(count: int) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        _films(count)
        film = FilmFactory(slug="film-x")
        hall = VenueFactory()
        for day in range(count):
            screening(film, venue=hall, starts_at=at(day % 7, 8 + day // 7 * 2))
        english(client).get(url)  # warm the festival cache
        with CaptureQueriesContext(connection) as captured:
            assert english(client).get(url).status_code == 200
        Event.objects.all().delete()
        from subevents.cinema.models import Film

        Film.objects.all().delete()
        return len(captured)

    assert queries(2) == queries(10)


def test_the_orga_list_is_for_those_who_plan_the_week(client):
    film = FilmFactory(title="Tschick", fsk=12)
    screening(film, starts_at=at(0, 19, 30))
    url = "/orga/cinema/"

    assert client.get(url).status_code == 302
    assert client.get(url)["Location"].startswith("/accounts/login/")
    client.force_login(staff("partnerin", "Partner"))
    assert client.get(url).status_code == 403
    client.force_login(staff("orga", "Orga-Team"))
    response = english(client).get(url)
    assert response.status_code == 200
    assert "Tschick FSK 12" in text(response)
    assert "Monday, June 14, 19:30–21:15" in text(response)


def test_the_event_and_sub_event_pages_link_to_the_films(client):
    film = FilmFactory(title="Tschick", slug="tschick", fsk=12)
    shown = screening(film, capacity=None)

    event_page = english(client).get(f"/events/{shown.event.slug}/")
    sub_event_page = english(client).get(f"/subevents/{shown.event.sub_event.slug}/")

    assert (
        '<a href="/films/tschick/">About the film “Tschick” and all its screenings</a>'
        in event_page.content.decode()
    )
    assert 'href="/films/"' in sub_event_page.content.decode()
