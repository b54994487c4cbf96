"""The demo festival comes with partners' proposals in every state, the demo
partner account's organisation among them, scheduled ones as draft events that keep
the venue rule; no mail is sent, and a second run creates nothing."""

import datetime as dt
from collections import Counter

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command

from events.demo.content import PARTNER_ACCOUNT_PARTNER
from events.models import Event, Festival
from planning.demo.proposals import demo_proposals
from planning.models import Comment, Proposal

pytestmark = pytest.mark.django_db

START = "2027-06-14"
State = Proposal.State


@pytest.fixture
def festival(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--start", START, "--with-demo-accounts", verbosity=0)
    return Festival.objects.get()


def test_the_demo_has_proposals_in_every_state(festival):
    proposals = list(
        Proposal.objects.filter(festival=festival).select_related("partner", "event")
    )
    assert 8 <= len(proposals) <= 10
    assert Counter(p.state for p in proposals) == {
        State.SUBMITTED: 3,
        State.QUESTIONS: 2,
        State.SCHEDULED: 2,
        State.PUBLISHED: 1,
        State.DECLINED: 1,
        State.WITHDRAWN: 1,
    }
    assert len({p.partner_id for p in proposals}) >= 5
    own = sorted(
        p.state for p in proposals if p.partner.slug == PARTNER_ACCOUNT_PARTNER
    )
    assert own == ["published", "questions", "submitted", "withdrawn"]
    for proposal in proposals:
        if proposal.state == State.SCHEDULED:
            assert proposal.event.status == Event.Status.DRAFT
        elif proposal.state == State.PUBLISHED:
            assert proposal.event.status == Event.Status.PUBLISHED
        else:
            assert proposal.event is None
        if proposal.event is not None:
            assert list(proposal.event.host_partners.all()) == [proposal.partner]
            assert proposal.event.venue_id is not None
        if proposal.state == State.DECLINED:
            assert proposal.decline_reason
    asked = [p for p in proposals if p.state == State.QUESTIONS]
    for proposal in asked:
        last = proposal.comments.filter(internal=False).last()
        assert last.author_name == "Sabine Hoffmann"
    assert Comment.objects.filter(proposal__festival=festival, internal=True).exists()


def proposal_mails() -> list[str]:
    return [m.subject for m in mail.outbox if "/orga/planning/" in m.body]


def test_the_demo_sends_no_mail_and_a_second_run_creates_nothing(
    festival, django_capture_on_commit_callbacks
):
    # (The registrations' demo confirms its families; none is about a proposal.)
    assert proposal_mails() == []
    before = (Proposal.objects.count(), Comment.objects.count(), Event.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        assert demo_proposals(festival) == 0
        call_command("load_demo", "--start", START, "--with-demo-accounts", verbosity=0)
    after = (Proposal.objects.count(), Comment.objects.count(), Event.objects.count())
    assert after == before
    assert proposal_mails() == []


def test_the_demo_partner_sees_their_proposals_in_the_portal(client, festival):
    client.force_login(User.objects.get(username="partner"))
    response = client.get("/orga/planning/partner/")
    assert response.status_code == 200
    titles = [p.title for p in response.context["portal"].proposals]
    assert sorted(titles) == [
        "Bewegungsbaustelle in der Turnhalle",
        "Kamishibai-Erzähltheater",
        "Kinderyoga im Familienzentrum",
        "Vater-Kind-Frühstück",
    ]


@pytest.mark.parametrize("start, days", [("2027-06-15", 1), ("2027-06-21", 7)])
def test_the_proposals_move_with_the_demo_week(
    festival, django_capture_on_commit_callbacks, start, days
):
    before = {
        p.title: (p.wished_starts_at, p.event.starts_at if p.event else None)
        for p in Proposal.objects.select_related("event")
    }
    events = Event.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--start", start, verbosity=0)
    shift = dt.timedelta(days=days)  # no change of daylight saving in June
    after = {
        p.title: (p.wished_starts_at, p.event.starts_at if p.event else None)
        for p in Proposal.objects.select_related("event")
    }
    assert after == {
        title: (wished + shift, event + shift if event else None)
        for title, (wished, event) in before.items()
    }
    assert Event.objects.count() == events
    assert proposal_mails() == []
