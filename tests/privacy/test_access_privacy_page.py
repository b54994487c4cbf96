"""The privacy notice page (/datenschutz/): public, in German and English, with the
festival's retention date and its contact; linked from the footer and from the
forms where people agree to it."""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client

from events.models import Festival
from tests.events.factories import FestivalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def festival():
    return FestivalFactory(
        contact_name="Stadt Musterhausen, Jugendamt",
        contact_email="festwoche@musterhausen.example",
        contact_phone="05555 123456",
        retention_days=90,
    )


def page(language: str) -> str:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/datenschutz/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_names_the_date_the_data_is_anonymised_in_english(festival):
    html = page("en")

    assert '<html lang="en"' in html
    assert "<h1>Privacy notice</h1>" in html
    assert 'data-retention="2027-09-18"' in html
    assert "kept until Sept. 18, 2027: 90 days after the festival's last day" in html
    assert "(June 20, 2027)" in html
    for text in (
        "Stadt Musterhausen, Jugendamt",
        'href="mailto:festwoche@musterhausen.example"',
        "05555 123456",
        "Art. 6 (1) b GDPR",
        "Complaint (Art. 77 GDPR)",
        "Families registering for events",
        "Volunteers",
        "Runners and sponsors of the charity run",
        "Sellers at the clothes and toy market",
        "Speakers and submissions to the education conference",
        "Organisers' accounts",
    ):
        assert text in html, text


def test_the_page_names_the_date_in_german(festival):
    html = page("de")

    assert '<html lang="de"' in html
    assert 'data-retention="2027-09-18"' in html
    assert "18. September 2027" in html
    assert "20. Juni 2027" in html


def test_a_changed_retention_period_changes_the_date(festival):
    Festival.objects.filter(pk=festival.pk).update(retention_days=1)

    html = page("en")

    assert 'data-retention="2027-06-21"' in html
    assert "kept until June 21, 2027: 1 day after" in html


def test_after_the_anonymisation_the_page_says_so(festival):
    Festival.objects.filter(pk=festival.pk).update(
        anonymised_at=dt.datetime(2027, 9, 19, 3, 0, tzinfo=dt.UTC)
    )

    html = page("en")

    assert 'data-retention="done"' in html
    assert "was anonymised on Sept. 19, 2027" in html


def test_without_a_festival_the_page_still_renders():
    html = page("en")

    assert "<h1>Privacy notice</h1>" in html
    assert "data-retention" not in html


def test_the_footer_links_to_the_page(festival):
    html = Client().get("/").content.decode()

    assert 'href="/datenschutz/"' in html


def _register_form() -> str:
    from tests.registrations.factories import open_event

    open_event(slug="konzert")
    return "/events/konzert/register/"


def _run_form() -> str:
    from tests.charity_run.factories import make_run

    make_run(slug="familienlauf", state="not_started")
    return "/run/familienlauf/"


def _market_form() -> str:
    from tests.flea_market.factories import market

    market(slug="markt")
    return "/market/markt/"


@pytest.mark.parametrize(
    "make_form",
    [lambda: "/volunteers/", _register_form, _run_form, _market_form],
    ids=["volunteers", "registration", "charity_run", "flea_market"],
)
def test_the_forms_with_the_consent_link_to_the_page(festival, make_form):
    url = make_form()

    html = Client().get(url).content.decode()

    assert 'name="consent' in html
    # Beside the consent checkbox, and in the footer.
    assert html.count('href="/datenschutz/"') == 2
