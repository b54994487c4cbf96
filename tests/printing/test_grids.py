"""The modules' print grids (events.registry) as an A4 landscape PDF: the
conference grid read back as a reader's software reads it, served at
/print/grids/<name>.pdf and listed on the downloads page."""

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from events.demo import demo_load
from events.registry import registry
from printing.documents import KINDS, no_progress
from subevents.conference.models import Format, Session
from subevents.conference.selectors import print_grid_data
from tests.conference.factories import (
    ConferenceFactory,
    SessionFactory,
    SpeakerFactory,
    TrackFactory,
)
from tests.events.factories import EventFactory, FestivalFactory, VenueFactory, at
from tests.planning.factories import english
from tests.printing.readers import (
    all_text,
    assert_german_and_embedded,
    german,
    page_size,
    read,
)

pytestmark = pytest.mark.django_db

CHECK_PDF = Path(settings.BASE_DIR).parent / "shared" / "validators" / "check-pdf"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def conference():
    return ConferenceFactory(festival=FestivalFactory())


def make(conference, venue, start, end, title, **kwargs):
    event = EventFactory(
        sub_event=conference, venue=venue, starts_at=start, ends_at=end, title=title
    )
    return SessionFactory(event=event, **kwargs)


@pytest.fixture
def programme(conference):
    aula, bib = VenueFactory(name="Aula"), VenueFactory(name="Bibliothek")
    track = TrackFactory(sub_event=conference, name="Frühe Bildung")
    keynote = make(
        conference, aula, at(1, 9), at(1, 10, 30), "Keynote", format=Format.KEYNOTE
    )
    keynote.speakers.add(SpeakerFactory(name="Anna Beispiel"))
    make(conference, aula, at(1, 11), at(1, 12, 30), "Workshop A", track=track)
    make(conference, bib, at(1, 11), at(1, 11, 45), "Vortrag B", track=track)
    return conference


def build() -> bytes:
    return KINDS["grid"].build(grid="conference-grid", progress=no_progress)


def test_the_conference_registers_its_grid():
    grid = registry.print_grid("conference-grid")

    assert grid is not None
    assert [g.name for g in registry.print_grids()].count("conference-grid") == 1


def test_the_grid_data_has_rooms_as_columns_and_a_row_per_start_time(programme):
    data = print_grid_data(programme.festival)

    assert data.columns == ["Aula", "Bibliothek"]
    assert [row.label for row in data.rows] == ["09:00", "11:00"]
    assert data.rows[0].cells == [
        "Keynote\n09:00–10:30\nKeynote\nAnna Beispiel (Kita Sonnenschein)",
        None,
    ]
    assert data.rows[1].cells[0].split("\n")[:2] == ["Workshop A", "11:00–12:30"]
    assert data.rows[1].cells[1].split("\n")[0] == "Vortrag B"
    assert "Frühe Bildung" in data.rows[1].cells[1].split("\n")[2]


def test_the_grid_data_labels_rows_with_the_day_when_there_are_several(conference):
    aula = VenueFactory(name="Aula")
    make(conference, aula, at(1, 9), at(1, 10), "Erster Tag")
    make(conference, aula, at(2, 9), at(2, 10), "Zweiter Tag")

    data = print_grid_data(conference.festival)

    assert len(data.rows) == 2
    assert data.rows[0].label != data.rows[1].label
    assert all(row.label.endswith("\n09:00") for row in data.rows)


def test_the_pdf_is_a4_landscape_german_embedded_with_titles_and_rooms(programme):
    reader = read(build())

    assert page_size(reader) == (841.9, 595.3)
    assert all(page_size(reader, i) == (841.9, 595.3) for i in range(len(reader.pages)))
    assert_german_and_embedded(reader, f"Bildungskonferenz: {german('Programme grid')}")
    text = all_text(reader)
    for expected in ("Keynote", "Workshop A", "Vortrag B", "Aula", "Bibliothek"):
        assert expected in text
    assert "Festwoche 20 Jahre Bündnis für Familie" in text
    assert "11:00–12:30" in text


