"""The one mail a household gets about a programme release: every registration of
the household whose event moved or was cancelled, read from the outbox."""

import icalendar
import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from events import services as event_services
from registrations.services import (
    households_count,
    households_notify_release,
    households_per_event,
    registration_cancel,
)
from tests.events.factories import VenueFactory, at
from tests.registrations.factories import open_event, register

pytestmark = pytest.mark.django_db

EMAIL = "ayse@example.org"
NAME = "Ayşe & Tom O'Brien"


@pytest.fixture
def events():
    hall = VenueFactory(
        name="Stadtbücherei", street="Marktplatz 1", postal_code="12345",
        city="Musterstadt",
    )  # fmt: skip
    moved = open_event(
        title="Kinder & Eltern: Trommeln", slug="trommeln", venue=hall, capacity=10,
        starts_at=at(2, 15), ends_at=at(2, 16, 30),
    )  # fmt: skip
    cancelled = open_event(
        title="Picknick", slug="picknick", venue=hall, capacity=2,
        starts_at=at(3, 12), ends_at=at(3, 14),
    )  # fmt: skip
    return moved, cancelled


def family(event, *ages, language="en", email=EMAIL):
    return register(event, *ages, name=NAME, email=email, language=language)


def notify(changes, capture):
    mail.outbox.clear()
    with capture(execute=True):
        sent = households_notify_release(release_name="Programm 2", changes=changes)
    return sent


def test_one_mail_lists_every_affected_registration_of_the_household(
    events, django_capture_on_commit_callbacks
):
    moved, cancelled = events
    register(cancelled, 30, 31, email="voll@example.org", language="en")
    waiting = family(cancelled, 6)  # the event is full: waiting
    confirmed = family(moved, 7, 36)
    assert waiting.registration.status == "waitlisted"
    event_services.event_update(event=moved, starts_at=at(2, 16), ends_at=at(2, 17, 30))
    event_services.event_cancel(event=cancelled, reason="Die Wiese ist gesperrt.")
    moved.refresh_from_db()
    cancelled.refresh_from_db()

    sent = notify([(moved, "moved"), (cancelled, "cancelled")],
                  django_capture_on_commit_callbacks)  # fmt: skip

    assert sent == 2
    mine = [m for m in mail.outbox if m.to == [EMAIL]]
    assert len(mine) == 1
    [message] = mine
    manage = f"{settings.SITE_URL}/r/{confirmed.registration.household.token}/"
    assert message.subject == "Programme changes (Programm 2): your registrations"
    assert message.body == "\n".join(
        [
            "Hello Ayşe & Tom O'Brien,",
            "",
            "We have published a new version of the festival programme (Programm 2). "
            "It changes events you are registered for:",
            "",
            "New time or place: Kinder & Eltern: Trommeln",
            "When: Wednesday, June 16, 2027, 16:00–17:30",
            "Where: Stadtbücherei, Marktplatz 1, 12345 Musterstadt",
            "Who: Kind1 (7), Erw2 (36)",
            "Your registration remains valid.",
            f"Event page: {settings.SITE_URL}/events/trommeln/",
            "",
            "Cancelled: Picknick",
            "Reason: Die Wiese ist gesperrt.",
            "Your registration no longer applies; you do not need to do anything.",
            "",
            "The attached calendar file updates the event in your calendar.",
            "",
            "If the new time or place does not suit you, please cancel your "
            "registration, so that families on the waiting list can take your "
            "places.",
            "",
            "Perhaps another event of the festival week suits you:",
            f"{settings.SITE_URL}/",
            "",
            "See, change or cancel your registrations:",
            manage,
            "",
            "Kind regards,",
            "The festival team",
            "",
        ]
    )
    html = message.alternatives[0][0]
    assert html.startswith("<!DOCTYPE html>\n")
    assert '<html lang="en" dir="ltr">' in html
    assert "Hello Ayşe &amp; Tom O&#x27;Brien," in html
    assert "Kinder &amp; Eltern: Trommeln</a></h1>" in html
    assert "<s>Picknick</s></h1>" in html
    assert "<strong>When:</strong> Wednesday, June 16, 2027, 16:00–17:30" in html
    assert "<strong>Reason:</strong> Die Wiese ist gesperrt." in html
    assert f'href="{manage}"' in html
    # The moved event's calendar entry is updated; the cancelled one's was waiting.
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("festwoche.ics", "text/calendar; charset=utf-8")
    [entry] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(entry["UID"]) == f"registration-{confirmed.registration.pk}@127.0.0.1"
    assert entry.decoded("DTSTART") == at(2, 16)
    assert "The attached calendar file updates the event" in html


