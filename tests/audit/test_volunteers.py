"""The audit log of the volunteer coordination: each read of people, shifts and
exports, and each change to assignments, shifts and qualifications, writes exactly
one entry — who, through what, which object."""

import json

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from events import roles
from events.models import AuditEntry
from tests.audit.helpers import entries, summaries
from tests.events.factories import FestivalFactory, VenueFactory, at
from tests.planning.factories import staff
from tests.volunteers.factories import (
    QualificationFactory,
    RoleFactory,
    ShiftFactory,
    VolunteerFactory,
    assign,
)
from volunteers import services
from volunteers.models import Assignment, Qualification, Shift

pytestmark = pytest.mark.django_db

ASSIGNMENT = "volunteers.assignment"
SHIFT = "volunteers.shift"
VOLUNTEER = "volunteers.volunteer"
QUALIFICATION = "volunteers.qualification"


@pytest.fixture
def plan():
    festival = FestivalFactory()
    role = RoleFactory(festival=festival, name="Einlass", slug="einlass")
    shift = ShiftFactory(role=role, venue=VenueFactory(name="Stadthalle"), needed=3)
    ada = VolunteerFactory(festival=festival)
    assignment = assign(shift, ada)
    AuditEntry.objects.all().delete()  # the set-up's own entries
    return {
        "festival": festival,
        "role": role,
        "shift": shift,
        "ada": ada,
        "assignment": assignment,
    }


@pytest.fixture
def coordinator(client):
    user = staff("koordination", roles.VOLUNTEER_COORDINATION)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return user


# --- Reads --------------------------------------------------------------------------


def test_the_people_list_is_one_read_and_the_search_is_not_logged(
    client, coordinator, plan
):
    response = client.get("/orga/volunteers/people/?q=Helferin")

    assert response.status_code == 200
    assert entries() == [("volunteers.list_read", "", "", "koordination", "staff")]
    assert summaries() == [plan["festival"].name]


def test_a_volunteers_page_is_a_read_of_that_person(client, coordinator, plan):
    ada = plan["ada"]

    client.get(f"/orga/volunteers/people/{ada.pk}/")

    assert entries() == [
        ("volunteers.person_read", VOLUNTEER, str(ada.pk), "koordination", "staff")
    ]


def test_a_shifts_page_with_its_people_is_a_read_of_that_shift(
    client, coordinator, plan
):
    shift = plan["shift"]

    client.get(f"/orga/volunteers/shifts/{shift.pk}/")

    assert entries() == [
        ("volunteers.shift_read", SHIFT, str(shift.pk), "koordination", "staff")
    ]


def test_the_qualification_overview_is_a_read(client, coordinator, plan):
    client.get("/orga/volunteers/qualifications/")

    assert entries() == [
        ("volunteers.qualifications_read", "", "", "koordination", "staff")
    ]


def test_exports_say_format_and_day(client, coordinator, plan):
    name = plan["festival"].name
    day = plan["festival"].start_date.isoformat()

    client.get("/orga/volunteers/export.csv")
    client.get(f"/orga/volunteers/export.xlsx?day={day}")

    assert entries() == [("volunteers.export", "", "", "koordination", "staff")] * 2
    assert summaries() == [f"{name}, all days: CSV", f"{name}, {day}: XLSX"]


def test_the_coverage_board_of_counts_is_not_logged(client, coordinator, plan):
    assert client.get("/orga/volunteers/").status_code == 200
    assert entries() == []


