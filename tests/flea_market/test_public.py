"""The public pages in German (the default): the market page with fees, free
pitches and the site plan, the application form and its errors, the seller's
page by token, cancelling, the confirmation PDF; the event page's panel."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from subevents.flea_market.models import Application, Market, PitchType
from tests.flea_market.factories import apply, market, pitch_type

pytestmark = pytest.mark.django_db

TABLE = PitchType.Kind.TABLE
RAIL = PitchType.Kind.RAIL


def form(m: Market, **fields) -> dict:
    data = {
        "name": "Ayşe Yılmaz",
        "email": "ayse@example.org",
        "phone": "0151 2345678",
        "seller_kind": "private",
        "pitch_type": str(pitch_type(m).pk),
        "goods": ["clothes", "toys"],
        "consent": "on",
        "website": "",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def test_the_market_page_shows_fees_free_pitches_rules_and_the_plan(client):
    m = market()
    apply(m)

    response = client.get(f"/market/{m.event.slug}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Stand anmelden: Kleider- und Spielzeugmarkt am Rathaus" in html
    rows = response.context["rows"]
    assert [(r.pitch_type.name, r.total, r.free) for r in rows] == [
        ("Tisch 1,2 m", 3, 2),
        ("Kleiderständer", 2, 2),
    ]
    assert "2 von 3 frei" in html
    assert "8,00 €" in html and "6,00 €" in html
    assert "Keine Neuware." in html
    assert html.count('class="fm-pitch ') == 5
    assert html.count("fm-pitch--taken") == 1
    # No names on the public plan.
    assert Application.objects.get().name not in html
    assert "Gewerbliche Anbieter können nicht teilnehmen" in html


def test_the_market_page_asks_the_same_queries_for_a_bigger_market(client):
    small = market(slug="klein")
    big = market(slug="gross", layout={TABLE: 30, RAIL: 12}, sockets={1, 2, 3})
    for m in (small, big):
        apply(m)
        apply(m, RAIL)

    counts = []
    for m in (small, big):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/market/{m.event.slug}/").status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_a_family_applies_and_lands_on_its_page_with_the_pitch(
    client, django_capture_on_commit_callbacks
):
    m = market()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/market/{m.event.slug}/", form(m), follow=True)

    application = Application.objects.get()
    assert response.redirect_chain == [(f"/market/seller/{application.token}/", 302)]
    html = response.content.decode()
    assert "Ihr Stand: Nummer 1" in html
    assert "Vielen Dank, Ihre Anmeldung ist eingegangen." in html
    assert f"/market/seller/{application.token}/confirmation.pdf" in html
    assert "fm-pitch--mine" in html
    assert (application.name, application.goods, application.phone) == (
        "Ayşe Yılmaz",
        ["clothes", "toys"],
        "0151 2345678",
    )
    assert [m.to for m in mail.outbox] == [["ayse@example.org"]]


def test_form_errors_are_shown_and_nothing_is_stored(client):
    m = market()

    response = client.post(
        f"/market/{m.event.slug}/",
        form(m, name="", email="kein-mail", goods=None, consent=None),
    )

    assert response.status_code == 400
    assert sorted(response.context["form"].errors) == [
        "consent",
        "email",
        "goods",
        "name",
    ]
    assert "Bitte prüfen Sie Ihre Angaben" in response.content.decode()
    assert Application.objects.count() == 0


def test_commercial_sellers_are_not_offered_when_the_market_refuses_them(client):
    m = market()

    response = client.post(
        f"/market/{m.event.slug}/", form(m, seller_kind="commercial")
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["seller_kind"]
    assert Application.objects.count() == 0


def test_commercial_sellers_apply_at_their_own_fee_when_allowed(client):
    m = market(commercial=Market.Commercial.OWN_FEE)

    response = client.post(
        f"/market/{m.event.slug}/", form(m, seller_kind="commercial")
    )

    assert response.status_code == 302
    assert Application.objects.get().fee_cents == 2000


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"seller_kind": "association", "association": ""},
            "association",
            "Bitte geben Sie den Namen Ihres Kita- oder Schulfördervereins an.",
        ),
        (
            {"needs_electricity": "on"},
            "needs_electricity",
            "Kein Stand dieser Art hat einen Stromanschluss; bitte wählen Sie eine "
            "andere Standart.",
        ),
    ],
)
def test_the_service_refusals_land_at_their_field(client, fields, field, message):
    m = market()

    response = client.post(f"/market/{m.event.slug}/", form(m, **fields))

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert Application.objects.count() == 0


def test_a_second_application_from_the_same_address_is_refused(client):
    m = market()
    client.post(f"/market/{m.event.slug}/", form(m))

    response = client.post(
        f"/market/{m.event.slug}/", form(m, pitch_type=str(pitch_type(m, RAIL).pk))
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["email"]
    assert Application.objects.count() == 1


def test_a_closed_market_takes_no_applications(client):
    m = market(applications_open=False)

    page = client.get(f"/market/{m.event.slug}/")
    response = client.post(f"/market/{m.event.slug}/", form(m))

    assert "Die Anmeldung für diesen Markt ist geschlossen." in page.content.decode()
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Die Anmeldung für diesen Markt ist geschlossen."
    ]
    assert Application.objects.count() == 0


def test_the_honeypot_looks_successful_and_stores_nothing(client):
    m = market()

    response = client.post(
        f"/market/{m.event.slug}/", form(m, website="http://spam.example")
    )

    assert response.status_code == 302
    assert Application.objects.count() == 0


def test_the_apply_form_is_rate_limited(client):
    m = market()
    for _n in range(10):
        client.post(f"/market/{m.event.slug}/", form(m, name=""))

    response = client.post(f"/market/{m.event.slug}/", form(m))

    assert response.status_code == 429
    assert Application.objects.count() == 0


def test_a_waiting_seller_sees_the_place_and_can_cancel(
    client, django_capture_on_commit_callbacks
):
    m = market(layout={TABLE: 1})
    apply(m)
    apply(m)
    waiting = apply(m, name="Ben", email="ben@example.org")

    page = client.get(f"/market/seller/{waiting.token}/")
    assert page.status_code == 200
    assert "Platz 2 auf der Warteliste für „Tisch 1,2 m“." in page.content.decode()
    assert (
        client.get(f"/market/seller/{waiting.token}/confirmation.pdf").status_code
        == 404
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/market/seller/{waiting.token}/cancel/", follow=True)

    waiting.refresh_from_db()
    assert waiting.status == "cancelled"
    assert "Ihre Anmeldung ist storniert." in response.content.decode()
    assert mail.outbox[-1].subject == (
        "Anmeldung storniert: Kleider- und Spielzeugmarkt am Rathaus"
    )
    again = client.post(f"/market/seller/{waiting.token}/cancel/", follow=True)
    assert "Diese Anmeldung ist nicht mehr aktiv." in again.content.decode()


def test_the_confirmation_pdf_is_the_sellers_only(client):
    m = market()
    anna = apply(m)

    response = client.get(f"/market/seller/{anna.token}/confirmation.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="stand-1.pdf"'
    assert client.get("/market/seller/unbekannt/").status_code == 404
    assert client.get(f"/market/seller/{anna.token}/cancel/").status_code == 405


def test_an_unknown_market_is_not_found(client):
    assert client.get("/market/gibt-es-nicht/").status_code == 404


def test_the_event_page_shows_the_line_free_pitches_and_the_link(client):
    m = market()
    apply(m)

    response = client.get(m.event.get_absolute_url())

    html = response.content.decode()
    assert "5 Stände · Tische, Kleiderständer · Aufbau ab 08:00" in html
    assert f'data-free="{pitch_type(m).pk}">2 frei' in html
    assert f'href="/market/{m.event.slug}/"' in html


def test_the_sub_event_page_links_its_markets(client):
    m = market()

    response = client.get(m.event.sub_event.get_absolute_url())

    assert f'href="/market/{m.event.slug}/"' in response.content.decode()


def test_a_draft_market_is_not_public_and_a_past_one_takes_no_applications(client):
    from events.models import Event

    draft = market(slug="entwurf")
    Event.objects.filter(pk=draft.event_id).update(status=Event.Status.DRAFT)
    past = market(slug="vorbei")
    Event.objects.filter(pk=past.event_id).update(
        starts_at=timezone.now() - dt.timedelta(days=2),
        ends_at=timezone.now() - dt.timedelta(days=2) + dt.timedelta(hours=5),
    )

    assert client.get("/market/entwurf/").status_code == 404
    assert (
        'href="/market/entwurf/"'
        not in client.get(draft.event.sub_event.get_absolute_url()).content.decode()
    )
    page = client.get("/market/vorbei/").content.decode()
    assert "Die Anmeldung für diesen Markt ist geschlossen." in page
    assert 'name="consent"' not in page
    panel = client.get(past.event.get_absolute_url()).content.decode()
    assert "Die Standanmeldung ist geschlossen." in panel
    response = client.post("/market/vorbei/", form(past))
    assert response.status_code == 400
    assert Application.objects.count() == 0
