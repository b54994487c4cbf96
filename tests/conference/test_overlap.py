"""One conference session per time slot: the household rule registered with the
core, judged by registration_create and shown on the public form."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from rest_framework.test import APIClient

from registrations.models import Registration
from registrations.services import registration_cancel
from subevents.conference.models import Format
from tests.conference.factories import ConferenceFactory, SessionFactory
from tests.events.factories import VenueFactory, at
from tests.registrations.factories import open_event, register

pytestmark = pytest.mark.django_db

MAIL = "lehrerin@example.org"


def session(conference, start, end, title, fmt=Format.WORKSHOP):
    event = open_event(
        sub_event=conference,
        venue=VenueFactory(),
        starts_at=start,
        ends_at=end,
        title=title,
        capacity=20,
    )
    return SessionFactory(event=event, format=fmt).event


@pytest.fixture
def conference():
    return ConferenceFactory()


def test_an_overlapping_session_is_refused_with_code_and_message(conference):
    first = session(conference, at(1, 10, 30), at(1, 12), "Sprache im Alltag")
    second = session(conference, at(1, 11), at(1, 12, 30), "Kinderschutz")
    register(first, 36, email=MAIL)

    with pytest.raises(ValidationError) as err, translation.override("en"):
        register(second, 36, email=MAIL)

    assert err.value.code == "session_overlap"
    assert err.value.messages == [
        "You are already registered for “Sprache im Alltag” at 10:30–12:00 at "
        "that time."
    ]
    assert Registration.objects.filter(event=second).count() == 0


def test_back_to_back_sessions_are_allowed(conference):
    first = session(conference, at(1, 9), at(1, 10, 30), "Erste Runde")
    second = session(conference, at(1, 10, 30), at(1, 12), "Zweite Runde")
    register(first, 36, email=MAIL)

    register(second, 36, email=MAIL)

    assert Registration.objects.filter(event=second).count() == 1


def test_the_keynote_counts(conference):
    keynote = session(conference, at(1, 9), at(1, 10, 30), "Keynote", Format.KEYNOTE)
    workshop = session(conference, at(1, 10), at(1, 11), "Workshop")
    register(keynote, 36, email=MAIL)

    with pytest.raises(ValidationError) as err:
        register(workshop, 36, email=MAIL)

    assert err.value.code == "session_overlap"


def test_events_that_are_not_sessions_are_ignored(conference):
    workshop = session(conference, at(1, 10), at(1, 12), "Workshop")
    concert = open_event(starts_at=at(1, 10), ends_at=at(1, 12), title="Konzert")
    register(concert, 36, email=MAIL)

    register(workshop, 36, email=MAIL)

    # and the other way round: a non-session next to a held session
    other = open_event(starts_at=at(1, 11), ends_at=at(1, 13), title="Lesung")
    register(other, 36, email=MAIL)
    assert Registration.objects.filter(household__email=MAIL).count() == 3


def test_a_cancelled_registration_frees_the_slot(conference):
    first = session(conference, at(1, 10), at(1, 12), "Erste")
    second = session(conference, at(1, 11), at(1, 13), "Zweite")
    result = register(first, 36, email=MAIL)
    registration_cancel(registration=result.registration)

    register(second, 36, email=MAIL)

    assert Registration.objects.filter(event=second).count() == 1


def test_the_public_form_shows_the_reason(client, conference):
    first = session(conference, at(1, 10, 30), at(1, 12), "Sprache im Alltag")
    second = session(conference, at(1, 11), at(1, 12, 30), "Kinderschutz")
    register(first, 36, email=MAIL)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post(
        f"/events/{second.slug}/register/",
        {
            "name": "Lehrerin Lehmann",
            "email": MAIL,
            "phone": "",
            "needs_text": "",
            "consent_privacy": "on",
            "website": "",
            "p-TOTAL_FORMS": "1",
            "p-INITIAL_FORMS": "0",
            "p-MIN_NUM_FORMS": "0",
            "p-MAX_NUM_FORMS": "50",
            "p-0-name": "Frau Lehmann",
            "p-0-age": "36",
        },
    )

    # The registrations app re-renders a refused form with 200.
    assert response.status_code == 200
    assert (
        "You are already registered for “Sprache im Alltag” at 10:30–12:00 at "
        "that time." in response.content.decode()
    )
    assert '<li data-code="session_overlap">' in response.content.decode()
    assert Registration.objects.filter(event=second).count() == 0


def test_the_api_answers_with_the_code_and_the_message(conference):
    first = session(conference, at(1, 10, 30), at(1, 12), "Sprache im Alltag")
    second = session(conference, at(1, 11), at(1, 12, 30), "Kinderschutz")
    register(first, 36, email=MAIL)
    client = APIClient()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post(
        "/api/v1/registrations/",
        {
            "event": second.slug,
            "contact": {"name": "Lehrerin Lehmann", "email": MAIL, "phone": ""},
            "participants": [{"name": "Frau Lehmann", "age": 36}],
            "consent_privacy": True,
            "photo_consent": False,
        },
        format="json",
    )

    assert response.status_code == 400
    assert (response.json()["code"], response.json()["detail"]) == (
        "session_overlap",
        "You are already registered for “Sprache im Alltag” at 10:30–12:00 at "
        "that time.",
    )
    assert Registration.objects.filter(event=second).count() == 0
