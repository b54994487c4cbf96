"""The programme page's free seats are exact although the page itself is cached."""

import re

import pytest
from django.core.cache import cache

from registrations.models import Registration
from registrations.services import registration_cancel
from tests.registrations.factories import open_event, register

pytestmark = pytest.mark.django_db


def seats_on_page(client, event) -> str:
    html = client.get("/").content.decode()
    return re.search(rf'<span data-seats-for="{event.pk}">([^<]*)</span>', html)[1]


def test_free_seats_follow_registrations_without_rendering_the_page_again(
    client, django_capture_on_commit_callbacks
):
    event = open_event(capacity=5, min_age=None)
    with django_capture_on_commit_callbacks(execute=True):
        first = register(event, 7, 35)
    assert seats_on_page(client, event) == "noch 3 Plätze frei"
    cached_keys = set(cache._cache) if hasattr(cache, "_cache") else None

    with django_capture_on_commit_callbacks(execute=True):
        register(event, 5, 6, 40)
    full = seats_on_page(client, event)
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=first.registration)
    after_cancel = seats_on_page(client, event)

    assert full == "ausgebucht – Warteliste"
    assert after_cancel == "noch 2 Plätze frei"
    assert Registration.objects.filter(status="confirmed").count() == 1
    if cached_keys is not None:  # local-memory cache: no page was rendered again
        assert {k for k in cache._cache if "programme:page" in k} == {
            k for k in cached_keys if "programme:page" in k
        }
