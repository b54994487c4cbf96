"""The database restarting under load: every connection cut while parallel
registrations are in flight. Each request is answered 201 or 503 (Retry-After,
never a 500), the database holds only complete registrations afterwards, and the
503'd requests succeed when sent again.

The app (a threaded server in this process) reaches PostgreSQL through a TCP proxy
of the test's own, which cuts all connections and refuses new ones for a moment:
what the app sees of a restart, without touching the machine's PostgreSQL.
"""

import threading
import time
from collections import Counter
from collections.abc import Iterator

import pytest
import requests
from django.db import connection, connections

from events.models import OutboxMail
from events.registry import registry
from registrations.models import Registration
from tests.registrations.factories import open_event
from tests.resilience.tcp_proxy import TcpProxy

CAPACITY = 10
FAMILIES = 60


def body(n: int) -> dict:
    people = [{"name": "Mia", "age": 7}, {"name": "Ayşe", "age": 36}]
    return {
        "event": "kinowerkstatt",
        "contact": {"name": f"Familie {n}", "email": f"familie{n}@example.org"},
        "participants": people[: 1 + n % 2],
        "consent_privacy": True,
    }


def post(base_url: str, n: int) -> tuple[int, dict, str]:
    response = requests.post(
        f"{base_url}/api/v1/registrations/",
        json=body(n),
        headers={"X-Forwarded-For": f"198.51.100.{n + 1}"},
        timeout=120,
    )
    try:
        answer = response.json()
    except ValueError:
        answer = {"body": response.text[:2000]}
    return response.status_code, answer, response.headers.get("Retry-After", "")


@pytest.fixture
def proxy() -> Iterator[TcpProxy]:
    """New database connections go through the proxy; the test's own connection,
    already open, stays direct."""
    params = connections.settings["default"]
    saved = {key: params.get(key) for key in ("HOST", "PORT", "CONN_MAX_AGE")}
    with TcpProxy(
        params.get("HOST") or "127.0.0.1", int(params.get("PORT") or 5432)
    ) as p:
        connection.ensure_connection()
        params.update(HOST="127.0.0.1", PORT=str(p.port), CONN_MAX_AGE=0)
        try:
            yield p
        finally:
            params.update(saved)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_database_restart_under_load_leaves_only_complete_registrations(
    live_url, proxy
):
    event = open_event(slug="kinowerkstatt", capacity=CAPACITY, max_party_size=2)
    answers: list = [None] * FAMILIES
    barrier = threading.Barrier(FAMILIES + 1, timeout=60)

    def run(n: int) -> None:
        barrier.wait()
        try:
            answers[n] = post(live_url, n)
        except Exception as exc:  # reported below
            answers[n] = (-1, {"error": repr(exc)}, "")

    threads = [threading.Thread(target=run, args=(n,)) for n in range(FAMILIES)]
    for thread in threads:
        thread.start()
    barrier.wait()
    # The requests queue on the event's row lock: cut while most are in flight.
    deadline = time.monotonic() + 30
    while Registration.objects.count() < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert None in answers  # requests still in flight
    proxy.cut()
    time.sleep(1.5)
    proxy.restore()
    for thread in threads:
        thread.join(timeout=180)

    outcome = Counter((status, answer.get("code")) for status, answer, _ in answers)
    assert set(outcome) <= {(201, None), (503, "database_unavailable")}, outcome
    assert outcome[503, "database_unavailable"] >= 1, outcome
    assert {retry for status, _, retry in answers if status == 503} == {"5"}

    def check_complete() -> None:
        """Every stored registration whole, the seats right, no orphan mails."""
        stored = list(
            Registration.objects.filter(event=event)
            .select_related("household")
            .order_by("created_at", "pk")
        )
        for registration in stored:
            n = int(registration.household.email.removeprefix("familie").split("@")[0])
            assert registration.participants.count() == len(body(n)["participants"])
        free = CAPACITY
        for registration in stored:
            people = registration.participants.count()
            fits = people <= free
            free -= people if fits else 0
            assert registration.status == ("confirmed" if fits else "waitlisted")
        assert registry.seats_taken([event]) == {event.pk: CAPACITY - free}
        # Every stored registration has its mail, exactly once, and no mail
        # belongs to a registration that was not stored (the mail is written in
        # the registration's transaction).
        mails = Counter(a for row in OutboxMail.objects.all() for a in row.to)
        assert mails == Counter(r.household.email for r in stored)

    check_complete()
    # The 503'd requests, sent again, succeed: 201, or "already registered" when
    # the commit had gone through before the connection was cut.
    retried = [post(live_url, n) for n, a in enumerate(answers) if a[0] == 503]
    assert {(status, answer.get("code")) for status, answer, _ in retried} <= {
        (201, None),
        (400, "already_registered"),
    }
    check_complete()
    assert Registration.objects.filter(event=event).count() == FAMILIES


@pytest.mark.django_db(transaction=True)
def test_a_registration_writes_its_mail_in_its_transaction():
    from django.db import transaction

    from tests.registrations.factories import register

    event = open_event(slug="kinowerkstatt", capacity=CAPACITY)
    with transaction.atomic():
        register(event, 7, email="familie.yilmaz@example.org")
        in_transaction = OutboxMail.objects.count()

    assert in_transaction == 1
