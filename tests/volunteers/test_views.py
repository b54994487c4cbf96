"""The volunteers' own pages: joining, "link lost?", the personal page with sign-up
and withdrawal, and the printable list.

Texts are checked on the English pages (the msgids), so the German translation can
change without breaking these tests; error codes, shift ids, eligibility and counts
are read from data attributes.
"""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.events.factories import (
    EventFactory,
    FestivalFactory,
    PartnerFactory,
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
from volunteers.models import Assignment, QualificationKind, Volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    """A visitor who chose English with the language switch."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def festival():
    return FestivalFactory(contact_phone="05121 123456")


@pytest.fixture
def hall():
    return VenueFactory(
        name="Stadthalle",
        street="Marktplatz 1",
        postal_code="12345",
        city="Musterstadt",
    )


@pytest.fixture
def entrance(festival):
    return RoleFactory(
        festival=festival,
        name="Einlass",
        slug="einlass",
        description="Tickets prüfen und Gäste begrüßen.",
        briefing="Bitte 15 Minuten vorher am Haupteingang sein.",
        min_age=16,
    )


@pytest.fixture
def childcare(festival):
    return RoleFactory(
        festival=festival,
        name="Kinderbetreuung",
        slug="kinderbetreuung",
        min_age=18,
        required_qualifications=[QualificationKind.POLICE_CERTIFICATE],
    )


def join_data(**fields) -> dict:
    data = {
        "name": "Jonas Becker",
        "email": "jonas@example.org",
        "phone": "0151 2345678",
        "partner": "",
        "tshirt_size": "L",
        "age_group": "adult",
        "guardian_name": "",
        "guardian_contact": "",
        "consent_privacy": "on",
        "website": "",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def error_codes(response) -> list[str]:
    """The codes of the error summary, in page order."""
    html = response.content.decode()
    summary = html.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    return re.findall(r'<li data-code="([^"]*)">', summary)


def shift_ids(response, eligible: str | None = None) -> list[int]:
    """The open shifts on a personal page, in page order."""
    pattern = r'<li class="vol-shift[^"]*" id="shift-(\d+)" data-shift="\d+" '
    pattern += r'data-eligible="(yes|no)"'
    return [
        int(pk)
        for pk, flag in re.findall(pattern, response.content.decode())
        if eligible is None or flag == eligible
    ]


def reasons(response, shift) -> list[str]:
    """The codes of the reasons shown on an open shift's card."""
    html = response.content.decode()
    card = html.split(f'id="shift-{shift.pk}"', 1)[1].split("</li>\n", 1)[0]
    return re.findall(r'<li data-code="([^"]*)">', card)


def messages_of(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'<li class="message message--\w+">(.*?)</li>', html, re.S)


def page(volunteer) -> str:
    return f"/v/{volunteer.token}/"


# --- Joining ------------------------------------------------------------------------


def test_join_page_explains_and_counts_open_places_per_role_and_day(
    client, festival, entrance, childcare, hall
):
    ShiftFactory(role=entrance, venue=hall, starts_at=at(0, 9), needed=3)
    ShiftFactory(role=entrance, venue=hall, starts_at=at(1, 9), needed=2)
    full = ShiftFactory(role=childcare, venue=hall, starts_at=at(0, 14), needed=1)
    volunteer = VolunteerFactory(festival=festival)
    QualificationFactory(volunteer=volunteer)
    assign(full, volunteer)

    response = client.get("/volunteers/")

    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r'data-role="([\w-]+)"', html) == ["einlass", "kinderbetreuung"]
    assert re.findall(r'class="vol-role__open" data-open="(\d+)"', html) == ["5", "0"]
    assert "Needs: Extended police certificate (§72a)" in html
    days = re.findall(r'data-day="([\d-]+)" data-open="(\d+)"', html)
    assert days[:3] == [("2027-06-14", "3"), ("2027-06-15", "2"), ("2027-06-16", "0")]
    assert len(days) == 7
    assert "Children under 13 cannot help yet" in html
    assert 'name="website"' in html
    # No personal data of anyone on the shifts.
    assert volunteer.name not in html


def test_join_page_without_shifts_says_they_are_being_planned(client, festival):
    html = client.get("/volunteers/").content.decode()

    assert "The shifts are being planned." in html