def test_api_reads_with_a_token_say_api(plan):
    user = staff("koordination", roles.VOLUNTEER_COORDINATION)
    token, _created = Token.objects.get_or_create(user=user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    ada, assignment = plan["ada"], plan["assignment"]

    statuses = [
        api.get(path).status_code
        for path in (
            "/api/v1/orga/volunteers/",
            f"/api/v1/orga/volunteers/{ada.pk}/",
            f"/api/v1/orga/volunteers/{ada.pk}/qualifications/",
            "/api/v1/orga/assignments/",
            f"/api/v1/orga/assignments/{assignment.pk}/",
            "/api/v1/orga/volunteers/999999/",  # not found: nothing read
        )
    ]

    assert statuses == [200, 200, 200, 200, 200, 404]
    assert entries() == [
        ("volunteers.list_read", "", "", "koordination", "api"),
        ("volunteers.person_read", VOLUNTEER, str(ada.pk), "koordination", "api"),
        (
            "volunteers.qualifications_read",
            VOLUNTEER,
            str(ada.pk),
            "koordination",
            "api",
        ),
        ("volunteers.assignments_read", "", "", "koordination", "api"),
        (
            "volunteers.assignment_read",
            ASSIGNMENT,
            str(assignment.pk),
            "koordination",
            "api",
        ),
    ]


# --- Changes by coordinators ---------------------------------------------------------


def test_assigning_marking_and_taking_off_a_person(client, coordinator, plan):
    shift = plan["shift"]
    bea = VolunteerFactory(festival=plan["festival"])

    client.post(f"/orga/volunteers/shifts/{shift.pk}/assign/", {"volunteer": bea.pk})
    added = Assignment.objects.get(volunteer=bea)
    client.post(
        f"/orga/volunteers/assignments/{added.pk}/attendance/",
        {"attendance": "present"},
    )
    client.post(f"/orga/volunteers/assignments/{added.pk}/withdraw/")

    assert entries() == [
        (
            "volunteers.assignment_create",
            ASSIGNMENT,
            str(added.pk),
            "koordination",
            "staff",
        ),
        (
            "volunteers.attendance_mark",
            ASSIGNMENT,
            str(added.pk),
            "koordination",
            "staff",
        ),
        (
            "volunteers.assignment_withdraw",
            ASSIGNMENT,
            str(added.pk),
            "koordination",
            "staff",
        ),
    ]
    assert summaries() == [
        f"shift {shift.pk} (Einlass), volunteer {bea.pk}",
        f"shift {shift.pk}: present",
        f"shift {shift.pk}, volunteer {bea.pk}",
    ]


def test_shifts_created_changed_and_deleted(client, coordinator, plan):
    venue = VenueFactory(name="Rathaus")
    form = {
        "role": plan["role"].pk,
        "day": plan["festival"].start_date.isoformat(),
        "start": "14:00",
        "end": "18:00",
        "venue": venue.pk,
        "event": "",
        "sub_event": "",
        "needed": "2",
        "coordinator": "",
        "coordinator_phone": "",
        "notes": "",
    }

    client.post("/orga/volunteers/shifts/new/", form)
    shift = Shift.objects.get(venue=venue)
    client.post(f"/orga/volunteers/shifts/{shift.pk}/edit/", {**form, "needed": "4"})
    client.post(f"/orga/volunteers/shifts/{shift.pk}/edit/", {**form, "needed": "4"})
    client.post(f"/orga/volunteers/shifts/{shift.pk}/delete/")

    assert not Shift.objects.filter(pk=shift.pk).exists()
    assert entries() == [
        ("volunteers.shift_create", SHIFT, str(shift.pk), "koordination", "staff"),
        ("volunteers.shift_update", SHIFT, str(shift.pk), "koordination", "staff"),
        ("volunteers.shift_delete", SHIFT, str(shift.pk), "koordination", "staff"),
    ]
    # Saving the form unchanged is no change.
    assert summaries() == ["Einlass, 2 needed", "needed", "Einlass, 4 needed"]


def test_qualifications_recorded_and_deleted(client, coordinator, plan):
    ada = plan["ada"]

    client.post(
        f"/orga/volunteers/people/{ada.pk}/qualifications/add/",
        {"kind": "first_aid", "issued_on": "2025-05-01"},
    )
    recorded = Qualification.objects.get(volunteer=ada)
    client.post(f"/orga/volunteers/qualifications/{recorded.pk}/delete/")

    assert entries() == [
        (
            "volunteers.qualification_record",
            QUALIFICATION,
            str(recorded.pk),
            "koordination",
            "staff",
        ),
        (
            "volunteers.qualification_delete",
            QUALIFICATION,
            str(recorded.pk),
            "koordination",
            "staff",
        ),
    ]
    assert summaries() == [f"volunteer {ada.pk}: first_aid"] * 2


# --- Changes through the volunteer's link and outside requests ----------------------


def own_api(method: str, path: str, data=None):
    return APIClient().generic(
        method,
        path,
        "" if data is None else json.dumps(data),
        content_type="application/json",
    )


def test_a_volunteer_signing_up_and_withdrawing_through_the_link(plan):
    ada = plan["ada"]
    other = ShiftFactory(role=plan["role"], starts_at=at(1, 9), needed=2)
    base = f"/api/v1/volunteers/{ada.token}/assignments/"

    signed = own_api("POST", base, {"shift": other.pk})
    added = Assignment.objects.get(shift=other)
    withdrawn = own_api("DELETE", f"{base}{added.pk}/")

    assert (signed.status_code, withdrawn.status_code) == (201, 204)
    assert entries() == [
        ("volunteers.assignment_create", ASSIGNMENT, str(added.pk), "", "volunteer"),
        ("volunteers.assignment_withdraw", ASSIGNMENT, str(added.pk), "", "volunteer"),
    ]


def test_a_volunteers_erasure_is_one_entry(plan):
    ada = plan["ada"]
    QualificationFactory(volunteer=ada)

    services.volunteer_erase(volunteer=ada)

    assert entries() == [
        ("volunteers.volunteer_erase", VOLUNTEER, str(ada.pk), "", "system")
    ]
    assert summaries() == ["1 assignments withdrawn"]


def test_a_refused_sign_up_writes_nothing(plan):
    with pytest.raises(ValidationError) as refused:
        services.assignment_create(shift=plan["shift"], volunteer=plan["ada"])

    assert refused.value.code == "already_assigned"
    assert entries() == []
