"""The organisers' pages: who may see and act, the applications list (filters,
a fixed number of queries), moves by form and by the board's JSON (400 with a
code), automatic allocation, payments, cancelling and declining, exports."""

import io
from csv import reader

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from events import roles
from subevents.flea_market.models import Application, PitchType
from tests.flea_market.factories import apply, flea_sub_event, market, pitch, staff

pytestmark = pytest.mark.django_db

TABLE = PitchType.Kind.TABLE
RAIL = PitchType.Kind.RAIL
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def orga():
    return staff("orga1", roles.ORGA)


def base(m) -> str:
    return f"/orga/market/{m.event.slug}/"


PAGES = ["", "board/", "sellers.pdf", "sellers.csv", "sellers.xlsx", "site-plan.pdf"]


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_go_to_the_login(client, page):
    m = market()

    response = client.get(base(m) + page)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("page", PAGES)
def test_staff_without_the_market_get_403(client, page):
    m = market()
    other = flea_sub_event(name="Basar", slug="basar")
    lead = staff("leitung", roles.MODULE_LEAD)
    other.leads.add(lead)
    client.force_login(lead)

    assert client.get(base(m) + page).status_code == 403
    assert client.get("/orga/market/").status_code == 403


def test_the_orga_team_and_the_markets_lead_may_work(client, orga):
    m = market()
    waiting_for = apply(m, RAIL)
    lead = staff("marktleitung", roles.MODULE_LEAD)
    m.event.sub_event.leads.add(lead)

    for user in (orga, lead):
        client.force_login(user)
        assert client.get(base(m)).status_code == 200
        assert client.get(base(m) + "board/").status_code == 200
        index = client.get("/orga/market/")
        assert index.status_code == 200
        assert base(m) in index.content.decode()
    response = client.post(
        base(m) + "move/", {"application": waiting_for.pk, "pitch": 5}, **JSON
    )
    assert response.status_code == 200
    assert response.json()["pitch"] == 5


def test_a_refused_user_changes_nothing(client):
    m = market()
    anna = apply(m)
    client.force_login(staff("helfer", roles.VOLUNTEER_COORDINATION))

    for url, data in [
        ("move/", {"application": anna.pk, "pitch": 3}),
        ("allocate/", {}),
        (f"{anna.pk}/paid/", {"paid": "1"}),
        (f"{anna.pk}/cancel/", {}),
        (f"{anna.pk}/decline/", {}),
    ]:
        assert client.post(base(m) + url, data).status_code == 403
    anna.refresh_from_db()
    assert (anna.status, anna.pitch.number, anna.paid_at) == ("allocated", 1, None)


def test_the_list_asks_the_same_queries_for_many_rows(client, orga):
    small = market(slug="klein")
    big = market(slug="gross", layout={TABLE: 20, RAIL: 2})
    apply(small)
    for _n in range(25):
        apply(big)
    client.force_login(orga)
    client.get(base(small))  # caches of the first request (festival, site)

    counts = []
    for m in (small, big):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(base(m))
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]
    assert len(response.context["rows"]) == 25


def test_the_list_filters_and_shows_waiting_places(client, orga):
    m = market(layout={TABLE: 1})
    anna = apply(m, name="Anna")
    apply(m, name="Ben")
    apply(m, name="Cem", seller_kind="association", association="Kita Mühle")
    client.force_login(orga)

    def names(query: str) -> list[tuple[str, int | None]]:
        rows = client.get(base(m) + query).context["rows"]
        return [(r.name, r.position) for r in rows]

    assert names("") == [("Anna", None), ("Ben", 1), ("Cem", 2)]
    assert names("?status=waiting&seller_kind=association") == [("Cem", 2)]
    assert names("?paid=no") == [("Anna", None)]
    assert names("?q=m%C3%BChle") == [("Cem", 2)]
    assert names("?status=unsinn&pitch_type=x&paid=vielleicht") == names("")
    html = client.get(base(m)).content.decode()
    assert f'href="/orga/market/{m.event.slug}/{anna.pk}/confirmation.pdf"' in html


def test_moving_by_the_form_redirects_with_a_message(client, orga):
    m = market()
    anna = apply(m, name="Anna")
    client.force_login(orga)

    response = client.post(
        base(m) + "move/", {"application": anna.pk, "pitch": 3}, follow=True
    )

    assert response.redirect_chain == [(base(m) + "board/", 302)]
    assert "Anna hat jetzt Stand 3." in response.content.decode()
    anna.refresh_from_db()
    assert anna.pitch.number == 3


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"application": "first", "pitch": 2}, "pitch_taken"),
        ({"application": "first", "pitch": 4}, "pitch_type_mismatch"),
        ({"application": "first", "pitch": 99}, "pitch_unknown"),
        ({"application": 999999, "pitch": 3}, "application_unknown"),
        ({"application": "first", "pitch": "drei"}, "invalid"),
        ({"application": "other", "pitch": 3}, "application_unknown"),
    ],
)
def test_the_boards_json_refusals_carry_a_code(client, orga, data, code):
    m = market()
    first = apply(m)
    apply(m)
    other = apply(market(slug="anderer"))
    data = dict(data)
    data["application"] = {"first": first.pk, "other": other.pk}.get(
        data["application"], data["application"]
    )
    client.force_login(orga)

    response = client.post(base(m) + "move/", data, **JSON)

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert response.json()["detail"]
    first.refresh_from_db()
    assert first.pitch.number == 1


