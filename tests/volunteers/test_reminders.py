"""Reminders the day before a shift and the coordinators' daily digest, by Celery
beat: each sent once, whatever how often the beat runs."""

import datetime as dt
import threading
import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.utils import timezone, translation

from events import roles
from events.models import BERLIN
from tests.events.factories import FestivalFactory, VenueFactory, at
from tests.volunteers.factories import (
    RoleFactory,
    ShiftFactory,
    VolunteerFactory,
    assign,
)
from volunteers import notifications, services, tasks
from volunteers.models import Assignment, DigestLog, VolunteerPolicy

pytestmark = pytest.mark.django_db

SHIFT_DAY = 2  # Wednesday 16 June 2027


@pytest.fixture
def shift():
    return ShiftFactory(
        role=RoleFactory(name="Einlass"),
        venue=VenueFactory(name="Stadthalle"),
        starts_at=at(SHIFT_DAY, 9),
        ends_at=at(SHIFT_DAY, 13),
        needed=6,
    )


def remind(capture, now: dt.datetime) -> int:
    with capture(execute=True):
        return services.reminders_send_due(now=now)


def recipients() -> list[str]:
    return sorted(to for m in mail.outbox for to in m.to)


# --- reminders ------------------------------------------------------------------------


def test_a_volunteer_is_reminded_once_at_five_the_day_before(
    shift, django_capture_on_commit_callbacks
):
    assignment = assign(shift, VolunteerFactory(email="jan@example.org"))
    capture = django_capture_on_commit_callbacks

    assert remind(capture, at(SHIFT_DAY - 1, 16, 59)) == 0
    assert remind(capture, at(SHIFT_DAY - 1, 17)) == 1
    assert remind(capture, at(SHIFT_DAY - 1, 17)) == 0
    assert remind(capture, at(SHIFT_DAY - 1, 23, 45)) == 0
    assert remind(capture, at(SHIFT_DAY, 8)) == 0

    assert recipients() == ["jan@example.org"]
    assignment.refresh_from_db()
    assert assignment.reminder_sent_at == at(SHIFT_DAY - 1, 17)


@pytest.mark.parametrize(
    ("now", "sent"),
    [
        (at(SHIFT_DAY - 2, 17), 0),  # two days before
        (at(SHIFT_DAY - 1, 12), 0),  # the day before, too early
        (at(SHIFT_DAY - 1, 17, 15), 1),
        (at(SHIFT_DAY - 1, 23, 59), 1),
        (at(SHIFT_DAY, 0, 5), 0),  # the day itself: the mail would say "tomorrow"
    ],
)
def test_only_the_evening_before(shift, django_capture_on_commit_callbacks, now, sent):
    assign(shift)

    assert remind(django_capture_on_commit_callbacks, now) == sent
    assert len(mail.outbox) == sent


def test_the_reminder_time_follows_the_policy(
    shift, django_capture_on_commit_callbacks
):
    VolunteerPolicy.objects.create(
        festival=shift.role.festival, reminder_time=dt.time(19, 30)
    )
    assign(shift)

    assert remind(django_capture_on_commit_callbacks, at(SHIFT_DAY - 1, 19)) == 0
    assert remind(django_capture_on_commit_callbacks, at(SHIFT_DAY - 1, 19, 30)) == 1


def test_withdrawn_assignments_are_not_reminded(
    shift, django_capture_on_commit_callbacks
):
    stays = assign(shift, VolunteerFactory(email="bleibt@example.org"))
    gone = assign(shift, VolunteerFactory(email="weg@example.org"))
    services.assignment_withdraw(assignment=gone, now=at(-3, 9))

    assert remind(django_capture_on_commit_callbacks, at(SHIFT_DAY - 1, 17)) == 1

    assert recipients() == ["bleibt@example.org"]
    gone.refresh_from_db()
    assert gone.reminder_sent_at is None
    stays.refresh_from_db()
    assert stays.reminder_sent_at is not None


