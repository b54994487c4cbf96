"""The week board: layout values, filters, moving an event through the venue
service (conflicts refused, nothing changed), bad input and who may do what."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events import roles
from events.models import Event, VenueBooking
from events.services import event_cancel
from planning.selectors.board import (
    ROWS_SUB_EVENT,
    Axis,
    BoardFilters,
    board_build,
)
from tests.events.factories import (
    EventFactory,
    FestivalFactory,
    PartnerFactory,
    SubEventFactory,
    VenueFactory,
    at,
)
from tests.planning.factories import partner_coordinator, staff

pytestmark = pytest.mark.django_db

BOARD = "/orga/planning/board/"
JSON = {"HTTP_ACCEPT": "application/json"}


def move_url(event) -> str:
    return f"/orga/planning/board/events/{event.pk}/move/"


def shown_ids(response) -> list[int]:
    return [
        int(pk) for pk in re.findall(r'id="event-(\d+)"', response.content.decode())
    ]


@pytest.fixture
def week():
    festival = FestivalFactory()
    kino = SubEventFactory(festival=festival, name="Kinowoche", colour="#7a3b8f")
    fest = SubEventFactory(festival=festival, name="Familienfest", colour="#f2c14e")
    hall = VenueFactory(name="Stadthalle")
    library = VenueFactory(name="Stadtbibliothek")
    host = PartnerFactory(name="Kita Sonnenschein")
    lesung = EventFactory(
        sub_event=kino,
        title="Lesung im Saal",
        venue=hall,
        starts_at=at(0, 10),
        ends_at=at(0, 11),
        setup_minutes=30,
        teardown_minutes=15,
    )
    theater = EventFactory(
        sub_event=fest,
        title="Theater für Kinder",
        venue=library,
        starts_at=at(0, 14),
        ends_at=at(0, 16),
        status=Event.Status.DRAFT,
        host_partners=[host],
    )
    picknick = EventFactory(
        sub_event=fest,
        title="Picknick abgesagt",
        venue=None,
        starts_at=at(1, 12),
        ends_at=at(1, 14),
        status=Event.Status.DRAFT,
    )
    return {
        "festival": festival,
        "kino": kino,
        "fest": fest,
        "hall": hall,
        "library": library,
        "host": host,
        "lesung": lesung,
        "theater": theater,
        "picknick": picknick,
    }


@pytest.fixture
def orga(client):
    user = staff("orga", roles.ORGA)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return user


# Layout


def test_a_block_is_placed_by_its_time_with_its_buffers(week, orga):
    board = board_build(festival=week["festival"], user=orga, filters=BoardFilters())

    assert board.axis == Axis(start=7 * 60, end=23 * 60)
    first = board.days[0]
    assert first.day == dt.date(2027, 6, 14)
    hall_row = next(r for r in first.rows if r.key == f"venue-{week['hall'].pk}")
    (block,) = hall_row.blocks
    assert block.event == week["lesung"]
    # Shown from 09:30 (set-up) to 11:15 (tear-down) on a 07:00–23:00 axis.
    assert (block.start, block.end) == (600, 660)
    assert block.left == 15.625  # 150 of 960 minutes
    assert block.width == 10.9375  # 105 of 960 minutes
    assert block.setup_share == 28.5714  # 30 of 105 minutes
    assert block.teardown_share == 14.2857  # 15 of 105 minutes
    assert block.time_text == "10:00–11:00"
    assert block.movable is True
    assert block.style == (
        "left:15.6250%;width:10.9375%;--setup:28.5714%;--teardown:14.2857%;"
        "--lane:0;--colour:#7a3b8f;--ink:#ffffff"
    )
    assert board.axis.hours[0] == ("07:00", 0.0)
    assert board.axis.hours[-1] == ("23:00", 100.0)
    assert len(board.axis.hours) == 17


def test_a_light_colour_gets_dark_text(week, orga):
    board = board_build(festival=week["festival"], user=orga, filters=BoardFilters())
    row = next(r for r in board.days[0].rows if r.key == f"venue-{week['library'].pk}")
    assert row.blocks[0].style.endswith("--colour:#f2c14e;--ink:#111111")


def test_early_and_late_events_widen_the_axis_to_full_hours(week, orga):
    EventFactory(
        sub_event=week["kino"],
        venue=week["hall"],
        starts_at=at(2, 6, 15),
        ends_at=at(2, 6, 45),
        setup_minutes=30,
    )
    EventFactory(
        sub_event=week["kino"],
        venue=week["library"],
        starts_at=at(3, 22),
        ends_at=at(3, 23, 30),
    )
    board = board_build(festival=week["festival"], user=orga, filters=BoardFilters())
    assert board.axis == Axis(start=5 * 60, end=24 * 60)


def test_overlapping_events_of_a_shared_venue_get_their_own_lanes(week, orga):
    park = VenueFactory(name="Stadtpark", shared=True)
    one = EventFactory(
        sub_event=week["fest"], venue=park, starts_at=at(0, 10), ends_at=at(0, 12)
    )
    two = EventFactory(
        sub_event=week["fest"], venue=park, starts_at=at(0, 11), ends_at=at(0, 13)
    )
    three = EventFactory(
        sub_event=week["fest"], venue=park, starts_at=at(0, 12), ends_at=at(0, 14)
    )
    board = board_build(festival=week["festival"], user=orga, filters=BoardFilters())
    row = next(r for r in board.days[0].rows if r.key == f"venue-{park.pk}")
    assert [(b.event, b.lane) for b in row.blocks] == [(one, 0), (two, 1), (three, 0)]
    assert row.lanes == 2


def test_every_day_has_the_used_venues_and_no_venue_only_where_needed(week, orga):
    VenueFactory(name="Alte Turnhalle")  # no event here: no row
    with translation.override("en"):
        board = board_build(
            festival=week["festival"], user=orga, filters=BoardFilters()
        )
    assert [d.day for d in board.days] == week["festival"].days
    venue_keys = [f"venue-{week['library'].pk}", f"venue-{week['hall'].pk}"]
    assert [r.key for r in board.days[0].rows] == venue_keys
    assert [r.key for r in board.days[1].rows] == [*venue_keys, "venue-none"]
    assert board.days[1].rows[-1].label == "No venue yet"
    assert [b.event for b in board.days[1].rows[-1].blocks] == [week["picknick"]]


def test_empty_rows_on_request(week, orga, client):
    gym = VenueFactory(name="Alte Turnhalle")
    board = board_build(
        festival=week["festival"], user=orga, filters=BoardFilters(), all_rows=True
    )
    assert [r.label for r in board.days[0].rows] == [
        "Alte Turnhalle",
        "Stadtbibliothek",
        "Stadthalle",
    ]
    assert f'data-row="venue-{gym.pk}"' not in client.get(BOARD).content.decode()
    html = client.get(BOARD, {"all_rows": "on"}).content.decode()
    assert html.count(f'data-row="venue-{gym.pk}"') == 7  # one row per day


def test_rows_by_sub_event(week, orga):
    board = board_build(
        festival=week["festival"],
        user=orga,
        filters=BoardFilters(),
        rows_by=ROWS_SUB_EVENT,
    )
    keys = [f"sub-{week['kino'].pk}", f"sub-{week['fest'].pk}"]
    assert sorted(r.key for r in board.days[0].rows) == sorted(keys)
    fest_row = next(r for r in board.days[0].rows if r.key == keys[1])
    assert [b.event for b in fest_row.blocks] == [week["theater"]]


# The page and its filters


def test_the_board_shows_blocks_with_state_marks_and_links(week, orga, client):
    response = client.get(BOARD)

    assert response.status_code == 200
    html = response.content.decode()
    # Rows in venue order (Stadtbibliothek, Stadthalle), then "No venue yet".
    assert shown_ids(response) == [
        week["theater"].pk,
        week["lesung"].pk,
        week["picknick"].pk,
    ]
    assert "pl-bk pl-bk--draft pl-bk--movable" in html
    assert "pl-bk pl-bk--published pl-bk--movable" in html
    assert reverse("admin:events_event_change", args=[week["lesung"].pk]) in html
    assert f'href="{move_url(week["lesung"])}?next=/orga/planning/board/"' in html
    assert '<dialog class="pl-move-dialog" id="move-dialog"' in html
    assert "Draft: dashed border" in html  # the legend
    assert "Kinowoche" in html
    assert "3 events shown." in html


def test_filters_narrow_the_board(week, orga, client):
    kino, host = week["kino"], week["host"]
    assert shown_ids(client.get(BOARD, {"sub_event": kino.pk})) == [week["lesung"].pk]
    assert shown_ids(client.get(BOARD, {"partner": host.pk})) == [week["theater"].pk]
    assert shown_ids(client.get(BOARD, {"status": "draft"})) == [
        week["theater"].pk,
        week["picknick"].pk,
    ]
    response = client.get(BOARD, {"day": "2027-06-15"})
    assert shown_ids(response) == [week["picknick"].pk]
    assert 'id="day-2027-06-14"' not in response.content.decode()


def test_filter_values_that_do_not_fit_are_ignored(week, orga, client):
    response = client.get(
        BOARD,
        {
            "sub_event": "x",
            "partner": "99999",
            "status": "gone",
            "day": "1.1.",
            "rows": "?",
        },
    )
    assert response.status_code == 200
    assert len(shown_ids(response)) == 3


def test_empty_states(week, orga, client):
    response = client.get(BOARD, {"status": "cancelled"})
    assert shown_ids(response) == []
    assert "No events match these filters." in response.content.decode()

    Event.objects.all().delete()
    response = client.get(BOARD)
    assert "No events planned yet." in response.content.decode()


def test_rows_by_sub_event_on_the_page(week, orga, client):
    response = client.get(BOARD, {"rows": "sub_event"})
    html = response.content.decode()
    assert f'data-row="sub-{week["kino"].pk}"' in html
    assert 'data-row="venue-none"' not in html
    assert 'data-row="venue-' not in html


def test_query_count_does_not_grow_with_the_events(week, orga, client):
    venues = [VenueFactory() for _ in range(4)]

    def build(count: int) -> None:
        Event.objects.all().delete()
        Event.objects.bulk_create(
            Event(
                sub_event=week["kino"] if n % 2 else week["fest"],
                title=f"Termin {n}",
                slug=f"termin-{count}-{n}",
                venue=venues[n % 4] if n % 5 else None,
                starts_at=at(n % 7, 8 + n % 12),
                ends_at=at(n % 7, 9 + n % 12),
                setup_minutes=15,
                status=[Event.Status.DRAFT, Event.Status.PUBLISHED][n % 2],
            )
            for n in range(count)
        )

    counts = []
    for count in (60, 600):
        build(count)
        client.get(BOARD)  # the current festival is cached after the first request
        with CaptureQueriesContext(connection) as queries:
            response = client.get(BOARD)
        assert response.status_code == 200
        assert len(shown_ids(response)) == count
        counts.append(len(queries))
    assert counts[0] == counts[1]


# Moving


def test_a_move_goes_through_the_service_and_answers_the_new_block(week, orga, client):
    lesung, library = week["lesung"], week["library"]
    response = client.post(
        move_url(lesung),
        {
            "day": "2027-06-15",
            "start": "09:00",
            "end": "10:00",
            "venue": library.pk,
            "rows": "venue",
            "axis_start": "420",
            "axis_end": "1380",
            "next": "/orga/planning/board/?status=published",
        },
        **JSON,
    )

    assert response.status_code == 200
    data = response.json()
    assert data["ok"] is True
    assert data["event"] == lesung.pk
    assert data["day"] == "2027-06-15"
    assert data["row"] == f"venue-{library.pk}"
    assert data["inside_axis"] is True
    assert (
        data["detail"] == "“Lesung im Saal” moved: 15.06. 09:00–10:00, Stadtbibliothek."
    )
    assert f'id="event-{lesung.pk}"' in data["html"]
    assert "09:00–10:00" in data["html"]
    assert "left:9.3750%;width:10.9375%" in data["html"]  # 08:30–10:15 of 07–23
    assert "?next=/orga/planning/board/%3Fstatus%3Dpublished" in data["html"]
    lesung.refresh_from_db()
    assert (lesung.starts_at, lesung.ends_at, lesung.venue) == (
        at(1, 9),
        at(1, 10),
        library,
    )
    assert lesung.sequence == 1  # a new revision for the calendars: the service ran
    booking = VenueBooking.objects.get(event=lesung)
    assert (booking.venue, booking.blocked_from) == (library, at(1, 8, 30))


def test_a_venue_conflict_is_refused_and_nothing_changes(week, orga, client):
    theater, hall = week["theater"], week["hall"]
    response = client.post(
        move_url(theater),
        {"day": "2027-06-14", "start": "10:30", "end": "11:30", "venue": hall.pk},
        **JSON,
    )

    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "venue_conflict"
    assert data["detail"] == (
        "Stadthalle is already taken from Mon, 14.06. 09:30 to Mon, 14.06. 11:15 by "
        "“Lesung im Saal” (set-up and tear-down included)."
    )
    assert data["errors"] == {"venue": [data["detail"]]}
    theater.refresh_from_db()
    assert (theater.starts_at, theater.ends_at) == (at(0, 14), at(0, 16))
    assert theater.venue == week["library"]
    assert VenueBooking.objects.get(event=theater).venue == week["library"]


def test_a_refused_form_post_shows_the_reason(week, orga, client):
    theater, hall = week["theater"], week["hall"]
    response = client.post(
        move_url(theater),
        {"day": "2027-06-14", "start": "10:30", "end": "11:30", "venue": hall.pk},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The event was not moved." in html
    assert "Stadthalle is already taken" in html
    theater.refresh_from_db()
    assert theater.venue == week["library"]


def test_a_form_post_redirects_back_to_the_board_with_a_message(week, orga, client):
    theater = week["theater"]
    response = client.post(
        move_url(theater),
        {
            "day": "2027-06-14",
            "start": "17:00",
            "end": "18:30",
            "venue": week["library"].pk,
            "next": "/orga/planning/board/?day=2027-06-14",
        },
        follow=True,
    )
    assert response.redirect_chain == [
        (f"/orga/planning/board/?day=2027-06-14#event-{theater.pk}", 302)
    ]
    assert "“Theater für Kinder” moved: 14.06. 17:00–18:30, Stadtbibliothek." in (
        response.content.decode()
    )
    theater.refresh_from_db()
    assert (theater.starts_at, theater.ends_at) == (at(0, 17), at(0, 18, 30))


def test_a_foreign_next_address_is_not_followed(week, orga, client):
    response = client.post(
        move_url(week["theater"]),
        {
            "day": "2027-06-14",
            "start": "17:00",
            "end": "18:00",
            "venue": week["library"].pk,
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == f"/orga/planning/board/#event-{week['theater'].pk}"


def test_the_move_page_works_without_javascript(week, orga, client):
    response = client.get(move_url(week["lesung"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="2027-06-14" selected' in html
    assert 'name="start" value="10:00"' in html
    assert 'name="end" value="11:00"' in html
    assert f'<option value="{week["hall"].pk}" selected>Stadthalle</option>' in html


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"day": "2027-06-14", "start": "12:00", "end": "11:00"}, "end_before_start"),
        ({"day": "2027-06-14", "start": "12:00", "end": "12:00"}, "end_before_start"),
        ({"day": "2027-99-99", "start": "12:00", "end": "13:00"}, "invalid_choice"),
        ({"day": "2027-06-14", "start": "25:99", "end": "13:00"}, "invalid"),
        ({"day": "2027-06-14", "start": "12:00", "end": "x"}, "invalid"),
        (
            {"day": "2027-06-14", "start": "12:00", "end": "13:00", "venue": "99999"},
            "invalid_choice",
        ),
        (
            {"day": "2027-06-14", "start": "12:00", "end": "13:00", "venue": "abc"},
            "invalid_choice",
        ),
        ({"start": "12:00", "end": "13:00"}, "required"),
        ({}, "required"),
    ],
)
def test_bad_input_is_refused_with_a_code(week, orga, client, data, code):
    lesung = week["lesung"]
    data = {"venue": week["hall"].pk, **data}
    response = client.post(move_url(lesung), data, **JSON)

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert response.json()["detail"]
    lesung.refresh_from_db()
    assert (lesung.starts_at, lesung.ends_at, lesung.sequence) == (
        at(0, 10),
        at(0, 11),
        0,
    )


def test_a_published_event_cannot_lose_its_venue(week, orga, client):
    lesung = week["lesung"]
    response = client.post(
        move_url(lesung),
        {"day": "2027-06-14", "start": "10:00", "end": "11:00", "venue": ""},
        **JSON,
    )
    assert response.status_code == 400
    assert response.json()["code"] == "venue_required"
    lesung.refresh_from_db()
    assert lesung.venue == week["hall"]


def test_an_unknown_event_is_404(week, orga, client):
    assert client.get("/orga/planning/board/events/99999/move/").status_code == 404
    response = client.post("/orga/planning/board/events/99999/move/", {}, **JSON)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


# Who may do what


def test_anonymous_visitors_go_to_the_login(week, client):
    response = client.get(BOARD)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/orga/planning/board/"
    response = client.post(move_url(week["lesung"]), {})
    assert response["Location"].startswith("/accounts/login/")


def test_partners_may_neither_see_nor_move(week, client):
    client.force_login(partner_coordinator("kita", week["host"]))
    assert client.get(BOARD).status_code == 403
    response = client.post(
        move_url(week["theater"]),
        {
            "day": "2027-06-14",
            "start": "17:00",
            "end": "18:00",
            "venue": week["library"].pk,
        },
        **JSON,
    )
    assert response.status_code == 403
    week["theater"].refresh_from_db()
    assert week["theater"].starts_at == at(0, 14)


def test_volunteer_coordination_sees_the_board_but_cannot_move(week, client):
    client.force_login(staff("coord", roles.VOLUNTEER_COORDINATION))
    response = client.get(BOARD)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(shown_ids(response)) == 3
    assert "data-move-url" not in html
    assert "pl-bk__move" not in html
    assert "move-dialog" not in html

    for extra in ({}, JSON):
        response = client.post(
            move_url(week["lesung"]),
            {
                "day": "2027-06-14",
                "start": "12:00",
                "end": "13:00",
                "venue": week["hall"].pk,
            },
            **extra,
        )
        assert response.status_code == 403
    assert client.get(move_url(week["lesung"])).status_code == 403
    week["lesung"].refresh_from_db()
    assert week["lesung"].starts_at == at(0, 10)


def test_a_module_lead_moves_only_their_sub_events_events(week, client):
    lead = staff("lead", roles.MODULE_LEAD)
    week["kino"].leads.add(lead)
    client.force_login(lead)

    response = client.get(BOARD)
    assert response.status_code == 200
    movable = re.findall(
        r'data-move-url="[^"]*/events/(\d+)/move/"', response.content.decode()
    )
    assert movable == [str(week["lesung"].pk)]

    theater = week["theater"]
    response = client.post(
        move_url(theater),
        {
            "day": "2027-06-14",
            "start": "17:00",
            "end": "18:00",
            "venue": week["library"].pk,
        },
        **JSON,
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    theater.refresh_from_db()
    assert theater.starts_at == at(0, 14)

    response = client.post(
        move_url(week["lesung"]),
        {
            "day": "2027-06-14",
            "start": "12:00",
            "end": "13:00",
            "venue": week["hall"].pk,
        },
        **JSON,
    )
    assert response.status_code == 200
    week["lesung"].refresh_from_db()
    assert week["lesung"].starts_at == at(0, 12)


def test_the_orga_team_moves_any_event(week, orga, client):
    response = client.get(BOARD)
    movable = re.findall(
        r'data-move-url="[^"]*/events/(\d+)/move/"', response.content.decode()
    )
    assert len(movable) == 3
    response = client.post(
        move_url(week["picknick"]),
        {
            "day": "2027-06-16",
            "start": "12:00",
            "end": "13:00",
            "venue": week["hall"].pk,
        },
        **JSON,
    )
    assert response.status_code == 200
    assert response.json()["row"] == f"venue-{week['hall'].pk}"
    week["picknick"].refresh_from_db()
    assert week["picknick"].venue == week["hall"]


def test_an_event_past_midnight_is_cut_at_the_day_end(week, orga):
    late = EventFactory(
        sub_event=week["kino"],
        venue=week["hall"],
        starts_at=at(4, 22),
        ends_at=at(5, 1),
    )
    board = board_build(
        festival=week["festival"], user=orga, filters=BoardFilters(day=late.local_day)
    )
    assert board.axis == Axis(start=7 * 60, end=24 * 60)
    row = next(r for r in board.days[0].rows if r.key == f"venue-{week['hall'].pk}")
    (block,) = row.blocks
    assert (block.start, block.end, block.continues) == (1320, 1500, True)
    assert block.time_text == "22:00–01:00"
    assert (block.left, block.width) == (88.2353, 11.7647)  # 15 of 17 hours, to 24:00


def test_a_move_answers_the_row_of_the_boards_layout(week, orga, client):
    response = client.post(
        move_url(week["theater"]),
        {
            "day": "2027-06-14",
            "start": "06:00",
            "end": "07:00",
            "venue": week["library"].pk,
            "rows": "sub_event",
            "axis_start": "420",
            "axis_end": "1380",
        },
        **JSON,
    )
    assert response.status_code == 200
    data = response.json()
    assert data["row"] == f"sub-{week['fest'].pk}"
    # 06:00 is before the board's axis: the script draws the board anew.
    assert data["inside_axis"] is False


def test_a_cancelled_event_can_be_moved_and_books_nothing(week, orga, client):
    event_cancel(event=week["lesung"], reason="Der Saal wird renoviert.")
    response = client.post(
        move_url(week["lesung"]),
        {
            "day": "2027-06-14",
            "start": "14:30",
            "end": "15:30",
            "venue": week["library"].pk,
        },
        **JSON,
    )
    assert response.status_code == 200
    assert "pl-bk--cancelled" in response.json()["html"]
    assert not VenueBooking.objects.filter(event=week["lesung"]).exists()
