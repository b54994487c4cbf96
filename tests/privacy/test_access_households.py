"""A family's own data: the export holds everything stored about the household
(including the reminder sent and the calendar feed), and deleting it leaves no
trace of the family anywhere in the database, its stored e-mails included."""

import json

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from calendars.models import FeedToken
from calendars.services import feed_token_get
from events.models import OutboxMail
from registrations.models import Household, Participant, Registration
from registrations.selectors import household_export
from registrations.services import participant_check_in
from tests.privacy.helpers import rows_containing
from tests.registrations.factories import open_event, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def family(django_capture_on_commit_callbacks):
    """The Quastenbergs hold the concert's last seats (one child checked in, a
    reminder sent, a calendar feed); the Webers wait for them."""
    concert = open_event(title="Kinderkonzert", slug="konzert", capacity=3)
    with django_capture_on_commit_callbacks(execute=True):
        mine = register(
            concert,
            7,
            36,
            email="quastenberg@example.org",
            name="Ilka Quastenberg",
            needs=["diet"],
            needs_text="Glutenfrei bitte",
        ).registration
        waiting = register(concert, 8, 40, email="weber@example.org").registration
    child = mine.participants.get(age=7)
    participant_check_in(participant=child)
    Registration.objects.filter(pk=mine.pk).update(reminder_sent_at=timezone.now())
    Household.objects.filter(pk=mine.household_id).update(phone="0171 7654321")
    Participant.objects.filter(pk=child.pk).update(name="Quirin")
    household = Household.objects.get(pk=mine.household_id)
    feed = feed_token_get(household=household)
    mail.outbox.clear()
    return {
        "household": household,
        "mine": Registration.objects.get(pk=mine.pk),
        "waiting": waiting,
        "feed": feed,
    }


def test_the_export_holds_the_reminder_the_check_in_and_the_feed(family):
    mine, feed = family["mine"], family["feed"]

    data = household_export(family["household"])

    registration = data["registrations"][0]
    assert registration["reminder_sent_at"] == mine.reminder_sent_at.isoformat()
    assert registration["updated_at"] == mine.updated_at.isoformat()
    assert [p["checked_in_at"] is not None for p in registration["participants"]] == [
        True,
        False,
    ]
    assert data["calendar_feeds"] == [
        {"created_at": feed.created_at.isoformat(), "revoked_at": None}
    ]


# Keys and counters, not the family's data: the row's id, the link tokens, the
# calendars' revision counter. Foreign keys are in the export as what they point to.
NOT_EXPORTED_AS_IS = {"id", "token", "sequence", "household", "event", "registration"}


def _stored_values(obj) -> list[tuple[str, str]]:
    values = []
    for field in obj._meta.concrete_fields:
        if field.name in NOT_EXPORTED_AS_IS:
            continue
        value = getattr(obj, field.attname)
        if isinstance(value, list):
            values += [(field.name, json.dumps(v, ensure_ascii=False)) for v in value]
            continue
        value = value.isoformat() if hasattr(value, "isoformat") else value
        values.append((field.name, json.dumps(value, ensure_ascii=False)))
    return values


def test_every_stored_value_of_the_household_appears_in_the_download(client, family):
    household, mine = family["household"], family["mine"]

    response = client.get(f"/r/{household.token}/data.json")
    text = response.content.decode()

    assert response.status_code == 200
    stored = _stored_values(household) + _stored_values(mine)
    for participant in mine.participants.all():
        stored += _stored_values(participant)
    missing = [(name, value) for name, value in stored if value.strip('"') not in text]
    assert missing == []
    assert len(stored) == 28


def test_the_family_page_shows_the_reminder_and_the_feed(client, family):
    token = family["household"].token

    html = client.get(f"/r/{token}/data/").content.decode()

    assert "Reminder sent" in html
    assert "Address issued" in html
    assert 'href="/datenschutz/"' in html
    assert f'href="/r/{token}/delete/"' in html


def test_deleting_leaves_no_trace_and_promotes_the_waiting_family(
    client, family, django_capture_on_commit_callbacks
):
    household, feed = family["household"], family["feed"]
    token = household.token
    assert OutboxMail.objects.count() == 2  # the two confirmations

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/r/{token}/delete/")

    assert response.status_code == 200
    assert Registration.objects.get(pk=family["waiting"].pk).status == "confirmed"
    # The Webers hear of their seats; the Quastenbergs get nothing.
    assert [m.to for m in mail.outbox] == [["weber@example.org"]]
    assert FeedToken.objects.get(pk=feed.pk).revoked_at is not None
    for url in (
        f"/r/{token}/",
        f"/r/{token}/data.json",
        f"/calendar/households/{feed.token}.ics",
    ):
        assert client.get(url).status_code == 404, url
    for text in (
        "Quastenberg",
        "quastenberg@example.org",
        "0171 7654321",
        "Quirin",
        "Glutenfrei",
    ):
        assert rows_containing(text) == [], text
    # The Webers' mails stay: only the erased family's copies go.
    assert sorted(m.to[0] for m in OutboxMail.objects.all()) == [
        "weber@example.org",
        "weber@example.org",
    ]
