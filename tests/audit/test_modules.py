"""The audit log of reads outside registrations and volunteers: the partner portal's
participant lists, the Spendenlauf's and the market's organiser lists and exports,
and the printed documents with people's names."""

import pytest
from django.conf import settings

from events import roles
from events.models import AuditEntry
from registrations.models import Registration
from tests.audit.helpers import entries, summaries
from tests.charity_run.factories import make_run, pledge, runner
from tests.events.factories import EventFactory, FestivalFactory, PartnerFactory, at
from tests.flea_market.factories import apply, market
from tests.planning.factories import partner_coordinator, staff
from tests.registrations.factories import open_event, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def orga(client):
    user = staff("orga", roles.ORGA)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return user


def test_a_partners_participant_list(client):
    kita = PartnerFactory(name="Kita Sonnenschein")
    event = open_event(host_partners=[kita], title="Kita-Fest")
    register(event, 5, 33)
    AuditEntry.objects.all().delete()
    client.force_login(partner_coordinator("kita", kita))

    response = client.get(f"/orga/planning/partner/events/{event.pk}/participants/")

    assert response.status_code == 200
    assert entries() == [
        (
            "planning.partner_participants_read",
            "events.event",
            str(event.pk),
            "kita",
            "staff",
        )
    ]
    assert summaries() == ["Kita-Fest"]


def test_a_partners_portal_with_its_volunteers(client):
    FestivalFactory()
    kita = PartnerFactory(name="Kita Sonnenschein")
    client.force_login(partner_coordinator("kita", kita))

    response = client.get("/orga/planning/partner/")

    assert response.status_code == 200
    assert entries() == [("planning.partner_portal_read", "", "", "kita", "staff")]
    assert summaries() == ["1 partners, 0 volunteers"]


def test_the_orga_teams_portal_before_choosing_an_organisation_is_not_logged(
    client, orga
):
    FestivalFactory()
    PartnerFactory()

    assert client.get("/orga/planning/partner/").status_code == 200
    assert entries() == []


def test_another_organisations_list_is_a_404_and_not_logged(client):
    event = open_event(host_partners=[PartnerFactory()])
    client.force_login(partner_coordinator("fremd", PartnerFactory()))

    response = client.get(f"/orga/planning/partner/events/{event.pk}/participants/")

    assert response.status_code == 404
    assert entries() == []


def test_the_spendenlauf_lists_files_and_exports(client, orga):
    run = make_run()
    mia = runner(run)
    pledge(run, runner=mia)
    AuditEntry.objects.all().delete()
    base = "/orga/run/familienlauf"

    statuses = [
        client.get(f"{base}/{path}").status_code
        for path in (
            "runners/?q=Mia",
            "pledges/",
            "teams/",
            "flagged/",
            "export/runners.csv",
            "export/pledges.xlsx",
            "certificates.pdf",
            f"runners/{mia.pk}/certificate.pdf",
            "letters.pdf",
        )
    ]

    assert statuses == [200] * 9
    run_ref = ("charity_run.run", str(run.pk))
    assert [(a, (t, i)) for a, t, i, _who, _via in entries()] == [
        ("charity_run.runners_read", run_ref),
        ("charity_run.pledges_read", run_ref),
        ("charity_run.teams_read", run_ref),
        ("charity_run.flagged_read", run_ref),
        ("charity_run.export", run_ref),
        ("charity_run.export", run_ref),
        ("charity_run.certificates_read", run_ref),
        ("charity_run.certificate_read", ("charity_run.runner", str(mia.pk))),
        ("charity_run.letters_read", run_ref),
    ]
    assert {(who, via) for _a, _t, _i, who, via in entries()} == {("orga", "staff")}
    assert summaries() == [
        "",
        "",
        "",
        "",
        "runners, CSV: 1 rows",
        "pledges, XLSX: 1 rows",
        "1 rows",
        "",
        "1 letters",
    ]


def test_the_markets_applications_and_seller_files(client, orga):
    the_market = market()
    apply(the_market)
    AuditEntry.objects.all().delete()
    base = "/orga/market/markt"

    statuses = [
        client.get(f"{base}/{path}").status_code
        for path in (
            "?q=Familie",
            "board/",
            "sellers.csv",
            "sellers.xlsx",
            "sellers.pdf",
            "site-plan.pdf",  # the public version: no names, not logged
            "site-plan.pdf?names=1",
        )
    ]

    assert statuses == [200] * 7
    market_ref = ("flea_market.market", str(the_market.pk))
    assert [(a, (t, i)) for a, t, i, _who, _via in entries()] == [
        ("flea_market.applications_read", market_ref),
        ("flea_market.board_read", market_ref),
        ("flea_market.export", market_ref),
        ("flea_market.export", market_ref),
        ("flea_market.export", market_ref),
        ("flea_market.export", market_ref),
    ]
    assert summaries() == [
        "",
        "",
        "sellers, CSV: 1 rows",
        "sellers, XLSX: 1 rows",
        "sellers, PDF",
        "site plan with names, PDF",
    ]


def test_a_printed_attendance_list_fetched_by_a_person(
    client, orga, django_capture_on_commit_callbacks
):
    event = open_event(slug="bilderbuchkino", starts_at=at(0, 10), ends_at=at(0, 11))
    register(event, 6, 35)
    url = "/orga/print/events/bilderbuchkino/attendance.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        preparing = client.get(url)  # the first request queues the build
    AuditEntry.objects.all().delete()

    response = client.get(url)

    assert (preparing.status_code, response.status_code) == (503, 200)
    assert [(a, t, who, via) for a, t, _i, who, via in entries()] == [
        ("printing.document_read", "printing.printrun", "orga", "staff")
    ]
    assert summaries() == ["attendance event=bilderbuchkino"]
    assert Registration.objects.count() == 1


def test_public_documents_are_not_logged(client, django_capture_on_commit_callbacks):
    EventFactory(slug="lesung")
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/print/programme.pdf")

    assert client.get("/print/programme.pdf").status_code == 200
    assert entries() == []
