"""The planners' to-do list: conflicts and gaps of the festival, one list."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events import roles
from events.models import Event
from events.registry import registry
from events.selectors import Conflict
from planning.selectors.todo import board_url, todo_count, todo_list
from tests.events.factories import (
    EventFactory,
    FestivalFactory,
    PartnerFactory,
    SubEventFactory,
    VenueFactory,
    at,
)
from tests.planning.factories import english, partner_coordinator, staff
from tests.volunteers.factories import RoleFactory, ShiftFactory, assign

pytestmark = pytest.mark.django_db

URL = "/orga/planning/todo/"


def admin_url(event) -> str:
    return reverse("admin:events_event_change", args=[event.pk])


@pytest.fixture
def plan():
    """Two sub-events: the Kinowoche has an overlap and an event without a text,
    the Familienfest an understaffed shift and an event without its opening date."""
    festival = FestivalFactory()
    kino = SubEventFactory(festival=festival, name="Kinowoche", slug="kinowoche")
    fest = SubEventFactory(festival=festival, name="Familienfest", slug="fest")
    aula = VenueFactory(name="Aula", slug="aula", capacity=100)
    film = EventFactory(
        sub_event=kino,
        title="Film",
        summary="Ein Film.",
        venue=aula,
        starts_at=at(0, 10),
        ends_at=at(0, 12),
    )
    # Written past the service, as imported data would be.
    zweiter = Event.objects.create(
        sub_event=kino,
        title="Zweiter Film",
        slug="zweiter-film",
        summary="Noch ein Film.",
        venue=aula,
        starts_at=at(0, 11),
        ends_at=at(0, 13),
        status=Event.Status.PUBLISHED,
    )
    stumm = EventFactory(
        sub_event=kino, title="Stummfilm", venue=aula, starts_at=at(1, 10)
    )
    basteln = EventFactory(
        sub_event=fest,
        title="Basteln",
        summary="Mit Papier.",
        venue=VenueFactory(name="Zelt", slug="zelt"),
        capacity=20,
        starts_at=at(2, 10),
    )
    role = RoleFactory(festival=festival, name="Einlass")
    shift = ShiftFactory(
        role=role,
        venue=aula,
        sub_event=fest,
        starts_at=at(2, 9),
        needed=2,
    )
    assign(shift)
    return {
        "festival": festival,
        "kino": kino,
        "fest": fest,
        "film": film,
        "zweiter": zweiter,
        "stumm": stumm,
        "basteln": basteln,
        "shift": shift,
    }


def rows(todo) -> list[tuple[str, str, str]]:
    return [
        (group.kind, item.conflict.fix_url, item.conflict.fix_label)
        for group in todo.groups
        for item in group.items
    ]


# --- The selector ---------------------------------------------------------------
def test_every_kind_is_grouped_most_urgent_first_with_its_fix_link(plan, settings):
    settings.LANGUAGE_CODE = "en"
    todo = todo_list(festival=plan["festival"])

    shift_url = reverse("volunteers-orga:shift", kwargs={"pk": plan["shift"].pk})
    assert rows(todo) == [
        ("venue_overlap", board_url(plan["zweiter"].pk), "Show on the week board"),
        ("shift_understaffed", shift_url, "Open the shift"),
        (
            "no_registration_opening",
            admin_url(plan["basteln"]),
            "Edit the event",
        ),
        ("no_description", admin_url(plan["stumm"]), "Edit the event"),
    ]
    assert board_url(7) == "/orga/planning/board/?focus=7#event-7"
    assert [(g.label, g.severity, g.count) for g in todo.groups] == [
        ("Venue double-booked", "high", 1),
        ("Shifts understaffed", "medium", 1),
        ("No registration opening date", "low", 1),
        ("No description", "low", 1),
    ]
    assert (todo.total, todo.shown, todo.urgent) == (4, 4, 1)
    assert todo_count(plan["festival"]) == 4


def test_filters_by_kind_and_sub_event(plan, settings):
    settings.LANGUAGE_CODE = "en"
    festival = plan["festival"]

    by_kind = todo_list(festival=festival, kind="no_description")
    by_sub_event = todo_list(festival=festival, sub_event_id=plan["fest"].pk)

    assert [g.kind for g in by_kind.groups] == ["no_description"]
    assert by_kind.kinds == [
        ("venue_overlap", "Venue double-booked", 1),
        ("shift_understaffed", "Shifts understaffed", 1),
        ("no_registration_opening", "No registration opening date", 1),
        ("no_description", "No description", 1),
    ]
    assert [g.kind for g in by_sub_event.groups] == [
        "shift_understaffed",
        "no_registration_opening",
    ]
    assert (by_sub_event.total, by_sub_event.shown) == (4, 2)


def test_a_providers_conflicts_join_the_list_in_their_severity(plan):
    def speakers(festival):
        return [
            Conflict(
                kind="speaker_double_booked",
                message="Dr. Weber speaks twice at 10:00.",
                event_ids=(plan["film"].pk,),
                fix_url="/orga/conference/speakers/1/",
                severity="high",
                fix_label="Open the speaker",
                sub_event_ids=(plan["kino"].pk,),
            )
        ]

    registry.register_conflict_provider(speakers)
    try:
        with translation.override("en"):
            todo = todo_list(festival=plan["festival"])
    finally:
        registry.unregister_conflict_provider(speakers)

    assert [g.kind for g in todo.groups][:2] == [
        "venue_overlap",
        "speaker_double_booked",
    ]
    assert todo.groups[1].items[0].conflict.fix_url == "/orga/conference/speakers/1/"
    assert todo.groups[1].label == "Speaker double-booked"


# --- The page ----------------------------------------------------------------------
def test_anonymous_visitors_go_to_the_login(client, plan):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["nobody", "partner"])
def test_staff_outside_the_planning_groups_get_403(client, plan, who):
    if who == "nobody":
        user = staff("niemand")
    else:
        user = partner_coordinator("kita", PartnerFactory())
    client.force_login(user)

    assert client.get(URL).status_code == 403


@pytest.mark.parametrize(
    "group", [roles.ORGA, roles.MODULE_LEAD, roles.VOLUNTEER_COORDINATION]
)
def test_planners_see_the_list(client, plan, group):
    client.force_login(staff("planer", group))

    response = english(client).get(URL)

    assert response.status_code == 200
    assert response.context["todo"].total == 4


def test_the_page_shows_messages_counts_and_fix_links(client, plan):
    client.force_login(staff("orga", roles.ORGA))

    html = english(client).get(URL).content.decode()

    assert 'Venue double-booked <span class="pl-todo-count">(1)</span>' in html
    assert "“Film” and “Zweiter Film” overlap at Aula (Mon, 14.06. 11:00)." in html
    assert f'href="{board_url(plan["zweiter"].pk)}"'.replace("&", "&amp;") in html
    assert "4 open items · 1 urgent" in html


def test_a_module_lead_sees_their_sub_events_first_and_all_on_request(client, plan):
    lead = staff("leitung", roles.MODULE_LEAD)
    plan["fest"].leads.add(lead)
    client.force_login(lead)

    mine = english(client).get(URL)
    everything = english(client).get(URL, {"scope": "all"})

    assert [g.kind for g in mine.context["todo"].groups] == [
        "shift_understaffed",
        "no_registration_opening",
    ]
    assert mine.context["only_mine"] is True
    assert "2 open items · 4 in all" in mine.content.decode()
    assert [g.kind for g in everything.context["todo"].groups] == [
        "venue_overlap",
        "shift_understaffed",
        "no_registration_opening",
        "no_description",
    ]
    assert [
        item.mine for g in everything.context["todo"].groups for item in g.items
    ] == [False, True, True, False]


def test_the_filters_on_the_page(client, plan):
    client.force_login(staff("orga", roles.ORGA))

    response = english(client).get(
        URL, {"kind": "no_description", "sub_event": str(plan["kino"].pk)}
    )
    junk = english(client).get(URL, {"kind": "<x>", "sub_event": "abc"})

    assert [g.kind for g in response.context["todo"].groups] == ["no_description"]
    assert response.context["chosen"] == plan["kino"]
    assert junk.status_code == 200
    assert junk.context["todo"].groups == []
    assert junk.context["chosen"] is None


def test_an_empty_list_says_so(client):
    FestivalFactory()
    client.force_login(staff("orga", roles.ORGA))

    response = english(client).get(URL)

    assert response.status_code == 200
    assert "Nothing to do — no conflicts found." in response.content.decode()


def test_without_a_festival_the_page_is_not_found(client):
    client.force_login(staff("orga", roles.ORGA))

    assert client.get(URL).status_code == 404


def add_events(festival, first: int, last: int) -> None:
    """Events `first`..`last - 1` over the week at four venues (every fifth
    without a text, every seventh with a capacity but no opening date, some
    overlapping), written in bulk, and one half-filled shift per 30 events."""
    sub_events = list(festival.sub_events.all()) or [
        SubEventFactory(festival=festival, slug=f"teil-{n}", name=f"Teil {n}")
        for n in range(3)
    ]
    venues = [
        VenueFactory(slug=f"ort-{first}-{n}", name=f"Ort {first}-{n}") for n in range(4)
    ]
    start = at(0, 0)
    Event.objects.bulk_create(
        Event(
            sub_event=sub_events[n % len(sub_events)],
            title=f"Punkt {n}",
            slug=f"punkt-{n}",
            summary="" if n % 5 == 0 else "Kurz.",
            venue=venues[n % 4],
            starts_at=start + dt.timedelta(minutes=17 * n),
            ends_at=start + dt.timedelta(minutes=17 * n + 60),
            capacity=10 if n % 7 == 0 else None,
            status=Event.Status.PUBLISHED,
        )
        for n in range(first, last)
    )
    role = RoleFactory(festival=festival)
    for n in range(first // 30, last // 30):
        assign(ShiftFactory(role=role, starts_at=at(n % 7, 8), needed=2))


def test_the_query_count_does_not_grow_with_the_events(client):
    festival = FestivalFactory()
    client.force_login(staff("orga", roles.ORGA))
    add_events(festival, 0, 60)
    client.get(URL)  # the session and the caches warmed up
    with CaptureQueriesContext(connection) as small:
        few = client.get(URL).context["todo"].total

    add_events(festival, 60, 600)
    with CaptureQueriesContext(connection) as large:
        many = client.get(URL).context["todo"].total

    assert Event.objects.count() == 600
    assert many > few > 60 // 5
    assert len(large.captured_queries) == len(small.captured_queries)
