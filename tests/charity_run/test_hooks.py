"""The run's details reach the event page, the programme, the API and the feed
through the registry (stable lines, no live figures); the event page's panel
shows live figures and the links."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from subevents.charity_run.hooks import run_details

from .factories import laps, make_run, pledge, runner

pytestmark = pytest.mark.django_db

LINES = [
    "Charity run: one lap is 400 m; sponsors give per lap or a fixed sum",
    "Donations go to: Ferienfreizeiten für Kinder",
]


@pytest.fixture
def client_en() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_details_are_everywhere_and_do_not_change_with_laps(client_en):
    run = make_run()
    event = run.event
    api = client_en.get(f"/api/v1/events/{event.slug}/").json()
    assert api["details"] == LINES
    page = client_en.get(event.get_absolute_url()).content.decode()
    assert all(line in page for line in LINES)
    feed = (
        client_en.get("/calendar/programme.ics").content.decode().replace("\r\n ", "")
    )
    assert "Spendenlauf: eine Runde ist 400 m lang" in feed

    mia = runner(run)
    laps(run, mia, 5)
    assert client_en.get(f"/api/v1/events/{event.slug}/").json()["details"] == LINES


def test_the_detail_provider_asks_one_query(django_assert_num_queries):
    run = make_run()
    with django_assert_num_queries(1):
        assert list(run_details([run.event])) == [run.event.pk]


def test_the_event_page_panel_shows_live_figures_and_links(client_en):
    run = make_run()
    mia = runner(run)
    laps(run, mia, 3)
    pledge(run, runner=mia, per_lap_cents=100)

    page = client_en.get(run.event.get_absolute_url()).content.decode()

    assert "1 runners · 3 laps · 3.00 € pledged so far" in page
    assert reverse("charity_run:run", kwargs={"slug": run.slug}) in page
    assert reverse("charity_run:board", kwargs={"slug": run.slug}) in page
    sub_page = client_en.get(f"/subevents/{run.event.sub_event.slug}/").content.decode()
    assert "Take part in the charity run" in sub_page
