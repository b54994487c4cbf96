"""Shifts serving an event: coordinators hear when the event moves or is cancelled,
and assignments that break a rule after a change are listed for them."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils.translation import gettext as _

from events import roles
from events.services import event_cancel, event_publish, event_update
from tests.events.factories import EventFactory, VenueFactory, at
from tests.volunteers.factories import (
    BEFORE,
    RoleFactory,
    ShiftFactory,
    VolunteerFactory,
    assign,
)
from volunteers.models import QualificationKind
from volunteers.selectors import assignment_conflicts
from volunteers.services import shift_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user(
        "koordination", email="koordination@example.org", password="x"
    )
    roles.roles_ensure()
    user.groups.add(Group.objects.get(name=roles.VOLUNTEER_COORDINATION))
    return user


def _serving_shift(event, **kwargs):
    return ShiftFactory(
        event=event,
        sub_event=event.sub_event,
        venue=event.venue,
        role=RoleFactory(festival=event.sub_event.festival, name="Einlass"),
        **kwargs,
    )


def test_cancelling_an_event_tells_the_coordination_about_its_shifts(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(title="Gala")
    shift = _serving_shift(event)
    assign(shift)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        event_cancel(event=event, reason="Unwetter")

    notices = [m for m in mailoutbox if m.to == ["koordination@example.org"]]
    assert len(notices) == 1
    assert notices[0].subject == _("Cancelled: %(title)s — check its shifts") % {
        "title": "Gala"
    }
    assert f"/orga/volunteers/shifts/{shift.pk}/" in notices[0].body
    html = notices[0].alternatives[0][0]
    assert f"/orga/volunteers/shifts/{shift.pk}/" in html
    # The people on the shift are not taken off: that is the coordinators' call.
    assert shift.assignments.active().count() == 1


def test_moving_an_event_tells_the_coordination(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(title="Gala")
    _serving_shift(event)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        event_update(event=event, starts_at=at(0, 11), ends_at=at(0, 12))

    assert [m.to for m in mailoutbox] == [["koordination@example.org"]]


def test_publishing_or_an_event_without_shifts_sends_nothing(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    served = EventFactory(status="draft")
    _serving_shift(served)
    lonely = EventFactory()
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        event_publish(event=served)
        event_cancel(event=lonely, reason="Krankheit")

    assert [m.to for m in mailoutbox if "koordination" in m.to[0]] == []


def test_a_moved_shift_that_now_clashes_is_listed_with_the_reason():
    first = ShiftFactory(starts_at=at(0, 9), ends_at=at(0, 12))
    second = ShiftFactory(
        role=first.role, venue=first.venue, starts_at=at(0, 13), ends_at=at(0, 16)
    )
    volunteer = VolunteerFactory(festival=first.role.festival)
    assign(first, volunteer)
    assign(second, volunteer)
    assert assignment_conflicts(first.role.festival, now=BEFORE) == []

    shift_update(shift=second, starts_at=at(0, 11))

    conflicts = assignment_conflicts(first.role.festival, now=BEFORE)
    assert [
        (c.assignment.shift_id, [p.code for p in c.problems]) for c in conflicts
    ] == [
        (first.pk, ["shift_clash"]),
        (second.pk, ["shift_clash"]),
    ]


def test_a_new_qualification_requirement_is_listed_and_past_shifts_are_not():
    shift = ShiftFactory(starts_at=at(0, 9), ends_at=at(0, 12))
    assign(shift)
    role = shift.role
    role.required_qualifications = [QualificationKind.FIRST_AID]
    role.save()

    conflicts = assignment_conflicts(role.festival, now=BEFORE)
    assert [[p.code for p in c.problems] for c in conflicts] == [
        ["qualification_missing"]
    ]
    assert assignment_conflicts(role.festival, now=at(0, 10)) == []


def test_a_full_shift_is_no_conflict_and_the_query_count_is_fixed(
    django_assert_num_queries,
):
    shift = ShiftFactory(needed=2, venue=VenueFactory())
    assign(shift)
    assign(shift)
    for n in range(5):
        other = ShiftFactory(
            role=shift.role, starts_at=at(1 + n, 9), ends_at=at(1 + n, 10)
        )
        assign(other)
    festival = shift.role.festival
    festival.refresh_from_db()
    with django_assert_num_queries(3):  # rules, assignments, qualifications
        assert assignment_conflicts(festival, now=BEFORE - dt.timedelta(days=1)) == []
