"""Every mail a volunteer gets, read from the outbox in German and in English:
subject, plain text and HTML, the recipient, the personal link and the shift's
details; sent only after the change is committed.

Expected texts come from the same msgids through gettext in the volunteer's
language, so the assertions stay exact once the German catalogue has them.
"""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.utils import formats, timezone, translation

from tests.events.factories import EventFactory, VenueFactory, at
from tests.volunteers.factories import (
    BEFORE,
    RoleFactory,
    ShiftFactory,
    VolunteerFactory,
    assign,
)
from volunteers import services
from volunteers.models import Assignment

pytestmark = pytest.mark.django_db

EMAIL = "ayse@example.org"
NAME = "Ayşe & Tom O'Brien"
BRIEFING = "Bitte 15 Minuten vorher am Infotisch melden."

SUBJECTS = {
    "welcome": "Welcome to the festival team: your personal link",
    "link": "Your link to your shifts",
    "assigned": "Your shift: %(role)s on %(day)s",
    "withdrawn": "No longer on the shift: %(role)s on %(day)s",
    "shift_changed": "Your shift has changed: %(role)s on %(day)s",
    "reminder": "Tomorrow: %(role)s at %(time)s",
}
WITH_SHIFT = {"assigned", "withdrawn", "shift_changed", "reminder", "message"}
KINDS = [*SUBJECTS, "message"]


def tr(language: str, msgid: str, **values) -> str:
    with translation.override(language):
        text = translation.gettext(msgid)
    return text % values if values else text


def local(moment, language: str, fmt: str) -> str:
    with translation.override(language):
        return formats.date_format(timezone.localtime(moment), fmt)


@pytest.fixture
def coordinator():
    return get_user_model().objects.create_user(
        "sabine",
        email="sabine.koordination@example.org",
        first_name="Sabine",
        last_name="Krüger",
    )


@pytest.fixture
def shift(coordinator):
    return ShiftFactory(
        role=RoleFactory(name="Kinderbetreuung", briefing=BRIEFING),
        venue=VenueFactory(
            name="Stadthalle", street="Marktplatz 1", postal_code="12345"
        ),
        event=EventFactory(title="Bildungskonferenz: Eröffnung"),
        starts_at=at(2, 9),
        ends_at=at(2, 13),
        needed=3,
        notes="Eingang Parkseite",
        coordinator=coordinator,
        coordinator_phone="0151 40 20 27 00",
    )


