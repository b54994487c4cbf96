"""The public pages (sign-up, join link, the runner's page, the board) and the
organisers' pages (access, fixed query counts, forms)."""

import pytest
from django.test import Client
from django.urls import reverse

from events import roles
from subevents.charity_run import services
from subevents.charity_run.models import Pledge, Run, Runner

from .factories import laps, make_run, pledge, runner, staff, team

pytestmark = pytest.mark.django_db


def signup_data(**extra):
    data = {
        "first_name": "Zeynep",
        "last_name": "Öztürk",
        "age_group": "7-10",
        "tshirt_size": "128",
        "email": "",
        "guardian_name": "Ayşe Öztürk",
        "guardian_consent": "on",
        "consent_privacy": "on",
    }
    data.update(extra)
    return data


def test_a_family_signs_up_a_child_and_lands_on_the_runner_page():
    run = make_run()
    client = Client()
    page = client.get(reverse("charity_run:run", kwargs={"slug": run.slug}))
    assert page.status_code == 200

    response = client.post(
        reverse("charity_run:run", kwargs={"slug": run.slug}), signup_data()
    )

    zeynep = Runner.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "charity_run:runner", kwargs={"token": zeynep.token}
    )
    assert (zeynep.start_number, zeynep.team, zeynep.guardian_name) == (
        1,
        None,
        "Ayşe Öztürk",
    )
    mine = client.get(response["Location"])
    assert "Startnummer ist 1" in mine.content.decode()


