"""The planners' admin: same rules as the API, errors on the form, bulk actions."""

import pytest
from django.contrib.auth.models import Group, User

from events import roles
from events.models import Event, VenueBooking
from tests.events.factories import (
    EventFactory,
    FestivalFactory,
    PartnerFactory,
    SubEventFactory,
    VenueFactory,
    at,
)

pytestmark = pytest.mark.django_db


def staff(username: str, group: str) -> User:
    user = User.objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def plan():
    festival = FestivalFactory()
    kino = SubEventFactory(festival=festival, name="Kinowoche", slug="kinowoche")
    halle = VenueFactory(name="Stadthalle", slug="stadthalle")
    film = EventFactory(
        sub_event=kino,
        venue=halle,
        title="Film",
        slug="film",
        starts_at=at(0, 10),
        ends_at=at(0, 12),
        teardown_minutes=30,
    )
    return {"kino": kino, "halle": halle, "film": film}


def form_data(plan, **overrides) -> dict:
    start, end = at(0, 12, 15), at(0, 13)
    data = {
        "sub_event": plan["kino"].pk,
        "title": "Zweiter Film",
        "slug": "zweiter-film",
        "status": "published",
        "venue": plan["halle"].pk,
        "starts_at_0": start.strftime("%d.%m.%Y"),
        "starts_at_1": start.strftime("%H:%M"),
        "ends_at_0": end.strftime("%d.%m.%Y"),
        "ends_at_1": end.strftime("%H:%M"),
        "setup_minutes": "0",
        "teardown_minutes": "0",
        "is_free": "on",
        "languages": "[]",
        "max_party_size": "6",
        "adults_take_seats": "on",
    }
    data.update(overrides)
    return data


def test_venue_conflict_shows_as_form_error_and_stores_nothing(client, plan):
    client.force_login(staff("orga1", roles.ORGA))

    response = client.post("/admin/events/event/add/", form_data(plan))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert [e.code for e in errors.as_data()["venue"]] == ["venue_conflict"]
    assert Event.objects.count() == 1
    assert VenueBooking.objects.count() == 1


def test_valid_event_is_saved_with_its_booking(client, plan):
    client.force_login(staff("orga1", roles.ORGA))

    response = client.post(
        "/admin/events/event/add/",
        form_data(plan, starts_at_1="12:30", ends_at_1="13:30"),
    )

    assert response.status_code == 302
    event = Event.objects.get(slug="zweiter-film")
    assert event.booking.blocked_from == at(0, 12, 30)
    assert event.created_by.username == "orga1"


def test_end_before_start_is_a_form_error(client, plan):
    client.force_login(staff("orga1", roles.ORGA))

    response = client.post(
        "/admin/events/event/add/",
        form_data(plan, starts_at_1="18:00", ends_at_1="17:00"),
    )

    assert response.status_code == 200
    codes = [
        e.code
        for errs in response.context["adminform"].form.errors.as_data().values()
        for e in errs
    ]
    assert "end_before_start" in codes
    assert Event.objects.count() == 1


def test_bulk_cancel_frees_the_venue(client, plan):
    client.force_login(staff("orga1", roles.ORGA))

    response = client.post(
        "/admin/events/event/",
        {
            "action": "cancel_selected",
            "_selected_action": [plan["film"].pk],
        },
    )

    assert response.status_code == 302
    plan["film"].refresh_from_db()
    assert plan["film"].status == Event.Status.CANCELLED
    assert VenueBooking.objects.count() == 0


def test_conflicts_page_lists_problems_with_links(client, plan):
    # Capacity above the venue's is a warning, not an error: it is stored.
    plan["halle"].capacity = 10
    plan["halle"].save()
    plan["film"].capacity = 50
    plan["film"].save()
    client.force_login(staff("orga1", roles.ORGA))

    response = client.get("/admin/events/event/conflicts/")

    assert response.status_code == 200
    assert [c.kind for c in response.context["conflicts"]] == ["capacity_above_venue"]
    assert f"/admin/events/event/{plan['film'].pk}/change/" in response.content.decode()


def test_partner_sees_only_own_drafts_and_cannot_publish(client, plan):
    user = staff("partner1", roles.PARTNER)
    kita = PartnerFactory(name="Kita Sonnenschein")
    kita.members.add(user)
    own = EventFactory(
        sub_event=plan["kino"],
        venue=VenueFactory(),
        title="Basteln",
        status=Event.Status.DRAFT,
        host_partners=[kita],
    )
    client.force_login(user)

    listing = client.get("/admin/events/event/")
    publish = client.post(
        "/admin/events/event/",
        {
            "action": "publish_selected",
            "_selected_action": [own.pk],
        },
    )

    assert [e.pk for e in listing.context["cl"].result_list] == [own.pk]
    own.refresh_from_db()
    assert publish.status_code == 302
    assert own.status == Event.Status.DRAFT


def test_module_lead_edits_only_led_sub_events(client, plan):
    user = staff("leitung1", roles.MODULE_LEAD)
    other = SubEventFactory(festival=plan["kino"].festival, name="Markt")
    EventFactory(sub_event=other, venue=VenueFactory(), title="Markttag")
    plan["kino"].leads.add(user)
    client.force_login(user)

    listing = client.get("/admin/events/event/")

    assert [e.title for e in listing.context["cl"].result_list] == ["Film"]


def test_inline_rows_that_clash_with_each_other_are_refused(client, plan):
    client.force_login(staff("orga1", roles.ORGA))
    kino, halle = plan["kino"], plan["halle"]
    film = plan["film"]

    def row(n: int, title: str, start: str, end: str) -> dict:
        day = at(1, 0).strftime("%d.%m.%Y")
        return {
            f"events-{n}-title": title,
            f"events-{n}-venue": halle.pk,
            f"events-{n}-starts_at_0": day,
            f"events-{n}-starts_at_1": start,
            f"events-{n}-ends_at_0": day,
            f"events-{n}-ends_at_1": end,
            f"events-{n}-status": "draft",
            f"events-{n}-capacity": "",
            f"events-{n}-sub_event": kino.pk,
        }

    data = {
        "festival": kino.festival.pk,
        "name": kino.name,
        "slug": kino.slug,
        "kind": "general",
        "colour": "#4a5568",
        "position": "0",
        "events-TOTAL_FORMS": "3",
        "events-INITIAL_FORMS": "1",
        "events-MIN_NUM_FORMS": "0",
        "events-MAX_NUM_FORMS": "1000",
        "events-0-id": film.pk,
        **row(0, "Film", "10:00", "12:00"),
        **row(1, "Neu A", "14:00", "16:00"),
        **row(2, "Neu B", "15:00", "17:00"),
    }
    data["events-0-starts_at_0"] = at(0, 0).strftime("%d.%m.%Y")
    data["events-0-ends_at_0"] = at(0, 0).strftime("%d.%m.%Y")
    data["events-0-status"] = "published"

    response = client.post(f"/admin/events/subevent/{kino.pk}/change/", data)

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert [e.code for e in formset.non_form_errors().as_data()] == ["venue_conflict"]
    assert sorted(Event.objects.values_list("title", flat=True)) == ["Film"]
