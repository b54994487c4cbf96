"""A volunteer's "Meine Daten": everything stored about them as a page and a JSON
file, and deleting it (shifts to come withdrawn, places open again, personal data
erased, link and calendar feed dead, no trace of them left in the database)."""

import datetime as dt
import json

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from calendars.models import FeedToken
from calendars.services import feed_token_get
from events.models import OutboxMail
from tests.events.factories import PartnerFactory
from tests.privacy.helpers import rows_containing
from tests.volunteers.factories import (
    QualificationFactory,
    ShiftFactory,
    VolunteerFactory,
    assign,
)
from volunteers.models import Assignment, Qualification, Volunteer
from volunteers.selectors import shifts_with_counts, volunteer_export
from volunteers.services import assignment_withdraw, volunteer_erase

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def client() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def helper(django_capture_on_commit_callbacks):
    """Jonas, 16: a guardian, a partner, notes, two qualifications, a shift worked
    yesterday, one to come, one he withdrew from, and a calendar feed."""
    partner = PartnerFactory(name="Jugendfeuerwehr Nord")
    volunteer = VolunteerFactory(
        minor=True,
        name="Jonas Quirinus",
        email="jonas.quirinus@example.org",
        phone="0151 9988776",
        partner=partner,
        tshirt_size="M",
        guardian_name="Petra Quirinus",
        guardian_contact="petra.q@example.org",
        notes="Kann gut mit Kindern",
        consent_privacy_version="2026-11",
    )
    festival = volunteer.festival
    worked = ShiftFactory(
        role__festival=festival,
        role__name="Einlass",
        starts_at=NOW - dt.timedelta(days=1, hours=4),
        ends_at=NOW - dt.timedelta(days=1, hours=2),
        needed=1,
    )
    coming = ShiftFactory(
        role__festival=festival,
        role__name="Kasse",
        starts_at=NOW + dt.timedelta(days=3),
        ends_at=NOW + dt.timedelta(days=3, hours=2),
        needed=1,
    )
    dropped = ShiftFactory(
        role__festival=festival,
        role__name="Aufbau",
        starts_at=NOW + dt.timedelta(days=4),
        ends_at=NOW + dt.timedelta(days=4, hours=2),
    )
    with django_capture_on_commit_callbacks(execute=True):
        past = assign(worked, volunteer, now=NOW - dt.timedelta(days=5))
        future = assign(coming, volunteer, now=NOW - dt.timedelta(days=5))
        withdrawn = assign(dropped, volunteer, now=NOW - dt.timedelta(days=5))
        assignment_withdraw(assignment=withdrawn, now=NOW - dt.timedelta(days=2))
    Assignment.objects.filter(pk=past.pk).update(
        attendance="present", attendance_marked_at=NOW - dt.timedelta(days=1)
    )
    QualificationFactory(volunteer=volunteer, sighted_by="Sabine Sichtprüferin")
    QualificationFactory(
        volunteer=volunteer,
        kind="juleica",
        issued_on=dt.date(2025, 1, 2),
        valid_until=dt.date(2028, 1, 1),
        sighted_on=None,
        sighted_by="",
    )
    feed = feed_token_get(volunteer=volunteer)
    return {
        "volunteer": Volunteer.objects.get(pk=volunteer.pk),
        "past": past,
        "future": future,
        "withdrawn": withdrawn,
        "coming": coming,
        "feed": feed,
    }


