"""The privacy actions of the manage page: a household sees and downloads
everything stored about it, and deletes it (registrations cancelled, seats to the
waiting list, personal data anonymised, links dead)."""

import json

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from registrations.models import Household, Participant, Registration
from registrations.privacy import PRIVACY_NOTICE_VERSION
from registrations.selectors import household_export
from registrations.services import (
    household_erase,
    participant_cancel,
    registration_cancel,
)
from tests.registrations.factories import open_event, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def family():
    """Ayşe's household: confirmed at the concert (a cancelled child among them),
    cancelled at the reading; the Webers wait for the concert's last seats."""
    concert = open_event(title="Kinderkonzert", slug="konzert", capacity=3)
    reading = open_event(title="Lesung", slug="lesung")
    mine = register(
        concert,
        7,
        4,
        36,
        email="ayse@example.org",
        name="Ayşe Yılmaz",
        needs=["wheelchair"],
        needs_text="Rampe bitte",
    ).registration
    participant_cancel(participant=mine.participants.get(name="Kind2"))
    gone = register(reading, 9, 36, email="ayse@example.org").registration
    registration_cancel(registration=gone)
    waiting = register(concert, 8, 40, email="weber@example.org").registration
    Household.objects.filter(pk=mine.household_id).update(phone="0171 23456")
    mail.outbox.clear()
    return {
        "household": Household.objects.get(pk=mine.household_id),
        "concert": concert,
        "mine": mine,
        "gone": gone,
        "waiting": waiting,
    }


def test_export_holds_exactly_the_households_data(family):
    mine, gone = family["mine"], family["gone"]
    child = mine.participants.get(name="Kind2")

    data = household_export(family["household"])

    assert json.loads(json.dumps(data)) == data  # JSON as it is
    assert data["contact"] == {
        "name": "Ayşe Yılmaz",
        "email": "ayse@example.org",
        "phone": "0171 23456",
        "language": "de",
    }
    assert [r["event"]["slug"] for r in data["registrations"]] == ["konzert", "lesung"]
    concert = data["registrations"][0]
    assert concert["event"]["title"] == "Kinderkonzert"
    assert concert["event"]["starts_at"] == "2027-06-14T08:00:00+00:00"  # UTC
    assert concert["status"] == "confirmed"
    assert concert["needs"] == ["wheelchair"]
    assert concert["needs_text"] == "Rampe bitte"
    assert concert["consent_privacy_version"] == PRIVACY_NOTICE_VERSION
    assert concert["consent_privacy_text"] == mine.consent_privacy_text
    assert concert["created_at"] == mine.created_at.isoformat()
    assert concert["participants"] == [
        {
            "name": "Kind1",
            "age": 7,
            "takes_seat": True,
            "photo_consent": False,
            "cancelled_at": None,
            "checked_in_at": None,
        },
        {
            "name": "Kind2",
            "age": 4,
            "takes_seat": True,
            "photo_consent": False,
            "cancelled_at": Participant.objects.get(
                pk=child.pk
            ).cancelled_at.isoformat(),
            "checked_in_at": None,
        },
        {
            "name": "Erw3",
            "age": 36,
            "takes_seat": True,
            "photo_consent": False,
            "cancelled_at": None,
            "checked_in_at": None,
        },
    ]
    reading = data["registrations"][1]
    assert reading["status"] == "cancelled"
    assert reading["cancelled_at"] == (
        Registration.objects.get(pk=gone.pk).cancelled_at.isoformat()
    )
    assert "weber" not in json.dumps(data)
    assert [len(r["participants"]) for r in data["registrations"]] == [3, 2]


def test_json_download_is_an_attachment(client, family):
    token = family["household"].token

    response = client.get(f"/r/{token}/data.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == (
        'attachment; filename="festwoche-data.json"'
    )
    assert "no-store" in response["Cache-Control"]
    assert json.loads(response.content) == household_export(family["household"])
    assert "Ayşe Yılmaz" in response.content.decode()  # readable, not \\u escapes


