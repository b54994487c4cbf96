"""The programme page's free seats are exact although the page itself is cached."""

import re

import pytest

from events import views
from registrations.models import Registration
from registrations.services import registration_cancel
from tests.registrations.factories import open_event, register

pytestmark = pytest.mark.django_db


def seats_on_page(client, event) -> str:
    html = client.get("/").content.decode()
    return re.search(rf'<span data-seats-for="{event.pk}">([^<]*)</span>', html)[1]


def test_free_seats_follow_registrations_without_rendering_the_page_again(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    event = open_event(capacity=5, min_age=None)
    with django_capture_on_commit_callbacks(execute=True):
        first = register(event, 7, 35)
    assert seats_on_page(client, event) == "noch 3 Plätze frei"
    renders = []
    render = views._programme_main
    monkeypatch.setattr(
        views, "_programme_main", lambda request: renders.append(1) or render(request)
    )

    with django_capture_on_commit_callbacks(execute=True):
        register(event, 5, 6, 40)
    full = seats_on_page(client, event)
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=first.registration)
    after_cancel = seats_on_page(client, event)

    assert full == "ausgebucht – Warteliste"
    assert after_cancel == "noch 2 Plätze frei"
    assert Registration.objects.filter(status="confirmed").count() == 1
    assert renders == []  # every answer came from the cached page