def test_each_shift_of_tomorrow_is_its_own_reminder(
    shift, django_capture_on_commit_callbacks
):
    volunteer = VolunteerFactory(email="zwei@example.org")
    assign(shift, volunteer)
    later = ShiftFactory(
        role=RoleFactory(name="Kasse"),
        venue=shift.venue,
        starts_at=at(SHIFT_DAY, 14),
        ends_at=at(SHIFT_DAY, 16),
    )
    assign(later, volunteer)

    assert remind(django_capture_on_commit_callbacks, at(SHIFT_DAY - 1, 17)) == 2
    assert recipients() == ["zwei@example.org", "zwei@example.org"]


def test_a_moved_shift_is_reminded_again(shift, django_capture_on_commit_callbacks):
    assign(shift)
    assert remind(django_capture_on_commit_callbacks, at(SHIFT_DAY - 1, 17)) == 1

    services.shift_update(
        shift=shift, starts_at=at(SHIFT_DAY + 1, 9), ends_at=at(SHIFT_DAY + 1, 12)
    )

    assert remind(django_capture_on_commit_callbacks, at(SHIFT_DAY, 17)) == 1


def test_the_task_reminds_once_however_often_it_runs(
    django_capture_on_commit_callbacks,
):
    today = timezone.localdate()
    festival = FestivalFactory(start_date=today, end_date=today + dt.timedelta(days=6))
    # At midnight already, so the test does not depend on the clock.
    VolunteerPolicy.objects.create(festival=festival, reminder_time=dt.time(0))
    start = dt.datetime.combine(
        today + dt.timedelta(days=1), dt.time(12), tzinfo=BERLIN
    )
    tomorrow = ShiftFactory(
        role=RoleFactory(festival=festival),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
    )
    assign(tomorrow, VolunteerFactory(email="task@example.org"), now=timezone.now())
    # Signed up days ago, not just after today's reminder time.
    Assignment.objects.update(created_at=timezone.now() - dt.timedelta(days=3))

    with django_capture_on_commit_callbacks(execute=True):
        first = tasks.send_reminders()
    with django_capture_on_commit_callbacks(execute=True):
        second = tasks.send_reminders.apply().get()  # as a worker runs it

    assert (first, second) == (1, 0)
    assert recipients() == ["task@example.org"]


def test_who_signs_up_after_the_reminder_time_gets_only_the_confirmation(
    shift, django_capture_on_commit_callbacks
):
    assign(shift)
    Assignment.objects.update(created_at=at(SHIFT_DAY - 1, 18))

    assert remind(django_capture_on_commit_callbacks, at(SHIFT_DAY - 1, 18, 15)) == 0


def test_the_tasks_are_in_the_beat_schedule():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert {"volunteers.tasks.send_reminders", "volunteers.tasks.send_digest"} <= (
        scheduled
    )
    assert tasks.send_reminders.name == "volunteers.tasks.send_reminders"
    assert tasks.send_digest.name == "volunteers.tasks.send_digest"


# --- two overlapping runs -------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_overlapping_runs_remind_each_volunteer_once(monkeypatch, shift):
    for n in range(6):
        assign(shift, VolunteerFactory(email=f"parallel-{n}@example.org"))
    mail.outbox.clear()
    send = notifications.assignment_reminder

    def slow(assignment):
        send(assignment)
        time.sleep(0.05)  # hold the locks while the other run arrives

    monkeypatch.setattr(notifications, "assignment_reminder", slow)
    barrier = threading.Barrier(2)
    counts: list[int] = []
    errors: list[BaseException] = []

    def beat():
        try:
            barrier.wait()
            counts.append(services.reminders_send_due(now=at(SHIFT_DAY - 1, 17, 15)))
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
    assert recipients() == sorted(f"parallel-{n}@example.org" for n in range(6))
    assert Assignment.objects.filter(reminder_sent_at__isnull=True).count() == 0


# --- the coordinators' digest ---------------------------------------------------------


