"""The family's page costs the same queries however many registrations wait."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.events.factories import at
from tests.registrations.factories import open_event, register

pytestmark = pytest.mark.django_db


def waiting_registration(n: int, email: str):
    event = open_event(
        capacity=1,
        slug=f"voll-{n}",
        title=f"Voll {n}",
        starts_at=at(n % 7, 8 + n),
        ends_at=at(n % 7, 9 + n),
    )
    register(event, 30, email=f"erst{n}@example.org")  # takes the only seat
    return register(event, 7, 35, email=email).registration


def queries_for(client, token: str) -> tuple[int, str]:
    client.get(f"/r/{token}/")  # the layout's festival is cached after this
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/r/{token}/")
    assert response.status_code == 200
    return len(queries.captured_queries), response.content.decode()


def test_manage_page_queries_do_not_grow_with_waiting_registrations(client):
    one = waiting_registration(0, "familie@example.org")
    few, _ = queries_for(client, one.household.token)

    for n in range(1, 4):
        waiting_registration(n, "familie@example.org")
    many, html = queries_for(client, one.household.token)

    assert many == few
    assert html.count('data-status="waitlisted"') == 4
