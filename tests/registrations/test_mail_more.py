"""The mails about one person leaving a party and about a party moved by the
organisers, read from the outbox in German and in English (see test_mail.py: the
German expectations are built from the same msgids through gettext)."""

import icalendar
import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError

from registrations import services
from registrations.models import Registration
from registrations.notifications import qr_code_data_uri
from tests.events.factories import VenueFactory, at
from tests.registrations.factories import open_event, register
from tests.registrations.test_mail import (
    EMAIL,
    NAME,
    TITLE,
    WHEN,
    details,
    links,
    tr,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "en"]
PICNIC = "Familienpicknick"
PICNIC_WHEN = {"de": "Donnerstag, 17. Juni 2027", "en": "Thursday, June 17, 2027"}


def drums(capacity: int):
    return open_event(
        title=TITLE,
        slug="trommeln",
        capacity=capacity,
        venue=VenueFactory(
            name="Stadtbücherei",
            street="Marktplatz 1",
            postal_code="12345",
            city="Musterstadt",
        ),
        starts_at=at(2, 15),
        ends_at=at(2, 16, 30),
    )


def picnic(capacity: int):
    return open_event(
        title=PICNIC,
        slug="picknick",
        capacity=capacity,
        venue=VenueFactory(name="Stadtpark", city=""),
        starts_at=at(3, 12),
        ends_at=at(3, 15),
    )


def family(event, language: str, *ages: int) -> Registration:
    return register(
        event, *ages, name=NAME, email=EMAIL, language=language
    ).registration


def other(event, *ages: int, email: str) -> Registration:
    return register(event, *ages, email=email, language="en").registration


def outbox() -> list[tuple[list[str], str]]:
    return [(message.to, message.subject) for message in mail.outbox]


def parts(message) -> list[str]:
    return [part.get_content_type() for part in message.message().walk()]


def signature(language: str) -> str:
    return tr(language, "Kind regards,") + "\n" + tr(language, "The festival team")


def manage(language: str, registration: Registration) -> str:
    manage_url, _check_in_url = links(registration)
    return tr(language, "See, change or cancel your registrations:") + "\n" + manage_url


def check_in(language: str, registration: Registration) -> str:
    _manage_url, check_in_url = links(registration)
    return (
        tr(
            language,
            "Your check-in link (at the entrance it opens your registration for "
            "our team):",
        )
        + "\n"
        + check_in_url
    )


def mail_of(*paragraphs: str, language: str) -> str:
    hello = tr(language, "Hello %(name)s,", name=NAME)
    return "\n\n".join([hello, *paragraphs, signature(language)]) + "\n"


# --- one person taken out of a party ------------------------------------------------

