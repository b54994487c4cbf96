"""The committee's review: scores per criterion, others' scores hidden until one's
own review, the weighted ranking, accept/decline with mails, turning a proposal
into a session, and who may do it."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from events import roles
from events.models import Event
from subevents.conference import services
from subevents.conference.models import Review, Session, Speaker, Submission
from subevents.conference.selectors import submission_list
from tests.conference.factories import (
    ConferenceFactory,
    CriterionFactory,
    SubmissionFactory,
)
from tests.events.factories import EventFactory, FestivalFactory, VenueFactory, at
from tests.planning.factories import english, staff

pytestmark = pytest.mark.django_db

LIST = "/orga/conference/submissions/"


@pytest.fixture
def conference():
    return ConferenceFactory(festival=FestivalFactory())


@pytest.fixture
def criteria(conference):
    return [
        CriterionFactory(sub_event=conference, name="Relevanz", weight=3, position=0),
        CriterionFactory(sub_event=conference, name="Kosten", weight=1, position=1),
    ]


@pytest.fixture
def orga():
    return staff("orga1", roles.ORGA)


def scores(criteria, *values):
    return {c.pk: v for c, v in zip(criteria, values, strict=True)}


def url(submission) -> str:
    return f"{LIST}{submission.pk}/"


def review_post(criteria, *values, comment=""):
    data = {"action": "review", "comment": comment}
    data.update({f"c{c.pk}": str(v) for c, v in zip(criteria, values, strict=True)})
    return data


# --- services ------------------------------------------------------------------------


def test_review_stores_one_row_per_criterion_and_is_editable(
    conference, criteria, orga
):
    submission = SubmissionFactory(sub_event=conference)

    services.review_save(
        submission=submission, reviewer=orga, scores=scores(criteria, 4, 2)
    )
    services.review_save(
        submission=submission, reviewer=orga, scores=scores(criteria, 5, 2)
    )

    assert sorted(Review.objects.values_list("criterion__name", "score")) == [
        ("Kosten", 2),
        ("Relevanz", 5),
    ]
    submission.refresh_from_db()
    assert submission.state == "in_review"


def test_a_missing_or_wrong_score_is_refused(conference, criteria, orga):
    submission = SubmissionFactory(sub_event=conference)

    with pytest.raises(ValidationError) as missing:
        services.review_save(
            submission=submission, reviewer=orga, scores={criteria[0].pk: 3}
        )
    with pytest.raises(ValidationError) as wrong:
        services.review_save(
            submission=submission, reviewer=orga, scores=scores(criteria, 6, 1)
        )

    assert (missing.value.code, wrong.value.code) == ("score_missing", "score_range")
    assert Review.objects.count() == 0


def test_the_ranking_weights_the_criteria_means(conference, criteria, orga):
    other = staff("orga2", roles.ORGA)
    best = SubmissionFactory(sub_event=conference, title="Beste")
    second = SubmissionFactory(sub_event=conference, title="Zweite")
    SubmissionFactory(sub_event=conference, title="Ohne Bewertung")
    services.review_save(submission=best, reviewer=orga, scores=scores(criteria, 5, 1))
    services.review_save(submission=best, reviewer=other, scores=scores(criteria, 3, 3))
    services.review_save(
        submission=second, reviewer=orga, scores=scores(criteria, 2, 5)
    )

    rows = submission_list(conference)

    # (3 × 4 + 1 × 2) / 4 = 3.5 and (3 × 2 + 1 × 5) / 4 = 2.75
    assert [(s.title, s.score, s.reviewer_count) for s in rows] == [
        ("Beste", 3.5, 2),
        ("Zweite", 2.75, 1),
        ("Ohne Bewertung", None, 0),
    ]


def test_the_list_filters_by_state_and_shows_scores(client, conference, criteria, orga):
    accepted = SubmissionFactory(sub_event=conference, state="accepted")
    SubmissionFactory(sub_event=conference, title="Offen")
    client.force_login(orga)

    response = english(client).get(LIST, {"state": "accepted"})

    assert response.status_code == 200
    assert [s.pk for s in response.context["rows"]] == [accepted.pk]


def test_accept_and_decline_tell_the_submitter(
    conference, django_capture_on_commit_callbacks
):
    yes = SubmissionFactory(sub_event=conference, title="Ja", email="ja@example.org")
    no = SubmissionFactory(sub_event=conference, title="Nein", email="nein@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.submission_accept(submission=yes)
        services.submission_decline(submission=no, reason="Passt nicht zum Thema.")

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            ["ja@example.org"],
            german("Your proposal “%(title)s” has been accepted", title="Ja"),
        ),
        (["nein@example.org"], german("Your proposal “%(title)s”", title="Nein")),
    ]
    assert "Passt nicht zum Thema." in mail.outbox[1].body
    assert list(
        Submission.objects.order_by("title").values_list("state", flat=True)
    ) == [
        "accepted",
        "declined",
    ]


def test_decline_needs_a_reason(conference):
    submission = SubmissionFactory(sub_event=conference)

    with pytest.raises(ValidationError) as err:
        services.submission_decline(submission=submission, reason="  ")

    assert err.value.error_dict["reason"][0].code == "reason_required"
    submission.refresh_from_db()
    assert submission.state == "submitted"


def test_an_accepted_proposal_becomes_a_draft_session(conference, orga):
    venue = VenueFactory(name="Aula")
    submission = SubmissionFactory(
        sub_event=conference, state="accepted", duration=45, name="Anna Beispiel"
    )

    session = services.submission_schedule(
        submission=submission, venue=venue, starts_at=at(1, 11), created_by=orga
    )

    event = session.event
    assert (
        event.sub_event,
        event.status,
        event.venue,
        event.starts_at,
        event.ends_at,
    ) == (
        conference,
        Event.Status.DRAFT,
        venue,
        at(1, 11),
        at(1, 11, 45),
    )
    assert [s.name for s in session.speakers.all()] == ["Anna Beispiel"]
    submission.refresh_from_db()
    assert (submission.state, submission.session) == ("scheduled", session)


def test_a_venue_conflict_is_refused_and_nothing_changes(client, conference, orga):
    venue = VenueFactory(name="Aula")
    EventFactory(venue=venue, starts_at=at(1, 11), ends_at=at(1, 12))
    submission = SubmissionFactory(sub_event=conference, state="accepted")
    client.force_login(orga)

    response = english(client).post(
        url(submission),
        {"action": "schedule", "venue": venue.pk, "starts_at": "2027-06-15T11:30"},
    )

    assert response.status_code == 400
    assert "Aula is already taken" in response.content.decode()
    assert Event.objects.count() == 1
    assert Session.objects.count() == 0
    assert Speaker.objects.count() == 0
    submission.refresh_from_db()
    assert submission.state == "accepted"


def test_schedule_needs_an_accepted_proposal(conference):
    submission = SubmissionFactory(sub_event=conference)

    with pytest.raises(ValidationError) as err:
        services.submission_schedule(
            submission=submission, venue=VenueFactory(), starts_at=at(1, 9)
        )

    assert err.value.code == "not_accepted"
    assert Event.objects.count() == 0


# --- the review page ---


def test_others_scores_are_hidden_until_one_has_reviewed(
    client, conference, criteria, orga
):
    other = staff("orga2", roles.ORGA, first_name="Georg", last_name="Hansen")
    submission = SubmissionFactory(sub_event=conference)
    services.review_save(
        submission=submission,
        reviewer=other,
        scores=scores(criteria, 1, 2),
        comment="Zu teuer.",
    )
    client.force_login(orga)
    english(client)

    before = client.get(url(submission)).content.decode()
    assert "Georg Hansen" not in before
    assert "Zu teuer." not in before
    assert "All reviews" not in before

    response = client.post(url(submission), review_post(criteria, 5, 4))
    assert response.status_code == 302
    after = client.get(url(submission)).content.decode()

    assert "Georg Hansen · Relevanz: 1" in after
    assert "Zu teuer." in after
    # (3 × 3 + 1 × 3) / 4 = 3.00; Relevanz mean 3, spread 4, two reviews
    assert '<strong class="cf-weighted">3.00</strong>' in after
    rows = re.findall(
        r'<tr data-criterion="([^"]+)"><th scope="row">[^<]+</th><td>(\d+)</td>'
        r"<td>([^<]+)</td><td>([^<]+)</td><td>(\d+)</td>",
        after,
    )
    assert rows == [
        ("Relevanz", "3", "3.00", "4", "2"),
        ("Kosten", "1", "3.00", "2", "2"),
    ]


def test_accept_and_decline_through_the_page(client, conference, criteria, orga):
    yes = SubmissionFactory(sub_event=conference)
    no = SubmissionFactory(sub_event=conference)
    client.force_login(orga)
    english(client)

    assert client.post(url(yes), {"action": "accept"}).status_code == 302
    refused = client.post(url(no), {"action": "decline", "reason": ""})
    assert refused.status_code == 400
    assert (
        client.post(url(no), {"action": "decline", "reason": "Zu teuer"}).status_code
        == 302
    )

    assert list(
        Submission.objects.order_by("pk").values_list("state", "decline_reason")
    ) == [("accepted", ""), ("declined", "Zu teuer")]


# --- roles ---


PAGES = ["/orga/conference/", LIST]


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_go_to_the_login(client, conference, page):
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("page", PAGES)
def test_staff_outside_the_committee_get_403(client, conference, page):
    client.force_login(staff("leitung", roles.MODULE_LEAD))
    assert client.get(page).status_code == 403


@pytest.mark.parametrize("page", PAGES)
def test_the_orga_team_and_the_conference_lead_may_review(client, conference, page):
    lead = staff("konferenzleitung", roles.MODULE_LEAD)
    conference.leads.add(lead)
    client.force_login(staff("orga1", roles.ORGA))
    assert client.get(page).status_code == 200
    client.force_login(lead)
    assert client.get(page).status_code == 200


def test_a_refused_reviewer_changes_nothing(client, conference, criteria):
    submission = SubmissionFactory(sub_event=conference)
    client.force_login(staff("leitung", roles.MODULE_LEAD))

    for data in (review_post(criteria, 5, 5), {"action": "accept"}):
        assert client.post(url(submission), data).status_code == 403

    submission.refresh_from_db()
    assert (submission.state, Review.objects.count()) == ("submitted", 0)


def german(msgid: str, **params: str) -> str:
    """A mail subject as sent: in the festival's language, German."""
    with translation.override("de"):
        return translation.gettext(msgid) % params
