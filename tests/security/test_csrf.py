"""CSRF on every form: each `<form method="post">` in every template carries
`{% csrf_token %}`, and no view is exempt from the CSRF check except the documented
ones below, each with its reason."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authentication import SessionAuthentication
from rest_framework.views import APIView

BASE_DIR = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [
    BASE_DIR / "templates",
    *BASE_DIR.glob("*/templates"),
    *BASE_DIR.glob("subevents/*/templates"),
]
FORM = re.compile(r"<form\b(?P<attrs>[^>]*)>(?P<body>.*?)</form>", re.S | re.I)
POST = re.compile(r"""method\s*=\s*["']?post\b""", re.I)
INCLUDE = re.compile(r"""{%\s*include\s+["']([^"']+)["']""")
CSRF_TOKEN = re.compile(r"{%\s*csrf_token\s*%}")

# View functions allowed to skip Django's CSRF middleware (module.qualname: why).
CSRF_EXEMPT_ALLOWED = {
    "subevents.charity_run.views.counting.counter_tap": (
        "the lap counter's JSON endpoint: a counting link's token in the URL or the "
        "X-Counter-Token header authenticates, no cookie does, so a forged "
        "cross-site request has nothing to ride on"
    ),
    "subevents.charity_run.views.counting.counter_undo": (
        "as counter_tap: token-authenticated JSON, no cookie"
    ),
    "events.api.not_found": (
        "the API's JSON 404 for unmatched /api/v1/ addresses: it changes nothing, "
        "and a POST to a wrong address should get the JSON 404, not an HTML 403"
    ),
}


def template_files() -> list[Path]:
    return sorted(
        path
        for directory in TEMPLATE_DIRS
        for path in directory.rglob("*.html")
        if "/mail/" not in path.as_posix()
    )


def find_template(name: str) -> Path | None:
    for directory in TEMPLATE_DIRS:
        if (directory / name).exists():
            return directory / name
    return None


def carries_token(body: str) -> bool:
    """The token is in the form's own text or in a template it includes there."""
    if CSRF_TOKEN.search(body):
        return True
    for name in INCLUDE.findall(body):
        included = find_template(name)
        if included and CSRF_TOKEN.search(included.read_text()):
            return True
    return False


def post_forms_without_token() -> list[str]:
    missing = []
    for path in template_files():
        text = path.read_text()
        for form in FORM.finditer(text):
            if POST.search(form["attrs"]) and not carries_token(form["body"]):
                line = text[: form.start()].count("\n") + 1
                missing.append(f"{path.relative_to(BASE_DIR)}:{line}")
    return missing


def test_the_scan_sees_the_project_templates():
    files = {p.relative_to(BASE_DIR).as_posix() for p in template_files()}
    assert "templates/registration/login.html" in files
    assert "subevents/charity_run/templates/charity_run/run.html" in files
    assert len(files) > 100
    post_forms = [
        form
        for path in template_files()
        for form in FORM.finditer(path.read_text())
        if POST.search(form["attrs"])
    ]
    assert len(post_forms) > 50


def test_scan_finds_a_post_form_without_token():
    form = FORM.search('<form class="x" method="POST"><button>Go</button></form>')
    assert POST.search(form["attrs"])
    assert not carries_token(form["body"])
    assert carries_token("{% csrf_token %}<button>Go</button>")


def test_every_post_form_carries_a_csrf_token():
    assert post_forms_without_token() == []


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def qualname(view) -> str:
    return f"{view.__module__}.{view.__qualname__}"


def test_no_view_is_csrf_exempt_except_the_documented_ones():
    exempt = set()
    for _route, view in walk(get_resolver().url_patterns):
        if not getattr(view, "csrf_exempt", False):
            continue
        cls = getattr(view, "cls", None)
        if cls is not None and issubclass(cls, APIView):
            continue  # checked by the test below
        exempt.add(qualname(view))

    assert exempt == set(CSRF_EXEMPT_ALLOWED)


def test_api_views_check_csrf_for_every_cookie_session():
    """DRF marks its views exempt and checks CSRF itself in SessionAuthentication:
    every API view authenticates by token or by that class, never by a session
    class that skips the check."""
    api_views = [
        view.cls
        for _route, view in walk(get_resolver().url_patterns)
        if issubclass(getattr(view, "cls", object), APIView)
    ]
    assert len(api_views) > 20
    for cls in api_views:
        for auth in cls.authentication_classes:
            if issubclass(auth, SessionAuthentication):
                assert auth.enforce_csrf is SessionAuthentication.enforce_csrf, cls


@pytest.mark.django_db
def test_a_form_post_without_token_is_refused():
    strict = Client(enforce_csrf_checks=True)

    response = strict.post("/accounts/login/", {"username": "a", "password": "b"})

    assert response.status_code == 403
