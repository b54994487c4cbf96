"""Data requests handled by the organisers: the Orga-Team finds a household by its
e-mail address, exports what the family gets from its own link and deletes it with
a reason; the Orga-Team and the volunteer coordination do the same for a volunteer.
Nobody else may; the reads and the erasure are in the audit log."""

import datetime as dt
import json

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events import roles
from events.models import AuditEntry
from registrations.models import Household, Registration
from registrations.selectors import household_export
from tests.events.factories import FestivalFactory
from tests.registrations.factories import open_event, register
from tests.volunteers.factories import ShiftFactory, VolunteerFactory, assign
from volunteers.models import Assignment, Volunteer
from volunteers.selectors import volunteer_export

pytestmark = pytest.mark.django_db


def staff(username: str, *groups: str) -> User:
    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def client_for(user: User | None) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def people():
    return {
        "orga": staff("orga", roles.ORGA),
        "coordination": staff("koordination", roles.VOLUNTEER_COORDINATION),
        "lead": staff("leitung", roles.MODULE_LEAD),
        "partner": staff("partner", roles.PARTNER),
        "staff": staff("ohne-gruppe"),
    }


@pytest.fixture
def family():
    concert = open_event(title="Kinderkonzert", slug="konzert", capacity=2)
    mine = register(
        concert, 7, 36, email="Zabel@Example.org", name="Greta Zabel"
    ).registration
    waiting = register(concert, 8, email="weber@example.org").registration
    return {
        "household": Household.objects.get(pk=mine.household_id),
        "mine": mine,
        "waiting": waiting,
    }


@pytest.fixture
def helper():
    festival = FestivalFactory()
    volunteer = VolunteerFactory(
        festival=festival, name="Bodo Zettel", email="bodo@example.org"
    )
    shift = ShiftFactory(
        role__festival=festival,
        starts_at=timezone.now() + dt.timedelta(days=2),
        ends_at=timezone.now() + dt.timedelta(days=2, hours=2),
    )
    assignment = assign(shift, volunteer, now=timezone.now())
    return {"volunteer": volunteer, "assignment": assignment}


# --- Households -------------------------------------------------------------------


def test_only_the_orga_team_opens_the_household_pages(people, family):
    pk = family["household"].pk
    urls = [
        "/orga/households/",
        f"/orga/households/{pk}/",
        f"/orga/households/{pk}/data/",
        f"/orga/households/{pk}/data.json",
        f"/orga/households/{pk}/delete/",
    ]
    expected = {
        "orga": 200,
        "coordination": 403,
        "lead": 403,
        "partner": 403,
        "staff": 403,
    }
    got = {
        name: sorted({client_for(user).get(url).status_code for url in urls})
        for name, user in people.items()
    }
    assert got == {name: [status] for name, status in expected.items()}
    response = client_for(None).get(urls[1])
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={urls[1]}"
    for name in ("lead", "coordination", "partner", "staff"):
        client = client_for(people[name])
        assert client.post(urls[4], {"reason": "x"}).status_code == 403
    assert Household.objects.get(pk=pk).name == "Greta Zabel"


def test_the_search_finds_the_household_by_its_address_in_any_case(people, family):
    client = client_for(people["orga"])
    pk = family["household"].pk

    found = client.get("/orga/households/", {"email": "zabel@example.ORG"})
    unknown = client.get("/orga/households/", {"email": "niemand@example.org"})
    bad = client.get("/orga/households/", {"email": "kein-at-zeichen"})

    assert f'href="/orga/households/{pk}/"' in found.content.decode()
    assert 'data-found="none"' in unknown.content.decode()
    assert bad.status_code == 200
    assert "Enter a valid email address." in bad.content.decode()
    assert "data-found" not in bad.content.decode()


def test_the_export_is_the_familys_own_and_is_audited(people, family):
    client = client_for(people["orga"])
    household = family["household"]

    response = client.get(f"/orga/households/{household.pk}/data.json")
    page = client.get(f"/orga/households/{household.pk}/data/")

    assert json.loads(response.content) == household_export(household)
    assert response["Content-Disposition"] == (
        'attachment; filename="festwoche-data.json"'
    )
    html = page.content.decode()
    assert "Data stored about this household" in html
    assert "Greta Zabel" in html
    assert f'href="/orga/households/{household.pk}/data.json"' in html
    entries = AuditEntry.objects.filter(
        action="registrations.household_export", object_id=str(household.pk)
    )
    assert sorted((e.actor_name, e.via, e.object_type, e.summary) for e in entries) == [
        ("orga", "staff", "registrations.household", "HTML"),
        ("orga", "staff", "registrations.household", "JSON"),
    ]


