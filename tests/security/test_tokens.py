"""Personal links: every token generator gives at least 128 random bits, and every
kind of link can be renewed or revoked, after which the old address opens
nothing."""

import base64
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from calendars.services import feed_token_get
from subevents.charity_run.services.laps import counter_create, counter_revoke
from tests.charity_run.factories import make_run, runner
from tests.flea_market.factories import apply, market
from tests.registrations.factories import HouseholdFactory, open_event, register
from tests.volunteers.factories import VolunteerFactory

BASE_DIR = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ["events", "registrations", "volunteers", "calendars", "printing"]
SOURCE_DIRS += ["planning", "subevents", "festwoche"]
GENERATOR_CALL = re.compile(r"secrets\.(token_urlsafe|token_hex|token_bytes)\((\d*)\)")


def random_bits(token: str) -> int:
    """The bits a URL-safe base64 token carries."""
    return len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) * 8


def source_files() -> list[Path]:
    return sorted(
        path
        for name in SOURCE_DIRS
        for path in (BASE_DIR / name).rglob("*.py")
        if "migrations" not in path.parts
    )


def test_every_generator_call_in_the_code_asks_for_128_bits_or_more():
    calls = [
        (path.relative_to(BASE_DIR).as_posix(), kind, size)
        for path in source_files()
        for kind, size in GENERATOR_CALL.findall(path.read_text())
    ]

    assert len(calls) >= 6  # registrations, volunteers, calendars, 3 sub-events
    # An empty argument is the library's default of 32 bytes.
    assert [c for c in calls if c[2] and int(c[2]) < 16] == []