def test_a_long_grid_repeats_its_header_row_on_every_page(conference):
    rooms = [VenueFactory(name=f"Raum {n}") for n in range(3)]
    for hour in range(8, 18):
        for room in rooms:
            make(
                conference,
                room,
                at(1, hour),
                at(1, hour, 50),
                f"Sitzung {hour} {room.name} mit einem längeren Titel",
            )
    for day in (2, 3):
        for hour in range(8, 18):
            make(
                conference, rooms[0], at(day, hour), at(day, hour, 50), f"T{day}{hour}"
            )

    reader = read(build())

    assert len(reader.pages) > 1
    for page in reader.pages:
        text = page.extract_text()
        assert "Raum 0" in text and "Raum 2" in text


def test_umlauts_print_and_an_emoji_becomes_a_visible_square(conference):
    make(conference, VenueFactory(name="Aula"), at(1, 9), at(1, 10), "Übergänge 🎉")

    reader = read(build())

    text = all_text(reader)
    assert "Übergänge □" in text
    assert_german_and_embedded(reader, f"Bildungskonferenz: {german('Programme grid')}")


def test_without_sessions_the_grid_has_no_data_and_the_pdf_says_so(conference):
    EventFactory(sub_event=conference, title="Kein Sitzungstermin")

    assert print_grid_data(conference.festival) is None
    assert print_grid_data(None) is None
    reader = read(build())
    assert page_size(reader) == (841.9, 595.3)
    assert len(reader.pages) == 1


@pytest.mark.skipif(not CHECK_PDF.exists(), reason=f"{CHECK_PDF} is not here")
def test_the_grid_passes_check_pdf(programme, tmp_path):
    path = tmp_path / "grid.pdf"
    path.write_bytes(build())

    arguments = ["--size", "A4L", "--lang", "de-DE", "--expect", "Workshop A"]
    result = subprocess.run(
        [str(CHECK_PDF), str(path), *arguments],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db(transaction=True)
def test_the_url_serves_the_pdf_and_an_unknown_grid_is_404(client, programme):
    response = client.get("/print/grids/conference-grid.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Vortrag B" in all_text(read(response.content))
    assert "conference-grid.pdf" in response["Content-Disposition"]
    assert client.get("/print/grids/no-such-grid.pdf").status_code == 404


def test_the_downloads_page_lists_the_grid_only_when_it_has_data(
    client, conference, django_capture_on_commit_callbacks
):
    english(client)
    empty = client.get("/print/").content.decode()
    assert "/print/grids/conference-grid.pdf" not in empty

    # The new session bumps the programme version after its commit.
    with django_capture_on_commit_callbacks(execute=True):
        make(conference, VenueFactory(name="Aula"), at(1, 9), at(1, 10), "Keynote")
    listed = client.get("/print/").content.decode()

    assert 'href="/print/grids/conference-grid.pdf"' in listed
    assert "Conference programme grid (PDF, A4 landscape)" in listed


def test_the_conference_grid_page_links_the_pdf(client, programme):
    page = client.get("/conference/").content.decode()

    assert 'href="/print/grids/conference-grid.pdf"' in page


def test_the_demo_conference_grid_prints_every_published_session():
    demo_load(start=dt.date(2027, 6, 14), with_accounts=False)
    cache.clear()  # the demo's commits did not run their version bumps here

    reader = read(build())

    text = " ".join(all_text(reader).split())
    titles = Session.objects.filter(event__status="published").values_list(
        "event__title", flat=True
    )
    assert titles
    missing = [t for t in titles if " ".join(t.split())[:20] not in text]
    assert missing == []
    assert all(page_size(reader, i) == (841.9, 595.3) for i in range(len(reader.pages)))
