"""Attendance lists, shift plans and name badges, read back with pypdf."""

import math

import pytest
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from printing.documents import (
    KINDS,
    lists,  # noqa: F401 (registers the kinds)
)
from registrations.models import Registration
from registrations.services.registering import registration_cancel
from tests.events.factories import FestivalFactory, PartnerFactory, VenueFactory, at
from tests.printing.readers import (
    A4,
    all_text,
    assert_german_and_embedded,
    fonts_embedded,
    german,
    page_size,
    read,
)
from tests.registrations.factories import open_event, register
from tests.volunteers.factories import (
    RoleFactory,
    ShiftFactory,
    VolunteerFactory,
    assign,
)
from volunteers.models import Shift

pytestmark = pytest.mark.django_db

A4_LANDSCAPE = (A4[1], A4[0])


def one_line(reader) -> str:
    return " ".join(all_text(reader).split())


# --- Attendance -------------------------------------------------------------------


def test_attendance_lists_exactly_the_confirmed_parties():
    FestivalFactory()
    event = open_event(
        title="Töpfern für Familien",
        slug="toepfern",
        capacity=4,
        venue=VenueFactory(name="Werkstatt Nord"),
    )
    register(event, 6, 35, name="Familie Öztürk")
    register(event, 8, name="Ayşe Yılmaz 🌟")
    waiting = register(event, 7, 40, name="Familie Wartend").registration
    cancelled = register(event, 5, name="Familie Abgesagt").registration
    assert waiting.status == Registration.Status.WAITLISTED
    registration_cancel(registration=cancelled)

    kind = KINDS["attendance"]
    reader = read(kind.build(event="toepfern"))

    assert page_size(reader) == A4
    assert_german_and_embedded(
        reader, _("Attendance list: %(event)s") % {"event": "Töpfern für Familien"}
    )
    content = one_line(reader)
    assert "Familie Öztürk" in content
    assert "Ayşe Yılmaz □" in content
    assert "Familie Wartend" not in content
    assert "Familie Abgesagt" not in content
    assert "Werkstatt Nord" in content
    assert german("✗ no") in content
    assert (kind.permission, kind.listed) == ("registrations.view_registration", False)


def test_attendance_fingerprint_changes_when_a_party_cancels():
    FestivalFactory()
    event = open_event(slug="basteln")
    result = register(event, 6)
    kind = KINDS["attendance"]
    before = kind.fingerprint(event="basteln")

    registration_cancel(registration=result.registration)

    assert kind.fingerprint(event="basteln") != before


def test_attendance_repeats_its_header_on_every_page():
    FestivalFactory()
    event = open_event(slug="gross", capacity=400)
    for _n in range(60):
        register(event, 6, 7, 38)

    reader = read(KINDS["attendance"].build(event="gross"))

    assert len(reader.pages) > 1
    header = german("Party (contact)")
    assert all(header in page.extract_text() for page in reader.pages)
    assert all(fonts_embedded(reader))


# --- Shift plan -------------------------------------------------------------------


def shift_day():
    festival = FestivalFactory()
    venue = VenueFactory(name="Marktplatz", slug="markt")
    coordinator = get_user_model().objects.create_user(
        "koordi", first_name="Sabine", last_name="Groß"
    )
    shift = ShiftFactory(
        role=RoleFactory(festival=festival, name="Aufbau & Ausschank"),
        venue=venue,
        starts_at=at(0, 9),
        coordinator=coordinator,
        coordinator_phone="0170 1111111",
    )
    partner = PartnerFactory(name="Kita Sonnenschein")
    assign(
        shift,
        VolunteerFactory(
            festival=festival,
            name="Jürgen Müller",
            phone="0151 9876543",
            partner=partner,
        ),
    )
    assign(shift, VolunteerFactory(festival=festival, name="محمد Şahin"))
    return festival


