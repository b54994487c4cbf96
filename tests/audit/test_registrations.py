"""The audit log of registrations: each organiser read of a participant list or an
export, and each change, writes exactly one entry — who, through what, which object.
"""

import json

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from events import roles
from events.models import AuditEntry
from registrations.models import Participant, Registration
from registrations.services import household_erase, registration_cancel
from tests.audit.helpers import entries, summaries
from tests.events.factories import SubEventFactory, at
from tests.planning.factories import staff
from tests.registrations.factories import open_event, register

pytestmark = pytest.mark.django_db

EVENT = "events.event"
REGISTRATION = "registrations.registration"
PARTICIPANT = "registrations.participant"


@pytest.fixture
def plan():
    kino = SubEventFactory(name="Kinowoche", slug="kinowoche")
    film = open_event(
        sub_event=kino,
        title="Bilderbuchkino",
        slug="bilderbuchkino",
        capacity=4,
        starts_at=at(0, 10),
        ends_at=at(0, 11),
    )
    picknick = open_event(
        sub_event=kino,
        title="Familienpicknick",
        slug="familienpicknick",
        capacity=6,
        starts_at=at(2, 11),
        ends_at=at(2, 14),
    )
    party = register(film, 6, 35).registration
    AuditEntry.objects.all().delete()  # the set-up's own entries
    return {"film": film, "picknick": picknick, "party": party}


@pytest.fixture
def orga(client):
    user = staff("orga", roles.ORGA)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return user


def orga_url(name: str, **kwargs) -> str:
    return reverse(f"registrations-orga:{name}", kwargs=kwargs)


# --- Reads --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, action",
    [
        ("registrations", "registrations.list_read"),
        ("checkin", "registrations.checkin_read"),
        ("export-csv", "registrations.export"),
        ("export-xlsx", "registrations.export"),
    ],
)
def test_each_organiser_read_of_an_event_writes_one_entry(
    client, orga, plan, name, action
):
    response = client.get(orga_url(name, slug="bilderbuchkino"))

    assert response.status_code == 200
    assert entries() == [(action, EVENT, str(plan["film"].pk), "orga", "staff")]


def test_export_summaries_name_the_event_and_the_format(client, orga, plan):
    client.get(orga_url("export-csv", slug="bilderbuchkino"))
    client.get(orga_url("export-xlsx", slug="bilderbuchkino"))

    assert summaries() == ["Bilderbuchkino: CSV", "Bilderbuchkino: XLSX"]


def test_the_check_in_search_term_is_not_logged(client, orga, plan):
    client.get(orga_url("checkin", slug="bilderbuchkino") + "?q=Familie")

    assert summaries() == ["Bilderbuchkino"]


def test_opening_a_partys_check_in_entry_is_a_read_of_that_party(client, orga, plan):
    party = plan["party"]

    response = client.get(orga_url("checkin-entry", token=party.token))

    assert response.status_code == 200
    assert entries() == [
        ("registrations.party_read", REGISTRATION, str(party.pk), "orga", "staff")
    ]


def test_a_refused_read_writes_nothing(client, plan):
    client.force_login(staff("coordination", roles.VOLUNTEER_COORDINATION))

    response = client.get(orga_url("registrations", slug="bilderbuchkino"))

    assert response.status_code == 403
    assert entries() == []


def test_the_event_list_without_people_is_not_logged(client, orga, plan):
    assert client.get(orga_url("events")).status_code == 200
    assert entries() == []


