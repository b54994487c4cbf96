"""The public registration pages: the form, its confirmation, the manage page and
"link lost?".

Texts are checked on the English pages (the msgids), so the German translation can
change without breaking these tests; statuses and error codes are read from data
attributes.
"""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from registrations.models import Household, Participant, Registration
from tests.registrations.factories import HouseholdFactory, open_event, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    """A visitor who chose English with the language switch."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def event():
    return open_event(
        title="Kinderkonzert",
        slug="kinderkonzert",
        capacity=10,
        min_age=3,
        max_age=12,
        adult_required_under=6,
        max_party_size=4,
    )


def form_data(people=(("Mia", 7, True), ("Ayşe", 36, False)), **fields) -> dict:
    """What the form posts for a party of (first name, age, photo consent)."""
    data = {
        "name": "Ayşe Yılmaz",
        "email": "ayse@example.org",
        "phone": "",
        "needs_text": "",
        "consent_privacy": "on",
        "website": "",
        "p-TOTAL_FORMS": str(len(people)),
        "p-INITIAL_FORMS": "0",
        "p-MIN_NUM_FORMS": "0",
        "p-MAX_NUM_FORMS": "50",
    }
    for i, (name, age, photo) in enumerate(people):
        data[f"p-{i}-name"] = name
        data[f"p-{i}-age"] = str(age)
        if photo:
            data[f"p-{i}-photo_consent"] = "on"
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def url(event) -> str:
    return f"/events/{event.slug}/register/"


def error_codes(response) -> list[str]:
    """The codes of the error summary, in page order."""
    return re.findall(r'<li data-code="([^"]*)">', response.content.decode())


def statuses(response) -> list[str]:
    return re.findall(
        r'<article class="reg-card"[^>]*data-status="(\w+)"', response.content.decode()
    )


def without_csrf(response) -> str:
    """The page without the per-response CSRF token values."""
    return re.sub(r'value="[^"]{64}"', "", response.content.decode())


def people_of(registration: Registration) -> list[tuple]:
    return [
        (p.name, p.age, p.takes_seat, p.photo_consent, p.cancelled_at is None)
        for p in registration.participants.order_by("pk")
    ]


# --- The form ----------------------------------------------------------------------


def test_form_shows_the_rules_and_the_exact_seats(client, event):
    register(event, 7, 36)
    register(event, 4, 40)

    response = client.get(url(event))
    html = response.content.decode()

    assert response.status_code == 200
    assert (
        '<p class="rules__seats" data-seats="6"><strong>6 seats left</strong>' in html
    )
    rules = re.findall(r"<li>([^<]+)</li>", html.split('class="rules__list"')[1])
    assert rules == [
        "Children: 3–12 years (age on the day of the event).",
        "Children under 6 come with an adult: please register the adult too.",
        "Up to 4 people per registration.",
        "Accompanying adults take a seat, too.",
        "If all seats are taken, you join the waiting list. When seats become free, "
        "waiting families move up in the order in which they registered; a family for "
        "whom the free seats are not enough is skipped.",
    ]
    # Two rows to start with, the privacy notice folded away, the honeypot hidden.
    assert 'name="p-TOTAL_FORMS" value="2"' in html
    assert 'name="p-1-name"' in html
    assert 'name="p-2-name"' not in html
    assert '<details class="consent__notice">' in html
    assert "We store the contact details" in html
    assert '<div class="hp" aria-hidden="true">' in html
    assert 'name="website"' in html
    assert 'tabindex="-1"' in html


def test_form_of_a_full_event_offers_the_waiting_list(client):
    event = open_event(capacity=2, adults_take_seats=False, min_age=None)
    register(event, 7, 8)

    html = client.get(url(event)).content.decode()

    assert 'data-seats="0"' in html
    assert "Fully booked – waiting list" in html
    assert "Join the waiting list</button>" in html
    assert "Accompanying adults do not take a seat." in html
    assert "For all ages." in html


def test_closed_registration_shows_no_form(client):
    event = open_event(registration_closes_at=timezone.now() - dt.timedelta(hours=1))

    response = client.get(url(event))

    assert response.status_code == 200
    assert "Registration has closed." in response.content.decode()
    assert '<form class="reg-form"' not in response.content.decode()


def test_event_page_links_to_the_form(client, event):
    html = client.get(f"/events/{event.slug}/").content.decode()

    assert f'href="/events/{event.slug}/register/">Register now</a>' in html
    assert 'href="/r/">Already registered?' in html


def test_unknown_or_draft_event_is_404(client, event):
    draft = open_event(status="draft")

    assert client.get("/events/gibtsnicht/register/").status_code == 404
    assert client.get(url(draft)).status_code == 404


def test_registration_is_stored_exactly_and_redirects_to_the_confirmation(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(event),
            form_data(
                people=(("Mia", 7, True), ("Ali", 4, False), ("Ayşe", 36, False)),
                phone="0170 1234567",
                needs=["buggy", "wheelchair"],
                needs_text="Mia isst vegetarisch.",
            ),
        )

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/r/{registration.token}/registered/"
    assert registration.event == event
    assert registration.status == "confirmed"
    assert registration.needs == ["wheelchair", "buggy"]
    assert registration.needs_text == "Mia isst vegetarisch."
    assert people_of(registration) == [
        ("Mia", 7, True, True, True),
        ("Ali", 4, True, False, True),
        ("Ayşe", 36, True, False, True),
    ]
    household = registration.household
    assert (household.name, household.email, household.phone, household.language) == (
        "Ayşe Yılmaz",
        "ayse@example.org",
        "0170 1234567",
        "en",
    )
    assert [m.to for m in mail.outbox] == [["ayse@example.org"]]

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-status="confirmed"' in html
    assert "You are registered" in html
    assert re.findall(r"<li>(\w+) <span", html) == ["Mia", "Ali", "Ayşe"]
    # A new household sees its own link to the whole week.
    assert f"http://testserver/r/{household.token}/" in html
    assert "Your personal link" in html


def test_german_is_the_default_language_of_the_household(event):
    Client().post(url(event), form_data())

    assert Household.objects.get().language == "de"


def test_empty_rows_are_ignored(client, event):
    data = form_data(people=(("Mia", 7, False), ("", "", True), ("Ayşe", 36, False)))

    response = client.post(url(event), data)

    assert response.status_code == 302
    assert [p.name for p in Participant.objects.all()] == ["Mia", "Ayşe"]


def test_existing_household_sees_only_the_registration_link(client, event):
    other = open_event(slug="lesung")
    first = register(other, 7, 36, email="ayse@example.org")

    response = client.post(url(event), form_data(email="AYSE@example.org"))

    registration = Registration.objects.get(event=event)
    assert registration.household == first.registration.household
    html = client.get(response["Location"]).content.decode()
    assert f"http://testserver/r/{registration.token}/" in html
    assert registration.household.token not in html
    assert "has been sent to your e-mail address" in html


def test_confirmation_in_another_browser_does_not_show_the_household_link(
    client, event
):
    response = client.post(url(event), form_data())
    registration = Registration.objects.get()

    other = Client()
    other.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = other.get(response["Location"]).content.decode()

    assert registration.household.token not in html
    assert f"/r/{registration.token}/" in html


def test_party_that_does_not_fit_goes_on_the_waiting_list(client):
    event = open_event(capacity=3)
    register(event, 7, 36)
    register(event, 8, 9, 40)  # waits: 3 seats, 1 free

    response = client.post(url(event), form_data())

    registration = Registration.objects.get(household__email="ayse@example.org")
    assert registration.status == "waitlisted"
    html = client.get(response["Location"]).content.decode()
    assert 'data-status="waitlisted"' in html
    assert 'data-position="2"' in html
    assert "Position 2 on the waiting list." in html


# --- Errors: shown on the form, never a 500, nothing typed is lost ------------------


@pytest.mark.parametrize(
    ("fields", "codes"),
    [
        pytest.param(
            {
                "people": (
                    *((f"Kind{i}", 7, False) for i in range(4)),
                    ("Ayşe", 36, False),
                )
            },
            ["party_too_large"],
            id="too-many-people",
        ),
        pytest.param(
            {"people": tuple((f"Kind{i}", 7, False) for i in range(51))},
            ["too_many_forms"],
            id="absurd-party",
        ),
        pytest.param(
            {"people": (("Mia", 15, False), ("Ayşe", 36, False))},
            ["age_not_allowed"],
            id="age-not-allowed",
        ),
        pytest.param(
            {"people": (("Ali", 4, False),)}, ["adult_required"], id="adult-required"
        ),
        pytest.param({"people": ()}, ["participants_required"], id="nobody"),
        pytest.param(
            {"consent_privacy": None}, ["consent_required"], id="missing-consent"
        ),
        pytest.param({"email": "ayse@"}, ["email_invalid"], id="invalid-email"),
        pytest.param({"email": ""}, ["email_invalid"], id="no-email"),
        pytest.param({"name": "   "}, ["required"], id="no-name"),
        pytest.param({"name": "A" * 10_000}, ["too_long"], id="huge-contact-name"),
        pytest.param(
            {"people": (("M" * 10_000, 7, False), ("Ayşe", 36, False))},
            ["too_long"],
            id="huge-first-name",
        ),
        pytest.param(
            {"people": (("Mia", -3, False), ("Ayşe", 36, False))},
            ["age_invalid"],
            id="negative-age",
        ),
        pytest.param(
            {"people": (("Mia", "sieben", False), ("Ayşe", 36, False))},
            ["invalid"],
            id="age-not-a-number",
        ),
        pytest.param(
            {"people": (("Mia", "", False), ("", 36, False))},
            ["", ""],  # "please enter the age", "please enter a first name"
            id="half-filled-rows",
        ),
        pytest.param(
            {"people": (("Mia\x07", 7, False), ("Ayşe", 36, False))},
            ["invalid_characters"],
            id="control-character",
        ),
        pytest.param(
            {"people": (("Mia\x00", 7, False), ("Ayşe", 36, False))},
            ["null_characters_not_allowed"],
            id="null-character",
        ),
        pytest.param({"phone": "call me"}, ["phone_invalid"], id="phone"),
        pytest.param({"needs": ["pony"]}, ["invalid_choice"], id="unknown-need"),
        pytest.param({"needs_text": "x" * 501}, ["too_long"], id="long-needs"),
    ],
)
def test_errors_are_shown_on_the_form(client, event, fields, codes):
    people = fields.pop("people", (("Mia", 7, True), ("Ayşe", 36, False)))

    response = client.post(url(event), form_data(people=people, **fields))

    assert response.status_code == 200
    assert error_codes(response) == codes
    assert Registration.objects.count() == 0
    html = response.content.decode()
    assert '<div class="error-summary" id="error-summary" role="alert"' in html


def test_all_errors_show_at_once_at_their_fields_and_keep_the_input(client, event):
    response = client.post(
        url(event),
        form_data(
            name="",
            email="ayse@",
            consent_privacy=None,
            needs_text="x" * 501,
            people=(("Mia", 7, True), ("Ayşe", -1, False)),
        ),
    )
    html = response.content.decode()

    # One round trip shows every mistake, in page order.
    assert error_codes(response) == [
        "age_invalid",
        "required",
        "email_invalid",
        "too_long",
        "consent_required",
    ]
    assert '<a href="#id_p-1-age">Person 2: Please enter each age' in html
    assert 'id="id_p-1-age-error">Please enter each age' in html
    assert 'aria-describedby="id_p-1-age-error"' in html
    assert '<a href="#id_email">' in html
    assert 'id="id_email-error">Please enter a valid e-mail address.' in html
    assert 'aria-describedby="id_email_helptext id_email-error"' in html
    assert html.count('aria-invalid="true"') == 5
    # Everything typed is still there.
    assert 'value="ayse@"' in html
    assert 'name="p-0-name" value="Mia"' in html
    assert 'name="p-1-age" value="-1"' in html
    assert re.search(r'name="p-0-photo_consent"[^>]* checked', html)
    assert '<details class="reg-form__section needs" open>' in html
    assert Registration.objects.count() == 0


def test_a_rule_and_input_mistakes_show_together(client, event):
    response = client.post(
        url(event), form_data(people=(("Ben", 4, False),), email="ayse@")
    )

    assert error_codes(response) == ["adult_required", "email_invalid"]


def test_missing_consent_is_a_field_error(client, event):
    response = client.post(url(event), form_data(consent_privacy=None))

    assert error_codes(response) == ["consent_required"]
    assert 'id="id_consent_privacy-error">Please agree to the privacy notice.' in (
        response.content.decode()
    )


def test_already_registered_offers_the_lost_link(client, event):
    register(event, 7, 36, email="ayse@example.org")

    response = client.post(url(event), form_data())

    assert response.status_code == 200
    assert error_codes(response) == ["already_registered"]
    assert 'href="/r/">Link lost?' in response.content.decode()
    assert Registration.objects.count() == 1


def test_closed_registration_refuses_a_post(client):
    event = open_event(registration_closes_at=timezone.now() - dt.timedelta(hours=1))

    response = client.post(url(event), form_data())

    assert response.status_code == 200
    assert Registration.objects.count() == 0


def test_emoji_and_right_to_left_names_are_accepted(client, event):
    response = client.post(
        url(event),
        form_data(
            name="مريم الحسن",
            people=(("👧🏽 Lina", 7, False), ("مريم", 35, True)),
        ),
    )

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert registration.household.name == "مريم الحسن"
    assert [p.name for p in registration.participants.all()] == ["👧🏽 Lina", "مريم"]


def test_add_person_without_javascript_keeps_the_input(client, event):
    data = form_data(add_person="1", needs=["buggy"])

    response = client.post(url(event), data)
    html = response.content.decode()

    assert response.status_code == 200
    assert Registration.objects.count() == 0
    assert error_codes(response) == []
    assert 'name="p-TOTAL_FORMS" value="3"' in html
    assert 'name="p-0-name" value="Mia"' in html
    assert 'name="p-1-age" value="36"' in html
    assert 'name="p-2-name"' in html
    assert 'value="Ayşe Yılmaz"' in html
    assert re.search(r'value="buggy"[^>]* checked', html)
    assert '<details class="reg-form__section needs" open>' in html


def test_add_person_stops_at_the_party_size(client, event):
    people = tuple((f"P{i}", 7, False) for i in range(4))

    html = client.post(url(event), form_data(people=people, add_person="1"))
    html = html.content.decode()

    assert 'name="p-TOTAL_FORMS" value="4"' in html
    assert "data-add-person" not in html


# --- Abuse --------------------------------------------------------------------------


def test_honeypot_pretends_success_and_stores_nothing(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(event), form_data(website="http://spam.example"))

    assert response.status_code == 302
    assert response["Location"] == f"/events/{event.slug}/register/received/"
    assert Registration.objects.count() == 0
    assert Household.objects.count() == 0
    assert mail.outbox == []
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Your registration has been received." in page.content.decode()


@pytest.fixture
def own_cache(settings):
    """A cache of this test's own, so that the counts start at zero."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"ratelimit-{id(settings)}",
        }
    }


