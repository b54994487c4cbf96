"""E-mail: rendered from templates, sent by a Celery task after commit, and listed at
/dev/outbox/ in development."""

import pytest
from django.core import mail
from django.db import transaction
from django.utils import translation

from events import services
from events.models import Event
from events.notifications import Attachment, mail_send
from events.tasks import send_email
from tests.events.factories import EventFactory, PartnerFactory, VenueFactory

pytestmark = pytest.mark.django_db


def expected_subject(title: str) -> str:
    """The subject template's text in the default language (German once translated)."""
    with translation.override("de"):
        return translation.gettext("Cancelled: %(title)s") % {"title": title}


def cancellable_event(**kwargs) -> Event:
    return EventFactory(
        title="Familienpicknick im Stadtpark",
        slug="familienpicknick",
        venue=VenueFactory(name="Stadtpark"),
        **kwargs,
    )


def test_mail_send_renders_and_sends_one_mail_in_eager_mode(
    settings, django_capture_on_commit_callbacks
):
    event = cancellable_event(cancel_reason="Unwetterwarnung")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        mail_send(
            to=["kita-sonnenschein@example.org"],
            template="events/mail/event_cancelled",
            context={"event": event},
        )

    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kita-sonnenschein@example.org"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.subject == expected_subject("Familienpicknick im Stadtpark")
    assert "Familienpicknick im Stadtpark" in message.body
    assert "14.06.2027 10:00" in message.body  # Europe/Berlin, as the event was set
    assert "Stadtpark" in message.body
    assert "Unwetterwarnung" in message.body
    assert f"{settings.SITE_URL}/events/familienpicknick/" in message.body


def test_mail_waits_for_the_commit(django_capture_on_commit_callbacks):
    event = cancellable_event()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        mail_send(
            to=["kita-sonnenschein@example.org"],
            template="events/mail/event_cancelled",
            context={"event": event},
        )

    assert len(callbacks) == 1
    assert mail.outbox == []
    callbacks[0]()  # what the commit does
    assert [m.to for m in mail.outbox] == [["kita-sonnenschein@example.org"]]


def test_event_cancel_mails_its_host_partners_once(django_capture_on_commit_callbacks):
    hosts = [
        PartnerFactory(contact_email="team@kita-sonnenschein.example.org"),
        PartnerFactory(contact_email="info@familienzentrum.example.org"),
        PartnerFactory(contact_email=""),
    ]
    event = cancellable_event(host_partners=hosts)

    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, reason="Unwetterwarnung")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [
        "info@familienzentrum.example.org",
        "team@kita-sonnenschein.example.org",
    ]
    assert message.subject == expected_subject("Familienpicknick im Stadtpark")
    assert "Unwetterwarnung" in message.body
    assert "14.06.2027 10:00" in message.body


class Abort(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_event_cancel_rolled_back_sends_no_mail_and_committed_sends_one():
    partner = PartnerFactory(contact_email="team@kita-sonnenschein.example.org")
    event = cancellable_event(host_partners=[partner])

    with pytest.raises(Abort), transaction.atomic():
        services.event_cancel(event=event, reason="Unwetterwarnung")
        raise Abort

    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    assert mail.outbox == []

    services.event_cancel(event=event, reason="Unwetterwarnung")

    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert [m.to for m in mail.outbox] == [["team@kita-sonnenschein.example.org"]]


def test_outbox_lists_the_mails_the_file_backend_wrote(client, settings):
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    # EMAIL_FILE_PATH is a fresh folder per test (tests/conftest.py).

    sent = send_email(
        to=["ayse@example.org"],
        subject="Anmeldung bestätigt: Kinderkino „Die Schatzinsel“",
        body="Guten Tag,\n\nIhre Anmeldung für 2 Plätze ist bestätigt.",
    )
    response = client.get("/dev/outbox/")

    assert sent == 1
    assert response.status_code == 200
    content = response.content.decode()
    assert "Anmeldung bestätigt: Kinderkino „Die Schatzinsel“" in content
    assert "ayse@example.org" in content
    assert "Ihre Anmeldung für 2 Plätze ist bestätigt." in content
    # The mails are not mistaken for the layout's flash messages.
    assert 'class="messages"' not in content


def test_outbox_says_so_when_there_is_no_mail(client, settings):
    settings.DEBUG = True

    response = client.get("/dev/outbox/")

    assert response.status_code == 200
    with translation.override("de"):
        empty = translation.gettext("No e-mails yet.")
    assert empty in response.content.decode()


def test_outbox_is_not_there_without_debug(client, settings):
    settings.DEBUG = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    send_email(to=["ayse@example.org"], subject="Vertraulich", body="-")

    response = client.get("/dev/outbox/")

    assert response.status_code == 404
    assert "Vertraulich" not in response.content.decode()


def test_a_binary_attachment_reaches_the_mail_byte_for_byte(
    django_capture_on_commit_callbacks,
):
    pdf = b"%PDF-1.4\n\x00\xff\xfe binary \x80\n%%EOF"
    event = cancellable_event(cancel_reason="Unwetterwarnung")

    with django_capture_on_commit_callbacks(execute=True):
        mail_send(
            to=["verkauf@example.org"],
            template="events/mail/event_cancelled",
            context={"event": event},
            attachments=[
                Attachment("bestaetigung.pdf", pdf, "application/pdf"),
                Attachment("termin.ics", "BEGIN:VCALENDAR\r\n", "text/calendar"),
            ],
        )

    assert mail.outbox[0].attachments == [
        ("bestaetigung.pdf", pdf, "application/pdf"),
        ("termin.ics", "BEGIN:VCALENDAR\r\n", "text/calendar"),
    ]
