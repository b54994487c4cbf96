"""The e-mail outbox: a mail is a row written with the change that causes it, sent
after commit, retried with backoff, given up after a number of attempts, and sent
once however often its task or the relay runs."""

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from events.models import OutboxMail
from events.notifications import mail_send, outbox_backlog
from events.tasks import (
    OUTBOX_MAX_ATTEMPTS,
    outbox_backoff,
    outbox_relay,
    send_outbox_mail,
)
from tests.events.factories import EventFactory, VenueFactory
from tests.resilience.smtp_sink import SmtpSink

pytestmark = pytest.mark.django_db


class Abort(Exception):
    pass


def pending(subject: str = "Anmeldung bestätigt", **fields) -> OutboxMail:
    return OutboxMail.objects.create(
        to=["familie.yilmaz@example.org"], subject=subject, body="Guten Tag", **fields
    )


def smtp_settings(settings, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5


def test_mail_send_stores_the_rendered_mail_and_sends_it_after_commit(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(
        title="Familienpicknick", venue=VenueFactory(name="Stadtpark"), slug="picknick"
    )

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        stored = mail_send(
            to=["kita@example.org"],
            template="events/mail/event_cancelled",
            context={"event": event},
            language="en",
        )
        row = OutboxMail.objects.get()
        assert (row.pk, row.status, row.to, row.attempts) == (
            stored.pk,
            "pending",
            ["kita@example.org"],
            0,
        )
        assert row.subject == "Cancelled: Familienpicknick"
        assert mail.outbox == []

    callbacks[0]()  # the commit

    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, "")
    assert row.sent_at is not None
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["kita@example.org"], "Cancelled: Familienpicknick")
    ]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_leaves_no_mail_row_and_sends_nothing():
    event = EventFactory(title="Familienpicknick")

    with pytest.raises(Abort), transaction.atomic():
        mail_send(
            to=["kita@example.org"],
            template="events/mail/event_cancelled",
            context={"event": event},
        )
        raise Abort

    assert OutboxMail.objects.count() == 0
    assert mail.outbox == []


def test_the_send_task_sends_a_row_once_however_often_it_runs():
    row = pending()

    first = send_outbox_mail(row.pk)
    second = send_outbox_mail(row.pk)

    assert (first, second) == (True, False)
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 1)
    assert send_outbox_mail(row.pk + 1000) is False  # gone: nothing to do


def test_a_failed_attempt_is_counted_and_retried_later_with_backoff(settings):
    # Port 1: nothing listens, the mail server is away.
    smtp_settings(settings, 1)
    row = pending()
    before = timezone.now()

    assert send_outbox_mail(row.pk) is False

    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (
        "pending",
        1,
        "ConnectionRefusedError",
    )
    assert before + dt.timedelta(minutes=1) <= row.next_attempt_at
    assert row.next_attempt_at <= timezone.now() + dt.timedelta(minutes=1)
    # Not due yet: the relay leaves it alone.
    assert outbox_relay() == 0
    row.refresh_from_db()
    assert row.attempts == 1


def test_the_backoff_doubles_up_to_two_hours():
    assert [outbox_backoff(n) for n in range(1, 10)] == [
        dt.timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32, 64, 120, 120)
    ]


def test_a_mail_is_failed_after_the_last_attempt_and_the_error_names_no_address(
    settings,
):
    with SmtpSink(refuse_recipients=True) as sink:
        smtp_settings(settings, sink.port)
        row = pending(attempts=OUTBOX_MAX_ATTEMPTS - 2)

        send_outbox_mail(row.pk)
        row.refresh_from_db()
        assert (row.status, row.attempts) == ("pending", OUTBOX_MAX_ATTEMPTS - 1)
        send_outbox_mail(row.pk)  # the task ignores the backoff: it was asked to send

    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (
        "failed",
        OUTBOX_MAX_ATTEMPTS,
        "SMTPRecipientsRefused 550",
    )
    assert sink.messages == []
    assert outbox_relay() == 0


def test_the_relay_sends_due_pending_rows_oldest_first_and_each_once():
    now = timezone.now()
    due_late = pending("B", next_attempt_at=now - dt.timedelta(minutes=1))
    due_early = pending("A", next_attempt_at=now - dt.timedelta(minutes=5))
    later = pending("C", next_attempt_at=now + dt.timedelta(minutes=5))
    done = pending("D", status="sent", sent_at=now)
    given_up = pending("E", status="failed")

    assert outbox_relay() == 2
    assert outbox_relay() == 0

    assert [m.subject for m in mail.outbox] == ["A", "B"]
    statuses = dict(OutboxMail.objects.values_list("subject", "status"))
    assert statuses == {
        "A": "sent",
        "B": "sent",
        "C": "pending",
        "D": "sent",
        "E": "failed",
    }
    assert {due_late.pk, due_early.pk, later.pk, done.pk, given_up.pk} == set(
        OutboxMail.objects.values_list("pk", flat=True)
    )


