"""The OpenAPI description of /api/v1/: valid, free of generator warnings, true to
what the API answers, and browsable without any CDN."""

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate
from rest_framework.test import APIClient

from events import roles
from tests.events.factories import EventFactory, SubEventFactory, VenueFactory, at

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def spec() -> dict:
    response = APIClient().get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return response.json()


def conforms(spec: dict, component: str, instance) -> list[str]:
    """Messages of every way `instance` breaks components/schemas/<component>."""
    schema = {"$ref": f"#/components/schemas/{component}", **spec}
    return [error.message for error in OAS30Validator(schema).iter_errors(instance)]


def test_schema_is_valid_openapi_3(spec):
    validate(spec)  # raises on an invalid document

    assert spec["openapi"] == "3.0.3"
    assert sorted(spec["paths"]) == [
        "/api/v1/auth/token/",
        "/api/v1/events/",
        "/api/v1/events/{slug}/",
        "/api/v1/events/{slug}/cancel/",
        "/api/v1/events/{slug}/publish/",
        "/api/v1/events/{slug}/registrations/",
        "/api/v1/orga/assignments/",
        "/api/v1/orga/assignments/{id}/",
        "/api/v1/orga/coverage/",
        "/api/v1/orga/qualifications/{id}/",
        "/api/v1/orga/volunteers/",
        "/api/v1/orga/volunteers/{id}/",
        "/api/v1/orga/volunteers/{id}/qualifications/",
        "/api/v1/partners/",
        "/api/v1/partners/{slug}/",
        "/api/v1/registrations/",
        "/api/v1/registrations/{token}/",
        "/api/v1/registrations/{token}/participants/{participant_id}/",
        "/api/v1/shifts/",
        "/api/v1/shifts/{id}/",
        "/api/v1/subevents/",
        "/api/v1/subevents/{slug}/",
        "/api/v1/venues/",
        "/api/v1/venues/{slug}/",
        "/api/v1/volunteer-roles/",
        "/api/v1/volunteers/",
        "/api/v1/volunteers/{token}/",
        "/api/v1/volunteers/{token}/assignments/",
        "/api/v1/volunteers/{token}/assignments/{id}/",
        "/api/v1/volunteers/{token}/data/",
        "/api/v1/volunteers/{token}/open-shifts/",
    ]
    assert sorted(spec["components"]["securitySchemes"]) == ["cookieAuth", "tokenAuth"]


def test_schema_documents_filters_and_errors(spec):
    events = spec["paths"]["/api/v1/events/"]
    detail = spec["paths"]["/api/v1/events/{slug}/"]

    assert sorted(p["name"] for p in events["get"]["parameters"]) == [
        "accessible",
        "age",
        "audience",
        "day",
        "free",
        "include_drafts",
        "page",
        "page_size",
        "q",
        "sub_event",
        "venue",
    ]
    # 415: the body in a media type no parser takes (events.api_plumbing's
    # ErrorsAutoSchema adds the statuses DRF's machinery answers).
    assert sorted(events["post"]["responses"]) == ["201", "400", "401", "403", "415"]
    assert sorted(detail["patch"]["responses"]) == [
        "200",
        "400",
        "401",
        "403",
        "404",
        "415",
    ]
    assert events["get"]["responses"]["404"]["description"] == (
        "No such object, or no such page of the list (`not_found`)."
    )
    for operation in (events["post"], detail["put"], detail["patch"]):
        assert operation["responses"]["400"]["content"]["application/json"] == {
            "schema": {"$ref": "#/components/schemas/Error"}
        }
    # A write answers with the event as the programme shows it, not the input form.
    for operation in (detail["put"], detail["patch"]):
        assert operation["responses"]["200"]["content"]["application/json"] == {
            "schema": {"$ref": "#/components/schemas/Event"}
        }


def test_responses_conform_to_the_schema(spec, django_user_model):
    sub_event = SubEventFactory(slug="kino")
    venue = VenueFactory(slug="aula")
    EventFactory(
        slug="film",
        sub_event=sub_event,
        venue=venue,
        capacity=20,
        starts_at=at(0, 10),
        ends_at=at(0, 12),
    )
    EventFactory(
        slug="offen",
        sub_event=sub_event,
        venue=venue,
        capacity=None,
        languages=["de", "tr"],
        starts_at=at(1, 10),
        ends_at=at(1, 12),
    )
    client = APIClient()
    orga = django_user_model.objects.create_user("orga")
    orga.groups.add(Group.objects.get(name=roles.ORGA))
    planner = APIClient()
    planner.force_authenticate(orga)

    listed = client.get("/api/v1/events/").json()
    detail = client.get("/api/v1/events/film/").json()
    refused = planner.post(
        "/api/v1/events/",
        {
            "sub_event": "kino",
            "title": "Zu früh",
            "venue": "aula",
            "starts_at": at(0, 11).isoformat(),
            "ends_at": at(0, 13).isoformat(),
        },
        format="json",
    )
    not_found = client.get("/api/v1/events/gibts-nicht/").json()
    venue_page = client.get("/api/v1/venues/").json()

    assert refused.status_code == 400
    assert refused.json()["code"] == "venue_conflict"
    assert conforms(spec, "PaginatedEventList", listed) == []
    assert conforms(spec, "Event", detail) == []
    assert conforms(spec, "Error", refused.json()) == []
    assert conforms(spec, "Error", not_found) == []
    assert conforms(spec, "PaginatedVenueList", venue_page) == []
    # The check itself can fail: a wrong type is reported.
    assert conforms(spec, "Event", {**detail, "capacity": "zwanzig"}) == [
        "'zwanzig' is not of type 'integer'"
    ]


def test_spectacular_validates_without_warnings(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--file",
            str(tmp_path / "schema.yml"),
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert (result.returncode, result.stderr) == (0, "")
    assert (tmp_path / "schema.yml").read_text().startswith("openapi: 3.0.3\n")


class AssetCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.assets.append(attrs["href"])
        if tag == "img" and attrs.get("src"):
            self.assets.append(attrs["src"])


def test_docs_page_uses_only_local_static_files():
    response = APIClient().get("/api/v1/docs/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    collector = AssetCollector()
    collector.feed(html)
    assert sorted(collector.assets) == [
        "/static/drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-standalone-preset.js",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
    ]
    for asset in collector.assets:
        assert finders.find(asset.removeprefix("/static/")) is not None, asset
    assert "http://" not in html
    assert "https://" not in html
    assert '"/api/v1/schema/"' in html
