"""The volunteer coordination's pages: access, the coverage board, shifts and their
people, volunteers and qualifications. Exact values; English pages (language
cookie) so that the later German catalogue changes no assertion."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages

from events import roles
from tests.events.factories import (
    FESTIVAL_START,
    FestivalFactory,
    SubEventFactory,
    VenueFactory,
    at,
)
from tests.volunteers.factories import RoleFactory, ShiftFactory, assign

pytestmark = pytest.mark.django_db

BOARD = "/orga/volunteers/"


def staff(username: str, *groups: str, **kwargs) -> User:
    user = User.objects.create_user(username, is_staff=True, **kwargs)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def english(client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def festival():
    return FestivalFactory()


@pytest.fixture
def coordinator(client, festival):
    user = staff(
        "koordination",
        roles.VOLUNTEER_COORDINATION,
        first_name="Sabine",
        last_name="Koordination",
    )
    client.force_login(user)
    english(client)
    return user


def texts(response) -> list[str]:
    """The messages a request left for the next page (and forget them)."""
    response.client.cookies.pop("messages", None)
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- Access -------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login(client, festival):
    for url in [BOARD]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={url}"


def test_other_staff_and_non_staff_get_the_friendly_403(client, festival):
    for user in [
        staff("partner", roles.PARTNER),
        staff("leitung", roles.MODULE_LEAD),
        User.objects.create_user("family"),
    ]:
        client.force_login(user)
        response = client.get(BOARD)
        assert response.status_code == 403
        assert response.templates[0].name == "volunteers/orga/forbidden.html"


def test_coordination_and_orga_team_see_the_board(client, festival):
    for user in [
        staff("koordination", roles.VOLUNTEER_COORDINATION),
        staff("orga", roles.ORGA),
    ]:
        client.force_login(user)
        assert client.get(BOARD).status_code == 200


# --- Coverage board -----------------------------------------------------------------


@pytest.fixture
def board_plan(festival):
    """Einlass: day 0 full (2/2), day 1 short (1/2); Kasse: day 0 critical (1/3)
    and a sub-event shift on day 2 (0/1)."""
    venue = VenueFactory(name="Stadthalle")
    einlass = RoleFactory(festival=festival, name="Einlass", slug="einlass")
    kasse = RoleFactory(festival=festival, name="Kasse", slug="kasse")
    markt = SubEventFactory(festival=festival, name="Kleidermarkt", slug="markt")
    full = ShiftFactory(role=einlass, venue=venue, needed=2)
    assign(full)
    assign(full)
    short = ShiftFactory(role=einlass, venue=venue, starts_at=at(1, 9), needed=2)
    assign(short)
    critical = ShiftFactory(role=kasse, venue=venue, starts_at=at(0, 14), needed=3)
    assign(critical)
    ShiftFactory(role=kasse, venue=venue, starts_at=at(2, 9), needed=1, sub_event=markt)
    return {"einlass": einlass, "kasse": kasse, "markt": markt}


def test_board_shows_filled_of_needed_per_day_and_role(client, coordinator, board_plan):
    response = client.get(BOARD)

    assert response.status_code == 200
    board = response.context["board"]
    assert board.days == [FESTIVAL_START + dt.timedelta(days=n) for n in range(7)]
    cells = {
        role.name: [(c.filled, c.needed, c.state) for c in row[:3]]
        for role, row in board.rows
    }
    assert cells == {
        "Einlass": [(2, 2, "full"), (1, 2, "short"), (0, 0, "empty")],
        "Kasse": [(1, 3, "critical"), (0, 0, "empty"), (0, 1, "critical")],
    }
    assert [(c.filled, c.needed) for c in board.totals[:3]] == [(3, 5), (1, 2), (0, 1)]
    assert response.context["stats"] == {
        "volunteers": 4,
        "shifts": 4,
        "needed": 8,
        "filled": 4,
        "missing": 4,
    }
    html = response.content.decode()
    assert (
        '<span class="vo-cell__count">2/2</span> <span class="vo-cell__note">full'
        in (html)
    )
    assert (
        '<span class="vo-cell__count">1/3</span> <span class="vo-cell__note">missing 2'
        in (html)
    )
    assert '<th scope="row"><span class="vo-swatch"' in html
    einlass = board_plan["einlass"].pk
    assert f'href="/orga/volunteers/shifts/?day=2027-06-14&amp;role={einlass}"' in html


def test_board_filtered_by_sub_event_shows_only_its_shifts(
    client, coordinator, board_plan
):
    markt = board_plan["markt"]

    response = client.get(BOARD, {"sub_event": markt.pk})

    assert [role.name for role, _cells in response.context["rows"]] == ["Kasse"]
    assert response.context["stats"]["needed"] == 1
    assert response.context["chosen"] == markt
    for bad in ["x", "-1", "99999", "9" * 40]:
        response = client.get(BOARD, {"sub_event": bad})
        assert response.status_code == 200
        assert response.context["chosen"] is None
        assert response.context["stats"]["needed"] == 8


def test_board_without_roles_says_so(client, coordinator):
    response = client.get(BOARD)

    assert response.status_code == 200
    assert "No roles and shifts yet." in response.content.decode()


def test_board_query_count_does_not_grow(
    client, coordinator, board_plan, django_assert_max_num_queries
):
    client.get(BOARD)  # warm the caches (festival, session)
    with django_assert_max_num_queries(12) as small:
        client.get(BOARD)
    venue = VenueFactory()
    for n in range(20):
        role = RoleFactory(festival=coordinator and board_plan["einlass"].festival)
        shift = ShiftFactory(role=role, venue=venue, starts_at=at(n % 7, 8), needed=3)
        assign(shift)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(BOARD)
