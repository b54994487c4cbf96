"""The call for proposals: the public form, its honeypot and rate limit, the mails,
and withdrawing through the link in the confirmation."""

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from subevents.conference.models import Submission
from tests.conference.factories import ConferenceFactory, SubmissionFactory
from tests.events.factories import FestivalFactory

pytestmark = pytest.mark.django_db

URL = "/conference/cfp/"


@pytest.fixture
def conference():
    festival = FestivalFactory(contact_email="buendnis@example.org")
    return ConferenceFactory(festival=festival)


@pytest.fixture
def en(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def proposal(**fields) -> dict:
    data = {
        "name": "Anna Beispiel",
        "organisation": "Kita Sonnenschein",
        "email": "anna@example.org",
        "title": "Wald als Lernort",
        "abstract": "Draußen lernen in der Kita.",
        "format": "workshop",
        "duration": "90",
        "audience": "professional",
        "needs": "Beamer",
        "availability": "",
        "website": "",
    }
    data.update(fields)
    return data


def test_a_valid_proposal_is_stored_and_confirmed(
    en, conference, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = en.post(URL, proposal())

    assert response.status_code == 200
    assert "Thank you for your proposal" in response.content.decode()
    submission = Submission.objects.get()
    assert (
        submission.sub_event,
        submission.title,
        submission.state,
        submission.duration,
        submission.availability,
    ) == (conference, "Wald als Lernort", "submitted", 90, "")
    assert [m.to for m in mail.outbox] == [
        ["anna@example.org"],
        ["buendnis@example.org"],
    ]
    confirmation = mail.outbox[0]
    # The festival's language (German; the .po files come later).
    # Mails go out in the festival's language, German.
    assert confirmation.subject == german(
        "Your proposal “%(title)s” has been received", title="Wald als Lernort"
    )
    assert mail.outbox[1].subject == german(
        "New conference proposal: %(title)s", title="Wald als Lernort"
    )
    assert f"/conference/cfp/withdraw/{submission.token}/" in confirmation.body


def test_invalid_input_gives_form_errors_and_stores_nothing(en, conference):
    response = en.post(
        URL, proposal(email="kein-mail", duration="50", format="keynote", title="")
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert sorted(form.errors) == ["duration", "email", "format", "title"]
    assert Submission.objects.count() == 0
    assert mail.outbox == []


def test_the_honeypot_looks_like_success_and_stores_nothing(en, conference):
    response = en.post(URL, proposal(website="http://spam.example"))

    assert response.status_code == 200
    assert Submission.objects.count() == 0
    assert mail.outbox == []


def test_the_rate_limit_answers_429(en, conference):
    for _ in range(5):
        assert en.post(URL, proposal()).status_code == 200

    response = en.post(URL, proposal())

    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert Submission.objects.count() == 5


def test_the_form_page_opens(en, conference):
    response = en.get(URL)

    assert response.status_code == 200
    assert 'name="website"' in response.content.decode()


def test_no_conference_is_a_404(en):
    FestivalFactory()
    assert en.get(URL).status_code == 404


def test_withdraw_through_the_token_link(en, conference):
    submission = SubmissionFactory(sub_event=conference)
    url = f"/conference/cfp/withdraw/{submission.token}/"

    assert en.get(url).status_code == 200
    response = en.post(url)

    assert response.status_code == 200
    submission.refresh_from_db()
    assert submission.state == "withdrawn"


def test_a_decided_proposal_cannot_be_withdrawn(en, conference):
    submission = SubmissionFactory(sub_event=conference, state="accepted")

    response = en.post(f"/conference/cfp/withdraw/{submission.token}/")

    assert response.status_code == 400
    submission.refresh_from_db()
    assert submission.state == "accepted"


def test_an_unknown_token_is_a_404(en, conference):
    assert en.get("/conference/cfp/withdraw/unbekannt/").status_code == 404


def german(msgid: str, **params: str) -> str:
    with translation.override("de"):
        return translation.gettext(msgid) % params
