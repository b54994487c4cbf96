"""The volunteer coordination's pages: access, the coverage board, shifts and their
people, volunteers and qualifications. Exact values; English pages (language
cookie) so that the later German catalogue changes no assertion."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.contrib.messages import get_messages

from events import roles
from tests.events.factories import (
    FESTIVAL_START,
    FestivalFactory,
    SubEventFactory,
    VenueFactory,
    at,
)
from tests.volunteers.factories import (
    QualificationFactory,
    RoleFactory,
    ShiftFactory,
    VolunteerFactory,
    assign,
)
from volunteers import services
from volunteers.models import Assignment, Qualification, Shift, Volunteer

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
    for url in [BOARD, "/orga/volunteers/shifts/", "/orga/volunteers/export.csv"]:
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


# --- More access --------------------------------------------------------------------


def test_every_page_needs_login_and_the_right_group(client, festival):
    shift = ShiftFactory(role=RoleFactory(festival=festival))
    person = VolunteerFactory(festival=festival)
    pages = [
        "/orga/volunteers/shifts/",
        "/orga/volunteers/shifts/new/",
        "/orga/volunteers/shifts/template/",
        f"/orga/volunteers/shifts/{shift.pk}/",
        f"/orga/volunteers/shifts/{shift.pk}/edit/",
        "/orga/volunteers/people/",
        "/orga/volunteers/people/add/",
        f"/orga/volunteers/people/{person.pk}/",
        "/orga/volunteers/qualifications/",
        "/orga/volunteers/export.csv",
        "/orga/volunteers/export.xlsx",
    ]
    for url in pages:
        assert client.get(url)["Location"] == f"/accounts/login/?next={url}"
    client.force_login(staff("partner", roles.PARTNER))
    assert {client.get(url).status_code for url in pages} == {403}
    client.force_login(staff("koordination", roles.VOLUNTEER_COORDINATION))
    assert {client.get(url).status_code for url in pages} == {200}
    client.force_login(staff("orga", roles.ORGA))
    assert {client.get(url).status_code for url in pages} == {200}


def test_posts_of_others_are_refused_and_change_nothing(client, festival):
    shift = ShiftFactory(role=RoleFactory(festival=festival), needed=2)
    assignment = assign(shift)
    person = VolunteerFactory(festival=festival)
    client.force_login(staff("partner", roles.PARTNER))
    posts = [
        (f"/orga/volunteers/shifts/{shift.pk}/delete/", {}),
        (f"/orga/volunteers/shifts/{shift.pk}/assign/", {"volunteer": person.pk}),
        (f"/orga/volunteers/assignments/{assignment.pk}/withdraw/", {}),
        (
            f"/orga/volunteers/assignments/{assignment.pk}/attendance/",
            {"attendance": "present"},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403
    assignment.refresh_from_db()
    assert (assignment.withdrawn_at, assignment.attendance) == (None, "unknown")
    assert shift.assignments.count() == 1


def test_staff_who_may_only_view_cannot_change(client, festival):
    shift = ShiftFactory(role=RoleFactory(festival=festival))
    viewer = staff("viewer")
    viewer.user_permissions.add(
        Permission.objects.get(codename="view_shift"),
        Permission.objects.get(codename="view_volunteer"),
    )
    client.force_login(viewer)
    assert client.get(f"/orga/volunteers/shifts/{shift.pk}/").status_code == 200
    assert client.get("/orga/volunteers/shifts/new/").status_code == 403
    assert client.post(f"/orga/volunteers/shifts/{shift.pk}/delete/").status_code == 403
    assert Shift.objects.filter(pk=shift.pk).exists()


def test_unknown_ids_are_404(client, coordinator):
    for url in [
        "/orga/volunteers/shifts/999/",
        "/orga/volunteers/shifts/999/edit/",
        "/orga/volunteers/people/999/",
    ]:
        assert client.get(url).status_code == 404
    for url in [
        "/orga/volunteers/shifts/999/delete/",
        "/orga/volunteers/shifts/999/assign/",
        "/orga/volunteers/assignments/999/withdraw/",
        "/orga/volunteers/qualifications/999/delete/",
    ]:
        assert client.post(url).status_code == 404


# --- Shift list ---------------------------------------------------------------------


def test_shift_list_filters(client, coordinator, board_plan):
    url = "/orga/volunteers/shifts/"

    def listed(**params) -> list[tuple[str, int, int]]:
        response = client.get(url, params)
        assert response.status_code == 200
        return [(s.role.name, s.filled, s.needed) for s in response.context["shifts"]]

    everything = [
        ("Einlass", 2, 2),
        ("Kasse", 1, 3),
        ("Einlass", 1, 2),
        ("Kasse", 0, 1),
    ]
    assert listed() == everything
    assert listed(day="2027-06-15") == [("Einlass", 1, 2)]
    assert listed(role=board_plan["kasse"].pk) == [("Kasse", 1, 3), ("Kasse", 0, 1)]
    assert listed(sub_event=board_plan["markt"].pk) == [("Kasse", 0, 1)]
    assert listed(understaffed="on") == everything[1:]
    assert listed(understaffed="on", day="2027-06-14") == [("Kasse", 1, 3)]
    # Bad values are ignored, never an error page.
    assert listed(day="2027-02-30", role="x", venue="-1", sub_event="9" * 30) == (
        everything
    )


def test_shift_list_query_count_does_not_grow(
    client, coordinator, board_plan, django_assert_max_num_queries
):
    url = "/orga/volunteers/shifts/"
    client.get(url)
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    venue = VenueFactory()
    for n in range(15):
        assign(
            ShiftFactory(role=board_plan["kasse"], venue=venue, starts_at=at(n % 7, 6))
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


# --- Adding, changing, deleting shifts ----------------------------------------------


@pytest.fixture
def shift_form_data(festival):
    role = RoleFactory(festival=festival, name="Einlass", slug="einlass")
    venue = VenueFactory(name="Stadthalle")
    return {
        "role": role.pk,
        "day": "2027-06-15",
        "start": "22:00",
        "end": "02:00",
        "venue": venue.pk,
        "event": "",
        "sub_event": "",
        "needed": "3",
        "coordinator": "",
        "coordinator_phone": "0171 1234567",
        "notes": "Nachtschicht",
    }


def test_shift_add_runs_past_midnight_when_the_end_is_earlier(
    client, coordinator, shift_form_data
):
    shift_form_data["coordinator"] = coordinator.pk

    response = client.post("/orga/volunteers/shifts/new/", shift_form_data)

    shift = Shift.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/orga/volunteers/shifts/{shift.pk}/"
    assert (shift.starts_at, shift.ends_at) == (
        at(1, 22),
        at(2, 2),
    )
    assert (shift.needed, shift.notes, shift.coordinator) == (
        3,
        "Nachtschicht",
        coordinator,
    )
    assert texts(response) == ["The shift is saved."]


def test_shift_add_shows_form_and_service_errors(client, coordinator, shift_form_data):
    zero = {**shift_form_data, "needed": "0"}
    response = client.post("/orga/volunteers/shifts/new/", zero)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["needed"]

    no_coordinator = {**shift_form_data, "coordinator": "12345"}
    response = client.post("/orga/volunteers/shifts/new/", no_coordinator)
    assert list(response.context["form"].errors) == ["coordinator"]

    same_time = {**shift_form_data, "end": "22:00", "start": "22:00"}
    response = client.post("/orga/volunteers/shifts/new/", same_time)
    # Equal times run past midnight: a 24-hour shift is allowed, the service's
    # limit (at most 24 hours) holds.
    assert response.status_code == 302
    assert Shift.objects.get().duration == dt.timedelta(hours=24)


def test_shift_edit_refuses_fewer_places_than_people_on_it(
    client, coordinator, festival
):
    shift = ShiftFactory(role=RoleFactory(festival=festival), needed=2)
    assign(shift)
    assign(shift)
    url = f"/orga/volunteers/shifts/{shift.pk}/edit/"
    data = {
        **client.get(url).context["form"].initial,
        "day": "2027-06-14",
        "start": "09:00",
        "end": "13:00",
        "needed": "1",
    }
    data = {k: ("" if v is None else v) for k, v in data.items()}

    response = client.post(url, data)

    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["needed"]] == [
        "needed_below_filled"
    ]
    data["needed"] = "4"
    response = client.post(url, data)
    assert response.status_code == 302
    shift.refresh_from_db()
    assert shift.needed == 4


def test_shift_delete_is_refused_while_people_are_on_it(client, coordinator, festival):
    shift = ShiftFactory(role=RoleFactory(festival=festival))
    assignment = assign(shift)
    url = f"/orga/volunteers/shifts/{shift.pk}/delete/"

    response = client.post(url)

    assert response["Location"] == f"/orga/volunteers/shifts/{shift.pk}/"
    assert texts(response) == [
        "The shift cannot be deleted: People are on this shift: unassign them first "
        "(they are told)."
    ]
    assert client.get(url).status_code == 405
    services.assignment_withdraw(assignment=assignment, by=coordinator)
    response = client.post(url)
    assert response["Location"] == "/orga/volunteers/shifts/"
    assert not Shift.objects.filter(pk=shift.pk).exists()


def test_shift_template_creates_each_day_and_slot_once(client, coordinator, festival):
    role = RoleFactory(festival=festival)
    venue = VenueFactory()
    data = {
        "role": role.pk,
        "venue": venue.pk,
        "days": ["2027-06-14", "2027-06-15"],
        "slot1_start": "09:00",
        "slot1_end": "13:00",
        "slot2_start": "13:00",
        "slot2_end": "17:00",
        "needed": "2",
    }
    url = "/orga/volunteers/shifts/template/"

    response = client.post(url, data)

    assert response["Location"] == "/orga/volunteers/shifts/"
    assert texts(response) == ["4 shifts created, 0 existed already."]
    assert [(s.starts_at, s.ends_at) for s in Shift.objects.all()] == [
        (at(0, 9), at(0, 13)),
        (at(0, 13), at(0, 17)),
        (at(1, 9), at(1, 13)),
        (at(1, 13), at(1, 17)),
    ]
    response = client.post(url, {**data, "days": ["2027-06-15", "2027-06-16"]})
    assert texts(response) == ["2 shifts created, 2 existed already."]
    assert Shift.objects.count() == 6


def test_shift_template_errors(client, coordinator, festival):
    role = RoleFactory(festival=festival)
    venue = VenueFactory()
    base = {"role": role.pk, "venue": venue.pk, "needed": "1"}
    url = "/orga/volunteers/shifts/template/"

    response = client.post(url, {**base, "slot1_start": "09:00", "slot1_end": "12:00"})
    assert [e.code for e in response.context["form"].errors.as_data()["days"]] == [
        "days_required"
    ]
    response = client.post(url, {**base, "days": ["2027-06-14"]})
    assert [
        e.code for e in response.context["form"].errors.as_data()["slot1_start"]
    ] == ["slots_required"]
    response = client.post(
        url, {**base, "days": ["2027-06-14"], "slot1_start": "09:00"}
    )
    assert [e.code for e in response.context["form"].errors.as_data()["slot1_end"]] == [
        "slot_incomplete"
    ]
    response = client.post(url, {**base, "days": ["2031-01-01"], "slot1_start": "x"})
    assert set(response.context["form"].errors) == {"days", "slot1_start"}
    assert Shift.objects.count() == 0


# --- One shift and its people -------------------------------------------------------


@pytest.fixture
def care(festival):
    """Kinderbetreuung on day 0, 9–13, needs 3 and the police certificate."""
    role = RoleFactory(
        festival=festival,
        name="Kinderbetreuung",
        slug="kinderbetreuung",
        required_qualifications=["police_certificate"],
        min_age=16,
    )
    return ShiftFactory(role=role, venue=VenueFactory(name="Kita"), needed=3)


def test_shift_detail_shows_people_with_their_qualification_on_the_day(
    client, coordinator, care, festival
):
    mia = VolunteerFactory(festival=festival, name="Mia Berg", phone="0171 1")
    QualificationFactory(volunteer=mia, issued_on=dt.date(2023, 1, 10))
    assignment = assign(care, mia)
    gone = assign(care, QualificationFactory(volunteer__festival=festival).volunteer)
    services.assignment_withdraw(assignment=gone, by=coordinator)

    response = client.get(f"/orga/volunteers/shifts/{care.pk}/")

    assert [a.volunteer.name for a in response.context["active"]] == ["Mia Berg"]
    assert [a.pk for a in response.context["withdrawn"]] == [gone.pk]
    held = response.context["active"][0].held
    assert [(q.held, q.valid, q.last_valid_day) for q in held] == [
        (True, True, dt.date(2028, 1, 9))
    ]
    html = response.content.decode()
    assert f'id="person-{assignment.pk}"' in html
    assert 'href="tel:01711"' in html
    assert "valid until" in html


def test_candidates_show_why_they_may_not_take_the_shift(
    client, coordinator, care, festival
):
    ok = QualificationFactory(
        volunteer__festival=festival, volunteer__name="Ada"
    ).volunteer
    VolunteerFactory(festival=festival, name="Ben")  # no certificate
    VolunteerFactory(festival=festival, name="Cem", child=True)  # too young

    response = client.get(f"/orga/volunteers/shifts/{care.pk}/")

    assert [
        (c.volunteer.name, [p.code for p in c.problems])
        for c in response.context["candidates"]
    ] == [
        ("Ada", []),
        ("Ben", ["qualification_missing"]),
        ("Cem", ["too_young", "qualification_missing", "daily_hours"]),
    ]
    search = client.get(f"/orga/volunteers/shifts/{care.pk}/", {"q": "be"})
    assert [c.volunteer.name for c in search.context["candidates"]] == ["Ben"]
    assert ok.pk == response.context["candidates"][0].volunteer.pk


def test_assign_puts_an_eligible_volunteer_on_and_refuses_with_the_reason(
    client, coordinator, care, festival, django_capture_on_commit_callbacks
):
    ada = QualificationFactory(
        volunteer__festival=festival, volunteer__name="Ada"
    ).volunteer
    ben = VolunteerFactory(festival=festival, name="Ben")
    url = f"/orga/volunteers/shifts/{care.pk}/assign/"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"volunteer": ada.pk})

    assignment = care.assignments.get()
    assert response["Location"] == (
        f"/orga/volunteers/shifts/{care.pk}/#person-{assignment.pk}"
    )
    assert (assignment.volunteer, assignment.assigned_by) == (ada, coordinator)
    assert texts(response) == ["Ada is on the shift now (they get an e-mail)."]
    response = client.post(url, {"volunteer": ben.pk})
    assert texts(response) == [
        "Ben cannot take this shift: This role needs: Extended police certificate "
        "(§72a)."
    ]
    assert client.post(url, {"volunteer": "x"}).status_code == 404
    other = VolunteerFactory(festival=FestivalFactory(slug="other"))
    assert client.post(url, {"volunteer": other.pk}).status_code == 404
    assert care.assignments.count() == 1


def test_unassign_and_attendance(client, coordinator, care, festival):
    ada = QualificationFactory(
        volunteer__festival=festival, volunteer__name="Ada"
    ).volunteer
    assignment = assign(care, ada)
    attendance = f"/orga/volunteers/assignments/{assignment.pk}/attendance/"

    response = client.post(attendance, {"attendance": "present"})
    assignment.refresh_from_db()
    assert (assignment.attendance, response.status_code) == ("present", 302)
    assert texts(response) == ["Ada: Present."]
    texts(client.post(attendance, {"attendance": "absent"}))
    assignment.refresh_from_db()
    assert assignment.attendance == "absent"
    texts(client.post(attendance, {"attendance": "unknown"}))
    assignment.refresh_from_db()
    assert (assignment.attendance, assignment.attendance_marked_at) == ("unknown", None)
    response = client.post(attendance, {"attendance": "sleeping"})
    assert texts(response) == ["Unknown attendance."]

    response = client.post(f"/orga/volunteers/assignments/{assignment.pk}/withdraw/")
    assignment.refresh_from_db()
    assert assignment.withdrawn_by == coordinator
    assert texts(response) == ["Ada is taken off the shift (they get an e-mail)."]
    response = client.post(attendance, {"attendance": "present"})
    assert texts(response) == ["This volunteer has withdrawn from the shift."]


def test_message_goes_to_everyone_on_the_shift(
    client, coordinator, festival, mailoutbox, django_capture_on_commit_callbacks
):
    shift = ShiftFactory(role=RoleFactory(festival=festival), needed=3)
    for name in ["Ada", "Ben"]:
        assign(shift, VolunteerFactory(festival=festival, name=name))
    gone = assign(shift)
    services.assignment_withdraw(assignment=gone, by=coordinator)
    mailoutbox.clear()
    url = f"/orga/volunteers/shifts/{shift.pk}/message/"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"subject": "Treffpunkt", "body": "Am Nordeingang."}
        )

    assert texts(response) == ["The message went to 2 people."]
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        a.volunteer.email for a in shift.assignments.active()
    )
    assert len(mailoutbox) == 2
    response = client.post(url, {"subject": "", "body": "x"})
    assert response.status_code == 200
    assert [
        e.code for e in response.context["message_form"].errors.as_data()["subject"]
    ] == ["subject_invalid"]
    assert len(mailoutbox) == 2


def test_shift_detail_query_count_does_not_grow(
    client, coordinator, care, festival, django_assert_max_num_queries
):
    url = f"/orga/volunteers/shifts/{care.pk}/"
    care.needed = 30
    care.save()
    for _n in range(2):
        assign(care, QualificationFactory(volunteer__festival=festival).volunteer)
    VolunteerFactory(festival=festival)
    client.get(url)
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    other = ShiftFactory(
        role=RoleFactory(festival=festival), starts_at=at(2, 9), needed=30
    )
    for _n in range(8):
        person = QualificationFactory(volunteer__festival=festival).volunteer
        assign(care, person)
        assign(other, person)
        assign(other, VolunteerFactory(festival=festival))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


# --- Volunteers ---------------------------------------------------------------------


def test_volunteer_list_search_and_filters(client, coordinator, festival):
    ada = VolunteerFactory(festival=festival, name="Ada Kaya", email="ada@example.org")
    ben = VolunteerFactory(festival=festival, name="Ben Ott", minor=True)
    VolunteerFactory(festival=FestivalFactory(slug="other"), name="Ada Fremd")
    assign(ShiftFactory(role=RoleFactory(festival=festival)), ada)
    url = "/orga/volunteers/people/"

    def names(**params) -> list[str]:
        response = client.get(url, params)
        assert response.status_code == 200
        return [v.name for v in response.context["volunteers"]]

    assert names() == ["Ada Kaya", "Ben Ott"]
    assert names(q="ADA@") == ["Ada Kaya"]
    assert names(q="ott") == ["Ben Ott"]
    assert names(age_group="16_17") == ["Ben Ott"]
    assert names(no_shift="on") == ["Ben Ott"]
    assert names(partner="x", age_group="nope") == ["Ada Kaya", "Ben Ott"]
    assert ben.pk != ada.pk


def test_coordinator_adds_a_volunteer_who_gets_the_welcome_mail(
    client, coordinator, festival, mailoutbox, django_capture_on_commit_callbacks
):
    data = {
        "name": "Lena Roth",
        "email": "lena@example.org",
        "phone": "0171 5",
        "partner": "",
        "tshirt_size": "M",
        "age_group": "adult",
        "language": "de",
        "notes": "nur vormittags",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/orga/volunteers/people/add/", data)

    lena = Volunteer.objects.get()
    assert response["Location"] == f"/orga/volunteers/people/{lena.pk}/"
    assert (lena.name, lena.notes, lena.consent_privacy_version) == (
        "Lena Roth",
        "nur vormittags",
        "",
    )
    assert [m.to for m in mailoutbox] == [["lena@example.org"]]
    response = client.post("/orga/volunteers/people/add/", data)
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["email"]] == [
        "volunteer_exists"
    ]
    minor = {**data, "email": "kid@example.org", "age_group": "16_17"}
    response = client.post("/orga/volunteers/people/add/", minor)
    assert set(response.context["form"].errors) == {"guardian_name"}
    assert Volunteer.objects.count() == 1


def test_volunteer_detail_changes_details(client, coordinator, festival):
    ada = VolunteerFactory(festival=festival, name="Ada")
    url = f"/orga/volunteers/people/{ada.pk}/"
    data = {
        **client.get(url).context["form"].initial,
        "name": "Ada Kaya",
        "partner": "",
        "notes": "Schlüssel",
    }

    response = client.post(url, data)

    ada.refresh_from_db()
    assert response["Location"] == url
    assert (ada.name, ada.notes) == ("Ada Kaya", "Schlüssel")
    response = client.post(url, {**data, "email": "kein"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["email"]
    ada.refresh_from_db()
    assert ada.email != "kein"


def test_qualifications_are_recorded_and_deleted(client, coordinator, festival):
    ada = VolunteerFactory(festival=festival)
    url = f"/orga/volunteers/people/{ada.pk}/qualifications/add/"
    form = client.get(f"/orga/volunteers/people/{ada.pk}/").context[
        "qualification_form"
    ]
    assert form.initial == {"sighted_by": "Sabine Koordination"}

    response = client.post(
        url,
        {
            "kind": "police_certificate",
            "issued_on": "2025-05-01",
            "sighted_on": "",
            "sighted_by": "Sabine Koordination",
        },
    )
    assert [
        e.code
        for e in response.context["qualification_form"].errors.as_data()["sighted_on"]
    ] == ["certificate_not_sighted"]
    response = client.post(
        url, {"kind": "juleica", "issued_on": "2025-05-01", "sighted_by": ""}
    )
    assert [
        e.code
        for e in response.context["qualification_form"].errors.as_data()["valid_until"]
    ] == ["valid_until_missing"]
    response = client.post(
        url,
        {
            "kind": "police_certificate",
            "issued_on": "2025-05-01",
            "sighted_on": "2025-05-10",
            "sighted_by": "Sabine Koordination",
        },
    )
    record = Qualification.objects.get()
    assert response["Location"] == f"/orga/volunteers/people/{ada.pk}/"
    assert (record.kind, record.sighted_by) == (
        "police_certificate",
        "Sabine Koordination",
    )
    page = client.get(f"/orga/volunteers/people/{ada.pk}/")
    assert page.context["qualifications"][0].last_valid_day == dt.date(2030, 4, 30)

    response = client.post(f"/orga/volunteers/qualifications/{record.pk}/delete/")
    assert response["Location"] == f"/orga/volunteers/people/{ada.pk}/"
    assert Qualification.objects.count() == 0


def test_qualification_overview_groups_the_warnings(
    client, coordinator, care, festival
):
    nobody = VolunteerFactory(festival=festival, name="Ohne")
    # On the shift that needs a police certificate, past the rules (as before the
    # role required it).
    Assignment.objects.create(shift=care, volunteer=nobody)
    old = QualificationFactory(
        volunteer__festival=festival,
        volunteer__name="Alt",
        kind="first_aid",
        issued_on=dt.date(2025, 6, 20),  # valid until 19.6.2027, day 5
    )

    response = client.get("/orga/volunteers/qualifications/")

    groups = {
        code: [(w.volunteer.name, w.kind) for w in warnings]
        for code, _title, warnings in response.context["groups"]
    }
    assert groups == {
        "missing": [("Ohne", "police_certificate")],
        "invalid_on_shift": [],
        "expires_before_end": [("Alt", "first_aid")],
    }
    html = response.content.decode()
    assert f'href="/orga/volunteers/people/{nobody.pk}/"' in html
    assert f'href="/orga/volunteers/people/{old.volunteer.pk}/"' in html