def test_without_consent_the_form_says_why_and_stores_nothing():
    run = make_run()
    response = Client().post(
        reverse("charity_run:run", kwargs={"slug": run.slug}),
        signup_data(guardian_consent=""),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["guardian_consent"] == [
        "Läuferinnen und Läufer unter 18 brauchen die Einwilligung eines Elternteils "
        "oder einer sorgeberechtigten Person: Bitte geben Sie deren Namen an und "
        "setzen Sie das Häkchen bei der Einwilligung."
    ]
    assert Runner.objects.count() == 0


def test_the_join_link_puts_the_runner_into_the_team():
    run = make_run()
    klasse = team(run, "Klasse 4b")
    url = reverse(
        "charity_run:join", kwargs={"slug": run.slug, "code": klasse.join_code}
    )
    response = Client().post(url, signup_data())
    assert response.status_code == 302
    assert list(Runner.objects.values_list("team__name", "start_number")) == [
        ("Klasse 4b", 100)
    ]
    bad = reverse("charity_run:join", kwargs={"slug": run.slug, "code": "wrong"})
    assert Client().get(bad).status_code == 404


def test_the_family_adds_a_pledge_online_and_sees_it_with_the_amount_so_far():
    run = make_run()
    mia = runner(run)
    laps(run, mia, 4)
    url = reverse("charity_run:runner", kwargs={"token": mia.token})
    response = Client().post(
        url,
        {
            "sponsor_name": "Opa Mehmet",
            "sponsor_email": "Opa@Example.org",
            "kind": "per_lap",
            "per_lap": "1,50",
            "cap": "5",
        },
    )
    assert response.status_code == 302
    p = Pledge.objects.get()
    assert (p.per_lap_cents, p.cap_cents, p.source, p.sponsor_email) == (
        150,
        500,
        "online",
        "opa@example.org",
    )
    page = Client().get(url)
    assert page.context["pledged"] == 500
    assert "5,00 €" in page.content.decode()


def test_the_board_groups_thousands_in_the_visitors_language():
    run = make_run(min_lap_seconds=1)
    mia = runner(run, "Mia", "Yılmaz")
    laps(run, mia, 1001, gap_seconds=2)
    url = reverse("charity_run:board-data", kwargs={"slug": run.slug})

    german = Client().get(url).json()
    english = Client(headers={"cookie": "django_language=en"}).get(url).json()

    assert (german["laps_text"], english["laps_text"]) == ("1.001", "1,001")


def test_the_certificate_is_there_once_the_run_is_finished():
    run = make_run()
    mia = runner(run)
    url = reverse("charity_run:runner-certificate", kwargs={"token": mia.token})
    assert Client().get(url).status_code == 404
    services.run_state_set(run=run, state=Run.State.FINISHED)
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_the_board_json_shows_first_names_and_numbers_only():
    run = make_run()
    klasse = team(run)
    mia = runner(run, "Mia", "Yılmaz", team=klasse)
    ben = runner(run, "Ben", "Weber")
    laps(run, mia, 3)
    laps(run, ben, 1)
    pledge(run, runner=mia, per_lap_cents=200)
    data = Client().get(reverse("charity_run:board-data", kwargs={"slug": run.slug}))
    assert data.json() == {
        "state": "live",
        "laps": 4,
        "laps_text": "4",
        "runners": 2,
        "distance_km": 1.6,
        "distance": "1,6",
        "donations_cents": 600,
        "donations": "6,00 €",
        "teams": [{"name": "Klasse 3a", "laps": 3}],
        "runners_top": [
            {"first_name": "Mia", "start_number": 100, "laps": 3},
            {"first_name": "Ben", "start_number": 1, "laps": 1},
        ],
    }
    assert "Yılmaz" not in data.content.decode()
    page = Client().get(reverse("charity_run:board", kwargs={"slug": run.slug}))
    assert page.status_code == 200


ORGA_PAGES = [
    "charity_run:orga-run",
    "charity_run:orga-runners",
    "charity_run:orga-teams",
    "charity_run:orga-pledges",
    "charity_run:orga-counters",
    "charity_run:orga-flagged",
    "charity_run:orga-settings",
    "charity_run:staff-count",
]


@pytest.mark.parametrize("name", ORGA_PAGES)
def test_organiser_pages_need_login_and_permission(name):
    run = make_run()
    url = reverse(name, kwargs={"slug": run.slug})
    assert Client().get(url).status_code == 302
    other = Client()
    other.force_login(staff("helfer", roles.VOLUNTEER_COORDINATION))
    assert other.get(url).status_code == 403
    orga = Client()
    orga.force_login(staff("orga1", roles.ORGA))
    assert orga.get(url).status_code == 200


def test_a_lead_of_the_sub_event_may_manage_the_run():
    run = make_run()
    lead = staff("leitung", roles.MODULE_LEAD)
    run.event.sub_event.leads.add(lead)
    client = Client()
    client.force_login(lead)
    assert (
        client.get(
            reverse("charity_run:orga-pledges", kwargs={"slug": run.slug})
        ).status_code
        == 200
    )
    assert client.get(reverse("charity_run:orga-runs")).status_code == 200


def _fill(run, n):
    klasse = team(run, f"Klasse {n}")
    for i in range(n):
        person = runner(run, f"Kind{i}", team=klasse if i % 2 else None)
        laps(run, person, 2)
        pledge(run, runner=person, sponsor_email=f"s{i}@example.org", cap_cents=150)
    pledge(run, team=klasse, fixed_cents=1000)
    services.pledge_mark_received(
        pledge=Pledge.objects.first(), cents=100, by=staff(f"kasse{n}", roles.ORGA)
    )


@pytest.mark.parametrize(
    "name",
    [
        "charity_run:orga-run",
        "charity_run:orga-runners",
        "charity_run:orga-teams",
        "charity_run:orga-pledges",
        "charity_run:orga-counters",
        "charity_run:orga-flagged",
    ],
)
def test_list_pages_ask_a_fixed_number_of_queries(name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run = make_run()
    client = Client()
    client.force_login(staff("orga1", roles.ORGA))
    url = reverse(name, kwargs={"slug": run.slug})
    _fill(run, 2)
    client.get(url)  # warm: the festival and the session are cached afterwards
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _fill(run, 8)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_staff_enter_a_paper_pledge_and_mark_it_received():
    run = make_run()
    mia = runner(run)
    laps(run, mia, 3)
    client = Client()
    user = staff("orga1", roles.ORGA)
    client.force_login(user)
    url = reverse("charity_run:orga-pledges", kwargs={"slug": run.slug})
    response = client.post(
        url,
        {
            "start_number": "1",
            "sponsor_name": "Bäckerei Kühn",
            "kind": "fixed",
            "fixed": "25",
        },
    )
    assert response.status_code == 302
    p = Pledge.objects.get()
    assert (p.source, p.entered_by, p.fixed_cents, p.runner) == (
        "paper",
        user,
        2500,
        mia,
    )
    client.post(url, {"action": "received", "pledge": p.pk, "received": "20,00"})
    p.refresh_from_db()
    assert (p.received_cents, p.received_by) == (2000, user)
    page = client.get(url)
    totals = page.context["overall"]
    assert (totals.pledged, totals.received, totals.open) == (2500, 2000, 500)
    bad = client.post(
        url, {"start_number": "99", "sponsor_name": "X", "kind": "fixed", "fixed": "5"}
    )
    assert bad.status_code == 400
    assert Pledge.objects.count() == 1


def test_organisers_create_a_team_a_counting_link_and_change_the_state():
    run = make_run(state=Run.State.NOT_STARTED)
    client = Client()
    client.force_login(staff("orga1", roles.ORGA))
    slug = {"slug": run.slug}
    client.post(
        reverse("charity_run:orga-teams", kwargs=slug),
        {"name": "TSV Musterstadt", "kind": "sports_club"},
    )
    client.post(reverse("charity_run:orga-counters", kwargs=slug), {"name": "Ziel 1"})
    client.post(reverse("charity_run:orga-run", kwargs=slug), {"state": "live"})
    run.refresh_from_db()
    assert list(run.teams.values_list("name", "block")) == [("TSV Musterstadt", 1)]
    assert list(run.counters.values_list("name", flat=True)) == ["Ziel 1"]
    assert run.state == "live"
    counter = run.counters.get()
    client.post(
        reverse("charity_run:orga-counters", kwargs=slug),
        {"action": "revoke", "counter": counter.pk},
    )
    counter.refresh_from_db()
    assert counter.revoked_at is not None


def test_organisers_review_a_flagged_tap():
    import datetime as dt
    import uuid

    from django.utils import timezone

    run = make_run()
    mia = runner(run)
    now = timezone.now()
    services.lap_tap(run=run, start_number=1, key=uuid.uuid4(), client_time=now)
    double = services.lap_tap(
        run=run,
        start_number=1,
        key=uuid.uuid4(),
        client_time=now + dt.timedelta(seconds=5),
    ).entry
    client = Client()
    client.force_login(staff("orga1", roles.ORGA))
    url = reverse("charity_run:orga-flagged", kwargs={"slug": run.slug})
    assert [e.pk for e in client.get(url).context["rows"]] == [double.pk]
    client.post(url, {"entry": double.pk, "action": "confirm"})
    assert client.get(url).context["rows"] == []
    from subevents.charity_run.selectors import runner_laps

    assert runner_laps(mia.pk) == 2


def test_the_settings_page_sets_an_event_up_as_a_run():
    from tests.events.factories import EventFactory, at

    from .factories import spendenlauf

    event = EventFactory(
        sub_event=spendenlauf(), slug="bambini", starts_at=at(5, 9), ends_at=at(5, 10)
    )
    client = Client()
    client.force_login(staff("orga1", roles.ORGA))
    response = client.post(
        reverse("charity_run:orga-settings", kwargs={"slug": "bambini"}),
        {
            "lap_length_m": "200",
            "min_lap_seconds": "40",
            "cause": "Kita-Garten",
            "signup_open": "on",
            "team_block_size": "100",
            "reference_pattern": "SL {letter}",
        },
    )
    assert response.status_code == 302
    run = Run.objects.get(event=event)
    assert (run.lap_length_m, run.cause, run.state) == (
        200,
        "Kita-Garten",
        "not_started",
    )


def test_exports_hold_the_rows_and_are_formula_safe():
    run = make_run()
    mia = runner(run, "=Mia", "Yılmaz")
    laps(run, mia, 2)
    pledge(run, runner=mia, sponsor_name="@Oma", per_lap_cents=100)
    client = Client()
    client.force_login(staff("orga1", roles.ORGA))
    csv = (
        client.get(
            reverse(
                "charity_run:orga-export",
                kwargs={"slug": run.slug, "what": "pledges", "fmt": "csv"},
            )
        )
        .content.decode("utf-8-sig")
        .splitlines()
    )
    assert len(csv) == 2
    assert csv[1].split(";")[1] == "'@Oma"
    assert csv[1].split(";")[9:13] == ["2", "200", "0", "200"]
    runners_csv = (
        client.get(
            reverse(
                "charity_run:orga-export",
                kwargs={"slug": run.slug, "what": "runners", "fmt": "csv"},
            )
        )
        .content.decode("utf-8-sig")
        .splitlines()
    )
    assert runners_csv[1].split(";")[:3] == ["1", "'=Mia", "Yılmaz"]
    xlsx = client.get(
        reverse(
            "charity_run:orga-export",
            kwargs={"slug": run.slug, "what": "runners", "fmt": "xlsx"},
        )
    )
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"


def test_the_runner_gets_their_link_by_mail_after_sign_up(
    django_capture_on_commit_callbacks,
):
    from django.core import mail

    run = make_run()
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            reverse("charity_run:run", kwargs={"slug": run.slug}),
            signup_data(email="zeynep@example.org"),
        )
    assert response.status_code == 302
    zeynep = Runner.objects.get()
    [message] = mail.outbox
    assert message.to == ["zeynep@example.org"]
    assert message.subject == "Spendenlauf: Familienlauf: Startnummer 1"
    assert f"/run/r/{zeynep.token}/" in message.body
