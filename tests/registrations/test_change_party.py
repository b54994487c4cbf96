"""A family changes who comes (manage page and API): within the event's rules, a
confirmed party grows only into free seats, a waiting one keeps its place in line,
freed seats promote the waiting list, the family gets an updated confirmation."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from openapi_schema_validator import OAS30Validator
from rest_framework.test import APIClient

from registrations.models import Participant, Registration
from registrations.selectors import waitlist_position
from registrations.services import (
    ParticipantInput,
    registration_cancel,
    registration_change_party,
)
from tests.registrations.factories import open_event, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def people(*people: tuple) -> list[ParticipantInput]:
    return [ParticipantInput(*person) for person in people]


def party(registration: Registration) -> list[tuple]:
    """(name, age, photo consent, active) of every row, in order."""
    return [
        (p.name, p.age, p.photo_consent, p.cancelled_at is None)
        for p in registration.participants.order_by("pk")
    ]


def status(result) -> str:
    registration = getattr(result, "registration", result)
    return Registration.objects.get(pk=registration.pk).status


def seats(event) -> int:
    return Participant.objects.filter(
        registration__event=event,
        registration__status="confirmed",
        cancelled_at__isnull=True,
        takes_seat=True,
    ).count()


# --- The service ----------------------------------------------------------------------


def test_confirmed_party_grows_when_seats_are_free():
    event = open_event(capacity=4)
    family = register(event, 7, 36).registration
    kind1 = family.participants.get(name="Kind1")

    changed = registration_change_party(
        registration=family,
        participants=people(("Kind1", 7, True), ("Erw2", 36), ("Ben", 4)),
    )

    assert changed.status == "confirmed"
    assert party(family) == [
        ("Kind1", 7, True, True),
        ("Erw2", 36, False, True),
        ("Ben", 4, False, True),
    ]
    assert family.participants.get(name="Kind1").pk == kind1.pk  # the row is kept
    assert seats(event) == 3


def test_growing_beyond_the_free_seats_is_refused_and_nothing_changes():
    event = open_event(capacity=3)
    family = register(event, 7, 36).registration
    register(event, 9)  # the last seat
    before = party(family)

    with pytest.raises(ValidationError) as err:
        registration_change_party(
            registration=family,
            participants=people(("Kind1", 7), ("Erw2", 36), ("Ben", 4)),
        )

    assert err.value.code == "not_enough_seats"
    assert err.value.messages == [
        "Ihre Gruppe kann nur größer werden, wenn Plätze frei sind – im Moment sind "
        "0 Plätze frei. Ihre Anmeldung bleibt, wie sie war."
    ]
    assert party(family) == before
    assert status(family) == "confirmed"
    assert Registration.objects.filter(status="waitlisted").count() == 0
    assert seats(event) == 3


def test_a_party_may_swap_people_within_its_own_seats_on_a_full_event():
    event = open_event(capacity=2)
    family = register(event, 7, 36).registration

    registration_change_party(
        registration=family, participants=people(("Kind1", 8), ("Erw2", 36))
    )

    assert party(family) == [
        ("Kind1", 7, False, False),
        ("Erw2", 36, False, True),
        ("Kind1", 8, False, True),
    ]
    assert status(family) == "confirmed"
    assert seats(event) == 2


def test_shrinking_promotes_a_waiting_party(django_capture_on_commit_callbacks):
    event = open_event(capacity=3)
    family = register(event, 7, 8, 36).registration
    waiting = register(event, 9, email="weber@example.org").registration
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        changed = registration_change_party(
            registration=family, participants=people(("Kind1", 7), ("Erw3", 36))
        )

    assert changed.status == "confirmed"
    assert [row[3] for row in party(family)] == [True, False, True]
    assert status(waiting) == "confirmed"
    assert seats(event) == 3
    assert [m.to for m in mail.outbox] == [
        ["weber@example.org"],  # promoted
        [family.household.email],  # the changed registration
    ]


def test_waiting_party_changes_freely_and_keeps_its_place():
    event = open_event(capacity=2)
    register(event, 7, 36)
    first = register(event, 8, 37).registration
    second = register(event, 9).registration

    registration_change_party(
        registration=first,
        participants=people(("Kind1", 8), ("Erw2", 37), ("Ben", 5), ("Lia", 3)),
    )

    assert status(first) == "waitlisted"
    assert waitlist_position(Registration.objects.get(pk=first.pk)) == 1
    assert waitlist_position(Registration.objects.get(pk=second.pk)) == 2
    assert len([row for row in party(first) if row[3]]) == 4


def test_waiting_party_that_now_fits_is_promoted(django_capture_on_commit_callbacks):
    event = open_event(capacity=3)
    register(event, 7, 36)  # 2 seats, 1 free
    waiting = register(event, 8, 37, email="weber@example.org").registration
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        changed = registration_change_party(
            registration=waiting, participants=people(("Kind1", 8))
        )

    assert changed.status == "confirmed"
    assert changed.confirmed_at is not None
    assert seats(event) == 3
    # One mail: the promotion, with the party as it is now.
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["weber@example.org"], mail.outbox[0].subject)
    ]
    assert "Kind1 (8)" in mail.outbox[0].body
    assert "Erw2" not in mail.outbox[0].body


@pytest.mark.parametrize(
    ("new_people", "code"),
    [
        ((("Kind1", 7), ("Erw2", 36), ("Oma", 70), ("Opa", 72)), "party_too_large"),
        ((("Kind1", 7), ("Erw2", 36), ("Baby", 1)), "age_not_allowed"),
        ((("Kind1", 7), ("Ben", 4)), "adult_required"),
        ((), "participants_required"),
        ((("", 7),), "required"),
        ((("Kind1", 121),), "age_invalid"),
    ],
)
def test_the_event_rules_refuse_a_change(new_people, code):
    event = open_event(min_age=3, max_age=12, adult_required_under=6, max_party_size=3)
    family = register(event, 7, 36).registration
    before = party(family)

    with pytest.raises(ValidationError) as err:
        registration_change_party(registration=family, participants=people(*new_people))

    error = err.value
    if hasattr(error, "error_dict"):  # input errors name their field
        assert [e.code for e in error.error_dict["participants"]] == [code]
    else:
        assert error.code == code
    assert party(family) == before


def test_no_change_after_registration_has_closed():
    event = open_event(registration_closes_at=timezone.now() + dt.timedelta(hours=1))
    family = register(event, 7, 36).registration
    event.registration_closes_at = timezone.now() - dt.timedelta(minutes=1)
    event.save(update_fields=["registration_closes_at"])

    with pytest.raises(ValidationError) as err:
        registration_change_party(registration=family, participants=people(("X", 7)))

    assert err.value.code == "registration_closed"
    assert len(party(family)) == 2


def test_a_cancelled_registration_cannot_be_changed():
    event = open_event()
    family = register(event, 7, 36).registration
    registration_cancel(registration=family)

    with pytest.raises(ValidationError) as err:
        registration_change_party(registration=family, participants=people(("X", 7)))

    assert err.value.code == "registration_cancelled"


def test_the_family_gets_the_changed_registration_by_mail(
    django_capture_on_commit_callbacks,
):
    event = open_event(title="Kinderkonzert", capacity=5)
    family = register(event, 7, 36, email="ayse@example.org", language="en")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        registration_change_party(
            registration=family.registration,
            participants=people(("Kind1", 7), ("Erw2", 36), ("Ben", 4)),
        )

    [message] = mail.outbox
    assert message.to == ["ayse@example.org"]
    assert message.subject == "Registration changed: Kinderkonzert"
    assert "Who: Kind1 (7), Erw2 (36), Ben (4)" in message.body
    assert "This is your registration as it is now:" in message.body
    assert [a[0] for a in message.attachments] == ["festwoche.ics"]
    html = message.alternatives[0][0]
    assert "Ben (4)" in html


def test_the_waiting_family_mail_names_its_position(
    django_capture_on_commit_callbacks,
):
    event = open_event(title="Töpfern", capacity=1)
    register(event, 7)
    waiting = register(event, 8, 36, email="weber@example.org", language="en")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        registration_change_party(
            registration=waiting.registration,
            participants=people(("Kind1", 8), ("Erw2", 36), ("Ben", 5)),
        )

    [message] = mail.outbox
    assert message.subject == "Registration changed: Töpfern"
    assert message.attachments == []  # no calendar entry without seats
    assert "Who: Kind1 (8), Erw2 (36), Ben (5)" in message.body
    assert "Your party is still on the waiting list, at position 1." in message.body


def test_unchanged_party_changes_nothing_and_sends_no_mail(
    django_capture_on_commit_callbacks,
):
    event = open_event()
    family = register(event, 7, 36).registration
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        registration_change_party(
            registration=family, participants=people(("Kind1", 7), ("Erw2", 36))
        )

    assert mail.outbox == []
    assert len(party(family)) == 2


# --- The manage page ------------------------------------------------------------------


def change_data(registration, rows) -> dict:
    prefix = f"c{registration.pk}"
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "50",
    }
    for i, (name, age, *photo) in enumerate(rows):
        data[f"{prefix}-{i}-name"] = name
        data[f"{prefix}-{i}-age"] = str(age)
        if photo and photo[0]:
            data[f"{prefix}-{i}-photo_consent"] = "on"
    return data


def test_manage_page_offers_the_party_prefilled_with_one_empty_row(client):
    event = open_event(max_party_size=4)
    family = register(event, 7, 36).registration

    html = client.get(f"/r/{family.household.token}/").content.decode()

    prefix = f"c{family.pk}"
    assert f'action="/r/{family.household.token}/change/{family.pk}/"' in html
    assert re.findall(rf'name="{prefix}-(\d)-name"[^>]*value="([^"]*)"', html) == [
        ("0", "Kind1"),
        ("1", "Erw2"),
    ]
    assert f'name="{prefix}-2-name"' in html  # the empty row
    assert f'id="id_{prefix}-TOTAL_FORMS" value="3"' in html or (
        f'value="3" id="id_{prefix}-TOTAL_FORMS"' in html
    )
    assert "Change people…" in html


def test_manage_page_changes_the_party(client):
    event = open_event(title="Kinderkonzert", capacity=5)
    family = register(event, 7, 36).registration
    token = family.household.token

    response = client.post(
        f"/r/{token}/change/{family.pk}/",
        change_data(family, [("Kind1", 7, True), ("Erw2", 36), ("Ben", 4), ("", "")]),
        follow=True,
    )

    assert response.redirect_chain == [(f"/r/{token}/#reg-{family.pk}", 302)]
    assert "Your registration for “Kinderkonzert” has been changed." in (
        response.content.decode()
    )
    assert party(family) == [
        ("Kind1", 7, True, True),
        ("Erw2", 36, False, True),
        ("Ben", 4, False, True),
    ]


def test_manage_page_shows_a_refusal_on_the_card_and_keeps_the_input(client):
    event = open_event(capacity=2)
    family = register(event, 7, 36).registration

    response = client.post(
        f"/r/{family.token}/change/{family.pk}/",
        change_data(family, [("Kind1", 7), ("Erw2", 36), ("Ben", 4)]),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert '<p class="notice notice--error" role="alert">Your party can only grow' in (
        html
    )
    assert f'<details class="change" id="change-{family.pk}" open>' in html
    assert 'value="Ben"' in html
    assert len(party(family)) == 2


def test_manage_page_add_person_without_javascript(client):
    event = open_event(max_party_size=4)
    family = register(event, 7, 36).registration

    response = client.post(
        f"/r/{family.token}/change/{family.pk}/",
        {**change_data(family, [("Kind1", 7), ("Ben", 4)]), "add_person": "1"},
    )

    html = response.content.decode()
    prefix = f"c{family.pk}"
    assert re.findall(rf'name="{prefix}-\d-name"', html).__len__() == 3
    assert 'value="Ben"' in html
    assert len(party(family)) == 2  # nothing saved yet


def test_someone_elses_token_cannot_change_a_registration(client):
    event = open_event()
    mine = register(event, 7, 36, email="ayse@example.org").registration
    theirs = register(event, 8, 40, email="weber@example.org").registration
    other_event = open_event()
    my_other = register(other_event, 7, 36, email="ayse@example.org").registration
    data = change_data(theirs, [("Kind1", 8)])

    assert client.post(
        f"/r/{mine.household.token}/change/{theirs.pk}/", data
    ).status_code == (404)
    # A registration's own link opens that registration only.
    assert client.post(
        f"/r/{mine.token}/change/{my_other.pk}/", change_data(my_other, [("X", 7)])
    ).status_code == (404)
    assert client.get(f"/r/{theirs.token}/change/{theirs.pk}/").status_code == 405
    assert len([row for row in party(theirs) if row[3]]) == 2
    assert len([row for row in party(my_other) if row[3]]) == 2


def test_closed_registration_offers_no_change_form(client):
    event = open_event(registration_closes_at=timezone.now() + dt.timedelta(hours=1))
    family = register(event, 7, 36).registration
    event.registration_closes_at = timezone.now() - dt.timedelta(minutes=1)
    event.save(update_fields=["registration_closes_at"])

    html = client.get(f"/r/{family.token}/").content.decode()
    response = client.post(
        f"/r/{family.token}/change/{family.pk}/", change_data(family, [("Kind1", 7)])
    )

    assert "Change people" not in html
    assert response.status_code == 200
    assert "Registration for this event has closed" in response.content.decode()


# --- The API --------------------------------------------------------------------------


def patch(token: str, data):
    return APIClient().patch(f"/api/v1/registrations/{token}/", data, format="json")


def test_api_patch_changes_the_party():
    event = open_event(capacity=5)
    family = register(event, 7, 36).registration

    response = patch(
        family.token,
        {
            "participants": [
                {"name": "Kind1", "age": 7, "photo_consent": True},
                {"name": "Ben", "age": 4},
            ]
        },
    )

    assert response.status_code == 200
    body = response.json()
    spec = APIClient().get("/api/v1/schema/", {"format": "json"}).json()
    schema = {"$ref": "#/components/schemas/Registration", **spec}
    assert list(OAS30Validator(schema).iter_errors(body)) == []
    assert body["status"] == "confirmed"
    assert body["seats"] == 2
    assert [
        (p["name"], p["age"], p["photo_consent"]) for p in body["participants"]
    ] == [
        ("Kind1", 7, True),
        ("Ben", 4, False),
    ]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"participants": [{"name": "Kind1", "age": 7}] * 4}, "not_enough_seats"),
        ({"participants": [{"name": "Baby", "age": 1}]}, "age_not_allowed"),
        ({"participants": [{"name": "Ben", "age": 4}]}, "adult_required"),
        ({"participants": [{"name": "K", "age": 7}] * 7}, "party_too_large"),
        ({"participants": []}, "participants_required"),
        ({"participants": [{"name": "K", "age": "7"}]}, "invalid"),
        ({}, "required"),
    ],
)
def test_api_patch_refusals_are_400_with_a_code(data, code):
    event = open_event(capacity=3, min_age=3, adult_required_under=6)
    family = register(event, 7, 36).registration

    response = patch(family.token, data)

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert len(party(family)) == 2


def test_api_patch_closed_and_unknown():
    event = open_event(registration_closes_at=timezone.now() + dt.timedelta(hours=1))
    family = register(event, 7, 36).registration
    event.registration_closes_at = timezone.now() - dt.timedelta(minutes=1)
    event.save(update_fields=["registration_closes_at"])

    closed = patch(family.token, {"participants": [{"name": "Kind1", "age": 7}]})
    unknown = patch("gibtsnicht", {"participants": [{"name": "Kind1", "age": 7}]})

    assert (closed.status_code, closed.json()["code"]) == (400, "registration_closed")
    assert unknown.status_code == 404
