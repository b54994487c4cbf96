"""The printed documents read back as a reader's software does (pypdf): page
size and count, German metadata, embedded fonts, the text with umlauts; the
entrance's site plan shows no names, the internal one does."""

import pytest

from events import roles
from subevents.flea_market import pdf
from subevents.flea_market.models import Application, PitchType
from tests.flea_market.factories import apply, market, staff
from tests.printing.readers import (
    A3,
    A4,
    all_text,
    assert_german_and_embedded,
    page_size,
    read,
)

pytestmark = pytest.mark.django_db

TABLE = PitchType.Kind.TABLE
RAIL = PitchType.Kind.RAIL
TITLE = "Kleider- und Spielzeugmarkt am Rathaus"


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def sellers():
    m = market(layout={TABLE: 3, RAIL: 2}, sockets={2})
    apply(m, name="Jörg Weiß")
    apply(
        m,
        name="Ayşe Öztürk",
        seller_kind="association",
        association="Förderverein Kita Sonnenschein",
        needs_electricity=True,
        goods=["cake"],
    )
    apply(m, RAIL, name="Zoë Groß")
    return m


def test_the_confirmation_is_one_german_a4_page_with_the_pitch(sellers):
    application = Application.objects.get(name="Ayşe Öztürk")

    reader = read(pdf.confirmation_pdf(application))

    assert len(reader.pages) == 1
    assert page_size(reader) == A4
    assert_german_and_embedded(reader, f"Standbestätigung: {TITLE}")
    text = flat(all_text(reader))
    for expected in (
        "Stand 2",
        "Förderverein Kita Sonnenschein (Ayşe Öztürk)",
        "Aufbau 08:00–09:45",
        "Tisch 1,2 m, mit Stromanschluss",
        "6,00 € – noch nicht bezahlt",
        "Bar am Info-Stand.",
        "Keine Neuware.",
        "Ihr Stand auf dem Lageplan",
        f"/market/seller/{application.token}/",
    ):
        assert expected in text, expected


def test_a_paid_fee_is_printed_with_its_date(sellers):
    from subevents.flea_market.services import application_mark_paid

    application = Application.objects.get(name="Jörg Weiß")
    application = application_mark_paid(
        application=application, by=staff("kasse"), amount_cents=800
    )
    application = Application.objects.get(pk=application.pk)

    text = flat(all_text(read(pdf.confirmation_pdf(application))))

    assert f"bezahlt am {application.paid_at:%d.%m.%Y} (8,00 €)" in text
    assert "Bar am Info-Stand." not in text


def test_the_entrance_site_plan_is_a3_landscape_without_names(sellers):
    reader = read(pdf.site_plan_pdf(sellers))

    assert len(reader.pages) == 1
    assert page_size(reader) == (A3[1], A3[0])
    assert_german_and_embedded(reader, f"Lageplan: {TITLE}")
    text = flat(all_text(reader))
    for expected in ("Lageplan: Platz vor dem Rathaus", "Eingang", "Stromanschluss"):
        assert expected in text
    numbers = [str(n) for n in range(1, 6)]
    assert all(n in text.split() for n in numbers)
    for name in ("Jörg", "Ayşe", "Zoë"):
        assert name not in text


def test_the_internal_site_plan_shows_the_sellers(sellers):
    reader = read(pdf.site_plan_pdf(sellers, with_names=True))

    assert_german_and_embedded(reader, f"Lageplan: {TITLE} – intern")
    text = all_text(reader)
    assert "Jörg Weiß" in text
    assert "Zoë Groß" in text


def test_the_seller_list_has_every_seller_by_pitch(sellers):
    reader = read(pdf.seller_list_pdf(sellers))

    assert page_size(reader) == A4
    assert_german_and_embedded(reader, f"Verkäufer:innen: {TITLE}")
    text = flat(all_text(reader))
    assert "3 Verkäufer:innen" in text
    assert "Gebühren fällig 20,00 €, bezahlt 0,00 €" in text
    positions = [text.index(n) for n in ("Jörg Weiß", "Ayşe Öztürk", "Zoë Groß")]
    assert positions == sorted(positions)


def test_pdfs_print_german_even_for_an_english_visitor(sellers, client):
    client.force_login(staff("orga1", roles.ORGA))
    client.cookies["django_language"] = "en"

    page = client.get(f"/orga/market/{sellers.event.slug}/")
    response = client.get(f"/orga/market/{sellers.event.slug}/site-plan.pdf")

    assert "Applications" in page.content.decode()
    assert response["Content-Type"] == "application/pdf"
    assert read(response.content).metadata.title == f"Lageplan: {TITLE}"