def test_rate_limit_answers_429_after_ten_posts_a_minute(client, event, own_cache):
    for n in range(10):
        response = client.post(url(event), form_data(email=f"f{n}@example.org"))
        assert response.status_code == 302

    response = client.post(url(event), form_data(email="f10@example.org"))

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Please wait a minute and try again." in response.content.decode()
    assert Registration.objects.count() == 10
    # Reading the form is not counted.
    assert client.get(url(event)).status_code == 200


def test_rate_limit_counts_per_client_address(client, event, own_cache):
    for _n in range(11):
        client.post(url(event), form_data(), REMOTE_ADDR="10.0.0.1")

    response = client.post(url(event), form_data(), REMOTE_ADDR="10.0.0.2")

    assert response.status_code == 200  # already registered, but not limited


# --- The manage page ----------------------------------------------------------------


@pytest.fixture
def week():
    """A household with three registrations on two days (one waiting, one
    cancelled) and another household."""
    from tests.events.factories import at

    first_day = open_event(title="Kinderkonzert", slug="konzert", capacity=10)
    small = open_event(
        title="Töpfern",
        slug="toepfern",
        capacity=2,
        starts_at=at(0, 15),
        ends_at=at(0, 16),
    )
    later = open_event(
        title="Lesung", slug="lesung", starts_at=at(1, 10), ends_at=at(1, 11)
    )
    other = register(small, 7, 36, email="other@example.org")
    mine = {
        "later": register(later, 7, 36, email="ayse@example.org").registration,
        "konzert": register(first_day, 4, 7, 36, email="ayse@example.org").registration,
        "toepfern": register(small, 9, 36, email="ayse@example.org").registration,
    }
    cancelled = open_event(
        title="Abgesagt", slug="abgesagt", starts_at=at(2, 10), ends_at=at(2, 11)
    )
    gone = register(cancelled, 7, 36, email="ayse@example.org").registration
    from registrations.services import registration_cancel

    registration_cancel(registration=gone)
    mail.outbox.clear()
    return {
        "household": mine["later"].household,
        "other": other.registration,
        "gone": gone,
        **mine,
    }


