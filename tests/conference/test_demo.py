"""The conference's demo: a full conference day on the demo festival's
Bildungskonferenz, proposals in every state, idempotent, moving with the week."""

import datetime as dt

import pytest
from django.utils import timezone

from events import demo
from events.models import BERLIN, Event, Festival, VenueBooking
from events.registry import registry
from subevents.conference.demo import demo_conference
from subevents.conference.models import (
    Criterion,
    Review,
    Session,
    Speaker,
    Submission,
    Track,
)

pytestmark = pytest.mark.django_db

START = dt.date(2027, 6, 14)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Track, Speaker, Session, Criterion, Submission, Review)
    }


def test_the_demo_has_a_full_conference_day(mailoutbox):
    demo.demo_load(start=START, with_accounts=True)

    assert counts() == {
        "Track": 3,
        "Speaker": 13,
        "Session": 14,
        "Criterion": 4,
        "Submission": 5,
        "Review": 28,
    }
    sessions = Session.objects.select_related("event")
    assert sessions.filter(format="keynote").count() == 1
    assert sessions.exclude(format="keynote").count() == 13
    days = {timezone.localtime(s.event.starts_at, BERLIN).date() for s in sessions}
    assert days == {START + dt.timedelta(days=1)}
    rooms = set(
        sessions.filter(format__in=["workshop", "talk"]).values_list(
            "event__venue__slug", flat=True
        )
    )
    assert rooms == {
        "gymnasium-aula",
        "familienzentrum",
        "stadtbibliothek",
        "jugendzentrum",
    }
    assert sorted(Submission.objects.values_list("state", flat=True)) == [
        "accepted",
        "declined",
        "in_review",
        "scheduled",
        "submitted",
    ]
    scheduled = Submission.objects.get(state="scheduled")
    assert scheduled.session.event.slug == "bk-impuls-elternabend"
    assert Submission.objects.get(state="declined").decline_reason != ""
    assert set(Review.objects.values_list("reviewer__username", flat=True)) == {
        "orga",
        "leitung",
    }
    festival = Festival.objects.get(slug=demo.FESTIVAL_SLUG)
    conference_warnings = [
        c
        for c in registry.conflicts(festival)
        if c.kind in ("speaker_double_booked", "session_overrun", "room_over_capacity")
    ]
    assert conference_warnings == []
    # every created talk holds its room
    talks = Event.objects.filter(slug__startswith="bk-impuls-")
    assert VenueBooking.objects.filter(event__in=talks).count() == 4
    assert mailoutbox == []


def test_the_demo_is_idempotent():
    demo.demo_load(start=START, with_accounts=False)
    before = counts()

    assert demo_conference(Festival.objects.get(slug=demo.FESTIVAL_SLUG)) == 0
    assert counts() == before
    # without accounts there are no reviews
    assert before["Review"] == 0


def test_the_created_sessions_move_with_the_week():
    demo.demo_load(start=START, with_accounts=False)
    later = START + dt.timedelta(weeks=2)

    demo.demo_load(start=later, with_accounts=False)

    talk = Event.objects.get(slug="bk-impuls-vorlesen")
    assert timezone.localtime(talk.starts_at, BERLIN) == dt.datetime(
        2027, 6, 29, 12, 45, tzinfo=BERLIN
    )
    assert Session.objects.count() == 14
