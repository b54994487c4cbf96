"""Reminders two days before an event: once per confirmed party, by Celery beat."""

import datetime as dt
import threading
import time

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.utils import timezone, translation

from events import services as event_services
from events.models import Event
from registrations import notifications, services
from registrations.models import Registration
from registrations.services import reminders_send_due
from registrations.tasks import send_reminders
from tests.events.factories import at
from tests.registrations.factories import open_event, register

pytestmark = pytest.mark.django_db

START = at(2, 15)  # the event: Wednesday 16 June 2027, 15:00 in Berlin


@pytest.fixture
def event():
    return open_event(
        title="Trommelworkshop", capacity=2, starts_at=START, ends_at=at(2, 17)
    )


def reminded() -> list[tuple[list[str], str]]:
    return [(m.to, m.subject) for m in mail.outbox]


def run(capture, now: dt.datetime) -> int:
    with capture(execute=True):
        return reminders_send_due(now=now)


def test_a_confirmed_party_is_reminded_once_within_two_days_of_the_event(
    event, django_capture_on_commit_callbacks
):
    result = register(event, 7, email="ayse@example.org", language="en")
    now = START - dt.timedelta(hours=47)

    assert run(django_capture_on_commit_callbacks, now) == 1
    assert run(django_capture_on_commit_callbacks, now) == 0
    assert run(django_capture_on_commit_callbacks, now + dt.timedelta(hours=1)) == 0

    assert reminded() == [(["ayse@example.org"], "Reminder: Trommelworkshop")]
    result.registration.refresh_from_db()
    assert result.registration.reminder_sent_at == now
    [(filename, _content, mimetype)] = mail.outbox[0].attachments
    assert (filename, mimetype) == ("festwoche.ics", "text/calendar; charset=utf-8")


@pytest.mark.parametrize(
    ("before_start", "sent"),
    [
        (dt.timedelta(hours=49), 0),
        (dt.timedelta(hours=48, seconds=1), 0),
        (dt.timedelta(hours=48), 1),
        (dt.timedelta(hours=2), 1),
        (dt.timedelta(seconds=1), 1),
        (dt.timedelta(0), 0),  # it has begun
        (-dt.timedelta(hours=1), 0),
    ],
    ids=["49h", "48h+1s", "48h", "2h", "1s", "start", "after"],
)
def test_the_window_is_the_two_days_before_the_start(
    event, before_start, sent, django_capture_on_commit_callbacks
):
    register(event, 7)

    assert run(django_capture_on_commit_callbacks, START - before_start) == sent
    assert len(mail.outbox) == sent


def test_waiting_and_cancelled_parties_get_no_reminder(
    event, django_capture_on_commit_callbacks
):
    confirmed = register(event, 7, 36, email="da@example.org")
    register(event, 8, email="wartet@example.org")
    cancelled = register(event, 9, 39, email="abgesagt@example.org")
    services.registration_cancel(registration=cancelled.registration)
    assert Registration.objects.filter(status="waitlisted").count() == 1

    assert run(django_capture_on_commit_callbacks, START - dt.timedelta(hours=30)) == 1

    assert [to for to, _subject in reminded()] == [["da@example.org"]]
    confirmed.registration.refresh_from_db()
    assert confirmed.registration.reminder_sent_at is not None


def test_a_party_promoted_later_is_reminded_too(
    event, django_capture_on_commit_callbacks
):
    first = register(event, 7, 36, email="erst@example.org")
    waiting = register(event, 8, email="wartet@example.org")
    assert run(django_capture_on_commit_callbacks, START - dt.timedelta(hours=47)) == 1

    services.registration_cancel(registration=first.registration)
    # Promoted now (real time, long before the event): reminded at the next run.
    mail.outbox.clear()

    assert run(django_capture_on_commit_callbacks, START - dt.timedelta(hours=46)) == 1
    assert [to for to, _subject in reminded()] == [["wartet@example.org"]]
    waiting.registration.refresh_from_db()
    assert waiting.registration.status == "confirmed"


def test_a_fresh_confirmation_is_not_followed_by_a_reminder_the_same_day(
    event, django_capture_on_commit_callbacks
):
    # Registered 30 hours before the start: the confirmation is the reminder for a
    # day; the reminder follows once it is 24 hours old.
    register(event, 7, now=START - dt.timedelta(hours=30))

    assert run(django_capture_on_commit_callbacks, START - dt.timedelta(hours=20)) == 0
    assert run(django_capture_on_commit_callbacks, START - dt.timedelta(hours=7)) == 0
    assert run(django_capture_on_commit_callbacks, START - dt.timedelta(hours=6)) == 1


def test_no_reminders_for_a_cancelled_event(event, django_capture_on_commit_callbacks):
    register(event, 7)
    event_services.event_cancel(event=event, reason="Die Halle ist gesperrt.")

    assert run(django_capture_on_commit_callbacks, START - dt.timedelta(hours=30)) == 0
    assert mail.outbox == []


def test_no_reminders_for_an_event_back_in_draft(django_capture_on_commit_callbacks):
    event = open_event(starts_at=START, ends_at=at(2, 17))
    register(event, 7)
    Event.objects.filter(pk=event.pk).update(status=Event.Status.DRAFT)

    assert run(django_capture_on_commit_callbacks, START - dt.timedelta(hours=30)) == 0


