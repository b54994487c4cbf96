"""Redis or the broker away: registrations, volunteer sign-ups and lap taps are still
accepted and stored; their e-mails wait in the outbox and go out once, when the
relay runs; /healthz says "degraded"; organisers see a banner.

The services are "away" as a client sees it: a closed port on loopback (port 1,
where nothing listens), never the machine's real Redis stopped.
"""

import json
import uuid
from collections.abc import Iterator

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from events.models import OutboxMail
from events.tasks import outbox_relay
from festwoche.celery import app as celery_app
from festwoche.health import service_problems_forget
from registrations.models import Registration
from subevents.charity_run import services as run_services
from subevents.charity_run.models import LapEntry
from tests.charity_run.factories import make_run, runner
from tests.events.factories import FestivalFactory, VenueFactory, at
from tests.registrations.factories import open_event
from tests.test_celery_worker import reset_celery_connections
from tests.volunteers.factories import RoleFactory, ShiftFactory, VolunteerFactory
from volunteers.models import Assignment

CLOSED = "redis://127.0.0.1:1/0"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker_down(settings) -> Iterator[None]:
    """Celery not eager, its broker at a closed port; restored afterwards."""
    conf = celery_app.conf
    saved = {name: conf[name] for name in ("broker_url", "task_always_eager")}
    settings.CELERY_TASK_ALWAYS_EAGER = False
    conf.update(broker_url=CLOSED, task_always_eager=False)
    reset_celery_connections()
    service_problems_forget()
    try:
        yield
    finally:
        conf.update(saved)
        reset_celery_connections()
        service_problems_forget()


@pytest.fixture
def cache_down(settings) -> Iterator[None]:
    """The degrading Redis cache of the production settings, Redis at a closed port."""
    settings.CACHES = {
        "default": {
            "BACKEND": "festwoche.cache.DegradingRedisCache",
            "LOCATION": CLOSED,
            "KEY_PREFIX": "festwoche-test-resilience",
        }
    }
    service_problems_forget()
    yield
    service_problems_forget()


def english() -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    return client


def act_while_away() -> dict:
    """A registration over the API, a volunteer's sign-up for a shift and a lap tap:
    each must be answered with success and stored."""
    event = open_event(slug="kinowerkstatt", capacity=10, title="Kinowerkstatt")
    festival = FestivalFactory()
    shift = ShiftFactory(
        role=RoleFactory(festival=festival, name="Einlass"),
        venue=VenueFactory(name="Stadthalle"),
        starts_at=at(0, 9),
    )
    volunteer = VolunteerFactory(festival=festival, email="helferin@example.org")
    run = make_run()
    runner(run)
    counter = run_services.counter_create(run=run, name="Ziel 1")
    client = english()

    registered = client.post(
        "/api/v1/registrations/",
        data=json.dumps(
            {
                "event": "kinowerkstatt",
                "contact": {"name": "Familie Yılmaz", "email": "yilmaz@example.org"},
                "participants": [{"name": "Mia", "age": 7}],
                "consent_privacy": True,
            }
        ),
        content_type="application/json",
    )
    signed_up = client.post(f"/v/{volunteer.token}/shifts/{shift.pk}/signup/")
    tapped = client.post(
        reverse("charity_run:count-tap", kwargs={"token": counter.token}),
        data=json.dumps(
            {"key": str(uuid.uuid4()), "start_number": 1, "device_id": "phone-a"}
        ),
        content_type="application/json",
    )

    assert registered.status_code == 201, registered.content[:2000]
    assert signed_up.status_code == 302, signed_up.content[:2000]
    assert tapped.status_code == 201, tapped.content[:2000]
    assert Registration.objects.filter(event=event).count() == 1
    assert Registration.objects.get().participants.count() == 1
    assert Assignment.objects.filter(shift=shift, volunteer=volunteer).count() == 1
    assert LapEntry.objects.filter(counter=counter).count() == 1
    return {"event": event, "volunteer": volunteer}


def recipients(rows) -> list[str]:
    return sorted(address for row in rows for address in row.to)