def test_household_link_lists_the_week_in_programme_order(client, week):
    response = client.get(f"/r/{week['household'].token}/")
    html = response.content.decode()

    assert response.status_code == 200
    titles = re.findall(r'class="reg-card__title" id="[^"]+"><a [^>]+>([^<]+)<', html)
    assert titles == ["Kinderkonzert", "Töpfern", "Lesung"]
    assert statuses(response) == ["confirmed", "waitlisted", "confirmed"]
    assert re.findall(r'<h2 class="day__heading"[^>]*>([^<]+)<', html) == [
        "Monday, June 14",
        "Tuesday, June 15",
    ]
    assert 'data-position="1"' in html
    # QR codes of the confirmed ones (the calendar menu has its own, not counted)
    assert len(re.findall(r'<svg role="img"[^>]*class="qr__code"', html)) == 2
    assert "1 cancelled registration" in html
    assert "Abgesagt" in html
    assert week["household"].email in html
    assert "Other" not in html and "other@example.org" not in html


def test_registration_link_shows_only_that_registration(client, week):
    registration = week["konzert"]

    response = client.get(f"/r/{registration.token}/")
    html = response.content.decode()

    assert response.status_code == 200
    assert statuses(response) == ["confirmed"]
    assert "Kinderkonzert" in html
    assert "Lesung" not in html and "Töpfern" not in html
    assert week["household"].name not in html
    assert week["household"].token not in html
    # The QR code holds this registration's link, for the check-in.
    assert f"/r/{registration.token}/" in html