def test_shift_plan_coordinators_copy_has_phone_numbers_the_public_one_does_not():
    shift_day()
    kind = KINDS["shift-plan"]

    public = read(kind.build(day="2027-06-14", venue="markt", copy="public"))
    coordinators = read(
        kind.build(day="2027-06-14", venue="markt", copy="coordinators")
    )

    for reader in (public, coordinators):
        assert page_size(reader) == A4_LANDSCAPE
        assert all(fonts_embedded(reader))
    assert_german_and_embedded(
        public,
        _("Shift plan: %(venue)s, %(day)s")
        % {"venue": "Marktplatz", "day": "Montag, 14. Juni 2027"},
    )
    public_text, coordinators_text = one_line(public), one_line(coordinators)
    for content in (public_text, coordinators_text):
        assert "Jürgen Müller · Kita Sonnenschein" in content
        assert "Şahin" in content
        assert "Aufbau & Ausschank" in content
        assert "09:00–13:00" in content
        assert "Sabine Groß" in content
    assert "0151 9876543" in coordinators_text
    assert "0170 1111111" in coordinators_text
    assert "0151" not in public_text
    assert "0170" not in public_text
    assert (kind.permission, kind.listed) == ("volunteers.view_shift", False)


def test_shift_plan_fingerprint_follows_the_assignments():
    festival = shift_day()
    kind = KINDS["shift-plan"]
    before = kind.fingerprint(day="2027-06-14", venue="markt", copy="public")
    shift = Shift.objects.get(role__festival=festival)

    assign(ShiftFactory(role=shift.role, venue=shift.venue, starts_at=at(0, 14)))

    assert kind.fingerprint(day="2027-06-14", venue="markt", copy="public") != before
    assert kind.fingerprint(day="2027-06-15", venue="markt", copy="public") == (
        kind.fingerprint(day="2027-06-15", venue="markt", copy="public")
    )


def test_shift_plan_of_a_day_without_shifts_says_so():
    FestivalFactory()
    VenueFactory(slug="leer")

    reader = read(KINDS["shift-plan"].build(day="2027-06-20", venue="leer"))

    assert german("No shifts here on this day.") in one_line(reader)


# --- Badges -----------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 10, 23])
def test_badges_ten_per_sheet_for_every_volunteer_with_a_shift(count):
    festival = FestivalFactory()
    role = RoleFactory(festival=festival, name="Einlass")
    for hour in range(count):
        shift = ShiftFactory(role=role, starts_at=at(hour // 8, 8 + hour % 8), needed=1)
        assign(
            shift, VolunteerFactory(festival=festival, name=f"Helferin Nr. {hour:02d}")
        )
    VolunteerFactory(festival=festival, name="Ohne Schicht")

    reader = read(KINDS["badges"].build())

    assert len(reader.pages) == math.ceil(count / 10)
    assert all(page_size(reader, i) == A4 for i in range(len(reader.pages)))
    assert_german_and_embedded(
        reader, _("Name badges") + " – Festwoche 20 Jahre Bündnis für Familie"
    )
    per_page = [page.extract_text().count("Helferin Nr.") for page in reader.pages]
    assert per_page == [min(10, count - 10 * i) for i in range(len(reader.pages))]
    assert "Ohne Schicht" not in all_text(reader)
    assert "Einlass" in all_text(reader)


def test_badge_shows_name_roles_and_partner_even_when_odd():
    festival = FestivalFactory()
    volunteer = VolunteerFactory(
        festival=festival,
        name="Zeynep Gülşen Çelik-Ağaoğlu von und zu Niederschönhausen 🙂",
        partner=PartnerFactory(name="Familienzentrum Regenbogen e. V."),
    )
    assign(
        ShiftFactory(role=RoleFactory(festival=festival, name="Kinderschminken")),
        volunteer,
    )
    assign(
        ShiftFactory(
            role=RoleFactory(festival=festival, name="Info-Stand"), starts_at=at(1, 9)
        ),
        volunteer,
    )

    kind = KINDS["badges"]
    content = one_line(read(kind.build()))

    assert "Çelik-Ağaoğlu" in content
    assert "□" in content
    assert "Info-Stand, Kinderschminken" in content
    assert "Familienzentrum Regenbogen e. V." in content
    assert (kind.permission, kind.listed) == ("volunteers.view_volunteer", True)
    assert len(read(kind.build(day="2027-06-15")).pages) == 1
