"""Exports of who works when: exact rows in CSV (German Excel) and XLSX, one day
by query string, formulas in names made text."""

import csv
import io

import openpyxl
import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User

from events import roles
from tests.events.factories import PartnerFactory, VenueFactory, at
from tests.volunteers.factories import (
    RoleFactory,
    ShiftFactory,
    VolunteerFactory,
    assign,
)
from volunteers import services
from volunteers.models import Assignment

pytestmark = pytest.mark.django_db

HEADER = [
    "Day",
    "Start",
    "End",
    "Role",
    "Venue",
    "Event",
    "Volunteer",
    "Phone",
    "E-mail",
    "Partner organisation",
    "T-shirt size",
    "Age group",
    "Attendance",
]

ROWS = [
    [
        "14.06.2027",
        "09:00",
        "13:00",
        "Einlass",
        "Stadthalle",
        "",
        '\'=HYPERLINK("x")',
        "'+49 171 1",
        "evil@example.org",
        "Kita Sonnenschein",
        "M",
        "18 or older",
        "Present",
    ],
    [
        "14.06.2027",
        "22:00",
        "02:00 (+1)",
        "Kasse",
        "Stadthalle",
        "",
        "Ben Ott",
        "",
        "ben@example.org",
        "",
        "",
        "16–17 years",
        "Not marked",
    ],
    [
        "15.06.2027",
        "09:00",
        "13:00",
        "Einlass",
        "Stadthalle",
        "",
        "Ben Ott",
        "",
        "ben@example.org",
        "",
        "",
        "16–17 years",
        "Not marked",
    ],
]


@pytest.fixture
def plan(client):
    user = User.objects.create_user("koordination", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.VOLUNTEER_COORDINATION))
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    venue = VenueFactory(name="Stadthalle")
    einlass = RoleFactory(name="Einlass", slug="einlass")
    festival = einlass.festival
    kasse = RoleFactory(festival=festival, name="Kasse", slug="kasse")
    evil = VolunteerFactory(
        festival=festival,
        name='=HYPERLINK("x")',
        email="evil@example.org",
        phone="+49 171 1",
        tshirt_size="M",
        partner=PartnerFactory(name="Kita Sonnenschein"),
    )
    ben = VolunteerFactory(
        festival=festival, name="Ben Ott", email="ben@example.org", phone="", minor=True
    )
    day0 = ShiftFactory(role=einlass, venue=venue, starts_at=at(0, 9))
    first = assign(day0, evil)
    services.assignment_attendance_mark(assignment=first, attendance="present")
    gone = assign(day0, ben)
    services.assignment_withdraw(assignment=gone, by=user)  # not exported
    night = ShiftFactory(
        role=kasse, venue=venue, starts_at=at(0, 22), ends_at=at(1, 2), needed=1
    )
    Assignment.objects.create(shift=night, volunteer=ben)  # minors: past the rules
    assign(ShiftFactory(role=einlass, venue=venue, starts_at=at(1, 9)), ben)
    return festival


def test_csv_export_for_german_excel(client, plan):
    response = client.get("/orga/volunteers/export.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="shifts.csv"'
    assert response.content.startswith(b"\xef\xbb\xbfDay;Start;End;Role;")
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows == [HEADER, *ROWS]


def test_csv_export_of_one_day(client, plan):
    response = client.get("/orga/volunteers/export.csv", {"day": "2027-06-15"})

    assert response["Content-Disposition"] == (
        'attachment; filename="shifts-2027-06-15.csv"'
    )
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows == [HEADER, ROWS[2]]
    for bad in ["morgen", "2027-02-30", "1999-01-01"]:
        response = client.get("/orga/volunteers/export.csv", {"day": bad})
        assert response["Content-Disposition"] == 'attachment; filename="shifts.csv"'


def test_xlsx_export_has_the_same_rows(client, plan):
    response = client.get("/orga/volunteers/export.xlsx")

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [
        ["" if v is None else str(v) for v in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    assert rows == [HEADER, *ROWS]
    assert sheet.title == "Shifts"
    assert sheet["G2"].data_type == "s"  # the formula is text


def test_exports_need_the_coordination(client, plan):
    user = User.objects.create_user("partner", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.PARTNER))
    client.force_login(user)
    assert client.get("/orga/volunteers/export.csv").status_code == 403
    assert client.get("/orga/volunteers/export.xlsx").status_code == 403
    client.logout()
    assert client.get("/orga/volunteers/export.csv").status_code == 302


def test_empty_export_has_the_header_only(client, plan):
    response = client.get("/orga/volunteers/export.csv", {"day": "2027-06-18"})
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows == [HEADER]