def test_deleting_needs_a_reason(people, family):
    client = client_for(people["orga"])
    pk = family["household"].pk

    response = client.post(f"/orga/households/{pk}/delete/", {"reason": "   "})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert Household.objects.get(pk=pk).name == "Greta Zabel"
    assert Registration.objects.get(pk=family["mine"].pk).status == "confirmed"


def test_deleting_on_request_is_the_familys_own_erasure(
    people, family, django_capture_on_commit_callbacks
):
    client = client_for(people["orga"])
    household = family["household"]
    old_token = household.token

    page = client.get(f"/orga/households/{household.pk}/delete/")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/orga/households/{household.pk}/delete/",
            {"reason": "E-Mail vom 3. Dezember"},
        )

    assert "Its 1 registration is cancelled:" in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == "/orga/households/"
    household.refresh_from_db()
    assert (household.name, household.email) == ("—", f"erased-{household.pk}@invalid")
    assert Registration.objects.get(pk=family["mine"].pk).status == "cancelled"
    assert Registration.objects.get(pk=family["waiting"].pk).status == "confirmed"
    assert client_for(None).get(f"/r/{old_token}/").status_code == 404
    entry = AuditEntry.objects.get(action="registrations.household_erase_on_request")
    assert (entry.actor_name, entry.object_id, entry.summary) == (
        "orga",
        str(household.pk),
        "E-Mail vom 3. Dezember",
    )


# --- Volunteers -------------------------------------------------------------------


def test_the_orga_team_and_the_coordination_handle_volunteers_requests(people, helper):
    pk = helper["volunteer"].pk
    urls = [
        f"/orga/volunteers/people/{pk}/data/",
        f"/orga/volunteers/people/{pk}/data.json",
        f"/orga/volunteers/people/{pk}/delete/",
    ]
    expected = {
        "orga": 200,
        "coordination": 200,
        "lead": 403,
        "partner": 403,
        "staff": 403,
    }
    got = {
        name: sorted({client_for(user).get(url).status_code for url in urls})
        for name, user in people.items()
    }
    assert got == {name: [status] for name, status in expected.items()}
    assert client_for(None).get(urls[0]).status_code == 302
    for name in ("lead", "partner", "staff"):
        assert (
            client_for(people[name]).post(urls[2], {"reason": "x"}).status_code == 403
        )
    assert Volunteer.objects.get(pk=pk).erased_at is None


def test_the_volunteer_page_offers_export_and_delete(people, helper):
    pk = helper["volunteer"].pk

    html = (
        client_for(people["coordination"])
        .get(f"/orga/volunteers/people/{pk}/")
        .content.decode()
    )

    assert f'href="/orga/volunteers/people/{pk}/data/" data-export' in html
    assert f'href="/orga/volunteers/people/{pk}/delete/" data-delete' in html


def test_the_volunteers_export_is_their_own(people, helper):
    volunteer = helper["volunteer"]

    response = client_for(people["coordination"]).get(
        f"/orga/volunteers/people/{volunteer.pk}/data.json"
    )

    assert json.loads(response.content) == volunteer_export(volunteer)
    assert (
        AuditEntry.objects.filter(
            action="volunteers.volunteer_export",
            actor_name="koordination",
            object_id=str(volunteer.pk),
            summary="JSON",
        ).count()
        == 1
    )


def test_a_coordinator_deletes_a_volunteer_on_request(
    people, helper, django_capture_on_commit_callbacks
):
    client = client_for(people["coordination"])
    volunteer = helper["volunteer"]

    refused = client.post(f"/orga/volunteers/people/{volunteer.pk}/delete/", {})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/orga/volunteers/people/{volunteer.pk}/delete/",
            {"reason": "Anruf am 4. Dezember"},
        )

    assert refused.status_code == 400
    assert "This field is required." in refused.content.decode()
    assert response.status_code == 302
    assert response["Location"] == "/orga/volunteers/people/"
    volunteer.refresh_from_db()
    assert volunteer.name == "—"
    assert volunteer.erased_at is not None
    assignment = Assignment.objects.get(pk=helper["assignment"].pk)
    assert assignment.withdrawn_at is not None
    assert assignment.withdrawn_by == people["coordination"]
    entry = AuditEntry.objects.get(action="volunteers.volunteer_erase_on_request")
    assert (entry.actor_name, entry.summary) == ("koordination", "Anruf am 4. Dezember")
    # The erased person's pages are gone for the coordination too.
    assert (
        client.get(f"/orga/volunteers/people/{volunteer.pk}/data/").status_code == 404
    )
