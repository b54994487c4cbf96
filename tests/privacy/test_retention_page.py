"""The Orga-Team's privacy page /orga/planning/privacy/: the retention date, what
will be anonymised, the dry run, the statistics export and the period's form."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from events import roles
from events.models import AuditEntry, Festival
from events.retention import retention_due_at, retention_run
from tests.planning.factories import staff
from tests.privacy.test_retention import MARK, build_world, snapshot

pytestmark = pytest.mark.django_db

PAGE = "/orga/planning/privacy/"


@pytest.fixture
def orga(client):
    client.force_login(staff("orga", roles.ORGA))
    client.cookies["django_language"] = "en"
    return client


def test_the_urls():
    assert reverse("planning:privacy") == PAGE
    assert reverse("planning:privacy-retention") == PAGE + "retention/"
    assert reverse("planning:privacy-statistics") == PAGE + "statistics.csv"


def test_the_page_shows_the_date_and_what_will_be_anonymised(orga):
    festival = build_world()

    response = orga.get(PAGE)

    assert response.status_code == 200
    text = response.content.decode()
    kept = (festival.end_date + dt.timedelta(days=90)).strftime("%d.%m.%Y")
    assert f"until {kept}" in text
    assert response.context["preview"][:3] == [
        ("households (contact name, e-mail, phone)", 2),
        ("participants (first names)", 4),
        ("registrations (needs, links)", 2),
    ]
    assert (
        dict(response.context["preview"])["market sellers (name, e-mail, phone, note)"]
        == 2
    )
    assert MARK not in text.lower()
    assert f'href="{PAGE}"' in text  # the nav link, for the Orga-Team


def test_the_dry_run_shows_the_counts_and_changes_nothing(orga):
    build_world()
    before = snapshot()

    response = orga.get(PAGE, {"dry_run": "1"})

    assert response.status_code == 200
    assert response.context["dry_run"].status == "dry_run"
    assert (
        dict(response.context["dry_run_rows"])["runners (names, guardian, e-mail)"] == 2
    )
    assert "A run now would anonymise (nothing has been changed):" in (
        response.content.decode()
    )
    assert snapshot() == before


def test_the_dry_run_of_a_festival_not_yet_due_says_so(orga):
    Festival.objects.create(
        name="Festwoche",
        slug="festwoche",
        start_date=dt.date(2030, 6, 1),
        end_date=dt.date(2030, 6, 7),
    )

    response = orga.get(PAGE, {"dry_run": "1"})

    assert response.context["dry_run"].status == "not_due"
    assert "the retention period is not over yet" in response.content.decode()


def test_the_statistics_export_has_the_figures_and_no_personal_data(orga):
    festival = build_world()

    response = orga.get(PAGE + "statistics.csv")

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="festwoche-statistics.csv"'
    )
    body = response.content.decode("utf-8-sig")
    assert MARK not in body.lower()
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0] == ["Area", "Subject", "Figure", "Value"]
    assert ["charity_run", "familienlauf", "laps", "5"] in rows
    assert ["shifts", "kasse", "minutes", str(11 * 60)] in rows
    assert ["participants", "bastelnachmittag", "age_0_5", "1"] in rows
    entry = AuditEntry.objects.get(action="planning.statistics_export")
    assert (entry.actor_name, entry.object_id) == ("orga", str(festival.pk))
    # After the run, the same file.
    retention_run(festival=festival, now=retention_due_at(festival))
    again = orga.get(PAGE + "statistics.csv").content.decode("utf-8-sig")
    assert again == body


def test_the_period_is_changed_through_the_form(orga):
    festival = build_world()

    response = orga.post(PAGE + "retention/", {"retention_days": "30"})

    assert response.status_code == 302
    assert response["Location"] == PAGE
    assert Festival.objects.get(pk=festival.pk).retention_days == 30


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "Enter a whole number of days."),
        ("", "This field is required."),
        ("4000", "The retention period must be between 0 and 3650 days."),
        ("-5", "The retention period must be between 0 and 3650 days."),
        ("1234567", "Ensure this value has at most 6 characters (it has 7)."),
    ],
)
def test_a_bad_period_is_a_form_error_and_nothing_changes(orga, value, message):
    festival = build_world()

    response = orga.post(PAGE + "retention/", {"retention_days": value})

    assert response.status_code == 400
    assert response.context["form"].errors == {"retention_days": [message]}
    assert Festival.objects.get(pk=festival.pk).retention_days == 90


def test_after_the_run_the_page_says_when_and_offers_no_form(orga):
    festival = build_world()
    retention_run(festival=festival, now=retention_due_at(festival))

    response = orga.get(PAGE)

    text = response.content.decode()
    assert "The personal data of this festival was anonymised on" in text
    assert 'name="retention_days"' not in text
    response = orga.post(PAGE + "retention/", {"retention_days": "30"})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "retention_days": ["The personal data of this festival is already anonymised."]
    }


@pytest.mark.parametrize("group", [roles.MODULE_LEAD, roles.VOLUNTEER_COORDINATION])
def test_other_organisers_are_refused_and_see_no_link(client, group):
    build_world()
    client.force_login(staff("planner", group))

    assert client.get(PAGE).status_code == 403
    assert client.get(PAGE + "statistics.csv").status_code == 403
    assert client.post(PAGE + "retention/", {"retention_days": "1"}).status_code == 403
    assert Festival.objects.get().retention_days == 90
    assert f'href="{PAGE}"' not in client.get("/orga/planning/").content.decode()
