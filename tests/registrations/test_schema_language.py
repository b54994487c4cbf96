"""API help texts follow the reader's language, not the one active at import."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def party_help(client) -> str:
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    create = schema["components"]["schemas"]["RegistrationCreateRequest"]
    return create["properties"]["participants"]["description"]


def test_party_help_text_in_german_and_english(client):
    german = party_help(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = party_help(client)

    assert english == "The whole party, at most 50 people."
    assert german == "Die ganze Gruppe, höchstens 50 Personen."
