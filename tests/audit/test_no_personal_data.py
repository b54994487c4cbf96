"""The log must not become a copy of what it protects: after every logged read and
change of a family and a volunteer with unmistakable names, addresses and phone
numbers, none of them appears in any field of any entry."""

import json

import pytest
from django.conf import settings
from django.urls import reverse
from rest_framework.test import APIClient

from events import roles
from events.models import AuditEntry
from registrations.models import Registration
from tests.audit.helpers import every_field_text
from tests.events.factories import FestivalFactory, SubEventFactory, VenueFactory, at
from tests.planning.factories import staff
from tests.registrations.factories import open_event
from tests.volunteers.factories import RoleFactory, ShiftFactory, VolunteerFactory
from volunteers.models import Assignment, Qualification

pytestmark = pytest.mark.django_db

SECRETS = [
    "Quendelmeyer",
    "quendel.zz@example.net",
    "0176 99887766",
    "Xaverine",
    "Quirinus",
    "Xylander",
    "xylander.w@example.net",
    "0155 11223344",
    "Wendelin",
    "Rosalind Vorbeck",  # who sighted a certificate
]


def api(method: str, path: str, data=None, client=None):
    return (client or APIClient()).generic(
        method,
        path,
        "" if data is None else json.dumps(data),
        content_type="application/json",
        HTTP_X_FORWARDED_FOR="10.1.2.3",
    )


def test_no_entry_holds_a_name_an_address_or_a_phone(client):
    festival = FestivalFactory()
    kino = SubEventFactory(festival=festival, name="Kinowoche", slug="kinowoche")
    film = open_event(sub_event=kino, title="Bilderbuchkino", slug="film", capacity=9)
    other = open_event(
        sub_event=kino,
        title="Picknick",
        slug="picknick",
        capacity=9,
        starts_at=at(2, 11),
        ends_at=at(2, 14),
    )
    orga = staff("orga", roles.ORGA)
    client.force_login(orga)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    # The family registers and changes its party through its link.
    created = api(
        "POST",
        "/api/v1/registrations/",
        {
            "event": "film",
            "contact": {
                "name": "Zacharias Quendelmeyer",
                "email": "quendel.zz@example.net",
                "phone": "0176 99887766",
            },
            "participants": [
                {"name": "Xaverine", "age": 7},
                {"name": "Zacharias", "age": 41},
            ],
            "consent_privacy": True,
        },
    )
    assert created.status_code == 201
    party = Registration.objects.get(event=film)
    changed = api(
        "PATCH",
        f"/api/v1/registrations/{party.token}/",
        {
            "participants": [
                {"name": "Xaverine", "age": 7},
                {"name": "Zacharias", "age": 41},
                {"name": "Quirinus", "age": 9},
            ]
        },
    )
    assert changed.status_code == 200

    # The organisers read and act.
    orga_urls = [
        reverse("registrations-orga:registrations", kwargs={"slug": "film"}),
        reverse("registrations-orga:checkin", kwargs={"slug": "film"}) + "?q=Quendel",
        reverse("registrations-orga:checkin-entry", kwargs={"token": party.token}),
        reverse("registrations-orga:export-csv", kwargs={"slug": "film"}),
        reverse("registrations-orga:export-xlsx", kwargs={"slug": "film"}),
        "/api/v1/events/film/registrations/",
    ]
    assert [client.get(url).status_code for url in orga_urls] == [200] * 6
    quirinus = party.participants.get(name="Quirinus")
    xaverine = party.participants.get(name="Xaverine")
    client.post(
        reverse(
            "registrations-orga:checkin-party", kwargs={"slug": "film", "pk": party.pk}
        )
    )
    client.post(
        reverse(
            "registrations-orga:checkin-participant",
            kwargs={"slug": "film", "pk": xaverine.pk},
        ),
        {"action": "undo"},
    )
    client.post(
        reverse(
            "registrations-orga:participant-cancel",
            kwargs={"slug": "film", "pk": quirinus.pk},
        )
    )
    client.post(
        reverse(
            "registrations-orga:party-move", kwargs={"slug": "film", "pk": party.pk}
        ),
        {"move-to_event": other.pk},
    )
    moved = Registration.objects.get(event=other)
    client.post(
        reverse(
            "registrations-orga:party-cancel",
            kwargs={"slug": "picknick", "pk": moved.pk},
        )
    )
    assert client.post(f"/r/{party.household.token}/delete/").status_code == 200

    # The volunteer coordination reads and acts.
    role = RoleFactory(festival=festival, name="Einlass")
    shift = ShiftFactory(role=role, venue=VenueFactory(), needed=2)
    wendelin = VolunteerFactory(
        festival=festival,
        name="Wendelin Xylander",
        email="xylander.w@example.net",
        phone="0155 11223344",
    )
    client.force_login(staff("koordination", roles.VOLUNTEER_COORDINATION))
    reads = [
        "/orga/volunteers/people/?q=Xylander",
        f"/orga/volunteers/people/{wendelin.pk}/",
        f"/orga/volunteers/shifts/{shift.pk}/",
        "/orga/volunteers/qualifications/",
        "/orga/volunteers/export.csv",
        "/orga/volunteers/export.xlsx",
        "/api/v1/orga/volunteers/?q=Xylander",
        f"/api/v1/orga/volunteers/{wendelin.pk}/",
    ]
    client.post(
        f"/orga/volunteers/people/{wendelin.pk}/qualifications/add/",
        {
            "kind": "police_certificate",
            "issued_on": "2025-05-01",
            "sighted_on": "2025-05-03",
            "sighted_by": "Rosalind Vorbeck",
        },
    )
    client.post(
        f"/orga/volunteers/shifts/{shift.pk}/assign/", {"volunteer": wendelin.pk}
    )
    assignment = Assignment.objects.get(volunteer=wendelin)
    assert [client.get(url).status_code for url in reads] == [200] * 8
    client.post(
        f"/orga/volunteers/assignments/{assignment.pk}/attendance/",
        {"attendance": "present"},
    )
    client.post(f"/orga/volunteers/assignments/{assignment.pk}/withdraw/")
    qualification = Qualification.objects.get(volunteer=wendelin)
    client.post(f"/orga/volunteers/qualifications/{qualification.pk}/delete/")

    # The Orga-Team exports the log itself.
    client.force_login(orga)
    assert client.get("/orga/planning/audit/export.csv").status_code == 200

    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert actions == {
        "registrations.create",
        "registrations.party_change",
        "registrations.list_read",
        "registrations.checkin_read",
        "registrations.party_read",
        "registrations.export",
        "registrations.check_in",
        "registrations.check_in_undo",
        "registrations.participant_cancel",
        "registrations.move",
        "registrations.cancel",
        "registrations.household_erase",
        "volunteers.list_read",
        "volunteers.person_read",
        "volunteers.shift_read",
        "volunteers.qualifications_read",
        "volunteers.export",
        "volunteers.qualification_record",
        "volunteers.assignment_create",
        "volunteers.attendance_mark",
        "volunteers.assignment_withdraw",
        "volunteers.qualification_delete",
        "audit.export",
    }
    text = every_field_text().lower()
    assert [secret for secret in SECRETS if secret.lower() in text] == []
