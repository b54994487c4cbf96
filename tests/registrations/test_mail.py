"""Every mail a family gets, read from the outbox in German and in English: subject,
plain text and HTML, the check-in QR code, and the calendar file where one belongs.

Expected texts are built from the same msgids through gettext in the household's
language, so the German assertions are exact now (German msgstrs are added centrally)
and stay exact once they are.
"""

import base64
import datetime as dt
import struct

import icalendar
import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from events import services as event_services
from events.models import BERLIN
from registrations import services
from registrations.models import Registration
from registrations.notifications import qr_code_data_uri
from tests.events.factories import VenueFactory, at
from tests.registrations.factories import open_event, register

pytestmark = pytest.mark.django_db

TITLE = "Kinder & Eltern: Trommeln"
NAME = "Ayşe & Tom O'Brien"
EMAIL = "ayse@example.org"
ADDRESS = "Stadtbücherei, Marktplatz 1, 12345 Musterstadt"
WHEN = {"de": "Mittwoch, 16. Juni 2027", "en": "Wednesday, June 16, 2027"}

SUBJECTS = {
    "confirmed": "Registration confirmed: %(title)s",
    "waitlisted": "On the waiting list: %(title)s",
    "promoted": "You have moved up from the waiting list: %(title)s",
    "cancelled": "Registration cancelled: %(title)s",
    "reminder": "Reminder: %(title)s",
    "manage_link": "Your link to your festival registrations",
}
ENGLISH_SUBJECTS = {
    "confirmed": "Registration confirmed: Kinder & Eltern: Trommeln",
    "waitlisted": "On the waiting list: Kinder & Eltern: Trommeln",
    "promoted": "You have moved up from the waiting list: Kinder & Eltern: Trommeln",
    "cancelled": "Registration cancelled: Kinder & Eltern: Trommeln",
    "reminder": "Reminder: Kinder & Eltern: Trommeln",
    "manage_link": "Your link to your festival registrations",
}
KINDS = list(SUBJECTS)
WITH_CALENDAR = {"confirmed", "promoted", "reminder"}
WITH_CHECK_IN = WITH_CALENDAR


def tr(language: str, msgid: str, **values) -> str:
    with translation.override(language):
        text = translation.gettext(msgid)
    return text % values if values else text


# --- the scenarios that send each mail --------------------------------------------


@pytest.fixture
def event():
    return open_event(
        title=TITLE,
        slug="trommeln",
        capacity=2,
        venue=VenueFactory(
            name="Stadtbücherei",
            street="Marktplatz 1",
            postal_code="12345",
            city="Musterstadt",
        ),
        starts_at=at(2, 15),
        ends_at=at(2, 16, 30),
    )


def family(event, language: str, *ages: int):
    ages = ages or (7, 36)
    return register(event, *ages, name=NAME, email=EMAIL, language=language)


def other(event, *ages: int, email: str):
    return register(event, *ages, email=email, language="en")


def send(kind: str, event, language: str, capture) -> Registration:
    """Bring about the mail `kind` for the family; returns its registration."""
    if kind == "waitlisted":
        other(event, 5, 6, email="voll@example.org")
        other(event, 9, email="vorne@example.org")
        with capture(execute=True):
            result = family(event, language)
        assert result.waitlist_position == 2
        return result.registration
    if kind == "promoted":
        filler = other(event, 5, 6, email="voll@example.org")
        result = family(event, language)
        with capture(execute=True):
            services.registration_cancel(registration=filler.registration)
        return result.registration
    if kind == "confirmed":
        with capture(execute=True):
            return family(event, language).registration
    registration = family(event, language).registration
    with capture(execute=True):
        if kind == "cancelled":
            services.registration_cancel(registration=registration)
        elif kind == "reminder":
            assert services.reminders_send_due(now=at(1, 3)) == 1
        elif kind == "manage_link":
            services.household_link_resend(email=EMAIL)
    return registration


def the_mail(kind: str, event, language: str, capture):
    registration = send(kind, event, language, capture)
    mine = [message for message in mail.outbox if message.to == [EMAIL]]
    assert len(mine) == 1, [m.subject for m in mine]
    registration.refresh_from_db()
    return mine[0], registration


# --- what the mails should say ------------------------------------------------------


def links(registration: Registration) -> tuple[str, str]:
    manage = f"{settings.SITE_URL}/r/{registration.household.token}/"
    check_in = f"{settings.SITE_URL}/r/{registration.token}/"
    return manage, check_in


def details(language: str, *, times: str = "15:00–16:30", who: str) -> str:
    return "\n".join(
        [
            TITLE,
            f"{tr(language, 'When')}: {WHEN[language]}, {times}",
            f"{tr(language, 'Where')}: {ADDRESS}",
            f"{tr(language, 'Who')}: {who}",
            f"{tr(language, 'Event page')}: {settings.SITE_URL}/events/trommeln/",
        ]
    )


