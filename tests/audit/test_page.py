"""The Orga-Team's audit log page (/orga/planning/audit/): who may see it, the
filters, the pages of 50, the empty state, the CSV export (itself logged), and the
read-only admin. Who gets which status is in tests/planning/test_role_matrix.py."""

import csv
import datetime as dt
import io

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone

from events import roles
from events.audit import audit_record
from events.models import BERLIN, AuditEntry
from tests.audit.helpers import entries
from tests.planning.factories import staff

pytestmark = pytest.mark.django_db

PAGE = "/orga/planning/audit/"
EXPORT = "/orga/planning/audit/export.csv"


@pytest.fixture
def orga(client):
    user = staff("orga", roles.ORGA)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return user


def berlin(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2027, 6, day, hour, tzinfo=BERLIN)


def entry(action: str, at: dt.datetime, actor=None, **kwargs) -> AuditEntry:
    made = audit_record(action=action, actor=actor, **kwargs)
    AuditEntry.objects.filter(pk=made.pk).update(at=at)
    return made


@pytest.fixture
def log():
    lead = staff("leitung", roles.MODULE_LEAD)
    koord = staff("koordination", roles.VOLUNTEER_COORDINATION)
    return [
        entry("registrations.list_read", berlin(14, 9), lead, summary="Kino"),
        # 00:30 in Berlin on the 15th is still the 14th in UTC.
        entry("registrations.export", berlin(15, 0) + dt.timedelta(minutes=30), lead),
        entry("volunteers.list_read", berlin(15, 12), koord),
        entry("registrations.promote", berlin(16, 8), via="system"),
    ]


def shown(response) -> list[str]:
    return [e.action for e in response.context["page"].object_list]


def test_empty_state(client, orga):
    response = client.get(PAGE)

    assert response.status_code == 200
    assert "No entries yet." in response.content.decode()


def test_newest_first(client, orga, log):
    response = client.get(PAGE)

    assert shown(response) == [
        "registrations.promote",
        "volunteers.list_read",
        "registrations.export",
        "registrations.list_read",
    ]


def test_reading_the_page_is_not_itself_logged(client, orga, log):
    client.get(PAGE)

    assert AuditEntry.objects.count() == 4


@pytest.mark.parametrize(
    "query, expected",
    [
        ("action=registrations.export", ["registrations.export"]),
        ("account=koordination", ["volunteers.list_read"]),
        (
            "object_type=",
            [
                "registrations.promote",
                "volunteers.list_read",
                "registrations.export",
                "registrations.list_read",
            ],
        ),
        # Whole Berlin days, both ends included.
        (
            "date_from=2027-06-15&date_to=2027-06-15",
            ["volunteers.list_read", "registrations.export"],
        ),
        ("date_from=2027-06-16", ["registrations.promote"]),
        ("date_to=2027-06-14", ["registrations.list_read"]),
        ("account=leitung&date_to=2027-06-14", ["registrations.list_read"]),
    ],
)
def test_filters(client, orga, log, query, expected):
    response = client.get(f"{PAGE}?{query}")

    assert response.status_code == 200
    assert shown(response) == expected


def test_filter_by_object_type(client, orga):
    orga_user = User.objects.get(username="orga")
    audit_record(action="volunteers.person_read", obj=orga_user, actor=orga_user)
    audit_record(action="volunteers.list_read", actor=orga_user)

    response = client.get(f"{PAGE}?object_type=auth.user")

    assert shown(response) == ["volunteers.person_read"]
    choices = [
        value
        for value, _label in response.context["form"].fields["object_type"].choices
    ]
    assert choices == ["", "auth.user"]


@pytest.mark.parametrize(
    "query, field, code, count",
    [
        ("date_from=gestern", "date_from", "invalid", 4),
        # The wrong end is dropped, the start still applies.
        ("date_from=2027-06-16&date_to=2027-06-14", "date_to", "date_range_invalid", 1),
        ("account=niemand", "account", "invalid_choice", 4),
        ("action=%00", "action", "invalid_choice", 4),
    ],
)
def test_bad_filters_are_a_form_error_and_the_rest_still_applies(
    client, orga, log, query, field, code, count
):
    response = client.get(f"{PAGE}?{query}")

    assert response.status_code == 400
    form = response.context["form"]
    assert [e.code for e in form.errors.as_data()[field]] == [code]
    assert response.context["page"].paginator.count == count


def test_pages_of_fifty(client, orga):
    first = timezone.now()
    for n in range(51):
        entry(
            "registrations.list_read", first + dt.timedelta(seconds=n), summary=f"#{n}"
        )

    one = client.get(PAGE)
    two = client.get(f"{PAGE}?page=2")
    beyond = client.get(f"{PAGE}?page=x")

    assert len(one.context["page"].object_list) == 50
    assert [e.summary for e in two.context["page"].object_list] == ["#0"]
    assert one.context["page"].object_list[0].summary == "#50"
    assert beyond.status_code == 200
    assert beyond.context["page"].number == 1
    assert 'href="?page=2"' in one.content.decode()


def test_page_links_keep_the_filters(client, orga):
    for n in range(51):
        entry("registrations.export", timezone.now() + dt.timedelta(seconds=n))

    response = client.get(f"{PAGE}?action=registrations.export")

    assert 'href="?action=registrations.export&amp;page=2"' in response.content.decode()


def test_csv_export_of_the_filtered_log_is_itself_logged(client, orga, log):
    response = client.get(f"{EXPORT}?account=leitung")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="audit-log.csv"'
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows == [
        ["When", "Account", "Through", "Action", "Object type", "Object id", "Summary"],
        [
            "15.06.2027 00:30:00",
            "leitung",
            "staff account",
            "registrations.export",
            "",
            "",
            "",
        ],
        [
            "14.06.2027 09:00:00",
            "leitung",
            "staff account",
            "registrations.list_read",
            "",
            "",
            "Kino",
        ],
    ]
    assert entries()[-1] == ("audit.export", "", "", "orga", "staff")
    assert AuditEntry.objects.latest("pk").summary == "2 rows"


def test_csv_export_with_a_bad_filter_is_a_400_and_not_logged(client, orga, log):
    response = client.get(f"{EXPORT}?date_from=morgen")

    assert response.status_code == 400
    assert AuditEntry.objects.count() == 4


def test_the_navigation_links_the_log_for_the_orga_team_only(client, orga):
    link = 'href="/orga/planning/audit/"'
    assert link in client.get("/orga/planning/").content.decode()

    client.force_login(staff("leitung", roles.MODULE_LEAD))
    assert link not in client.get("/orga/planning/").content.decode()


def test_the_admin_shows_the_log_read_only(client, log):
    superuser = User.objects.create_superuser("chef", "chef@example.org", "pw")
    client.force_login(superuser)
    pk = log[0].pk

    listing = client.get("/admin/events/auditentry/")
    detail = client.get(f"/admin/events/auditentry/{pk}/change/")
    add = client.get("/admin/events/auditentry/add/")
    delete = client.post(f"/admin/events/auditentry/{pk}/delete/", {"post": "yes"})
    change = client.post(f"/admin/events/auditentry/{pk}/change/", {"summary": "x"})

    assert (listing.status_code, detail.status_code) == (200, 200)
    assert (add.status_code, delete.status_code, change.status_code) == (403, 403, 403)
    assert AuditEntry.objects.get(pk=pk).summary == "Kino"


def test_the_admin_log_is_closed_to_module_leads(client, log):
    client.force_login(staff("leitung2", roles.MODULE_LEAD))

    assert client.get("/admin/events/auditentry/").status_code == 403