@pytest.fixture
def board():
    """Three shifts: one short of people, one full, one empty with its own
    coordinator; a coordination team of two (one without an e-mail address)."""
    user_model = get_user_model()
    team, _ = Group.objects.get_or_create(name=roles.VOLUNTEER_COORDINATION)
    sabine = user_model.objects.create_user("sabine", email="sabine@example.org")
    nomail = user_model.objects.create_user("ohne-mail", email="")
    team.user_set.add(sabine, nomail)
    lead = user_model.objects.create_user("leitung", email="leitung@example.org")
    venue = VenueFactory(name="Stadthalle")
    short = ShiftFactory(
        role=RoleFactory(name="Einlass"),
        venue=venue,
        starts_at=at(0, 9),
        ends_at=at(0, 13),
        needed=2,
    )
    full = ShiftFactory(
        role=RoleFactory(name="Kasse"),
        venue=venue,
        starts_at=at(0, 13),
        ends_at=at(0, 17),
        needed=1,
    )
    empty = ShiftFactory(
        role=RoleFactory(name="Kinderbetreuung"),
        venue=venue,
        starts_at=at(3, 9),
        ends_at=at(3, 13),
        needed=3,
        coordinator=lead,
    )
    assign(short)
    assign(full)
    return {"short": short, "full": full, "empty": empty}


def digest(capture, now: dt.datetime) -> int:
    with capture(execute=True):
        return services.digest_send_due(now=now)


def listed(message) -> list[str]:
    return [line for line in message.body.splitlines() if line.startswith("- ")]


def test_the_digest_lists_exactly_the_understaffed_shifts(
    board, django_capture_on_commit_callbacks
):
    assert digest(django_capture_on_commit_callbacks, at(-14, 7)) == 1

    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_recipient) == ["leitung@example.org", "sabine@example.org"]
    team_mail = by_recipient["sabine@example.org"]
    assert [line.split(" · ")[1] for line in listed(team_mail)] == [
        "Einlass",
        "Kinderbetreuung",
    ]
    with translation.override("de"):  # coordinators read German
        of = translation.gettext("%(filled)s of %(needed)s")
        subject = translation.ngettext(
            "%(counter)s shift still needs people",
            "%(counter)s shifts still need people",
            2,
        ) % {"counter": 2}
    assert listed(team_mail)[0].endswith(of % {"filled": 1, "needed": 2})
    assert listed(team_mail)[1].endswith(of % {"filled": 0, "needed": 3})
    assert team_mail.subject == subject
    # the shift's own coordinator hears about their shift
    assert [
        line.split(" · ")[1] for line in listed(by_recipient["leitung@example.org"])
    ] == ["Kinderbetreuung"]


@pytest.mark.parametrize(
    ("now", "sent"),
    [
        (at(-15, 23, 59), 0),  # 15 days before: too early
        (at(-14, 0, 1), 1),
        (at(-1, 12), 1),
        (at(2, 7), 1),  # during the festival
        (at(7, 7), 0),  # after it
    ],
)
def test_the_digest_goes_out_in_the_two_weeks_before_and_during_the_festival(
    board, django_capture_on_commit_callbacks, now, sent
):
    assert digest(django_capture_on_commit_callbacks, now) == sent


def test_the_digest_goes_out_once_a_day(board, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks

    assert digest(capture, at(-3, 6)) == 1
    assert digest(capture, at(-3, 7)) == 0
    assert digest(capture, at(-3, 23)) == 0
    assert len(mail.outbox) == 2
    assert digest(capture, at(-2, 6)) == 1
    assert len(mail.outbox) == 4
    assert DigestLog.objects.count() == 2
    with capture(execute=True):
        assert tasks.send_digest() == 0  # today, long before the window


def test_past_shifts_are_not_in_the_digest(board, django_capture_on_commit_callbacks):
    assert digest(django_capture_on_commit_callbacks, at(1, 7)) == 1

    team_mail = next(m for m in mail.outbox if m.to == ["sabine@example.org"])
    assert [line.split(" · ")[1] for line in listed(team_mail)] == ["Kinderbetreuung"]


def test_no_digest_when_every_shift_is_staffed(
    board, django_capture_on_commit_callbacks
):
    assign(board["short"])
    for _ in range(3):
        assign(board["empty"])

    assert digest(django_capture_on_commit_callbacks, at(-2, 7)) == 0
    assert mail.outbox == []
