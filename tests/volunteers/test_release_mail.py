"""The one mail a volunteer gets about a programme release: their shifts at events
that moved or were cancelled, read from the outbox."""

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from events import services as event_services
from tests.events.factories import EventFactory, FestivalFactory, VenueFactory, at
from tests.volunteers.factories import (
    RoleFactory,
    ShiftFactory,
    VolunteerFactory,
    assign,
)
from volunteers import notifications
from volunteers.services import (
    volunteers_count,
    volunteers_notify_release,
    volunteers_per_event,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def festival():
    return FestivalFactory()


@pytest.fixture
def events():
    hall = VenueFactory(name="Stadthalle")
    moved = EventFactory(
        title="Kinderkonzert", slug="kinderkonzert", venue=hall,
        starts_at=at(2, 15), ends_at=at(2, 16, 30),
    )  # fmt: skip
    cancelled = EventFactory(
        title="Picknick", slug="picknick", venue=hall,
        starts_at=at(3, 12), ends_at=at(3, 14),
    )  # fmt: skip
    return moved, cancelled


def shift(festival, event, start, **kwargs):
    return ShiftFactory(
        event=event,
        role=kwargs.pop("role", None) or RoleFactory(festival=festival, name="Aufbau"),
        venue=VenueFactory(name="Stadthalle Foyer"),
        starts_at=start,
        ends_at=start + (at(0, 3) - at(0, 0)),
        needed=5,
        **kwargs,
    )


def notify(changes, capture):
    mail.outbox.clear()
    with capture(execute=True):
        return volunteers_notify_release(release_name="Programm 2", changes=changes)


def test_one_mail_lists_every_shift_at_an_affected_event(
    festival, events, django_capture_on_commit_callbacks
):
    moved, cancelled = events
    anna = VolunteerFactory(festival=festival, name="Anna", email="anna@example.org",
                            language="en")  # fmt: skip
    assign(shift(festival, moved, at(2, 13)), anna)
    assign(shift(festival, cancelled, at(3, 10)), anna)
    event_services.event_update(event=moved, starts_at=at(2, 17), ends_at=at(2, 18))
    event_services.event_cancel(event=cancelled, reason="Regen")
    moved.refresh_from_db()
    cancelled.refresh_from_db()

    sent = notify([(moved, "moved"), (cancelled, "cancelled")],
                  django_capture_on_commit_callbacks)  # fmt: skip

    assert sent == 1
    [message] = mail.outbox
    assert message.to == ["anna@example.org"]
    assert message.subject == "Programme changes (Programm 2): your shifts"
    page = f"{settings.SITE_URL}/v/{anna.token}/"
    assert message.body == "\n".join(
        [
            "Hello Anna,",
            "",
            "We have published a new version of the festival programme (Programm 2). "
            "Events you help at have changed:",
            "",
            "New time or place: Kinderkonzert",
            "The event now: Wednesday, June 16, 2027, 17:00–18:00, Stadthalle",
            "Your shift: Aufbau, Wednesday, 16. June 2027, 13:00–16:00, "
            "Stadthalle Foyer",
            "",
            "Cancelled: Picknick",
            "Your shift: Aufbau, Thursday, 17. June 2027, 10:00–13:00, "
            "Stadthalle Foyer",
            "",
            "Your shifts stay as they are for now: the volunteer coordination will be "
            "in touch about what this means for them.",
            "",
            "Your shifts, open shifts and your qualifications are on your personal "
            "page:",
            page,
            "",
            "Please keep this link to yourself: anyone who has it can sign up and "
            "withdraw in your name.",
            "",
            "Thank you for helping!",
            "The volunteer coordination",
            "",
        ]
    )
    html = message.alternatives[0][0]
    assert '<html lang="en" dir="ltr">' in html
    assert "Kinderkonzert</h1>" in html
    assert (
        "<strong>The event now:</strong> Wednesday, June 16, 2027, 17:00–18:00" in html
    )
    assert html.count("<strong>Your shift:</strong> Aufbau") == 2
    assert f'href="{page}"' in html


def test_only_active_assignments_of_not_erased_volunteers_count(
    festival, events, django_capture_on_commit_callbacks
):
    moved, cancelled = events
    role = RoleFactory(festival=festival, name="Bühne")
    on_moved = shift(festival, moved, at(2, 13), role=role)
    on_cancelled = shift(festival, cancelled, at(3, 9), role=role)
    elsewhere = shift(festival, None, at(4, 9), role=role)
    active = VolunteerFactory(festival=festival, email="aktiv@example.org")
    withdrawn = VolunteerFactory(festival=festival, email="weg@example.org")
    erased = VolunteerFactory(festival=festival, email="geloescht@example.org")
    other = VolunteerFactory(festival=festival, email="anderswo@example.org")
    assign(on_moved, active)
    gone = assign(on_cancelled, withdrawn)
    type(gone).objects.filter(pk=gone.pk).update(withdrawn_at=timezone.now())
    assign(on_cancelled, erased)
    type(erased).objects.filter(pk=erased.pk).update(erased_at=timezone.now())
    assign(elsewhere, other)

    sent = notify([(moved, "moved"), (cancelled, "cancelled")],
                  django_capture_on_commit_callbacks)  # fmt: skip

    assert sent == 1
    assert [m.to for m in mail.outbox] == [["aktiv@example.org"]]
    assert volunteers_per_event(event_ids=[moved.pk, cancelled.pk]) == {moved.pk: 1}
    assert volunteers_count(event_ids=[moved.pk, cancelled.pk]) == 1


def test_new_and_removed_events_tell_nobody(
    festival, events, django_capture_on_commit_callbacks
):
    moved, cancelled = events
    assign(shift(festival, moved, at(2, 13)))

    assert notify([(moved, "new"), (cancelled, "removed")],
                  django_capture_on_commit_callbacks) == 0  # fmt: skip
    assert mail.outbox == []


def test_muted_for_the_demo(festival, events, django_capture_on_commit_callbacks):
    moved, _cancelled = events
    assign(shift(festival, moved, at(2, 13)))

    with notifications.muted():
        notify([(moved, "moved")], django_capture_on_commit_callbacks)

    assert mail.outbox == []