GONE_SUBJECT = "%(name)s is no longer registered: %(title)s"
GONE = (
    "%(name)s is no longer registered for this event. This is your registration as "
    "it is now:"
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_confirmed_family_hears_who_left_and_who_is_still_coming(
    language, django_capture_on_commit_callbacks
):
    event = drums(capacity=3)
    registration = family(event, language, 7, 8, 36)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.participant_cancel(
            participant=registration.participants.get(name="Kind2")
        )

    [message] = mail.outbox
    assert message.to == [EMAIL]
    assert message.subject == tr(language, GONE_SUBJECT, name="Kind2", title=TITLE)
    if language == "en":
        assert message.subject == (
            "Kind2 is no longer registered: Kinder & Eltern: Trommeln"
        )
    assert message.body == mail_of(
        tr(language, GONE, name="Kind2"),
        details(language, who="Kind1 (7), Erw3 (36)"),
        tr(
            language,
            "Your places remain confirmed, and we look forward to welcoming you!",
        ),
        check_in(language, registration),
        manage(language, registration),
        language=language,
    )
    # The event in the family's calendar is unchanged: no calendar file.
    assert message.attachments == []
    assert parts(message) == ["multipart/alternative", "text/plain", "text/html"]
    html = message.alternatives[0][0]
    manage_url, check_in_url = links(registration)
    assert f'<html lang="{language}" dir="ltr">' in html
    assert tr(language, GONE, name="Kind2") in html
    assert (f"<strong>{tr(language, 'Who')}:</strong> Kind1 (7), Erw3 (36)</p>") in html
    assert f"{WHEN[language]}, 15:00–16:30" in html
    qr, size = qr_code_data_uri(check_in_url)
    assert f'<img src="{qr}" width="{size}" height="{size}" ' in html
    assert f'href="{manage_url}"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_waiting_family_hears_who_left_and_its_place_in_line(
    language, django_capture_on_commit_callbacks
):
    event = drums(capacity=3)
    other(event, 5, 6, 7, email="voll@example.org")
    registration = family(event, language, 7, 8, 36)
    assert registration.status == "waitlisted"
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.participant_cancel(
            participant=registration.participants.get(name="Kind1")
        )

    [message] = mail.outbox
    assert message.to == [EMAIL]
    assert message.subject == tr(language, GONE_SUBJECT, name="Kind1", title=TITLE)
    assert message.body == mail_of(
        tr(language, GONE, name="Kind1"),
        details(language, who="Kind2 (8), Erw3 (36)"),
        tr(
            language,
            "Your party is still on the waiting list, at position %(position)s. If "
            "places become free for your party, your registration is confirmed "
            "automatically and we will let you know by e-mail.",
            position=1,
        ),
        manage(language, registration),
        language=language,
    )
    assert message.attachments == []
    _manage_url, check_in_url = links(registration)
    assert "<img" not in message.alternatives[0][0]
    assert check_in_url not in message.alternatives[0][0]


def test_the_family_and_the_party_that_moves_up_get_one_mail_each(
    django_capture_on_commit_callbacks,
):
    event = drums(capacity=2)
    registration = family(event, "en", 7, 8)
    waiting = other(event, 9, email="wartet@example.org")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.participant_cancel(
            participant=registration.participants.get(name="Kind1")
        )

    assert sorted(outbox()) == [
        ([EMAIL], "Kind1 is no longer registered: Kinder & Eltern: Trommeln"),
        (
            [waiting.household.email],
            "You have moved up from the waiting list: Kinder & Eltern: Trommeln",
        ),
    ]


def test_a_waiting_party_that_shrinks_until_it_fits_gets_the_promotion_mail_only(
    django_capture_on_commit_callbacks,
):
    event = drums(capacity=3)
    other(event, 6, 36, email="vorne@example.org")
    registration = family(event, "en", 7, 9)  # 2 seats, 1 free
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.participant_cancel(
            participant=registration.participants.get(name="Kind2")
        )

    assert outbox() == [
        ([EMAIL], "You have moved up from the waiting list: Kinder & Eltern: Trommeln")
    ]
    assert "Who: Kind1 (7)\n" in mail.outbox[0].body


def test_the_last_person_leaving_sends_the_cancellation_only(
    django_capture_on_commit_callbacks,
):
    event = drums(capacity=3)
    registration = family(event, "en", 36)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.participant_cancel(participant=registration.participants.get())

    assert outbox() == [([EMAIL], "Registration cancelled: Kinder & Eltern: Trommeln")]


# --- a party moved to another event by the organisers -----------------------------

MOVED_SUBJECT = "Your registration has been moved: %(title)s"
MOVED = (
    "Our team has moved your registration from “%(old)s” (%(day)s, %(date)s, "
    "%(time)s) to the event below. Your registration for “%(old)s” no longer "
    "applies."
)


def moved_from(language: str) -> str:
    day, date = WHEN[language].split(", ", 1)
    return tr(language, MOVED, old=TITLE, day=day, date=date, time="15:00–16:30")


