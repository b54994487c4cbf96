"""The demo festival comes with families registered, one event booked out."""

import pytest
from django.core.management import call_command

from events.models import Event
from registrations.models import Registration
from registrations.selectors import seats_taken

pytestmark = pytest.mark.django_db


def test_demo_has_registrations_a_full_event_and_a_waiting_list():
    call_command("load_demo", "--start", "2027-06-14", verbosity=0)

    waiting = Registration.objects.filter(status="waitlisted")
    full = Event.objects.get(pk=waiting.values_list("event", flat=True).first())
    events = Event.objects.filter(registrations__isnull=False).distinct()
    taken = seats_taken(events)

    assert waiting.count() == 2
    assert set(waiting.values_list("event", flat=True)) == {full.pk}
    assert taken[full.pk] <= full.capacity
    waiting_seats = [
        r.participants.filter(takes_seat=True, cancelled_at__isnull=True).count()
        for r in waiting
    ]
    assert full.capacity - taken[full.pk] < min(waiting_seats)  # none would fit
    assert all(taken.get(e.pk, 0) <= e.capacity for e in events)
    assert Registration.objects.filter(status="confirmed").count() >= 15


def test_demo_registrations_are_loaded_once():
    call_command("load_demo", "--start", "2027-06-14", verbosity=0)
    before = list(Registration.objects.values_list("pk", "status"))

    call_command("load_demo", "--start", "2027-06-14", verbosity=0)

    assert list(Registration.objects.values_list("pk", "status")) == before
