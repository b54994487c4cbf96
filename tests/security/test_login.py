"""The staff logins are rate-limited: after five failed attempts for a user name, or
ten from one client, in 15 minutes every attempt is refused with a 429 page, even
with the right password; successful logins do not count."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "Festwoche-geheim-2026"
LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def anna():
    return User.objects.create_user("anna", password=PASSWORD, is_staff=True)


def attempt(client, username, password, *, url=LOGIN, address="10.0.0.1"):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=address
    )


def fail(client, username, times, **kwargs):
    for _ in range(times):
        response = attempt(client, username, "wrong", **kwargs)
        assert response.status_code == 200  # the form again, with its error


def test_right_password_is_refused_after_five_failures_for_the_user(client, anna):
    fail(client, "anna", 5)

    response = attempt(client, "anna", PASSWORD)

    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session
    # (The heading's German text comes with the merged translations.)
    assert "Bitte versuchen Sie es in 15 Minuten erneut." in response.content.decode()


def test_four_failures_still_let_the_right_password_in(client, anna):
    fail(client, "anna", 4)

    response = attempt(client, "anna", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(anna.pk)


def test_the_refusal_is_in_english_for_an_english_visitor(client, anna):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    fail(client, "anna", 5)

    response = attempt(client, "anna", PASSWORD)

    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()


def test_user_name_is_blocked_from_every_client_and_case(client, anna):
    fail(client, "Anna", 5, address="10.0.0.1")

    response = attempt(client, "anna", PASSWORD, address="10.9.9.9")

    assert response.status_code == 429


def test_other_users_from_other_clients_are_not_affected(client, anna):
    User.objects.create_user("ben", password=PASSWORD, is_staff=True)
    fail(client, "anna", 5, address="10.0.0.1")

    response = attempt(client, "ben", PASSWORD, address="10.0.0.2")

    assert response.status_code == 302


def test_a_client_is_blocked_after_ten_failures_over_any_user_names(client, anna):
    for n in range(10):
        fail(client, f"guess{n}", 1, address="10.0.0.7")

    blocked = attempt(client, "anna", PASSWORD, address="10.0.0.7")
    elsewhere = attempt(client, "anna", PASSWORD, address="10.0.0.8")

    assert blocked.status_code == 429
    assert elsewhere.status_code == 302


def test_successful_logins_are_not_counted(client, anna):
    for _ in range(12):
        response = attempt(client, "anna", PASSWORD)
        assert response.status_code == 302
        client.logout()

    fail(client, "anna", 4)
    assert attempt(client, "anna", PASSWORD).status_code == 302


def test_admin_login_shares_the_limit(client, anna):
    fail(client, "anna", 3, url=LOGIN)
    fail(client, "anna", 2, url=ADMIN_LOGIN)

    response = attempt(client, "anna", PASSWORD, url=ADMIN_LOGIN)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_login_page_itself_stays_readable_while_blocked(client, anna):
    fail(client, "anna", 5)

    assert client.get(LOGIN).status_code == 200