def picnic_details(language: str) -> str:
    return "\n".join(
        [
            PICNIC,
            f"{tr(language, 'When')}: {PICNIC_WHEN[language]}, 12:00–15:00",
            f"{tr(language, 'Where')}: Stadtpark",
            f"{tr(language, 'Who')}: Kind1 (7), Erw2 (36)",
            f"{tr(language, 'Event page')}: {settings.SITE_URL}/events/picknick/",
        ]
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_party_moved_where_it_fits_gets_one_mail_with_the_new_calendar_entry(
    language, django_capture_on_commit_callbacks
):
    old, new = drums(capacity=2), picnic(capacity=5)
    registration = family(old, language, 7, 36)
    waiting = other(old, 9, email="wartet@example.org")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moved = services.registration_move(registration=registration, to_event=new)

    # The family hears of the move once; the party waiting for the old event's
    # seats hears of its promotion.
    assert sorted(to for to, _subject in outbox()) == [
        [EMAIL],
        [waiting.household.email],
    ]
    [message] = [m for m in mail.outbox if m.to == [EMAIL]]
    assert message.subject == tr(language, MOVED_SUBJECT, title=PICNIC)
    if language == "en":
        assert message.subject == "Your registration has been moved: Familienpicknick"
        assert moved_from(language) == (
            "Our team has moved your registration from “Kinder & Eltern: Trommeln” "
            "(Wednesday, June 16, 2027, 15:00–16:30) to the event below. Your "
            "registration for “Kinder & Eltern: Trommeln” no longer applies."
        )
    assert message.body == mail_of(
        moved_from(language),
        tr(
            language,
            "Your places at the new event are confirmed, and we look forward to "
            "welcoming you!",
        ),
        picnic_details(language),
        check_in(language, moved),
        tr(language, "The attached calendar file adds the event to your calendar."),
        tr(
            language,
            "If you cannot come after all, please cancel your registration, so that "
            "families on the waiting list can take your places.",
        )
        + "\n"
        + manage(language, moved),
        language=language,
    )
    html = message.alternatives[0][0]
    _manage_url, check_in_url = links(moved)
    assert moved_from(language).replace("&", "&amp;") in html
    assert f"{PICNIC}</a></h1>" in html
    qr, size = qr_code_data_uri(check_in_url)
    assert f'<img src="{qr}" width="{size}" height="{size}" ' in html
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("festwoche.ics", "text/calendar; charset=utf-8")
    [entry] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(entry["SUMMARY"]) == PICNIC
    assert str(entry["UID"]) == f"registration-{moved.pk}@127.0.0.1"
    assert entry.decoded("DTSTART") == at(3, 12)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_party_moved_to_a_full_event_gets_one_mail_with_its_place_in_line(
    language, django_capture_on_commit_callbacks
):
    old, new = drums(capacity=2), picnic(capacity=2)
    other(new, 30, 31, email="voll@example.org")
    other(new, 32, email="vorne@example.org")
    registration = family(old, language, 7, 36)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moved = services.registration_move(registration=registration, to_event=new)

    [message] = mail.outbox
    assert message.to == [EMAIL]
    assert message.subject == tr(language, MOVED_SUBJECT, title=PICNIC)
    assert message.body == mail_of(
        moved_from(language),
        tr(
            language,
            "The new event is fully booked at the moment, so your party is on its "
            "waiting list at position %(position)s. If places become free for your "
            "party, your registration is confirmed automatically and we will let "
            "you know by e-mail.",
            position=2,
        ),
        picnic_details(language),
        tr(language, "If you no longer wish to wait, please cancel your registration.")
        + "\n"
        + manage(language, moved),
        language=language,
    )
    assert message.attachments == []
    assert parts(message) == ["multipart/alternative", "text/plain", "text/html"]
    assert "<img" not in message.alternatives[0][0]


def test_a_move_that_is_refused_sends_nothing(django_capture_on_commit_callbacks):
    old, new = drums(capacity=2), picnic(capacity=2)
    registration = family(old, "en", 7, 36)
    family(new, "en", 8)
    mail.outbox.clear()

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as err,
    ):
        services.registration_move(registration=registration, to_event=new)

    assert err.value.code == "already_registered"

    assert mail.outbox == []