def token_fields():
    """(model, field) for every model field holding a link token or code."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.name in {"token", "join_code"}:
                yield model, field


def test_every_token_field_defaults_to_128_random_bits_or_more():
    fields = list(token_fields())
    labels = {f"{m._meta.label}.{f.name}" for m, f in fields}

    assert {
        "registrations.Household.token",
        "registrations.Registration.token",
        "volunteers.Volunteer.token",
        "calendars.FeedToken.token",
        "charity_run.Runner.token",
        "charity_run.Counter.token",
        "charity_run.Team.join_code",
        "flea_market.Application.token",
        "conference.Submission.token",
    } <= labels
    for model, field in fields:
        assert callable(field.default), (model, field.name)
        tokens = {field.default() for _ in range(50)}
        assert len(tokens) == 50, (model, field.name)
        assert min(random_bits(t) for t in tokens) >= 128, (model, field.name)


def test_api_tokens_carry_160_bits():
    from rest_framework.authtoken.models import Token

    key = Token.generate_key()

    assert len(bytes.fromhex(key)) * 8 == 160


# --- renewing and revoking ----------------------------------------------------------


@pytest.fixture
def admin_client(db):
    client = Client()
    user = User.objects.create_superuser("sicher", "sicher@example.org", "x")
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def renew_in_admin(client, changelist: str, obj, action: str = "renew_links"):
    response = client.post(
        changelist, {"action": action, "_selected_action": [obj.pk]}, follow=True
    )
    assert response.status_code == 200
    obj.refresh_from_db()
    return response


def test_household_manage_link_renewed_by_the_organisers(admin_client, client):
    household = register(open_event(), 8).registration.household
    old = household.token
    assert client.get(f"/r/{old}/").status_code == 200

    response = renew_in_admin(
        admin_client, "/admin/registrations/household/", household
    )

    assert household.token != old
    assert random_bits(household.token) == 256
    assert [str(m) for m in response.context["messages"]] == [
        "1 link renewed: the old address no longer opens anything."
    ]
    assert client.get(f"/r/{old}/").status_code == 404
    assert client.get(f"/r/{household.token}/").status_code == 200


def test_registration_link_renewed_by_the_organisers(admin_client, client):
    registration = register(open_event(), 8, 40).registration
    old = registration.token

    renew_in_admin(admin_client, "/admin/registrations/registration/", registration)

    assert registration.token != old
    assert client.get(f"/r/{old}/").status_code == 404
    assert client.get(f"/r/{registration.token}/").status_code == 200


def test_volunteer_link_renewed_by_the_organisers(admin_client, client):
    volunteer = VolunteerFactory()
    old = volunteer.token
    assert client.get(f"/v/{old}/").status_code == 200

    renew_in_admin(admin_client, "/admin/volunteers/volunteer/", volunteer)

    assert volunteer.token != old
    assert client.get(f"/v/{old}/").status_code == 404
    assert client.get(f"/v/{volunteer.token}/").status_code == 200


def test_seller_link_renewed_by_the_organisers(admin_client, client):
    application = apply(market())
    old = application.token
    assert client.get(f"/market/seller/{old}/").status_code == 200

    renew_in_admin(admin_client, "/admin/flea_market/application/", application)

    assert application.token != old
    assert client.get(f"/market/seller/{old}/").status_code == 404
    assert client.get(f"/market/seller/{application.token}/").status_code == 200


def test_runner_link_renewed_by_the_organisers(admin_client, client):
    person = runner(make_run())
    old = person.token
    assert client.get(f"/run/r/{old}/").status_code == 200

    renew_in_admin(admin_client, "/admin/charity_run/runner/", person)

    assert person.token != old
    assert client.get(f"/run/r/{old}/").status_code == 404
    assert client.get(f"/run/r/{person.token}/").status_code == 200


def test_renewing_needs_the_right_to_change(client, db):
    household = HouseholdFactory()
    old = household.token
    viewer = User.objects.create_user("nur-lesen", is_staff=True)
    viewer.user_permissions.add(
        *apps.get_model("auth", "Permission").objects.filter(
            codename__in=["view_household"]
        )
    )
    client.force_login(viewer)

    client.post(
        "/admin/registrations/household/",
        {"action": "renew_links", "_selected_action": [household.pk]},
    )

    household.refresh_from_db()
    assert household.token == old


@pytest.mark.django_db
def test_family_feed_link_renewed_by_the_family(client):
    household = register(open_event(), 8).registration.household
    old = feed_token_get(household=household).token
    assert client.get(f"/calendar/households/{old}.ics").status_code == 200

    response = client.post(f"/calendar/households/{household.token}/renew/")

    assert response.status_code == 302
    new = feed_token_get(household=household).token
    assert new != old
    assert client.get(f"/calendar/households/{old}.ics").status_code == 404
    assert client.get(f"/calendar/households/{new}.ics").status_code == 200


@pytest.mark.django_db
def test_volunteer_feed_link_renewed_by_the_volunteer(client):
    volunteer = VolunteerFactory()
    old = feed_token_get(volunteer=volunteer).token

    client.post(f"/calendar/volunteers/{volunteer.token}/renew/")

    assert client.get(f"/calendar/volunteers/{old}.ics").status_code == 404


@pytest.mark.django_db
def test_counting_link_revoked_by_the_organisers(client):
    run = make_run()
    counter = counter_create(run=run, name="Start/Ziel", by=None)
    assert client.get(f"/run/count/{counter.token}/").status_code == 200

    counter_revoke(counter=counter)

    response = client.get(f"/run/count/{counter.token}/")
    assert response.status_code == 403  # "switched off", with its own page
    tap = client.post(
        f"/run/count/{counter.token}/tap/", "{}", content_type="application/json"
    )
    assert (tap.status_code, tap.json()["code"]) == (403, "counter_revoked")


@pytest.mark.django_db
def test_family_renews_its_own_link_and_gets_the_new_one_by_mail(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    household = register(open_event(), 8).registration.household
    old = household.token
    mailoutbox.clear()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert f'action="/r/{old}/renew/"' in client.get(f"/r/{old}/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/r/{old}/renew/")

    household.refresh_from_db()
    assert household.token != old
    assert response.status_code == 302
    assert response["Location"] == f"/r/{household.token}/"
    assert client.get(f"/r/{old}/").status_code == 404
    assert client.get(f"/r/{household.token}/").status_code == 200
    assert [m.to for m in mailoutbox] == [[household.email]]
    assert f"/r/{household.token}/" in mailoutbox[0].body
    assert old not in mailoutbox[0].body


@pytest.mark.django_db
def test_a_single_registration_link_cannot_renew_the_households(client):
    registration = register(open_event(), 8).registration
    household_token = registration.household.token

    response = client.post(f"/r/{registration.token}/renew/")

    assert response.status_code == 404
    registration.household.refresh_from_db()
    assert registration.household.token == household_token


@pytest.mark.django_db
def test_renewing_is_a_post(client):
    household = register(open_event(), 8).registration.household

    assert client.get(f"/r/{household.token}/renew/").status_code == 405


@pytest.mark.django_db
def test_volunteer_renews_their_own_link_and_gets_the_new_one_by_mail(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    volunteer = VolunteerFactory()
    old = volunteer.token
    assert f'action="/v/{old}/renew/"' in client.get(f"/v/{old}/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/v/{old}/renew/")

    volunteer.refresh_from_db()
    assert volunteer.token != old
    assert (response.status_code, response["Location"]) == (
        302,
        f"/v/{volunteer.token}/",
    )
    assert client.get(f"/v/{old}/").status_code == 404
    assert client.get(f"/v/{volunteer.token}/").status_code == 200
    assert [m.to for m in mailoutbox] == [[volunteer.email]]
    assert f"/v/{volunteer.token}/" in mailoutbox[0].body


@pytest.mark.django_db
def test_an_unknown_volunteer_link_renews_nothing(client):
    assert client.post("/v/" + "x" * 43 + "/renew/").status_code == 404
