"""A film's facts reach every reader of the programme through the registry's
batch detail lines: the programme page, the API, the event page and the feed."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from subevents.cinema.models import Film
from subevents.cinema.rules import film_details
from tests.cinema.factories import FilmFactory, screening
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db

LINE = "FSK 12 · 95 min · Deutsch"


@pytest.fixture
def client_en() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def film_event():
    film = FilmFactory(
        fsk=Film.Rating.FSK_12, runtime_minutes=95, language="Deutsch", subtitles=""
    )
    return screening(film, capacity=None).event


def test_the_programme_card_shows_the_films_facts(client_en, film_event):
    other = EventFactory(title="Familienpicknick")

    page = client_en.get("/").content.decode()

    assert page.count(LINE) == 1
    card = page[page.index(film_event.title) :]
    assert LINE in card[: card.index("</article>")]
    assert other.title in page


def test_the_api_lists_the_details_of_each_event(client_en, film_event):
    other = EventFactory(title="Familienpicknick")

    results = client_en.get("/api/v1/events/").json()["results"]
    one = client_en.get(f"/api/v1/events/{film_event.slug}/").json()

    details = {row["slug"]: row["details"] for row in results}
    assert details == {film_event.slug: [LINE], other.slug: []}
    assert one["details"] == [LINE]


def test_the_event_page_and_the_feed_show_them(client_en, film_event):
    assert LINE in client_en.get(film_event.get_absolute_url()).content.decode()
    feed = client_en.get("/calendar/programme.ics").content.decode()
    unfolded = feed.replace("\r\n ", "")
    with translation.override("de"):  # feeds speak German unless asked otherwise
        german = film_details([film_event])[film_event.pk][0]
    assert german == "FSK 12 · 95 Min. · Deutsch"
    assert german in unfolded