def expected_body(kind: str, language: str, registration: Registration) -> str:
    def t(msgid: str, **values) -> str:
        return tr(language, msgid, **values)

    manage_url, check_in_url = links(registration)
    hello = t("Hello %(name)s,", name=NAME)
    manage = t("See, change or cancel your registrations:") + "\n" + manage_url
    check_in = (
        t(
            "Your check-in link (at the entrance it opens your registration for "
            "our team):"
        )
        + "\n"
        + check_in_url
    )
    please_cancel = t(
        "If you cannot come after all, please cancel your registration, so that "
        "families on the waiting list can take your places."
    )
    adds = t("The attached calendar file adds the event to your calendar.")
    signature = t("Kind regards,") + "\n" + t("The festival team")
    family_details = details(language, who="Kind1 (7), Erw2 (36)")
    paragraphs = {
        "confirmed": [
            t(
                "Thank you for registering. Your places are confirmed, and we look "
                "forward to welcoming you!"
            ),
            family_details,
            check_in,
            adds,
            please_cancel + "\n" + manage,
        ],
        "waitlisted": [
            t(
                "Thank you for registering. This event is fully booked at the "
                "moment, so your party is on the waiting list at position "
                "%(position)s.",
                position=2,
            ),
            t(
                "When places become free, waiting parties move up in the order in "
                "which they registered; a party that is larger than the free places "
                "is skipped until enough places are free. If your party moves up, "
                "your registration is confirmed automatically and we will let you "
                "know by e-mail straight away."
            ),
            family_details,
            t("If you no longer wish to wait, please cancel your registration.")
            + "\n"
            + manage,
        ],
        "promoted": [
            t(
                "Good news: places have become free, and your party has moved up "
                "from the waiting list. Your registration is now confirmed, and we "
                "look forward to welcoming you!"
            ),
            family_details,
            check_in,
            adds,
            please_cancel + "\n" + manage,
        ],
        "cancelled": [
            t(
                "Your registration for this event has been cancelled. If this was a "
                "mistake, you are welcome to register again while places are "
                "available."
            ),
            family_details,
            manage,
        ],
        "reminder": [
            t(
                "A friendly reminder: your event is coming up soon. Here are the "
                "details once more."
            ),
            family_details,
            check_in,
            adds,
            please_cancel + "\n" + manage,
        ],
        "manage_link": [
            t(
                "As requested, here is your personal link to all your registrations "
                "for the festival week. There you can see, change or cancel them:"
            )
            + "\n"
            + manage_url,
            t(
                "Please keep this link to yourself: anyone who has it can change "
                "your registrations."
            ),
            t("If you did not request this e-mail, you can simply ignore it."),
        ],
    }[kind]
    return "\n\n".join([hello, *paragraphs, signature]) + "\n"


def png_size(data_uri: str) -> tuple[int, int]:
    prefix = "data:image/png;base64,"
    assert data_uri.startswith(prefix)
    png = base64.b64decode(data_uri[len(prefix) :], validate=True)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


# --- the tests ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_each_mail_in_the_households_language(
    kind, language, event, django_capture_on_commit_callbacks
):
    message, registration = the_mail(
        kind, event, language, django_capture_on_commit_callbacks
    )

    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    expected_subject = tr(language, SUBJECTS[kind], title=TITLE)
    if kind == "manage_link":
        expected_subject = tr(language, SUBJECTS[kind])
    assert message.subject == expected_subject
    if language == "en":
        assert message.subject == ENGLISH_SUBJECTS[kind]
    assert message.body == expected_body(kind, language, registration)


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_each_mail_has_an_accessible_html_part_with_the_same_content(
    kind, language, event, django_capture_on_commit_callbacks
):
    message, registration = the_mail(
        kind, event, language, django_capture_on_commit_callbacks
    )
    manage_url, check_in_url = links(registration)

    assert [mimetype for _html, mimetype in message.alternatives] == ["text/html"]
    html = message.alternatives[0][0]
    assert html.startswith("<!DOCTYPE html>\n")
    assert f'<html lang="{language}" dir="ltr">' in html
    # The household's name and the title are escaped, never markup.
    assert tr(language, "Hello %(name)s,", name="Ayşe &amp; Tom O&#x27;Brien") in html
    assert f'href="{manage_url}"' in html
    assert html.count('role="presentation"') >= 2  # layout tables are no data tables
    if kind != "manage_link":
        assert "Kinder &amp; Eltern: Trommeln</a></h1>" in html
        times = "15:00–16:30"
        assert (
            f"<strong>{tr(language, 'When')}:</strong> {WHEN[language]}, {times}"
        ) in html
        assert f"<strong>{tr(language, 'Where')}:</strong> {ADDRESS}" in html
        assert f"<strong>{tr(language, 'Who')}:</strong> Kind1 (7), Erw2 (36)" in html
    if kind in WITH_CHECK_IN:
        qr, size = qr_code_data_uri(check_in_url)
        assert png_size(qr) == (size, size)
        assert f'<img src="{qr}" width="{size}" height="{size}" ' in html
        assert f'alt="{tr(language, "QR code for checking in")}"' in html
        assert f'href="{check_in_url}"' in html
    else:
        assert "<img" not in html
        assert check_in_url not in html


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_calendar_file_comes_with_the_mails_for_a_confirmed_party(
    kind, language, event, django_capture_on_commit_callbacks
):
    message, registration = the_mail(
        kind, event, language, django_capture_on_commit_callbacks
    )

    parts = [part.get_content_type() for part in message.message().walk()]
    if kind not in WITH_CALENDAR:
        assert message.attachments == []
        assert parts == ["multipart/alternative", "text/plain", "text/html"]
        return
    assert parts == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/calendar",
    ]
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("festwoche.ics", "text/calendar; charset=utf-8")
    calendar = icalendar.Calendar.from_ical(content)
    [entry] = calendar.walk("VEVENT")
    start, end = at(2, 15), at(2, 16, 30)
    assert str(entry["SUMMARY"]) == TITLE
    assert str(entry["UID"]) == f"registration-{registration.pk}@127.0.0.1"
    assert entry["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert entry.decoded("DTSTART") == start
    assert entry.decoded("DTEND") == end
    assert entry.decoded("DTSTART").utcoffset() == dt.timedelta(hours=2)
    assert f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}" in content.splitlines()
    assert str(entry["LOCATION"]) == ADDRESS
    assert str(entry["STATUS"]) == "CONFIRMED"
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"