def test_a_moved_event_is_reminded_by_its_new_time(
    event, django_capture_on_commit_callbacks
):
    register(event, 7)
    event_services.event_update(event=event, starts_at=at(4, 15), ends_at=at(4, 17))
    mail.outbox.clear()

    assert run(django_capture_on_commit_callbacks, START - dt.timedelta(hours=30)) == 0
    assert (
        run(django_capture_on_commit_callbacks, at(4, 15) - dt.timedelta(hours=30)) == 1
    )


def test_an_event_postponed_after_the_reminder_is_reminded_again(
    django_capture_on_commit_callbacks,
):
    soon = timezone.now() + dt.timedelta(hours=30)
    event = open_event(
        starts_at=soon,
        ends_at=soon + dt.timedelta(hours=2),
        registration_opens_at=soon - dt.timedelta(days=5),
    )
    register(event, 7, now=soon - dt.timedelta(days=3))
    assert run(django_capture_on_commit_callbacks, timezone.now()) == 1

    later = soon + dt.timedelta(days=7)
    event_services.event_update(
        event=event, starts_at=later, ends_at=later + dt.timedelta(hours=2)
    )

    assert run(django_capture_on_commit_callbacks, timezone.now()) == 0
    assert run(django_capture_on_commit_callbacks, later - dt.timedelta(hours=40)) == 1


def test_a_reminded_event_moved_by_an_hour_is_not_reminded_again(
    django_capture_on_commit_callbacks,
):
    soon = timezone.now() + dt.timedelta(hours=30)
    event = open_event(
        starts_at=soon,
        ends_at=soon + dt.timedelta(hours=2),
        registration_opens_at=soon - dt.timedelta(days=5),
    )
    register(event, 7, now=soon - dt.timedelta(days=3))
    assert run(django_capture_on_commit_callbacks, timezone.now()) == 1

    event_services.event_update(
        event=event,
        starts_at=soon + dt.timedelta(hours=1),
        ends_at=soon + dt.timedelta(hours=3),
    )  # the families get the change notice; that is enough

    assert run(django_capture_on_commit_callbacks, timezone.now()) == 0


def test_each_family_is_reminded_in_its_language(
    event, django_capture_on_commit_callbacks
):
    register(event, 7, email="de@example.org", language="de")
    register(event, 8, email="en@example.org", language="en")

    assert run(django_capture_on_commit_callbacks, START - dt.timedelta(hours=30)) == 2

    with translation.override("de"):
        german = translation.gettext("Reminder: %(title)s") % {
            "title": "Trommelworkshop"
        }
    assert reminded() == [
        (["de@example.org"], german),
        (["en@example.org"], "Reminder: Trommelworkshop"),
    ]
    german_mail, english_mail = mail.outbox
    assert "Mittwoch, 16. Juni 2027, 15:00–17:00" in german_mail.body
    assert "Wednesday, June 16, 2027, 15:00–17:00" in english_mail.body
    assert '<html lang="de"' in german_mail.alternatives[0][0]
    assert '<html lang="en"' in english_mail.alternatives[0][0]


def test_a_refused_mail_is_not_marked_as_sent(event, monkeypatch):
    register(event, 7)

    def broken(registration):
        raise RuntimeError("template broke")

    monkeypatch.setattr(notifications, "registration_reminder", broken)
    with pytest.raises(RuntimeError):
        reminders_send_due(now=START - dt.timedelta(hours=30))

    assert Registration.objects.filter(reminder_sent_at__isnull=False).count() == 0


# --- the Celery task and its schedule -----------------------------------------------


def test_the_task_sends_what_is_due_now(django_capture_on_commit_callbacks):
    now = timezone.now()
    event = open_event(
        title="Bald",
        registration_opens_at=now - dt.timedelta(days=5),
        starts_at=now + dt.timedelta(hours=30),
        ends_at=now + dt.timedelta(hours=32),
    )
    register(event, 7, email="bald@example.org", now=now - dt.timedelta(days=2))
    later = open_event(
        registration_opens_at=now - dt.timedelta(days=5),
        starts_at=now + dt.timedelta(days=5),
        ends_at=now + dt.timedelta(days=5, hours=2),
    )
    register(later, 7, now=now - dt.timedelta(days=2))

    with django_capture_on_commit_callbacks(execute=True):
        send_reminders.delay()  # as beat does; eager here, after the commit

    assert [m.to for m in mail.outbox] == [["bald@example.org"]]
    assert send_reminders.apply().get() == 0  # done: a second run sends nothing


def test_beat_runs_the_reminders_hourly():
    assert settings.CELERY_BEAT_SCHEDULE["registrations-send-reminders"] == {
        "task": "registrations.tasks.send_reminders",
        "schedule": 3600,
    }
    assert send_reminders.name == "registrations.tasks.send_reminders"


# --- two overlapping runs -----------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_overlapping_runs_remind_each_family_once(monkeypatch):
    event = open_event(capacity=20, starts_at=START, ends_at=at(2, 17))
    for n in range(6):
        register(event, 7, email=f"familie-parallel-{n}@example.org")
    mail.outbox.clear()
    send = notifications.registration_reminder

    def slow(registration):
        send(registration)
        time.sleep(0.05)  # hold the locks while the other run arrives

    monkeypatch.setattr(notifications, "registration_reminder", slow)
    barrier = threading.Barrier(2)
    counts: list[int] = []
    errors: list[BaseException] = []

    def beat():
        try:
            barrier.wait()
            counts.append(reminders_send_due(now=START - dt.timedelta(hours=30)))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=beat) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(counts) == [0, 6]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        f"familie-parallel-{n}@example.org" for n in range(6)
    )