def send(kind: str, shift, language: str, capture):
    """Run the scenario that sends `kind`; return the volunteer and their mail."""
    volunteer = VolunteerFactory(name=NAME, email=EMAIL, language=language)
    if kind in WITH_SHIFT:
        assignment = assign(shift, volunteer)
        mail.outbox.clear()
    with capture(execute=True):
        if kind == "welcome":
            volunteer.delete()
            volunteer = services.volunteer_register(
                festival=shift.role.festival,
                data=services.VolunteerInput(name=NAME, email=EMAIL, language=language),
                consent_privacy=True,
            ).volunteer
        elif kind == "link":
            services.volunteer_link_resend(festival=shift.role.festival, email=EMAIL)
        elif kind == "assigned":
            assignment.delete()
            assign(shift, volunteer)
        elif kind == "withdrawn":
            services.assignment_withdraw(assignment=assignment, now=BEFORE)
        elif kind == "shift_changed":
            services.shift_update(shift=shift, starts_at=at(2, 10), ends_at=at(2, 14))
            shift.refresh_from_db()
        elif kind == "reminder":
            Assignment.objects.update(created_at=at(-3, 9))
            services.reminders_send_due(now=at(1, 17, 30))
        elif kind == "message":
            services.shift_message_send(
                shift=shift,
                subject="Treffpunkt geändert",
                body="Wir treffen uns am Seiteneingang.",
                by=shift.coordinator,
            )
    [message] = mail.outbox
    return volunteer, message


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_each_mail_in_the_volunteers_language(
    kind, language, shift, django_capture_on_commit_callbacks
):
    volunteer, message = send(kind, shift, language, django_capture_on_commit_callbacks)
    [(html, mimetype)] = message.alternatives
    page_url = settings.SITE_URL + volunteer.get_absolute_url()

    assert message.to == [EMAIL]
    assert mimetype == "text/html"
    if kind == "message":
        assert message.subject == "Treffpunkt geändert"
    else:
        assert message.subject == tr(
            language,
            SUBJECTS[kind],
            role="Kinderbetreuung",
            day=local(shift.starts_at, language, "D j.n."),
            time=local(shift.starts_at, language, "H:i"),
        )
    hello = tr(language, "Hello %(name)s,", name=NAME)
    assert message.body.startswith(hello)
    assert hello.replace("'", "&#x27;").replace("&", "&amp;", 1) in html
    for text in (message.body, html):
        assert page_url in text
        assert volunteer.token in text
    if kind not in WITH_SHIFT:
        assert "Kinderbetreuung" not in message.body
        return
    day = local(shift.starts_at, language, "l, j. F Y")
    times = (
        f"{local(shift.starts_at, language, 'H:i')}–"
        f"{local(shift.ends_at, language, 'H:i')}"
    )
    for text in (message.body, html):
        assert "Kinderbetreuung" in text
        assert f"{day}, {times}" in text
        assert "Stadthalle, Marktplatz 1, 12345" in text
        assert "Bildungskonferenz: Eröffnung" in text
        assert BRIEFING in text
        assert "Eingang Parkseite" in text
        assert "Sabine Krüger" in text
        assert "0151 40 20 27 00" in text
        assert "sabine.koordination@example.org" in text
    assert f"{tr(language, 'When')}: {day}, {times}" in message.body
    assert f"{tr(language, 'Briefing')}:\n{BRIEFING}" in message.body
    assert 'href="tel:015140202700"' in html
    if kind == "message":
        assert "Wir treffen uns am Seiteneingang." in message.body
        assert "Wir treffen uns am Seiteneingang." in html


def test_the_html_mail_is_a_whole_page_in_the_volunteers_language(
    shift, django_capture_on_commit_callbacks
):
    _volunteer, message = send(
        "assigned", shift, "en", django_capture_on_commit_callbacks
    )
    [(html, _mimetype)] = message.alternatives

    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en" dir="ltr">' in html
    assert "{%" not in html and "{{" not in html
    assert "{%" not in message.body and "{{" not in message.body


def test_the_digest_has_an_html_version(shift, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.digest_send_due(now=at(-1, 7))

    [message] = mail.outbox
    [(html, _mimetype)] = message.alternatives
    assert sent == 1
    assert message.to == ["sabine.koordination@example.org"]
    with translation.override("de"):
        of = translation.gettext("%(filled)s of %(needed)s") % {
            "filled": 0,
            "needed": 3,
        }
    assert of in message.body
    assert of in html
    assert "Kinderbetreuung" in html
    assert settings.SITE_URL + "/orga/volunteers/" in html


def test_mails_wait_for_the_commit(shift, django_capture_on_commit_callbacks):
    volunteer = VolunteerFactory(email=EMAIL)

    with django_capture_on_commit_callbacks() as callbacks:
        assignment = services.assignment_create(
            shift=shift, volunteer=volunteer, now=BEFORE
        )
        assert mail.outbox == []

    assert len(callbacks) == 1
    assert assignment.pk is not None


def test_a_rolled_back_sign_up_sends_nothing(shift, django_capture_on_commit_callbacks):
    volunteer = VolunteerFactory(email=EMAIL)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                services.assignment_create(shift=shift, volunteer=volunteer, now=BEFORE)
                raise RuntimeError("the request failed after the sign-up")
        except RuntimeError:
            pass

    assert callbacks == []
    assert mail.outbox == []
    assert not Assignment.objects.exists()