def test_staff_scanning_the_qr_code_get_the_check_in_entry(client, week):
    from django.contrib.auth.models import Group, User

    from events import roles

    orga = User.objects.create_user("orga", is_staff=True)
    orga.groups.add(*Group.objects.filter(name=roles.ORGA))
    client.force_login(orga)
    registration = week["konzert"]

    response = client.get(f"/r/{registration.token}/")

    assert response.status_code == 302
    assert response["Location"] == f"/orga/checkin/{registration.token}/"
    # The household's own link stays the family's page.
    assert client.get(f"/r/{week['household'].token}/").status_code == 200


def test_empty_household_shows_an_empty_state(client):
    household = HouseholdFactory()

    html = client.get(f"/r/{household.token}/").content.decode()

    assert "No registrations at the moment." in html


def test_unknown_tokens_are_404(client, week):
    assert client.get("/r/gibtsnicht/").status_code == 404
    assert client.get("/r/gibtsnicht/registered/").status_code == 404
    assert client.post("/r/gibtsnicht/cancel/", {"registration": "1"}).status_code == (
        404
    )
    assert (
        client.post("/r/gibtsnicht/cancel-person/", {"participant": "1"}).status_code
        == 404
    )


def test_cancel_a_participant_promotes_a_waiting_party_that_now_fits(client, week):
    # Töpfern has 2 seats: "other" holds both, "toepfern" (2 people) waits.
    other = week["other"]
    child = other.participants.get(age=7)
    waiting = week["toepfern"]

    response = client.post(
        f"/r/{other.household.token}/cancel-person/", {"participant": child.pk}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/r/{other.household.token}/"
    child.refresh_from_db()
    assert child.cancelled_at is not None
    waiting.refresh_from_db()
    assert waiting.status == "waitlisted"  # one seat free, the party needs two

    adult = other.participants.get(age=36)
    response = client.post(f"/r/{other.token}/cancel/", {"registration": other.pk})

    assert response.status_code == 302
    other.refresh_from_db()
    adult.refresh_from_db()
    assert other.status == "cancelled"
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    page = client.get(response["Location"]).content.decode()
    assert "Your registration for “Töpfern” has been cancelled." in page
    assert statuses(client.get(f"/r/{waiting.token}/")) == ["confirmed"]


def test_cancel_participant_then_the_page_says_so(client, week):
    registration = week["konzert"]
    child = registration.participants.get(age=7)

    response = client.post(
        f"/r/{registration.token}/cancel-person/",
        {"participant": child.pk},
        follow=True,
    )

    html = response.content.decode()
    assert "Kind2 is no longer registered for “Kinderkonzert”." in html
    assert [p[0] for p in people_of(registration) if p[4]] == ["Kind1", "Erw3"]
    assert re.findall(r'data-participant="\d+"', html).__len__() == 2


def test_cancel_participant_refused_by_a_rule_shows_the_error(client):
    event = open_event(adult_required_under=6)
    registration = register(event, 4, 36, email="ayse@example.org").registration
    adult = registration.participants.get(age=36)

    response = client.post(
        f"/r/{registration.token}/cancel-person/", {"participant": adult.pk}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert '<p class="notice notice--error" role="alert">Children under 6 need' in html
    adult.refresh_from_db()
    assert adult.cancelled_at is None


def test_cancel_needs_post_and_stays_within_the_token(client, week):
    mine = week["household"].token
    other = week["other"]

    assert client.get(f"/r/{mine}/cancel/").status_code == 405
    assert client.post(
        f"/r/{mine}/cancel/", {"registration": other.pk}
    ).status_code == (404)
    person = other.participants.first()
    response = client.post(f"/r/{mine}/cancel-person/", {"participant": person.pk})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == "confirmed"


def test_cancel_forms_carry_the_csrf_token(week):
    client = Client(enforce_csrf_checks=True)
    registration = week["konzert"]

    response = client.post(
        f"/r/{registration.token}/cancel/", {"registration": registration.pk}
    )

    assert response.status_code == 403
    html = client.get(f"/r/{registration.token}/").content.decode()
    # 3 people, 1 whole, 1 change of the party, 1 language
    assert html.count('name="csrfmiddlewaretoken"') == 6


# --- Link lost? ---------------------------------------------------------------------


def test_link_page_sends_the_link_only_to_a_known_address(
    client, own_cache, django_capture_on_commit_callbacks
):
    household = HouseholdFactory(email="ayse@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/r/", {"email": "AYSE@example.org"}, follow=True)
        unknown = client.post("/r/", {"email": "nobody@example.org"}, follow=True)

    assert known.redirect_chain == [("/r/?sent=1", 302)]
    assert unknown.redirect_chain == [("/r/?sent=1", 302)]
    assert without_csrf(known) == without_csrf(unknown)
    assert "If this address is registered, we have sent the link." in (
        known.content.decode()
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ayse@example.org"]
    assert f"/r/{household.token}/" in mail.outbox[0].body


def test_link_page_asks_for_a_valid_address(client, own_cache):
    response = client.post("/r/", {"email": "ayse"})

    assert response.status_code == 200
    assert 'aria-describedby="id_email-error"' in response.content.decode()
    assert mail.outbox == []


def test_link_page_is_rate_limited(client, own_cache):
    for _n in range(5):
        client.post("/r/", {"email": "ayse@example.org"})

    response = client.post("/r/", {"email": "ayse@example.org"})

    assert response.status_code == 429
    assert response["Retry-After"] == "600"