def test_plain_text_is_not_html_escaped(event, django_capture_on_commit_callbacks):
    message, _registration = the_mail(
        "confirmed", event, "en", django_capture_on_commit_callbacks
    )

    assert message.subject == "Registration confirmed: Kinder & Eltern: Trommeln"
    assert message.body.startswith("Hello Ayşe & Tom O'Brien,\n")
    assert "&amp;" not in message.body
    assert "&#x27;" not in message.body


def test_markup_in_names_is_escaped_in_the_html(django_capture_on_commit_callbacks):
    event = open_event(title="<b>Trommeln</b>")

    with django_capture_on_commit_callbacks(execute=True):
        register(event, 7, name="<script>alert(1)</script>", language="en")

    [message] = mail.outbox
    html = message.alternatives[0][0]
    assert "<script>" not in html
    assert "<b>" not in html
    assert "Hello &lt;script&gt;alert(1)&lt;/script&gt;," in html
    assert "&lt;b&gt;Trommeln&lt;/b&gt;" in html
    assert message.subject == "Registration confirmed: <b>Trommeln</b>"
    assert message.body.startswith("Hello <script>alert(1)</script>,\n")


@pytest.mark.parametrize("status", ["confirmed", "waitlisted"])
def test_a_new_time_or_place_sends_the_family_no_mail_on_the_edit(
    status, event, django_capture_on_commit_callbacks
):
    """Families hear about moves with the next programme release (one mail for
    all their registrations), not on every edit; see tests/registrations/
    test_release_mail.py."""
    other(event, 5, 6, email="voll@example.org")
    registration = family(event, "en", 7).registration
    if status == "confirmed":
        services.registration_cancel(
            registration=Registration.objects.get(household__email="voll@example.org")
        )
        registration.refresh_from_db()
    assert registration.status == status
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        event_services.event_update(event=event, starts_at=at(2, 16), ends_at=at(2, 17))
        event_services.event_update(event=event, venue=VenueFactory(name="Rathaus"))

    assert mail.outbox == []
    event.refresh_from_db()
    assert (event.starts_at, event.venue.name) == (at(2, 16), "Rathaus")


def test_a_cancellation_sends_the_family_no_mail_on_the_edit(
    event, django_capture_on_commit_callbacks
):
    registration = family(event, "en", 7).registration
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        event_services.event_cancel(event=event, reason="Die Halle ist gesperrt.")

    assert mail.outbox == []  # the event has no host partner to tell either
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_the_details_leave_out_what_the_venue_does_not_have(
    django_capture_on_commit_callbacks,
):
    event = open_event(
        title="Picknick",
        slug="picknick",
        venue=VenueFactory(name="Stadtpark", city=""),
        starts_at=at(3, 12),
        ends_at=at(3, 15),
    )

    with django_capture_on_commit_callbacks(execute=True):
        register(event, 4, 33, language="en")

    [message] = mail.outbox
    assert (
        "Picknick\nWhen: Thursday, June 17, 2027, 12:00–15:00\nWhere: Stadtpark\n"
        "Who: Kind1 (4), Erw2 (33)\n"
    ) in message.body


def test_times_are_shown_in_berlin_time_also_in_winter(
    django_capture_on_commit_callbacks,
):
    start = dt.datetime(2027, 11, 2, 9, 30, tzinfo=BERLIN)  # CET, +01:00
    event = open_event(
        title="Laternenbasteln",
        starts_at=start.astimezone(dt.UTC),
        ends_at=(start + dt.timedelta(hours=2)).astimezone(dt.UTC),
    )

    with django_capture_on_commit_callbacks(execute=True):
        register(event, 6, language="de")

    [message] = mail.outbox
    assert "Dienstag, 2. November 2027, 09:30–11:30" in message.body