def test_an_api_read_with_a_token_says_api(plan):
    user = staff("orga", roles.ORGA)
    token, _created = Token.objects.get_or_create(user=user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api.get("/api/v1/events/bilderbuchkino/registrations/")

    assert response.status_code == 200
    assert entries() == [
        ("registrations.list_read", EVENT, str(plan["film"].pk), "orga", "api")
    ]


def test_an_api_read_in_a_session_says_staff(client, orga, plan):
    response = client.get("/api/v1/events/bilderbuchkino/registrations/")

    assert response.status_code == 200
    assert entries() == [
        ("registrations.list_read", EVENT, str(plan["film"].pk), "orga", "staff")
    ]


# --- Changes by organisers ----------------------------------------------------------


def test_an_organiser_adding_a_party_is_logged_as_theirs(client, orga, plan):
    data = {
        "party-name": "Familie Özdemir",
        "party-email": "oezdemir@example.org",
        "party-phone": "",
        "party-language": "de",
        "party-needs_text": "",
        "party-consent_privacy": "on",
        "people-TOTAL_FORMS": "2",
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "6",
        "people-0-name": "Elif",
        "people-0-age": "5",
        "people-1-name": "Murat",
        "people-1-age": "38",
    }

    response = client.post(orga_url("party-add", slug="familienpicknick"), data)

    added = Registration.objects.get(event=plan["picknick"])
    assert response.status_code == 302
    assert entries() == [
        ("registrations.create", REGISTRATION, str(added.pk), "orga", "staff")
    ]
    assert summaries() == ["Familienpicknick: confirmed, 2 people, 2 seats"]


def test_an_organiser_cancelling_a_party_is_one_entry_and_the_promotion_another(
    client, orga, plan
):
    film = plan["film"]
    waiting = register(film, 7, 8, 40).registration  # 3 seats, 2 free: waits
    AuditEntry.objects.all().delete()

    client.post(orga_url("party-cancel", slug="bilderbuchkino", pk=plan["party"].pk))

    assert entries() == [
        ("registrations.cancel", REGISTRATION, str(plan["party"].pk), "orga", "staff"),
        ("registrations.promote", REGISTRATION, str(waiting.pk), "", "system"),
    ]
    assert summaries() == [
        "Bilderbuchkino: confirmed → cancelled",
        "Bilderbuchkino: waitlisted → confirmed, 3 seats",
    ]


def test_an_organiser_taking_one_person_out(client, orga, plan):
    child = plan["party"].participants.get(age=6)
    adult = plan["party"].participants.get(age=35)

    client.post(orga_url("participant-cancel", slug="bilderbuchkino", pk=adult.pk))

    # An adult may leave a child only at events that do not require one.
    assert entries() == [
        (
            "registrations.participant_cancel",
            PARTICIPANT,
            str(adult.pk),
            "orga",
            "staff",
        )
    ]
    assert summaries() == [
        f"Bilderbuchkino: registration {plan['party'].pk}, 1 remaining"
    ]
    assert Participant.objects.get(pk=child.pk).cancelled_at is None


def test_an_organiser_moving_a_party(client, orga, plan):
    party = plan["party"]

    client.post(
        orga_url("party-move", slug="bilderbuchkino", pk=party.pk),
        {"move-to_event": plan["picknick"].pk},
    )

    moved = Registration.objects.get(event=plan["picknick"])
    assert entries() == [
        ("registrations.move", REGISTRATION, str(party.pk), "orga", "staff")
    ]
    assert summaries() == [
        f"Bilderbuchkino → Familienpicknick (registration {moved.pk}, confirmed)"
    ]


def test_check_in_of_a_person_and_its_undo_and_a_second_tap(client, orga, plan):
    child = plan["party"].participants.get(age=6)
    url = orga_url("checkin-participant", slug="bilderbuchkino", pk=child.pk)

    client.post(url)
    client.post(url)  # a second tap changes nothing, so nothing is logged
    client.post(url, {"action": "undo"})
    client.post(url, {"action": "undo"})

    assert entries() == [
        ("registrations.check_in", PARTICIPANT, str(child.pk), "orga", "staff"),
        ("registrations.check_in_undo", PARTICIPANT, str(child.pk), "orga", "staff"),
    ]


def test_check_in_of_a_whole_party_counts_the_people(client, orga, plan):
    party = plan["party"]
    url = orga_url("checkin-party", slug="bilderbuchkino", pk=party.pk)

    client.post(url)
    client.post(url)

    assert entries() == [
        ("registrations.check_in", REGISTRATION, str(party.pk), "orga", "staff")
    ]
    assert summaries() == ["2 people"]


# --- Changes through the family's link ----------------------------------------------


def family_api(method: str, path: str, data=None):
    return APIClient().generic(
        method,
        path,
        "" if data is None else json.dumps(data),
        content_type="application/json",
        HTTP_X_FORWARDED_FOR="10.9.8.7",
    )


def test_a_family_registering_through_the_api_says_family(plan):
    response = family_api(
        "POST",
        "/api/v1/registrations/",
        {
            "event": "familienpicknick",
            "contact": {"name": "Familie Weber", "email": "weber@example.org"},
            "participants": [{"name": "Lina", "age": 7}, {"name": "Jan", "age": 40}],
            "consent_privacy": True,
        },
    )

    assert response.status_code == 201
    added = Registration.objects.get(event=plan["picknick"])
    assert entries() == [
        ("registrations.create", REGISTRATION, str(added.pk), "", "family")
    ]


def test_a_family_changing_and_cancelling_through_its_link(plan):
    party = plan["party"]
    path = f"/api/v1/registrations/{party.token}/"

    changed = family_api(
        "PATCH",
        path,
        {"participants": [{"name": "Kind1", "age": 6}, {"name": "Oma", "age": 70}]},
    )
    cancelled = family_api("DELETE", path)

    assert (changed.status_code, cancelled.status_code) == (200, 200)
    assert entries() == [
        ("registrations.party_change", REGISTRATION, str(party.pk), "", "family"),
        ("registrations.cancel", REGISTRATION, str(party.pk), "", "family"),
    ]
    assert summaries() == [
        "Bilderbuchkino: 1 added, 1 removed, 0 photo consents changed",
        "Bilderbuchkino: confirmed → cancelled",
    ]


def test_a_family_deleting_its_data(client, plan):
    household = plan["party"].household

    response = client.post(f"/r/{household.token}/delete/")

    assert response.status_code == 200
    assert entries() == [
        (
            "registrations.household_erase",
            "registrations.household",
            str(household.pk),
            "",
            "family",
        )
    ]
    assert summaries() == ["1 active registrations cancelled"]


def test_outside_a_request_the_system_acts(plan):
    registration_cancel(registration=plan["party"])
    household_erase(household=plan["party"].household)

    assert [(action, via) for action, _t, _i, _a, via in entries()] == [
        ("registrations.cancel", "system"),
        ("registrations.household_erase", "system"),
    ]


def test_a_refused_change_writes_nothing(plan):
    with pytest.raises(ValidationError) as refused:
        register(plan["film"], 6, 35, email=plan["party"].household.email)

    assert refused.value.code == "already_registered"
    assert entries() == []


def test_the_admins_cancel_action_is_logged_as_the_admin_user(client, plan):
    chef = User.objects.create_superuser("chef", "chef@example.org", "pw")
    client.force_login(chef)
    party = plan["party"]

    response = client.post(
        "/admin/registrations/registration/",
        {"action": "cancel_registrations", "_selected_action": [party.pk]},
    )

    assert response.status_code == 302
    assert entries() == [
        ("registrations.cancel", REGISTRATION, str(party.pk), "chef", "staff")
    ]