def test_each_moved_confirmed_registration_brings_its_calendar_file(
    events, django_capture_on_commit_callbacks
):
    moved, cancelled = events
    family(moved, 7)
    family(cancelled, 8)
    event_services.event_update(event=moved, starts_at=at(2, 16), ends_at=at(2, 17))
    event_services.event_update(event=cancelled, starts_at=at(3, 9), ends_at=at(3, 10))
    moved.refresh_from_db()
    cancelled.refresh_from_db()

    notify([(moved, "moved"), (cancelled, "moved")], django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert [name for name, _content, _type in message.attachments] == [
        "festwoche-1.ics",
        "festwoche-2.ics",
    ]
    assert (
        "\nThe attached calendar files update the events in your calendar.\n"
        in message.body
    )


def test_a_waiting_party_is_told_it_still_waits(
    events, django_capture_on_commit_callbacks
):
    moved, _cancelled = events
    event_services.event_update(event=moved, capacity=1)
    register(moved, 30, email="voll@example.org", language="en")
    family(moved, 6)

    notify([(moved, "moved")], django_capture_on_commit_callbacks)

    [message] = [m for m in mail.outbox if m.to == [EMAIL]]
    assert "Who: Kind1 (6)\nYour party is still on the waiting list.\n" in message.body
    assert message.attachments == []  # no seats yet, so no calendar entry
    assert "calendar" not in message.body
    assert "Perhaps another event" not in message.body


def test_cancelled_registrations_and_other_events_are_left_out(
    events, django_capture_on_commit_callbacks
):
    moved, cancelled = events
    gone = family(moved, 7)
    registration_cancel(registration=gone.registration)
    family(cancelled, 8, email="andere@example.org")
    unrelated = open_event(title="Lesen", starts_at=at(4, 10), ends_at=at(4, 11))
    register(unrelated, 9, email="lesen@example.org")

    sent = notify([(moved, "moved"), (cancelled, "cancelled")],
                  django_capture_on_commit_callbacks)  # fmt: skip

    assert sent == 1
    assert [m.to for m in mail.outbox] == [["andere@example.org"]]
    assert "New time or place" not in mail.outbox[0].body


def test_the_mail_is_in_the_households_language(
    events, django_capture_on_commit_callbacks
):
    moved, _cancelled = events
    family(moved, 7, language="de")

    notify([(moved, "moved")], django_capture_on_commit_callbacks)

    [message] = mail.outbox
    with translation.override("de"):
        subject = translation.gettext(
            "Programme changes (%(release)s): your registrations"
        ) % {"release": "Programm 2"}
        hello = translation.gettext("Hello %(name)s,") % {"name": NAME}
    assert message.subject == subject
    assert message.body.startswith(hello + "\n")
    assert "Mittwoch, 16. Juni 2027, 15:00–16:30" in message.body


def test_nothing_to_tell_sends_nothing(events, django_capture_on_commit_callbacks):
    moved, cancelled = events
    family(moved, 7)

    assert notify([(moved, "new"), (cancelled, "removed")],
                  django_capture_on_commit_callbacks) == 0  # fmt: skip
    assert notify([], django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_the_counts_for_the_organisers_page(events):
    moved, cancelled = events
    family(moved, 7)
    family(cancelled, 8)
    register(moved, 9, email="zwei@example.org")
    gone = register(cancelled, 10, email="weg@example.org")
    registration_cancel(registration=gone.registration)

    assert households_per_event(event_ids=[moved.pk, cancelled.pk]) == {
        moved.pk: 2,
        cancelled.pk: 1,
    }
    assert households_count(event_ids=[moved.pk, cancelled.pk]) == 2
    assert households_count(event_ids=[]) == 0