def test_the_export_holds_everything_stored_about_the_volunteer(helper):
    volunteer = helper["volunteer"]
    past, future, withdrawn = helper["past"], helper["future"], helper["withdrawn"]
    past.refresh_from_db()
    withdrawn.refresh_from_db()
    police, juleica = (
        Qualification.objects.get(volunteer=volunteer, kind=kind)
        for kind in ("police_certificate", "juleica")
    )

    data = volunteer_export(volunteer)

    assert data == {
        "contact": {
            "name": "Jonas Quirinus",
            "email": "jonas.quirinus@example.org",
            "phone": "0151 9988776",
            "language": "de",
        },
        "festival": volunteer.festival.name,
        "partner": "Jugendfeuerwehr Nord",
        "age_group": "16_17",
        "tshirt_size": "M",
        "guardian": {
            "name": "Petra Quirinus",
            "contact": "petra.q@example.org",
            "consent_at": "2027-05-01T00:00:00+00:00",
        },
        "consent_privacy_version": "2026-11",
        "notes": "Kann gut mit Kindern",
        "created_at": volunteer.created_at.isoformat(),
        "updated_at": volunteer.updated_at.isoformat(),
        "qualifications": [
            {
                "kind": "juleica",
                "issued_on": "2025-01-02",
                "valid_until": "2028-01-01",
                "sighted_on": None,
                "sighted_by": "",
                "created_at": juleica.created_at.isoformat(),
                "updated_at": juleica.updated_at.isoformat(),
            },
            {
                "kind": "police_certificate",
                "issued_on": "2025-03-01",
                "valid_until": None,
                "sighted_on": "2025-03-10",
                "sighted_by": "Sabine Sichtprüferin",
                "created_at": police.created_at.isoformat(),
                "updated_at": police.updated_at.isoformat(),
            },
        ],
        "assignments": [
            {
                "role": assignment.shift.role.name,
                "starts_at": assignment.shift.starts_at.isoformat(),
                "ends_at": assignment.shift.ends_at.isoformat(),
                "venue": assignment.shift.venue.name,
                "event": None,
                "by_coordinator": False,
                "created_at": assignment.created_at.isoformat(),
                "withdrawn_at": (
                    assignment.withdrawn_at.isoformat()
                    if assignment.withdrawn_at
                    else None
                ),
                "attendance": assignment.attendance,
                "attendance_marked_at": (
                    assignment.attendance_marked_at.isoformat()
                    if assignment.attendance_marked_at
                    else None
                ),
                "reminder_sent_at": None,
            }
            for assignment in (past, future, withdrawn)
        ],
        "calendar_feeds": [
            {"created_at": helper["feed"].created_at.isoformat(), "revoked_at": None}
        ],
    }
    assert [a["role"] for a in data["assignments"]] == ["Einlass", "Kasse", "Aufbau"]
    assert data["assignments"][0]["attendance"] == "present"
    assert data["assignments"][2]["withdrawn_at"] is not None


# Columns that are not the person's data or are in the export in another form:
# the row's id, the festival (by name), the partner (by name), the link token (a
# key, not data), erased_at (empty for anyone who can still ask).
NOT_EXPORTED_AS_IS = {"id", "festival", "partner", "token", "erased_at"}


def test_every_stored_value_of_the_volunteer_appears_in_the_download(client, helper):
    volunteer = helper["volunteer"]

    response = client.get(f"/v/{volunteer.token}/data.json")
    text = response.content.decode()
    data = json.loads(text)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == (
        'attachment; filename="festwoche-helfer-daten.json"'
    )
    assert response["Cache-Control"].startswith("max-age=0")
    missing = [
        field.name
        for field in Volunteer._meta.concrete_fields
        if field.name not in NOT_EXPORTED_AS_IS
        and json.dumps(
            getattr(volunteer, field.attname).isoformat()
            if hasattr(getattr(volunteer, field.attname), "isoformat")
            else getattr(volunteer, field.attname),
            ensure_ascii=False,
        ).strip('"')
        not in text
    ]
    assert missing == []
    assert data["partner"] == "Jugendfeuerwehr Nord"
    assert len(data["qualifications"]) == 2
    assert len(data["assignments"]) == 3


def test_the_data_page_shows_the_same_data(client, helper):
    volunteer = helper["volunteer"]

    response = client.get(f"/v/{volunteer.token}/data/")
    html = response.content.decode()

    assert response.status_code == 200
    for text in (
        "Jonas Quirinus",
        "jonas.quirinus@example.org",
        "0151 9988776",
        "Jugendfeuerwehr Nord",
        "16–17 years",
        "Petra Quirinus",
        "petra.q@example.org",
        "Kann gut mit Kindern",
        "Sabine Sichtprüferin",
        "Extended police certificate (§72a)",
        "JuLeiCa",
        "Einlass",
        "Kasse",
        "Aufbau",
        "Present",
        "Version 2026-11",
        f'href="/v/{volunteer.token}/data.json"',
        f'href="/v/{volunteer.token}/delete/"',
        'href="/datenschutz/"',
    ):
        assert text in html, text
    assert html.count('data-withdrawn="1"') == 1


def test_the_personal_page_links_to_my_data(client, helper):
    token = helper["volunteer"].token

    html = client.get(f"/v/{token}/").content.decode()

    assert f'href="/v/{token}/data/" data-my-data' in html


