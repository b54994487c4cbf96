"""The posters, read back as a reader's software reads them."""

import pytest

from events.models import Event
from printing.documents import (
    KINDS,
    posters,  # noqa: F401 (registers the kinds)
)
from tests.events.factories import (
    EventFactory,
    FestivalFactory,
    SubEventFactory,
    VenueFactory,
    at,
)
from tests.printing.readers import (
    A3,
    A4,
    all_text,
    assert_german_and_embedded,
    fonts_embedded,
    german,
    page_size,
    read,
)

pytestmark = pytest.mark.django_db


def test_venue_day_poster_lists_the_days_events_at_that_venue():
    FestivalFactory()
    venue = VenueFactory(name="Bürgerhaus Süd", slug="buergerhaus")
    EventFactory(
        title="Märchenstunde für Kinder",
        venue=venue,
        starts_at=at(0, 10),
        min_age=4,
        max_age=8,
    )
    EventFactory(title="Anderswo", starts_at=at(0, 11))
    EventFactory(title="Morgen hier", venue=venue, starts_at=at(1, 11))

    reader = read(
        KINDS["poster-venue-day"].build(venue="buergerhaus", day="2027-06-14")
    )

    assert len(reader.pages) == 1
    assert page_size(reader) == A4
    assert_german_and_embedded(reader, "Bürgerhaus Süd – Montag, 14. Juni 2027")
    content = all_text(reader)
    assert "Märchenstunde für Kinder" in content
    assert "10:00–11:00" in content
    assert "4–8 Jahre" in content
    assert "Anderswo" not in content
    assert "Morgen hier" not in content


def test_venue_day_poster_for_a_day_without_events_says_so():
    FestivalFactory()
    VenueFactory(name="Stadtbücherei", slug="buecherei")

    reader = read(KINDS["poster-venue-day"].build(venue="buecherei", day="2027-06-16"))

    assert page_size(reader) == A4
    assert german("There are no festival events here on this day.") in (
        all_text(reader).replace("\n", " ")
    )


def test_venue_day_poster_survives_bad_data_and_numbers_its_pages():
    FestivalFactory()
    venue = VenueFactory(name="Kulturzentrum 🎉 Yıldız", slug="kultur")
    for hour in range(8, 20):
        EventFactory(
            title="Ä" + "x" * 190 + " 🎈",
            venue=venue,
            starts_at=at(2, hour),
            sub_event=SubEventFactory(name="مرحبا Çocuk şenliği"),
        )

    reader = read(KINDS["poster-venue-day"].build(venue="kultur", day="2027-06-16"))

    content = all_text(reader)
    pages = len(reader.pages)
    assert pages > 1
    assert "Kulturzentrum □ Yıldız" in content
    assert "Çocuk şenliği" in content
    assert german("Page %(page)d of %(pages)d") % {"page": pages, "pages": pages} in (
        reader.pages[-1].extract_text()
    )
    assert all(fonts_embedded(reader))


def test_venue_day_fingerprint_changes_with_the_programme(
    django_capture_on_commit_callbacks,
):
    FestivalFactory()
    venue = VenueFactory(slug="saal")
    kind = KINDS["poster-venue-day"]
    before = kind.fingerprint(venue="saal", day="2027-06-14")

    with django_capture_on_commit_callbacks(execute=True):
        EventFactory(venue=venue)

    assert kind.fingerprint(venue="saal", day="2027-06-14") != before
    assert kind.filename(venue="saal", day="2027-06-14") == "poster-saal-2027-06-14.pdf"
    assert (kind.permission, kind.listed) == (None, False)


def test_sub_event_poster_is_a3_with_all_dates_by_day():
    festival = FestivalFactory()
    sub_event = SubEventFactory(
        festival=festival,
        name="Familientag im Grünen",
        slug="familientag",
        description="Spiel, Spaß und Begegnung für Groß und Klein.",
    )
    EventFactory(
        sub_event=sub_event,
        title="Spielstraße",
        venue=VenueFactory(name="Stadtpark"),
        starts_at=at(0, 14),
        min_age=3,
    )
    homeless = EventFactory(sub_event=sub_event, title="Ohne Ort", starts_at=at(3, 9))
    Event.objects.filter(pk=homeless.pk).update(venue=None)  # bad data, not via forms
    EventFactory(sub_event=sub_event, title="Entwurf", status=Event.Status.DRAFT)

    reader = read(KINDS["poster-sub-event"].build(sub_event="familientag"))

    assert page_size(reader) == A3
    assert_german_and_embedded(reader, "Familientag im Grünen")
    content = all_text(reader)
    assert "Spiel, Spaß und Begegnung für Groß und Klein." in content
    assert "Montag, 14. Juni" in content
    assert "Donnerstag, 17. Juni" in content
    assert "Spielstraße" in content
    assert "Stadtpark" in content
    assert "ab 3 Jahren" in content
    assert "Ohne Ort" in content
    assert "Entwurf" not in content
