"""Security headers and cookies as production serves them: the production
settings (DJANGO_DEBUG=0, read in a subprocess as tests/test_deploy.py does) are
applied here and the pages' responses checked exactly."""

import json
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User

from tests.test_deploy import BASE_DIR, production_env

pytestmark = pytest.mark.django_db

SECURITY_SETTINGS = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SAMESITE",
]
POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}
HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}
PASSWORD = "Festwoche-geheim-2026"


def directives(header: str) -> dict[str, list[str]]:
    """The policy as {directive: sources} (django-csp does not keep their order)."""
    parts = [part.split() for part in header.split("; ")]
    return {part[0]: part[1:] for part in parts}


@pytest.fixture(scope="module")
def production_values(tmp_path_factory) -> dict:
    """The security settings as festwoche/settings.py makes them with DEBUG off."""
    script = (
        "import json, festwoche.settings as s;"
        f"print(json.dumps({{n: getattr(s, n, None) for n in {SECURITY_SETTINGS!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=production_env(tmp_path_factory.mktemp("prod")),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def production(settings, production_values):
    for name, value in production_values.items():
        if name == "SECURE_PROXY_SSL_HEADER":
            value = tuple(value)
        setattr(settings, name, value)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings


def test_production_settings_turn_every_protection_on(production_values):
    assert production_values == {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
        "X_FRAME_OPTIONS": "DENY",
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_SAMESITE": "Lax",
        "LANGUAGE_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SAMESITE": "Lax",
    }


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/admin/login/"])
def test_pages_carry_the_security_headers(client, production, path):
    response = client.get(path, **HTTPS)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert directives(response["Content-Security-Policy"]) == POLICY


def test_plain_http_is_redirected_to_https(client, production):
    response = client.get("/accounts/login/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/login/"


def test_the_policy_is_the_same_without_production_settings(client):
    # The policy does not depend on DEBUG: a violation shows up while developing.
    response = client.get("/accounts/login/")

    assert directives(response["Content-Security-Policy"]) == POLICY


def test_csrf_cookie_is_secure_and_same_site(client, production):
    client.get("/accounts/login/", **HTTPS)

    cookie = client.cookies[django_settings.CSRF_COOKIE_NAME]
    assert (cookie["secure"], cookie["samesite"]) == (True, "Lax")


def test_session_cookie_is_secure_http_only_and_same_site(client, production):
    User.objects.create_user("anna", password=PASSWORD, is_staff=True)

    response = client.post(
        "/accounts/login/", {"username": "anna", "password": PASSWORD}, **HTTPS
    )

    assert response.status_code == 302
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert (cookie["secure"], cookie["httponly"], cookie["samesite"]) == (
        True,
        True,
        "Lax",
    )


def test_language_cookie_is_secure_and_same_site(client, production):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, **HTTPS)

    assert response.status_code == 302
    cookie = response.cookies[django_settings.LANGUAGE_COOKIE_NAME]
    assert (cookie.value, cookie["secure"], cookie["samesite"]) == (
        "en",
        True,
        "Lax",
    )


def test_api_docs_allow_only_their_own_inline_script_by_nonce(client, production):
    response = client.get("/api/v1/docs/", **HTTPS)

    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    nonce = policy["script-src"][1].removeprefix("'nonce-").removesuffix("'")
    assert len(nonce) >= 22  # at least 128 bits in base64
    assert policy == POLICY | {
        "script-src": ["'self'", f"'nonce-{nonce}'"],
        "style-src": ["'self'", f"'nonce-{nonce}'"],
    }
    page = response.content.decode()
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page)
    assert inline_scripts == [f' nonce="{nonce}"']
    assert re.findall(r"<style([^>]*)>", page) == [f' nonce="{nonce}"']


def test_each_response_gets_a_new_nonce(client):
    policies = [client.get("/api/v1/docs/")["Content-Security-Policy"] for _ in "ab"]

    assert policies[0] != policies[1]