def test_the_delete_page_says_which_shifts_are_given_up(client, helper):
    volunteer = helper["volunteer"]

    response = client.get(f"/v/{volunteer.token}/delete/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "You are taken off your 1 shift to come:" in html
    assert html.count("data-upcoming") == 1
    assert "Kasse" in html
    assert "This cannot be undone." in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert Volunteer.objects.get(pk=volunteer.pk).erased_at is None


def test_deleting_needs_the_csrf_token(helper):
    volunteer = helper["volunteer"]

    response = Client(enforce_csrf_checks=True).post(f"/v/{volunteer.token}/delete/")

    assert response.status_code == 403
    assert Volunteer.objects.get(pk=volunteer.pk).erased_at is None


def test_deleting_frees_the_places_erases_the_data_and_kills_the_links(
    client, helper, django_capture_on_commit_callbacks
):
    volunteer, feed = helper["volunteer"], helper["feed"]
    old_token = volunteer.token
    assert client.get(f"/calendar/volunteers/{feed.token}.ics").status_code == 200
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/v/{old_token}/delete/")

    assert response.status_code == 200
    assert "Your data has been deleted" in response.content.decode()
    assert mail.outbox == []
    volunteer.refresh_from_db()
    assert (
        volunteer.name,
        volunteer.email,
        volunteer.phone,
        volunteer.guardian_name,
        volunteer.guardian_contact,
        volunteer.notes,
    ) == ("—", f"erased-{volunteer.pk}@invalid", "", "", "", "")
    assert volunteer.erased_at is not None
    assert volunteer.token != old_token
    # Age group and T-shirt size stay for the figures; the qualifications go.
    assert (volunteer.age_group, volunteer.tshirt_size) == ("16_17", "M")
    assert Qualification.objects.filter(volunteer=volunteer).count() == 0
    # The shift to come is given up and its place is free; the one worked stays.
    rows = {
        a.pk: (a.withdrawn_at is None, a.attendance)
        for a in Assignment.objects.filter(volunteer=volunteer)
    }
    assert rows == {
        helper["past"].pk: (True, "present"),
        helper["future"].pk: (False, "unknown"),
        helper["withdrawn"].pk: (False, "unknown"),
    }
    coming = shifts_with_counts(volunteer.festival).get(pk=helper["coming"].pk)
    assert coming.filled == 0
    # Every link is dead: page, data, download, delete, the feed.
    for url in (
        f"/v/{old_token}/",
        f"/v/{old_token}/data/",
        f"/v/{old_token}/data.json",
        f"/v/{old_token}/delete/",
        f"/v/{volunteer.token}/",
        f"/calendar/volunteers/{feed.token}.ics",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/v/{old_token}/delete/").status_code == 404
    assert FeedToken.objects.get(pk=feed.pk).revoked_at is not None
    # No trace of the person is left anywhere in the database, stored mails included.
    for text in (
        "Quirinus",
        "jonas.quirinus@example.org",
        "0151 9988776",
        "petra.q",
        "Kann gut mit Kindern",
        "Sichtprüferin",
    ):
        assert rows_containing(text) == [], text
    assert OutboxMail.objects.count() == 0


def test_a_new_sign_up_can_take_the_freed_place(
    helper, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        volunteer_erase(volunteer=helper["volunteer"])
    other = VolunteerFactory(festival=helper["volunteer"].festival)

    assignment = assign(helper["coming"], other, now=NOW)

    assert assignment.withdrawn_at is None


def test_erasing_twice_changes_nothing_more(helper):
    volunteer = helper["volunteer"]
    assert volunteer_erase(volunteer=volunteer) == 1
    volunteer.refresh_from_db()
    token = volunteer.token

    assert volunteer_erase(volunteer=volunteer) == 0
    volunteer.refresh_from_db()

    assert volunteer.name == "—"
    assert Assignment.objects.filter(volunteer=volunteer).active().count() == 1
    assert token != ""


def test_an_unknown_or_malformed_token_is_404(client):
    for url in (
        "/v/gibtsnicht/data/",
        "/v/" + "A" * 43 + "/data.json",
        "/v/" + "A" * 43 + "/delete/",
        "/v/%00" + "A" * 40 + "/data/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post("/v/" + "A" * 43 + "/delete/").status_code == 404


# --- The same through the API ---------------------------------------------------------


def test_the_api_gives_the_same_export(client, helper):
    volunteer = helper["volunteer"]

    response = client.get(f"/api/v1/volunteers/{volunteer.token}/data/")

    assert response.status_code == 200
    assert response.json() == json.loads(
        json.dumps(volunteer_export(volunteer), ensure_ascii=False)
    )


def test_the_api_erases_and_the_token_is_dead_afterwards(
    client, helper, django_capture_on_commit_callbacks
):
    volunteer = helper["volunteer"]
    token = volunteer.token

    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(f"/api/v1/volunteers/{token}/data/")

    assert response.status_code == 204
    volunteer.refresh_from_db()
    assert (volunteer.name, volunteer.erased_at is not None) == ("—", True)
    assert Assignment.objects.get(pk=helper["future"].pk).withdrawn_at is not None
    for method in (client.get, client.delete):
        gone = method(f"/api/v1/volunteers/{token}/data/")
        assert (gone.status_code, gone.json()["code"]) == (404, "not_found")
    assert client.get(f"/api/v1/volunteers/{token}/").status_code == 404
