"""The certificates and the sponsor letters: A4 portrait, German, fonts embedded,
the names (umlauts, Turkish, Arabic) and the amounts readable in the text."""

import unicodedata

import pytest
from django.test import Client
from django.urls import reverse

from events import roles
from events.pdf.fonts import printable
from subevents.charity_run.models import Runner
from tests.printing.readers import A4, all_text, fonts_embedded, page_size, read

from .factories import laps, make_run, pledge, runner, staff, team

pytestmark = pytest.mark.django_db


def german_and_embedded(reader, title):
    assert reader.metadata.title == title
    assert reader.metadata.author == "Festwoche 20 Jahre Bündnis für Familie"
    assert reader.trailer["/Root"]["/Lang"] == "de-DE"
    embedded = fonts_embedded(reader)
    assert embedded and all(embedded)


@pytest.fixture
def orga_client():
    client = Client()
    client.force_login(staff("orga1", roles.ORGA))
    return client


def test_a_class_gets_one_pdf_with_a_certificate_page_per_runner(orga_client):
    run = make_run()
    klasse = team(run, "Klasse 3a")
    mia = runner(run, "Mia", "Yılmaz", team=klasse)
    runner(run, "Jörg", "Groß", team=klasse)
    runner(run, "Layla", "حداد", age_group=Runner.AgeGroup.ADULT)  # not in the class
    laps(run, mia, 12)

    response = orga_client.get(
        reverse("charity_run:orga-certificates", kwargs={"slug": run.slug}),
        {"team": klasse.pk},
    )

    reader = read(response.content)
    assert response["Content-Type"] == "application/pdf"
    assert len(reader.pages) == 2
    assert [page_size(reader, i) for i in range(2)] == [A4, A4]
    german_and_embedded(reader, "Urkunden: Klasse 3a")
    first, second = (page.extract_text() for page in reader.pages)
    assert "Urkunde" in first
    assert "Mia Yılmaz" in first
    assert "12 Runden · 4,8 km" in first
    assert "Team: Klasse 3a" in first
    assert "Jörg Groß" in second
    assert "0 Runden · 0,0 km" in second


def test_an_arabic_name_prints(orga_client):
    run = make_run()
    layla = runner(run, "Layla", "حداد", age_group=Runner.AgeGroup.ADULT)
    response = orga_client.get(
        reverse(
            "charity_run:orga-certificate", kwargs={"slug": run.slug, "pk": layla.pk}
        )
    )
    reader = read(response.content)
    assert len(reader.pages) == 1
    # The metadata holds the name as printed (shaped, in visual order).
    german_and_embedded(reader, printable("Urkunde: Layla حداد"))
    text = all_text(reader)
    assert "Layla" in text
    # Shaped letters (presentation forms) read back as the name.
    assert "Layla حداد" in unicodedata.normalize("NFKC", text)
    assert "\u25a1" not in text


def test_one_letter_per_sponsor_with_all_their_pledges_and_the_bank_details(
    orga_client,
):
    run = make_run()
    mia = runner(run, "Mia", "Yılmaz")
    ben = runner(run, "Ben", "Öztürk")
    laps(run, mia, 12)
    laps(run, ben, 3)
    # Oma Gül sponsors both grandchildren: one letter.
    pledge(
        run,
        runner=mia,
        per_lap_cents=150,
        cap_cents=1500,
        sponsor_address="Lindenweg 2\n12345 Musterstadt",
    )
    pledge(run, runner=ben, per_lap_cents=200)
    other = pledge(
        run,
        runner=ben,
        sponsor_name="Bäckerei Kühn",
        sponsor_email="",
        fixed_cents=2500,
    )

    response = orga_client.get(
        reverse("charity_run:orga-letters", kwargs={"slug": run.slug})
    )

    reader = read(response.content)
    assert len(reader.pages) == 2
    assert page_size(reader) == A4
    german_and_embedded(reader, "Sponsorenbriefe: Spendenlauf: Familienlauf")
    oma, baeckerei = (page.extract_text() for page in reader.pages)
    assert "Oma Gül" in oma and "Lindenweg 2" in oma
    assert "Mia Yılmaz" in oma and "Ben Öztürk" in oma
    assert "1,50 € pro Runde, höchstens 15,00 €" in oma
    assert "15,00 €" in oma and "6,00 €" in oma
    assert "21,00 €" in oma  # the total: 15,00 (capped) + 6,00
    assert "DE02120300000000202051" in oma
    assert "25,00 €" in baeckerei
    assert f"Spendenlauf {other.pk:05d}" in baeckerei

    single = orga_client.get(
        reverse("charity_run:orga-letters", kwargs={"slug": run.slug}),
        {"sponsor": "oma@example.org"},
    )
    reader = read(single.content)
    assert len(reader.pages) == 1
    german_and_embedded(reader, "Sponsorenbrief: Oma Gül")


def test_the_pledges_page_links_each_sponsors_letter(orga_client):
    run = make_run()
    mia = runner(run)
    pledge(
        run,
        runner=mia,
        sponsor_name="Bäckerei Kühn",
        sponsor_email="",
        sponsor_address="Marktstraße 4",
        fixed_cents=2500,
    )
    page = orga_client.get(
        reverse("charity_run:orga-pledges", kwargs={"slug": run.slug})
    )
    [row] = page.context["rows"]
    link = reverse("charity_run:orga-letters", kwargs={"slug": run.slug})
    assert (
        f"{link}?sponsor=b%C3%A4ckerei%20k%C3%BChn%7Cmarktstra%C3%9Fe%204"
        in page.content.decode()
    )
    letter = orga_client.get(link, {"sponsor": row.sponsor_key})
    reader = read(letter.content)
    assert len(reader.pages) == 1
    assert "Bäckerei Kühn" in all_text(reader)
