"""The Bildungskonferenz in a browser: a teacher registers for a workshop and is
refused an overlapping one with the reason on the form; a committee member scores
a proposal and accepts it. Screenshots of the grid (desktop, phone, projector)."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from events import roles
from subevents.conference.models import Format, Session, Submission
from tests.conference.factories import (
    ConferenceFactory,
    CriterionFactory,
    SessionFactory,
    SpeakerFactory,
    SubmissionFactory,
    TrackFactory,
)
from tests.events.factories import EventFactory, FestivalFactory, VenueFactory, at

pytestmark = [pytest.mark.browser]

OVERLAP = "You are already registered for “Gut ankommen” at 11:00–12:30 at that time."


@pytest.fixture
def conference(transactional_db):
    festival = FestivalFactory(contact_email="buendnis@example.org")
    conference = ConferenceFactory(festival=festival, name="Bildungskonferenz")
    aula = VenueFactory(name="Aula", capacity=300)
    bib = VenueFactory(name="Bibliothek", capacity=60)
    zentrum = VenueFactory(name="Familienzentrum", capacity=40)
    early = TrackFactory(sub_event=conference, name="Frühe Bildung", colour="#1d4e89")
    school = TrackFactory(
        sub_event=conference, name="Schule und Übergänge", colour="#7b2d8b"
    )
    parents = TrackFactory(
        sub_event=conference, name="Eltern stärken", colour="#a23b16"
    )
    opens = timezone.now() - dt.timedelta(days=1)

    def session(venue, start, end, title, track=None, fmt=Format.WORKSHOP, who=()):
        event = EventFactory(
            sub_event=conference,
            venue=venue,
            starts_at=start,
            ends_at=end,
            title=title,
            capacity=30,
            registration_opens_at=opens,
        )
        s = SessionFactory(event=event, track=track, format=fmt)
        s.speakers.add(*who)
        return s

    anna = SpeakerFactory(name="Anna Beispiel", organisation_text="Kita Sonnenschein")
    jörg = SpeakerFactory(name="Jörg Lindner", organisation_text="Grundschule am Park")
    session(
        aula,
        at(1, 9),
        at(1, 10, 30),
        "Keynote: Bildung beginnt in der Familie",
        fmt=Format.KEYNOTE,
        who=[
            SpeakerFactory(
                name="Prof. Dr. Miriam Ostermann",
                organisation_text="Hochschule für Soziale Arbeit",
            )
        ],
    )
    session(aula, at(1, 11), at(1, 12, 30), "Gut ankommen", school, who=[jörg])
    session(bib, at(1, 11), at(1, 12, 30), "Mehrsprachig aufwachsen", early, who=[anna])
    session(zentrum, at(1, 11), at(1, 12), "Eltern als Partner", parents)
    session(bib, at(1, 13, 45), at(1, 15, 15), "Medienbildung", early)
    session(zentrum, at(1, 13, 45), at(1, 15, 15), "Kinderschutz", early)
    return conference


def logged_in_committee(context, live_server) -> None:
    roles.roles_ensure()
    user = User.objects.create_user(
        "komitee", is_staff=True, first_name="Sabine", last_name="Hoffmann"
    )
    user.groups.add(Group.objects.get(name=roles.ORGA))
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            },
            {
                "name": settings.LANGUAGE_COOKIE_NAME,
                "value": "en",
                "url": live_server.url,
            },
        ]
    )


def english(context, live_server) -> None:
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )


def register(page, base: str, slug: str) -> None:
    page.goto(f"{base}/events/{slug}/register/")
    page.locator("#id_p-0-name").fill("Frau Lehmann")
    page.locator("#id_p-0-age").fill("41")
    page.locator("#id_name").fill("Katrin Lehmann")
    page.locator("#id_email").fill("lehmann@example.org")
    page.locator("#id_consent_privacy").check()
    page.locator(".reg-form__submit button").click()


def test_a_teacher_is_refused_an_overlapping_workshop(
    live_server, context, conference, screens_dir
):
    english(context, live_server)
    page = context.new_page()
    first = Session.objects.get(event__title="Gut ankommen").event
    second = Session.objects.get(event__title="Mehrsprachig aufwachsen").event

    register(page, live_server.url, first.slug)
    expect(page).to_have_url(re.compile(r"/r/[\w-]+/registered/$"))

    register(page, live_server.url, second.slug)
    expect(page.get_by_text(OVERLAP).first).to_be_visible()
    page.screenshot(path=screens_dir / "conference-overlap-refused.png", full_page=True)
    assert second.registrations.count() == 0


def test_the_grid_on_desktop_phone_and_projector(
    live_server, context, chromium, conference, screens_dir
):
    english(context, live_server)
    page = context.new_page()
    page.goto(f"{live_server.url}/conference/")
    grid = page.locator(".cf-grid")
    expect(grid).to_be_visible()
    expect(grid.locator(".cf-session")).to_have_count(6)
    expect(grid.get_by_text("Schule und Übergänge")).to_be_visible()
    page.screenshot(path=screens_dir / "conference-grid-desktop.png", full_page=True)

    phone = chromium.new_context(
        viewport={"width": 390, "height": 844}, locale="de-DE", is_mobile=True
    )
    try:
        phone_page = phone.new_page()
        phone_page.goto(f"{live_server.url}/conference/")
        expect(phone_page.locator(".cf-grid")).to_be_hidden()
        expect(phone_page.locator(".cf-list h3")).to_have_text(
            ["09:00", "11:00", "13:45"]
        )
        phone_page.screenshot(
            path=screens_dir / "conference-grid-phone.png", full_page=True
        )
    finally:
        phone.close()

    page.goto(f"{live_server.url}/conference/?view=screen")
    expect(page.locator(".site-nav")).to_have_count(0)
    page.screenshot(path=screens_dir / "conference-grid-screen.png", full_page=True)


def test_a_committee_member_scores_and_accepts(
    live_server, context, conference, screens_dir
):
    relevance = CriterionFactory(sub_event=conference, name="Relevanz", weight=3)
    cost = CriterionFactory(sub_event=conference, name="Kosten", weight=1)
    submission = SubmissionFactory(sub_event=conference, title="Schulweg-Detektive")
    logged_in_committee(context, live_server)
    page = context.new_page()

    page.goto(f"{live_server.url}/orga/conference/submissions/")
    page.get_by_role("link", name="Schulweg-Detektive").click()
    expect(page.get_by_text("All reviews")).to_have_count(0)
    page.locator(f"input[name=c{relevance.pk}][value='5']").check()
    page.locator(f"input[name=c{cost.pk}][value='3']").check()
    page.get_by_label("Comment").fill("Passt gut.")
    page.get_by_role("button", name="Save review").click()

    expect(page.locator(".cf-weighted")).to_have_text("4.50")
    page.screenshot(path=screens_dir / "conference-review.png", full_page=True)
    page.get_by_role("button", name="Accept").click()
    expect(page.locator(".cf-state strong")).to_have_text("Accepted")
    submission.refresh_from_db()
    assert submission.state == Submission.State.ACCEPTED