def test_with_the_broker_down_everything_is_stored_and_the_mails_wait(broker_down):
    act_while_away()

    waiting = OutboxMail.objects.all()
    assert [row.status for row in waiting] == ["pending", "pending"]
    assert recipients(waiting) == ["helferin@example.org", "yilmaz@example.org"]
    assert mail.outbox == []

    # The relay (beat, once a minute; here called directly) sends each once.
    assert outbox_relay() == 2
    assert outbox_relay() == 0
    assert sorted(address for m in mail.outbox for address in m.to) == [
        "helferin@example.org",
        "yilmaz@example.org",
    ]
    assert set(OutboxMail.objects.values_list("status", "attempts")) == {("sent", 1)}


def test_with_the_broker_down_health_is_degraded_and_staff_see_the_banner(
    broker_down,
):
    from django.contrib.auth.models import User

    health = english().get("/healthz")
    assert health.status_code == 200
    assert health.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "ok",
        "broker": "error: OperationalError",
        "outbox_backlog": 0,
        "down": ["broker"],
    }

    banner = "E-mails are being sent with a delay"
    visitor = english().get("/")
    staff = english()
    staff.force_login(User.objects.create_user("orga", is_staff=True))
    page = staff.get("/")
    assert visitor.status_code == page.status_code == 200
    assert banner not in visitor.content.decode()
    assert banner in page.content.decode()
    assert 'data-problems="broker"' in page.content.decode()


def test_with_redis_down_everything_works_and_the_rate_limit_fails_open(cache_down):
    act_while_away()

    # The mails went out as usual (eager Celery, no broker involved).
    assert set(OutboxMail.objects.values_list("status", flat=True)) == {"sent"}
    assert len(mail.outbox) == 2
    # Pages render without the cache.
    programme = english().get("/")
    assert programme.status_code == 200
    assert "Kinowerkstatt" in programme.content.decode()
    # The rate limit (20 registrations per address and window) cannot count:
    # it lets everyone through rather than refusing everyone.
    client = english()
    answers = [
        client.post(
            "/api/v1/registrations/",
            data=json.dumps(
                {
                    "event": "kinowerkstatt",
                    "contact": {"name": f"Familie {n}", "email": f"f{n}@example.org"},
                    "participants": [{"name": "Ben", "age": 5}],
                    "consent_privacy": True,
                }
            ),
            content_type="application/json",
        ).status_code
        for n in range(25)
    ]
    assert answers == [201] * 25


def test_with_redis_down_health_is_degraded_and_staff_see_the_banner(cache_down):
    from django.contrib.auth.models import User

    health = english().get("/healthz")
    assert health.status_code == 200
    assert health.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "error: ConnectionError",
        "broker": "eager",
        "outbox_backlog": 0,
        "down": ["cache"],
    }
    staff = english()
    staff.force_login(User.objects.create_user("orga", is_staff=True))
    page = staff.get("/")
    assert page.status_code == 200
    assert "The cache is unreachable" in page.content.decode()
    assert "E-mails are being sent with a delay" not in page.content.decode()


def test_with_the_broker_down_a_task_published_after_commit_does_not_fail_the_request(
    broker_down, caplog
):
    """Any task (a print build, the market's confirmation, a release's mails) whose
    change is committed: the failed publish is logged, the caller goes on."""
    from django.db import transaction

    from printing.tasks import build_document

    with caplog.at_level("ERROR", logger="festwoche.celery"), transaction.atomic():
        result = build_document.delay(123456)
    assert [r.getMessage() for r in caplog.records] == [
        f"could not publish task printing.tasks.build_document ({result.id})"
    ]


def test_with_the_broker_down_a_seller_s_confirmation_waits_in_the_outbox(broker_down):
    """The market builds its mails in a task; a task the broker cannot take runs
    where it was sent, so the seller's confirmation (with its PDF) is stored."""
    from tests.flea_market.factories import apply, market

    application = apply(market(), email="verkauf.oezdemir@example.org")

    assert application.status == "allocated"
    rows = list(OutboxMail.objects.filter(status=OutboxMail.Status.PENDING))
    assert [row.to for row in rows] == [["verkauf.oezdemir@example.org"]]
    assert [a[0] for a in rows[0].attachments] == [
        f"stand-{application.pitch.number}.pdf"
    ]
    sent = outbox_relay()
    assert (sent, len(mail.outbox)) == (1, 1)
