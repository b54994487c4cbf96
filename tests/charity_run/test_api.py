"""The counting endpoints over HTTP: status codes and machine-readable codes, the
counting link as the credential (no CSRF needed), staff counting behind login and
CSRF."""

import json
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from events import roles
from subevents.charity_run import services
from subevents.charity_run.models import LapEntry

from .factories import make_run, runner, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    run = make_run()
    mia = runner(run)
    counter = services.counter_create(run=run, name="Ziel 1")
    return run, mia, counter


def post(client, url, body, **headers):
    return client.post(
        url, data=json.dumps(body), content_type="application/json", **headers
    )


def tap_url(counter):
    return reverse("charity_run:count-tap", kwargs={"token": counter.token})


def test_a_tap_is_201_and_its_replay_200_with_the_same_answer(setup):
    _run, _mia, counter = setup
    client = Client(enforce_csrf_checks=True)  # the token is the credential
    body = {
        "key": str(uuid.uuid4()),
        "start_number": 1,
        "device_id": "phone-a",
        "client_time": "2020-01-01T10:00:00+00:00",
    }

    first = post(client, tap_url(counter), body)
    again = post(client, tap_url(counter), body)

    assert first.status_code == 201
    assert again.status_code == 200
    answer = first.json()
    assert answer | {"at": None} == {
        "key": body["key"],
        "kind": "tap",
        "start_number": 1,
        "first_name": "Mia",
        "team": "",
        "laps": 1,
        "flagged": False,
        "replayed": False,
        "at": None,
    }
    assert again.json() == answer | {"replayed": True}
    entry = LapEntry.objects.get()
    assert (entry.counter, entry.device_id) == (counter, "phone-a")


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"start_number": 1}, 400, "invalid_key"),
        ({"key": "nope", "start_number": 1}, 400, "invalid_key"),
        ({"key": str(uuid.uuid4())}, 400, "invalid_start_number"),
        ({"key": str(uuid.uuid4()), "start_number": "x"}, 400, "invalid_start_number"),
        ({"key": str(uuid.uuid4()), "start_number": True}, 400, "invalid_start_number"),
        ({"key": str(uuid.uuid4()), "start_number": 77}, 400, "unknown_start_number"),
    ],
)
def test_bad_taps_are_400_with_a_code_and_store_nothing(setup, body, status, code):
    _run, _mia, counter = setup
    response = post(Client(), tap_url(counter), body)
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert LapEntry.objects.count() == 0


def test_malformed_json_is_400_parse_error(setup):
    _run, _mia, counter = setup
    response = Client().post(
        tap_url(counter), data="{", content_type="application/json"
    )
    assert (response.status_code, response.json()["code"]) == (400, "parse_error")


def test_a_reused_key_for_another_runner_is_409(setup):
    run, _mia, counter = setup
    runner(run, "Ben")
    key = str(uuid.uuid4())
    post(Client(), tap_url(counter), {"key": key, "start_number": 1})
    response = post(Client(), tap_url(counter), {"key": key, "start_number": 2})
    assert (response.status_code, response.json()["code"]) == (
        409,
        "idempotency_conflict",
    )
    assert LapEntry.objects.count() == 1


def test_a_run_not_live_is_400_run_not_live(setup):
    run, _mia, counter = setup
    services.run_state_set(run=run, state="not_started")
    response = post(
        Client(), tap_url(counter), {"key": str(uuid.uuid4()), "start_number": 1}
    )
    assert (response.status_code, response.json()["code"]) == (400, "run_not_live")


def test_undo_over_http_and_the_token_in_a_header(setup):
    _run, _mia, counter = setup
    key = str(uuid.uuid4())
    post(Client(), tap_url(counter), {"key": key, "start_number": 1})
    response = post(
        Client(enforce_csrf_checks=True),
        reverse("charity_run:api-undo"),
        {"key": str(uuid.uuid4()), "target_key": key},
        HTTP_X_COUNTER_TOKEN=counter.token,
    )
    assert response.status_code == 201
    assert (response.json()["kind"], response.json()["laps"]) == ("undo", 0)
    again = post(
        Client(),
        reverse("charity_run:count-undo", kwargs={"token": counter.token}),
        {"key": str(uuid.uuid4()), "target_key": key},
    )
    assert (again.status_code, again.json()["code"]) == (400, "already_undone")


def test_a_revoked_or_unknown_link_cannot_count(setup):
    _run, _mia, counter = setup
    services.counter_revoke(counter=counter)
    body = {"key": str(uuid.uuid4()), "start_number": 1}
    revoked = post(Client(), tap_url(counter), body)
    unknown = post(
        Client(), reverse("charity_run:api-tap"), body, HTTP_X_COUNTER_TOKEN="x"
    )
    assert (revoked.status_code, revoked.json()["code"]) == (403, "counter_revoked")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "counter_unknown")
    page = Client().get(reverse("charity_run:count", kwargs={"token": counter.token}))
    assert page.status_code == 403
    assert LapEntry.objects.count() == 0


def test_staff_count_with_login_and_csrf(setup):
    run, _mia, _counter = setup
    url = reverse("charity_run:staff-tap", kwargs={"slug": run.slug})
    body = {"key": str(uuid.uuid4()), "start_number": 1}
    assert post(Client(), url, body).status_code == 403

    client = Client(enforce_csrf_checks=True)
    user = staff("orga1", roles.ORGA)
    client.force_login(user)
    assert post(client, url, body).status_code == 403  # no CSRF token
    page = client.get(reverse("charity_run:staff-count", kwargs={"slug": run.slug}))
    token = page.context["csrf_token"]
    response = post(client, url, body, HTTP_X_CSRFTOKEN=str(token))
    assert response.status_code == 201
    assert LapEntry.objects.get().user == user


def test_staff_without_the_permission_may_not_count(setup):
    run, _mia, _counter = setup
    client = Client()
    client.force_login(staff("helfer", roles.VOLUNTEER_COORDINATION))
    url = reverse("charity_run:staff-tap", kwargs={"slug": run.slug})
    response = post(client, url, {"key": str(uuid.uuid4()), "start_number": 1})
    assert response.status_code == 403
    assert LapEntry.objects.count() == 0