def test_data_page_shows_the_same_data(client, family):
    token = family["household"].token

    response = client.get(f"/r/{token}/data/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    for text in (
        "Ayşe Yılmaz",
        "ayse@example.org",
        "0171 23456",
        "Kinderkonzert",
        "Lesung",
        "Wheelchair space",
        "Rampe bitte",
        "Kind1 (7 years, no photos)",
        f"Version {PRIVACY_NOTICE_VERSION}",
    ):
        assert text in html, text
    assert "weber" not in html
    assert f'href="/r/{token}/data.json"' in html


def test_manage_page_links_the_privacy_actions_for_the_household_link_only(
    client, family
):
    household, mine = family["household"], family["mine"]

    whole = client.get(f"/r/{household.token}/").content.decode()
    one = client.get(f"/r/{mine.token}/").content.decode()

    assert f'href="/r/{household.token}/data/"' in whole
    assert f'href="/r/{household.token}/data.json"' in whole
    assert f'href="/r/{household.token}/delete/"' in whole
    assert "/data/" not in one and "/delete/" not in one
    assert "To see or delete your data, open the link to all your registrations" in one


def test_a_registration_link_can_neither_see_nor_delete_the_data(client, family):
    token = family["mine"].token

    assert client.get(f"/r/{token}/data/").status_code == 404
    assert client.get(f"/r/{token}/data.json").status_code == 404
    assert client.get(f"/r/{token}/delete/").status_code == 404
    assert client.post(f"/r/{token}/delete/").status_code == 404
    assert Household.objects.get(pk=family["household"].pk).name == "Ayşe Yılmaz"
    assert client.get("/r/gibtsnicht/data.json").status_code == 404


def test_delete_page_explains_what_happens(client, family):
    token = family["household"].token

    response = client.get(f"/r/{token}/delete/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "Your 1 registration is cancelled:" in html
    assert '<li data-status="confirmed">Kinderkonzert</li>' in html
    assert "Your seats go to families on the waiting list." in html
    assert "This cannot be undone." in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert Household.objects.get(pk=family["household"].pk).name == "Ayşe Yılmaz"


def test_delete_needs_the_csrf_token(family):
    token = family["household"].token

    response = Client(enforce_csrf_checks=True).post(f"/r/{token}/delete/")

    assert response.status_code == 403
    assert Registration.objects.get(pk=family["mine"].pk).status == "confirmed"


def test_delete_cancels_promotes_anonymises_and_kills_the_links(
    client, family, django_capture_on_commit_callbacks
):
    household, mine, waiting = family["household"], family["mine"], family["waiting"]
    old_tokens = [household.token, mine.token, family["gone"].token]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/r/{household.token}/delete/")

    assert response.status_code == 200
    assert "Your data has been deleted" in response.content.decode()
    household.refresh_from_db()
    assert (household.name, household.email, household.phone) == (
        "—",
        f"erased-{household.pk}@invalid",
        "",
    )
    assert household.language == "de"
    rows = Registration.objects.filter(household=household).order_by("pk")
    assert [(r.status, r.needs, r.needs_text) for r in rows] == [
        ("cancelled", [], ""),
        ("cancelled", [], ""),
    ]
    assert all(
        r.consent_privacy_version == PRIVACY_NOTICE_VERSION
        and r.consent_privacy_text == mine.consent_privacy_text
        for r in rows
    )
    assert list(
        Participant.objects.filter(registration__household=household)
        .order_by("pk")
        .values_list("name", "age")
    ) == [("—", 7), ("—", 4), ("—", 36), ("—", 9), ("—", 36)]
    # The freed seats went to the waiting family, who is told; Ayşe is not.
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"
    assert [m.to for m in mail.outbox] == [["weber@example.org"]]
    for token in old_tokens:
        assert client.get(f"/r/{token}/").status_code == 404
    assert client.get(f"/r/{old_tokens[0]}/data.json").status_code == 404
    # The Webers are untouched.
    assert Household.objects.get(email="weber@example.org").name != "—"


def test_erasing_twice_changes_nothing_more(family):
    household = family["household"]
    household_erase(household=household)
    household.refresh_from_db()
    email = household.email

    household_erase(household=household)

    household.refresh_from_db()
    assert household.email == email
    assert Registration.objects.filter(household=household).active().count() == 0