def test_the_backlog_counts_pending_mails_older_than_five_minutes():
    now = timezone.now()
    pending(created_at=now - dt.timedelta(minutes=6))
    pending(created_at=now - dt.timedelta(minutes=4))
    pending(created_at=now - dt.timedelta(hours=1), status="failed")

    assert outbox_backlog() == 1


def test_the_admin_lists_the_outbox_read_only_and_sends_failed_mails_again(
    client, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import User

    admin = User.objects.create_superuser("orga", "orga@example.org", "pw")
    client.force_login(admin)
    client.cookies["django_language"] = "en"
    failed = pending("Abgelehnt", status="failed", attempts=OUTBOX_MAX_ATTEMPTS)
    waiting = pending("Wartet", attempts=2)
    url = "/admin/events/outboxmail/"

    listing = client.get(url)
    assert listing.status_code == 200
    assert "Abgelehnt" in listing.content.decode()
    assert client.get(f"{url}add/").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"action": "send_again", "_selected_action": [failed.pk, waiting.pk]},
            follow=True,
        )

    assert response.status_code == 200
    assert "1 failed e-mail is being sent again." in response.content.decode()
    failed.refresh_from_db()
    waiting.refresh_from_db()
    assert (failed.status, failed.attempts) == ("sent", 1)
    assert (waiting.status, waiting.attempts) == ("pending", 2)
    assert [m.subject for m in mail.outbox] == ["Abgelehnt"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_relays_at_once_send_each_mail_once():
    """Two beats (or a beat and a late one) relay at the same moment: SKIP LOCKED
    hands each row to one of them."""
    import threading

    from django.db import connection

    for n in range(30):
        pending(f"Mail {n}", next_attempt_at=timezone.now() - dt.timedelta(minutes=1))
    connection.close()
    barrier = threading.Barrier(2)
    counts: list[int] = []

    def relay() -> None:
        from django.db import connection

        barrier.wait()
        try:
            counts.append(outbox_relay())
        finally:
            connection.close()

    threads = [threading.Thread(target=relay) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sum(counts) == 30
    assert sorted(m.subject for m in mail.outbox) == sorted(
        f"Mail {n}" for n in range(30)
    )
    assert set(OutboxMail.objects.values_list("status", "attempts")) == {("sent", 1)}


def test_staff_see_the_banner_when_the_relay_leaves_a_backlog(client):
    """The banner queries nothing: the relay leaves the backlog in the cache."""
    from django.contrib.auth.models import User

    from festwoche.health import service_problems_forget

    now = timezone.now()
    # Waiting for an hour, its next attempt still ahead: the relay cannot send it.
    pending(
        created_at=now - dt.timedelta(hours=1),
        next_attempt_at=now + dt.timedelta(minutes=10),
    )
    client.cookies["django_language"] = "en"
    client.force_login(User.objects.create_user("orga", is_staff=True))
    banner = "E-mails are being sent with a delay"
    service_problems_forget()
    assert banner not in client.get("/").content.decode()

    assert outbox_relay() == 0
    service_problems_forget()  # else the answer is kept for 30 seconds

    page = client.get("/").content.decode()
    assert banner in page
    assert 'data-problems="outbox"' in page
    service_problems_forget()


@pytest.mark.django_db(transaction=True)
def test_a_runner_s_sign_up_mail_is_stored_in_the_sign_up_s_transaction():
    """Written with the runner, not after the commit: a database failure between
    the two cannot leave a signed-up runner without the mail."""
    from subevents.charity_run import services as run_services
    from subevents.charity_run.models import Runner
    from tests.charity_run.factories import make_run

    run = make_run()
    with transaction.atomic():
        run_services.runner_register(
            run=run,
            first_name="Mia",
            last_name="Yılmaz",
            age_group=Runner.AgeGroup.ADULT,
            email="mia.yilmaz@example.org",
            send_mail=True,
        )
        in_transaction = list(OutboxMail.objects.values_list("to", flat=True))

    assert in_transaction == [["mia.yilmaz@example.org"]]