def test_join_page_is_german_by_default(festival):
    html = Client().get("/volunteers/").content.decode()

    assert '<html lang="de">' in html
    assert "Ihr Name" in html
    assert "E-Mail" in html


def test_adult_registers_and_lands_on_their_page(
    client, festival, django_capture_on_commit_callbacks
):
    partner = PartnerFactory(name="Kita Sonnenschein")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/volunteers/", join_data(partner=str(partner.pk)))

    volunteer = Volunteer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/v/{volunteer.token}/"
    assert (
        volunteer.name,
        volunteer.email,
        volunteer.phone,
        volunteer.partner,
        volunteer.tshirt_size,
        volunteer.age_group,
        volunteer.guardian_consent_at,
        volunteer.language,
        volunteer.consent_privacy_version,
    ) == (
        "Jonas Becker",
        "jonas@example.org",
        "0151 2345678",
        partner,
        "L",
        "adult",
        None,
        "en",
        "2026-12",
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["jonas@example.org"]
    assert f"/v/{volunteer.token}/" in mail.outbox[0].body
    landing = client.get(response["Location"])
    assert messages_of(landing) == [
        "Welcome, Jonas Becker! This is your personal page: here you sign up for "
        "shifts. We have also sent its link to jonas@example.org – please keep it, "
        "it is your access."
    ]


def test_minor_needs_the_guardian_and_their_consent(client, festival):
    response = client.post("/volunteers/", join_data(age_group="16_17"))

    assert response.status_code == 200
    assert error_codes(response) == ["required", "required", "guardian_consent_missing"]
    html = response.content.decode()
    assert 'id="id_guardian_name-error"' in html
    assert 'aria-describedby="id_guardian_name-error"' in html
    assert 'id="id_guardian_consent-error"' in html
    # The input is kept.
    assert re.search(r'value="16_17" id="id_age_group_1"[^>]* checked>', html)
    assert Volunteer.objects.count() == 0


def test_minor_with_the_guardian_is_registered(client, festival):
    response = client.post(
        "/volunteers/",
        join_data(
            age_group="13_15",
            guardian_name="Petra Becker",
            guardian_contact="0171 5551234",
            guardian_consent="on",
        ),
    )

    volunteer = Volunteer.objects.get()
    assert response.status_code == 302
    assert (
        volunteer.age_group,
        volunteer.guardian_name,
        volunteer.guardian_contact,
    ) == (
        "13_15",
        "Petra Becker",
        "0171 5551234",
    )
    assert volunteer.guardian_consent_at is not None


def test_an_adult_leaves_the_guardian_part_empty_and_it_is_ignored(client, festival):
    client.post("/volunteers/", join_data(guardian_name="Someone"))

    volunteer = Volunteer.objects.get()
    assert (volunteer.guardian_name, volunteer.guardian_consent_at) == ("", None)


def test_all_mistakes_show_at_once_at_their_fields(client, festival):
    response = client.post(
        "/volunteers/",
        join_data(
            name="  ",
            email="jonas@",
            age_group=None,
            tshirt_size="XXXL",
            consent_privacy=None,
        ),
    )

    assert response.status_code == 200
    assert error_codes(response) == [
        "required",
        "email_invalid",
        "invalid_choice",
        "age_group_invalid",
        "consent_missing",
    ]
    html = response.content.decode()
    assert '<a href="#id_age_group_0">' in html
    assert "Please choose an age group. Helpers must be at least 13." in html
    assert Volunteer.objects.count() == 0


def test_a_known_address_reveals_nothing_and_gets_its_link(
    client, festival, django_capture_on_commit_callbacks
):
    known = VolunteerFactory(festival=festival, email="jonas@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/volunteers/", join_data(email="JONAS@example.org"))

    assert response.status_code == 302
    assert response["Location"] == "/volunteers/welcome/"
    assert Volunteer.objects.count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["jonas@example.org"]
    assert f"/v/{known.token}/" in mail.outbox[0].body
    html = client.get(response["Location"]).content.decode()
    assert known.token not in html
    assert (
        "If this e-mail address is registered as a volunteer, we have sent it the "
        "link to the personal page." in html
    )


def test_honeypot_answers_like_a_known_address_and_stores_nothing(
    client, festival, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/volunteers/", join_data(website="http://spam.example"))

    assert response.status_code == 302
    assert response["Location"] == "/volunteers/welcome/"
    assert Volunteer.objects.count() == 0
    assert mail.outbox == []


@pytest.fixture
def own_cache(settings):
    """A cache of this test's own, so that the counts start at zero."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"ratelimit-{id(settings)}",
        }
    }


def test_joining_is_rate_limited_per_address(client, festival, own_cache):
    for n in range(10):
        response = client.post("/volunteers/", join_data(email=f"p{n}@example.org"))
        assert response.status_code == 302

    response = client.post("/volunteers/", join_data(email="p10@example.org"))

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert Volunteer.objects.count() == 10
    other = client.post(
        "/volunteers/", join_data(email="p11@example.org"), REMOTE_ADDR="10.0.0.2"
    )
    assert other.status_code == 302
    assert client.get("/volunteers/").status_code == 200


def test_link_page_gives_the_same_answer_and_mails_only_a_known_address(
    client, festival, own_cache, django_capture_on_commit_callbacks
):
    known = VolunteerFactory(festival=festival, email="jonas@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        hit = client.post("/volunteers/link/", {"email": "Jonas@example.org"})
        miss = client.post("/volunteers/link/", {"email": "nobody@example.org"})

    assert (hit.status_code, hit["Location"]) == (302, "/volunteers/link/?sent=1")
    assert (miss.status_code, miss["Location"]) == (302, "/volunteers/link/?sent=1")
    assert [message.to for message in mail.outbox] == [["jonas@example.org"]]
    assert f"/v/{known.token}/" in mail.outbox[0].body
    html = client.get("/volunteers/link/?sent=1").content.decode()
    assert "data-sent" in html


def test_link_page_asks_for_a_valid_address_and_is_rate_limited(
    client, festival, own_cache
):
    response = client.post("/volunteers/link/", {"email": "jonas"})
    assert response.status_code == 200
    assert 'aria-describedby="id_email-error"' in response.content.decode()
    for _n in range(4):
        client.post("/volunteers/link/", {"email": "jonas@example.org"})

    response = client.post("/volunteers/link/", {"email": "jonas@example.org"})

    assert response.status_code == 429
    assert response["Retry-After"] == "600"


# --- The personal page --------------------------------------------------------------


@pytest.fixture
def coordinator(django_user_model):
    return django_user_model.objects.create_user(
        "sabine", first_name="Sabine", last_name="Koch", email="sabine@example.org"
    )


def test_page_shows_the_shift_with_place_event_coordinator_and_briefing(
    client, festival, entrance, hall, coordinator
):
    kino = SubEventFactory(festival=festival, name="Kinowoche")
    event = EventFactory(sub_event=kino, title="Bilderbuchkino", venue=hall)
    shift = ShiftFactory(
        role=entrance,
        venue=hall,
        event=event,
        starts_at=at(0, 9),
        coordinator=coordinator,
        coordinator_phone="0160 9876543",
        notes="Kasse mit Wechselgeld.",
    )
    volunteer = VolunteerFactory(festival=festival, name="Jonas Becker")
    assignment = assign(shift, volunteer)

    response = client.get(page(volunteer))

    assert response.status_code == 200
    html = response.content.decode()
    card = html.split(f'id="assignment-{assignment.pk}"', 1)[1].split("</li>", 1)[0]
    assert "Monday, June 14</time>, 09:00–13:00 o'clock" in card
    assert '<h3 class="vol-shift__role">Einlass</h3>' in card
    assert "Stadthalle, Marktplatz 1, 12345 Musterstadt" in card
    assert "Bilderbuchkino" in card
    assert 'Sabine Koch · <a href="tel:01609876543">0160 9876543</a>' in card
    assert "Bitte 15 Minuten vorher am Haupteingang sein." in card
    assert "Kasse mit Wechselgeld." in card
    assert (
        f'action="/v/{volunteer.token}/assignments/{assignment.pk}/withdraw/"' in card
    )
    assert shift_ids(response) == []  # not offered again
    assert f'href="/v/{volunteer.token}/print/"' in html


def test_empty_states(client, festival):
    volunteer = VolunteerFactory(festival=festival)

    html = client.get(page(volunteer)).content.decode()

    assert re.findall(r'data-empty="(\w+)"', html) == [
        "mine",
        "open",
        "qualifications",
    ]
    assert "There are no open shifts at the moment." in html


def test_unknown_or_erased_tokens_are_404(client, festival, entrance):
    volunteer = VolunteerFactory(festival=festival)
    erased = VolunteerFactory(festival=festival, erased_at=timezone.now())
    shift = ShiftFactory(role=entrance)

    assert client.get("/v/" + "x" * 43 + "/").status_code == 404
    assert client.get(page(erased)).status_code == 404
    assert client.get(f"/v/{erased.token}/print/").status_code == 404
    assert client.post(f"/v/{erased.token}/shifts/{shift.pk}/signup/").status_code == (
        404
    )
    assert client.post(f"/v/{volunteer.token}/shifts/999999/signup/").status_code == (
        404
    )


def test_ineligible_shifts_are_shown_with_every_reason(
    client, festival, entrance, childcare, hall
):
    open_one = ShiftFactory(role=entrance, venue=hall, starts_at=at(0, 9))
    too_young = ShiftFactory(role=childcare, venue=hall, starts_at=at(1, 19))
    child = VolunteerFactory(festival=festival, child=True)

    response = client.get(page(child))

    assert shift_ids(response) == [open_one.pk, too_young.pk]
    assert shift_ids(response, eligible="no") == [open_one.pk, too_young.pk]
    assert reasons(response, open_one) == ["too_young", "daily_hours"]
    assert reasons(response, too_young) == [
        "too_young",
        "qualification_missing",
        "daily_hours",
        "youth_protection_time",
    ]
    html = response.content.decode()
    assert "This role is for people aged 18 or older." in html
    assert "This role needs: Extended police certificate (§72a)." in html
    assert "/signup/" not in html


def test_sign_up_puts_the_volunteer_on_the_shift(
    client, festival, entrance, hall, django_capture_on_commit_callbacks
):
    shift = ShiftFactory(role=entrance, venue=hall, starts_at=at(0, 9), needed=2)
    volunteer = VolunteerFactory(festival=festival)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/v/{volunteer.token}/shifts/{shift.pk}/signup/")

    assert response.status_code == 302
    assert response["Location"] == page(volunteer)
    assignment = Assignment.objects.get()
    assert (assignment.shift, assignment.volunteer, assignment.assigned_by) == (
        shift,
        volunteer,
        None,
    )
    assert [message.to for message in mail.outbox] == [[volunteer.email]]
    landing = client.get(response["Location"])
    assert messages_of(landing) == [
        "You are on the shift: Einlass, Monday, June 14, 09:00–13:00. We have sent "
        "you a confirmation by e-mail."
    ]
    assert f'id="assignment-{assignment.pk}"' in landing.content.decode()


def test_a_clash_is_refused_with_its_reason_and_nothing_is_written(
    client, festival, entrance, childcare, hall, django_capture_on_commit_callbacks
):
    volunteer = VolunteerFactory(festival=festival)
    first = ShiftFactory(role=entrance, venue=hall, starts_at=at(0, 9))
    overlapping = ShiftFactory(role=entrance, venue=hall, starts_at=at(0, 11))
    assign(first, volunteer)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/v/{volunteer.token}/shifts/{overlapping.pk}/signup/", follow=True
        )

    assert response.redirect_chain == [(page(volunteer), 302)]
    assert messages_of(response) == [
        "Signing up for “Einlass” was not possible: You already help then: Einlass, "
        "09:00–13:00."
    ]
    assert list(volunteer.assignments.values_list("shift", flat=True)) == [first.pk]
    assert mail.outbox == []
    assert reasons(response, overlapping) == ["shift_clash"]


def test_a_full_shift_is_refused(client, festival, entrance, hall):
    shift = ShiftFactory(role=entrance, venue=hall, needed=1)
    assign(shift)
    volunteer = VolunteerFactory(festival=festival)

    response = client.post(f"/v/{volunteer.token}/shifts/{shift.pk}/signup/")

    assert response.status_code == 302
    assert volunteer.assignments.count() == 0
    landing = client.get(page(volunteer))
    assert messages_of(landing) == [
        "Signing up for “Einlass” was not possible: This shift is already full."
    ]
    assert reasons(landing, shift) == ["shift_full"]


def test_withdraw_before_the_deadline(
    client, festival, entrance, hall, django_capture_on_commit_callbacks
):
    volunteer = VolunteerFactory(festival=festival)
    assignment = assign(ShiftFactory(role=entrance, venue=hall), volunteer)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/v/{volunteer.token}/assignments/{assignment.pk}/withdraw/", follow=True
        )

    assignment.refresh_from_db()
    assert assignment.withdrawn_at is not None
    assert assignment.withdrawn_by is None
    assert messages_of(response) == [
        "You are no longer on the shift: Einlass, Monday, June 14, 09:00–13:00."
    ]
    assert [message.to for message in mail.outbox] == [[volunteer.email]]
    # The place is open again.
    assert shift_ids(response, eligible="yes") == [assignment.shift_id]


def test_after_the_deadline_the_page_says_call_and_the_post_changes_nothing(
    client, festival, entrance, hall
):
    volunteer = VolunteerFactory(festival=festival)
    soon = timezone.now() + dt.timedelta(hours=3)
    shift = ShiftFactory(
        role=entrance, venue=hall, starts_at=soon, coordinator_phone="0160 9876543"
    )
    assignment = assign(shift, volunteer, now=timezone.now())

    html = client.get(page(volunteer)).content.decode()
    card = html.split(f'id="assignment-{assignment.pk}"', 1)[1].split("</li>", 1)[0]
    assert "/withdraw/" not in card
    assert "Withdrawing is possible until 24 hours before the shift." in card
    assert (
        'If you cannot come, please call the coordinator: <a href="tel:01609876543">'
        in card
    )

    response = client.post(
        f"/v/{volunteer.token}/assignments/{assignment.pk}/withdraw/", follow=True
    )

    assignment.refresh_from_db()
    assert assignment.withdrawn_at is None
    assert messages_of(response) == [
        "Withdrawing is possible until 24 hours before the shift. Please call or "
        "write to the coordinator."
    ]


def test_withdraw_only_own_active_assignments(client, festival, entrance):
    volunteer = VolunteerFactory(festival=festival)
    other = assign(ShiftFactory(role=entrance))

    response = client.post(f"/v/{volunteer.token}/assignments/{other.pk}/withdraw/")

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.withdrawn_at is None


def test_posts_only_and_csrf_protected(festival, entrance):
    volunteer = VolunteerFactory(festival=festival)
    shift = ShiftFactory(role=entrance)
    client = Client(enforce_csrf_checks=True)

    assert (
        client.get(f"/v/{volunteer.token}/shifts/{shift.pk}/signup/").status_code == 405
    )
    assert (
        client.post(f"/v/{volunteer.token}/shifts/{shift.pk}/signup/").status_code
        == 403
    )
    assert client.post("/volunteers/", join_data()).status_code == 403
    assert Assignment.objects.count() == 0
    assert Volunteer.objects.count() == 1
    html = client.get(page(volunteer)).content.decode()
    # 1 sign-up, 1 language switch, 1 new calendar address (the calendar menu),
    # 1 new link for the page
    assert html.count('name="csrfmiddlewaretoken"') == 4


def test_filters_by_day_role_and_sub_event(client, festival, entrance, hall):
    stock = RoleFactory(festival=festival, name="Aufbau", slug="aufbau")
    market = SubEventFactory(festival=festival, name="Kleidermarkt")
    a = ShiftFactory(role=entrance, venue=hall, starts_at=at(0, 9))
    b = ShiftFactory(role=stock, venue=hall, starts_at=at(0, 14), sub_event=market)
    c = ShiftFactory(role=entrance, venue=hall, starts_at=at(1, 9), sub_event=market)
    volunteer = VolunteerFactory(festival=festival)
    url = page(volunteer)

    assert shift_ids(client.get(url)) == [a.pk, b.pk, c.pk]
    assert shift_ids(client.get(url, {"day": "2027-06-14"})) == [a.pk, b.pk]
    assert shift_ids(client.get(url, {"role": entrance.pk})) == [a.pk, c.pk]
    assert shift_ids(client.get(url, {"sub_event": market.pk})) == [b.pk, c.pk]
    assert shift_ids(
        client.get(url, {"day": "2027-06-15", "sub_event": market.pk})
    ) == [c.pk]
    # A value that does not fit is ignored, not an error.
    response = client.get(url, {"day": "someday", "role": "x"})
    assert response.status_code == 200
    assert shift_ids(response) == [a.pk, b.pk, c.pk]
    empty = client.get(url, {"day": "2027-06-16"}).content.decode()
    assert "No open shifts with these filters." in empty


def test_sign_up_returns_to_the_same_filters(client, festival, entrance, hall):
    shift = ShiftFactory(role=entrance, venue=hall, starts_at=at(0, 9))
    volunteer = VolunteerFactory(festival=festival)
    html = client.get(page(volunteer), {"day": "2027-06-14"}).content.decode()
    assert '<input type="hidden" name="day" value="2027-06-14">' in html

    response = client.post(
        f"/v/{volunteer.token}/shifts/{shift.pk}/signup/",
        {"day": "2027-06-14", "next": "https://evil.example/"},
    )

    assert response["Location"] == f"{page(volunteer)}?day=2027-06-14"


def test_qualifications_with_their_last_day_and_a_hint_before_the_end(client, festival):
    volunteer = VolunteerFactory(festival=festival)
    QualificationFactory(volunteer=volunteer, issued_on=dt.date(2025, 3, 1))
    QualificationFactory(
        volunteer=volunteer,
        kind=QualificationKind.FIRST_AID,
        issued_on=dt.date(2025, 6, 16),
        sighted_on=None,
        sighted_by="",
    )

    html = client.get(page(volunteer)).content.decode()

    items = re.findall(r'<li class="(vol-qual[^"]*)" data-kind="(\w+)">', html)
    assert items == [
        ("vol-qual vol-qual--expiring", "first_aid"),
        ("vol-qual", "police_certificate"),
    ]
    assert "valid until 06/15/2027" in html
    assert "valid until 02/28/2030" in html
    assert html.count("data-expiring") == 1


def test_print_list_has_the_festival_the_name_and_every_shift(
    client, festival, entrance, hall, coordinator
):
    volunteer = VolunteerFactory(festival=festival, name="Jonas Becker")
    first = ShiftFactory(
        role=entrance,
        venue=hall,
        starts_at=at(2, 9),
        coordinator=coordinator,
        coordinator_phone="0160 9876543",
    )
    second = ShiftFactory(role=entrance, venue=hall, starts_at=at(0, 14))
    assign(first, volunteer)
    assign(second, volunteer)

    response = client.get(f"/v/{volunteer.token}/print/")

    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r'class="vol-print__shift" data-shift="(\d+)"', html) == [
        str(second.pk),
        str(first.pk),
    ]
    assert "Festwoche 20 Jahre Bündnis für Familie" in html
    assert "Shifts of Jonas Becker" in html
    assert "Wednesday, June 16, 09:00–13:00 o'clock" in html
    assert "Sabine Koch · 0160 9876543" in html
    assert "Bitte 15 Minuten vorher am Haupteingang sein." in html
    assert "volunteers/print.css" in html


def _page_queries(client, volunteer) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page(volunteer)).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_shifts(
    client,
    festival,
    entrance,
    childcare,
    hall,
    coordinator,
    django_assert_max_num_queries,
):
    volunteer = VolunteerFactory(festival=festival)
    QualificationFactory(volunteer=volunteer)
    event = EventFactory(venue=hall)

    def add_shifts(start_day: int, count: int) -> None:
        for n in range(count):
            role = entrance if n % 2 else childcare
            shift = ShiftFactory(
                role=role,
                venue=hall,
                event=event,
                coordinator=coordinator,
                starts_at=at(start_day + n // 4, 6 + (n % 4) * 4),
            )
            if n % 3 == 0:
                assign(shift, volunteer)

    add_shifts(0, 3)
    few = _page_queries(client, volunteer)
    add_shifts(1, 27)

    with django_assert_max_num_queries(few):
        response = client.get(page(volunteer))
    assert len(shift_ids(response)) == 20
    assert volunteer.assignments.count() == 10