def test_a_swap_through_the_board(client, orga):
    m = market()
    anna, ben = apply(m, name="Anna"), apply(m, name="Ben")
    client.force_login(orga)

    response = client.post(
        base(m) + "move/", {"application": anna.pk, "pitch": 2, "swap": "on"}, **JSON
    )

    assert response.status_code == 200
    anna.refresh_from_db()
    ben.refresh_from_db()
    assert (anna.pitch.number, ben.pitch.number) == (2, 1)


def test_the_board_shows_cards_and_the_waiting_list(client, orga):
    m = market(layout={TABLE: 1})
    apply(m, name="Anna")
    ben = apply(m, name="Ben")
    client.force_login(orga)

    html = client.get(base(m) + "board/").content.decode()

    assert html.count('draggable="true"') == 2
    assert f'data-application="{ben.pk}"' in html
    assert "Platz 1" in html
    assert 'data-pitch="1"' in html


def test_automatic_allocation_from_the_page(client, orga):
    m = market(layout={TABLE: 1})
    apply(m)
    ben = apply(m)
    Application.objects.filter(pitch__number=1).update(status="cancelled", pitch=None)
    client.force_login(orga)

    response = client.post(base(m) + "allocate/", {"next": "list"}, follow=True)

    assert response.redirect_chain == [(base(m), 302)]
    assert "1 Wartende haben einen Stand bekommen." in response.content.decode()
    ben.refresh_from_db()
    assert ben.pitch.number == 1
    again = client.post(base(m) + "allocate/", follow=True)
    assert "Kein freier Stand passt" in again.content.decode()


def test_marking_paid_and_unpaid(client, orga):
    m = market()
    anna = apply(m)
    client.force_login(orga)

    client.post(base(m) + f"{anna.pk}/paid/", {"paid": "1"})
    anna.refresh_from_db()
    assert (anna.paid_cents, anna.paid_by) == (800, orga)

    client.post(base(m) + f"{anna.pk}/paid/", {"paid": "1", "amount": "5,50"})
    anna.refresh_from_db()
    assert anna.paid_cents == 550

    client.post(base(m) + f"{anna.pk}/paid/", {"paid": "0"})
    anna.refresh_from_db()
    assert anna.paid_at is None

    response = client.post(
        base(m) + f"{anna.pk}/paid/", {"paid": "1", "amount": "-3"}, follow=True
    )
    assert "Bitte geben Sie einen gültigen Betrag an." in response.content.decode()
    anna.refresh_from_db()
    assert anna.paid_at is None


def test_cancel_and_decline_from_the_list(client, orga):
    m = market(layout={TABLE: 1})
    anna = apply(m, name="Anna")
    ben = apply(m, name="Ben")
    cem = apply(m, name="Cem")
    client.force_login(orga)

    client.post(base(m) + f"{anna.pk}/cancel/")
    client.post(base(m) + f"{ben.pk}/decline/", {"reason": "Neuware"})

    statuses = dict(Application.objects.values_list("name", "status"))
    assert statuses == {"Anna": "cancelled", "Ben": "declined", "Cem": "allocated"}
    response = client.post(base(m) + f"{anna.pk}/cancel/", follow=True)
    assert "Diese Anmeldung ist nicht mehr aktiv." in response.content.decode()
    assert client.get(base(m) + f"{cem.pk}/cancel/").status_code == 405


def test_the_seller_list_as_csv_and_xlsx(client, orga):
    m = market(layout={TABLE: 1})
    apply(m, name='=HYPERLINK("http://x")', email="a@example.org")
    apply(m, name="Jörg Weiß", seller_kind="association", association="Kita Mühle")
    client.force_login(orga)

    csv = client.get(base(m) + "sellers.csv")
    xlsx = client.get(base(m) + "sellers.xlsx")

    assert csv["Content-Disposition"] == (
        f'attachment; filename="{m.event.slug}-verkaeufer.csv"'
    )
    rows = list(reader(io.StringIO(csv.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:7] == [
        "Stand",
        "Bereich",
        "Status",
        "Position auf der Warteliste",
        "Name",
        "Förderverein",
        "Verkäufer:in",
    ]
    assert rows[1][:7] == [
        "1",
        "Platz vor dem Rathaus",
        "Stand vergeben",
        "",
        '\'=HYPERLINK("http://x")',
        "",
        "Privat (Familie)",
    ]
    assert rows[2][:7] == [
        "",
        "",
        "Auf der Warteliste",
        "1",
        "Jörg Weiß",
        "Kita Mühle",
        "Kita- oder Schulförderverein",
    ]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[3]][4:6] == ["Jörg Weiß", "Kita Mühle"]
    assert sheet.cell(2, 5).value == '\'=HYPERLINK("http://x")'


def test_unknown_market_or_application_is_not_found(client, orga):
    m = market()
    client.force_login(orga)

    assert client.get("/orga/market/gibt-es-nicht/").status_code == 404
    assert client.post(base(m) + "999999/paid/", {"paid": "1"}).status_code == 404
    assert client.get(base(m) + "999999/confirmation.pdf").status_code == 404
    assert pitch(m, 1).number == 1
