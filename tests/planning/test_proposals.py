"""Partners' event proposals and the organisers' review: the whole flow with its
states and e-mails, refused transitions, a schedule refused on a venue conflict,
internal notes, who may open and do what, and bad input."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events import roles
from events.models import Event
from planning.models import Comment, Proposal
from planning.services import proposals as services
from tests.events.factories import (
    AudienceFactory,
    EventFactory,
    FestivalFactory,
    PartnerFactory,
    SubEventFactory,
    VenueFactory,
    at,
)
from tests.planning.factories import (
    ProposalFactory,
    english,
    partner_coordinator,
    staff,
)

pytestmark = pytest.mark.django_db

State = Proposal.State
FORM = "%Y-%m-%dT%H:%M"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def plan():
    festival = FestivalFactory(contact_email="buero@festwoche.example")
    lead_a = staff("lead_a", roles.MODULE_LEAD)
    lead_b = staff("lead_b", roles.MODULE_LEAD)
    schnupper = SubEventFactory(festival=festival, name="Schnupperangebote")
    schnupper.leads.add(lead_a)
    kino = SubEventFactory(festival=festival, name="Kinowoche")
    kino.leads.add(lead_b)
    sonne = PartnerFactory(
        name="Kita Sonnenschein", contact_email="kita-sonnenschein@example.org"
    )
    bib = PartnerFactory(name="Stadtbibliothek", contact_email="bib@example.org")
    anna = partner_coordinator("anna", sonne)
    anna.first_name, anna.last_name = "Anna", "Krüger"
    anna.save()
    ben = partner_coordinator("ben", bib)
    orga = staff("orga", roles.ORGA)
    staff("orga2", roles.ORGA).__class__.objects.filter(username="orga2").update(
        email=""  # no address: not mailed
    )
    staff("orga3", roles.ORGA, is_active=False)  # no longer with us: not mailed
    return {
        "festival": festival,
        "schnupper": schnupper,
        "kino": kino,
        "sonne": sonne,
        "bib": bib,
        "anna": anna,
        "ben": ben,
        "orga": orga,
        "lead_a": lead_a,
        "lead_b": lead_b,
        "helfer": staff("helfer", roles.VOLUNTEER_COORDINATION),
        "familienzentrum": VenueFactory(name="Familienzentrum"),
        "kinder": AudienceFactory(name="Kita-Kinder"),
    }


def proposal_data(plan, **changes) -> dict:
    data = {
        "partner": plan["sonne"].pk,
        "title": "Kinderyoga im Familienzentrum",
        "description": "Eine Stunde Yoga für Kinder und Eltern. Bitte Decke mit.",
        "sub_event": plan["schnupper"].pk,
        "audiences": [plan["kinder"].pk],
        "min_age": "3",
        "max_age": "8",
        "wished_starts_at": at(2, 10).strftime(FORM),
        "wished_ends_at": at(2, 11).strftime(FORM),
        "wished_venue": plan["familienzentrum"].pk,
        "venue_note": "Gern der große Raum mit Matten.",
        "expected_participants": "20",
        "needs": "Matten für 20 Personen",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def subject(prefix: str, title: str) -> str:
    """A mail's subject as sent: in German, the festival's language
    (the template's msgid is "<prefix>: %(title)s")."""
    with translation.override("de"):
        return translation.gettext(f"{prefix}: %(title)s") % {"title": title}


def subjects() -> list[tuple[list[str], str]]:
    return [(sorted(m.to), m.subject) for m in mail.outbox]


# --- The whole flow -----------------------------------------------------------------


def test_the_whole_flow_with_states_and_mails(
    client, plan, django_capture_on_commit_callbacks
):
    sonne_mails = ["anna@example.org", "kita-sonnenschein@example.org"]
    client.force_login(plan["anna"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("planning:partner-proposal-add"), proposal_data(plan)
        )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/orga/planning/partner/proposals/{proposal.pk}/"
    assert proposal.state == State.SUBMITTED
    assert proposal.partner == plan["sonne"]
    assert proposal.submitted_by == plan["anna"]
    assert proposal.festival == plan["festival"]
    assert proposal.wished_starts_at == at(2, 10)
    assert list(proposal.audiences.all()) == [plan["kinder"]]
    assert (proposal.min_age, proposal.max_age) == (3, 8)
    # German by default: the Orga-Team and the partner are told.
    assert subjects() == [
        (
            ["buero@festwoche.example", "orga@example.org"],
            subject("New event proposal", "Kinderyoga im Familienzentrum"),
        ),
        (
            sonne_mails,
            subject("Your proposal has arrived", "Kinderyoga im Familienzentrum"),
        ),
    ]
    review = f"{settings.SITE_URL}/orga/planning/proposals/{proposal.pk}/"
    page = f"{settings.SITE_URL}/orga/planning/partner/proposals/{proposal.pk}/"
    assert review in mail.outbox[0].body
    assert page in mail.outbox[1].body
    html, mimetype = mail.outbox[1].alternatives[0]
    assert mimetype == "text/html"
    assert page in html
    assert "Kita Sonnenschein" in mail.outbox[0].body

    # The Orga-Team asks back.
    mail.outbox.clear()
    client.force_login(plan["orga"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("planning:proposal-ask", args=[proposal.pk]),
            {"text": "Geht es auch um 15 Uhr?"},
        )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == State.QUESTIONS
    assert subjects() == [
        (
            sonne_mails,
            subject("A question about your proposal", "Kinderyoga im Familienzentrum"),
        )
    ]
    assert "Geht es auch um 15 Uhr?" in mail.outbox[0].body
    assert page in mail.outbox[0].body

    # The partner answers: back to "submitted", the Orga-Team is told.
    mail.outbox.clear()
    client.force_login(plan["anna"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("planning:partner-proposal", args=[proposal.pk]),
            {"text": "Ja, 15 Uhr passt auch."},
        )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == State.SUBMITTED
    assert [(c.author_name, c.text, c.internal) for c in proposal.comments.all()] == [
        ("orga", "Geht es auch um 15 Uhr?", False),
        ("Anna Krüger", "Ja, 15 Uhr passt auch.", False),
    ]
    assert subjects() == [
        (
            ["buero@festwoche.example", "orga@example.org"],
            subject("The partner has written", "Kinderyoga im Familienzentrum"),
        )
    ]
    assert review in mail.outbox[0].body

    # Scheduled as a draft event hosted by the partner.
    mail.outbox.clear()
    client.force_login(plan["orga"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("planning:proposal-schedule", args=[proposal.pk]),
            {
                "sub_event": plan["schnupper"].pk,
                "venue": plan["familienzentrum"].pk,
                "starts_at": at(2, 15).strftime(FORM),
                "ends_at": at(2, 16).strftime(FORM),
                "capacity": "20",
            },
        )
    assert response.status_code == 302
    proposal.refresh_from_db()
    event = proposal.event
    assert proposal.state == State.SCHEDULED
    assert event.status == Event.Status.DRAFT
    assert event.title == "Kinderyoga im Familienzentrum"
    assert event.summary == "Eine Stunde Yoga für Kinder und Eltern."
    assert event.description == proposal.description
    assert (event.starts_at, event.ends_at) == (at(2, 15), at(2, 16))
    assert event.venue == plan["familienzentrum"]
    assert event.sub_event == plan["schnupper"]
    assert event.capacity == 20
    assert (event.min_age, event.max_age) == (3, 8)
    assert list(event.host_partners.all()) == [plan["sonne"]]
    assert list(event.audiences.all()) == [plan["kinder"]]
    assert event.created_by == plan["orga"]
    assert subjects() == [
        (
            sonne_mails,
            subject("Your proposal is scheduled", "Kinderyoga im Familienzentrum"),
        )
    ]
    assert "15:00" in mail.outbox[0].body
    assert "Familienzentrum" in mail.outbox[0].body

    # Published.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("planning:proposal-publish", args=[proposal.pk]))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == State.PUBLISHED
    assert Event.objects.get(pk=event.pk).status == Event.Status.PUBLISHED
    assert subjects() == [
        (
            sonne_mails,
            subject("Your event is in the programme", "Kinderyoga im Familienzentrum"),
        )
    ]
    assert settings.SITE_URL + event.get_absolute_url() in mail.outbox[0].body


def test_decline_needs_a_reason_and_mails_it(
    client, plan, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(
        festival=plan["festival"], partner=plan["sonne"], title="Waldforscher"
    )
    client.force_login(plan["orga"])
    url = reverse("planning:proposal-decline", args=[proposal.pk])
    english(client)
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decline_reason) == (State.SUBMITTED, "")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"reason": "Der Wald ist in dieser Woche gesperrt."}
        )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == State.DECLINED
    assert proposal.decline_reason == "Der Wald ist in dieser Woche gesperrt."
    assert subjects() == [
        (
            ["kita-sonnenschein@example.org"],
            subject("About your proposal", "Waldforscher"),
        )
    ]
    assert "Der Wald ist in dieser Woche gesperrt." in mail.outbox[0].body


def test_withdraw_by_the_partner_tells_the_orga_team(
    client, plan, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(
        festival=plan["festival"], partner=plan["sonne"], title="Bewegungsbaustelle"
    )
    client.force_login(plan["anna"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("planning:partner-proposal-withdraw", args=[proposal.pk])
        )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == State.WITHDRAWN
    assert subjects() == [
        (
            ["buero@festwoche.example", "orga@example.org"],
            subject("Proposal withdrawn", "Bewegungsbaustelle"),
        )
    ]
    # A second withdrawal is refused and says why.
    english(client)
    response = client.post(
        reverse("planning:partner-proposal-withdraw", args=[proposal.pk]), follow=True
    )
    assert "This is not possible while the proposal is “withdrawn”." in (
        response.content.decode()
    )


def test_the_partner_changes_an_open_proposal(client, plan):
    proposal = ProposalFactory(
        festival=plan["festival"], partner=plan["sonne"], state=State.QUESTIONS
    )
    client.force_login(plan["anna"])
    url = reverse("planning:partner-proposal-edit", args=[proposal.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, proposal_data(plan, title="Vorlesestunde", partner=plan["bib"].pk)
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Vorlesestunde"
    assert proposal.partner == plan["sonne"]  # the organisation stays
    assert proposal.state == State.QUESTIONS
    assert proposal.needs == "Matten für 20 Personen"


# --- Refused transitions --------------------------------------------------------------


TRANSITIONS = {
    # action: states it is allowed from
    "ask": {State.SUBMITTED, State.QUESTIONS},
    "decline": {State.SUBMITTED, State.QUESTIONS},
    "withdraw": {State.SUBMITTED, State.QUESTIONS},
    "update": {State.SUBMITTED, State.QUESTIONS},
    "schedule": {State.SUBMITTED, State.QUESTIONS},
    "publish": {State.SCHEDULED},
}


def run(action: str, proposal: Proposal, plan) -> None:
    data = services.ProposalInput(
        title="Neu",
        description="Neu.",
        wished_starts_at=at(1, 10),
        wished_ends_at=at(1, 11),
    )
    calls = {
        "ask": lambda: services.proposal_ask(
            proposal=proposal, author=plan["orga"], text="Frage?"
        ),
        "decline": lambda: services.proposal_decline(proposal=proposal, reason="Nein"),
        "withdraw": lambda: services.proposal_withdraw(proposal=proposal),
        "update": lambda: services.proposal_update(proposal=proposal, data=data),
        "schedule": lambda: services.proposal_schedule(
            proposal=proposal,
            by=plan["orga"],
            sub_event=plan["schnupper"],
            venue=plan["familienzentrum"],
            starts_at=at(3, 10),
            ends_at=at(3, 11),
        ),
        "publish": lambda: services.proposal_publish(proposal=proposal),
    }
    calls[action]()


@pytest.mark.parametrize(
    "action, state",
    [
        (action, state)
        for action, allowed in TRANSITIONS.items()
        for state in State.values
        if state not in allowed
    ],
)
def test_a_state_change_from_the_wrong_state_is_refused(
    plan, action, state, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(
        festival=plan["festival"],
        partner=plan["sonne"],
        state=state,
        decline_reason="Schon voll" if state == State.DECLINED else "",
    )
    before = Proposal.objects.values().get(pk=proposal.pk)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as err,
    ):
        run(action, proposal, plan)
    assert err.value.code == "proposal_state"
    assert Proposal.objects.values().get(pk=proposal.pk) == before
    assert Comment.objects.count() == 0
    assert Event.objects.count() == 0
    assert mail.outbox == []


def test_a_partner_cannot_write_on_a_withdrawn_proposal(plan):
    proposal = ProposalFactory(
        festival=plan["festival"], partner=plan["sonne"], state=State.WITHDRAWN
    )
    with pytest.raises(ValidationError) as err:
        services.proposal_comment_partner(
            proposal=proposal, author=plan["anna"], text="Doch noch?"
        )
    assert err.value.code == "proposal_state"
    assert Comment.objects.count() == 0


def test_a_refused_action_on_the_page_changes_nothing_and_says_why(client, plan):
    proposal = ProposalFactory(
        festival=plan["festival"],
        partner=plan["sonne"],
        state=State.DECLINED,
        decline_reason="Passt nicht",
    )
    client.force_login(plan["orga"])
    english(client)
    response = client.post(
        reverse("planning:proposal-ask", args=[proposal.pk]), {"text": "Noch da?"}
    )
    assert response.status_code == 400
    assert "This is not possible while the proposal is “declined”." in (
        response.content.decode()
    )
    assert Comment.objects.count() == 0
    proposal.refresh_from_db()
    assert proposal.state == State.DECLINED


def test_a_schedule_on_a_taken_venue_is_refused_and_nothing_is_created(
    client, plan, django_capture_on_commit_callbacks
):
    venue = plan["familienzentrum"]
    EventFactory(
        title="Elterncafé",
        sub_event=plan["schnupper"],
        venue=venue,
        starts_at=at(2, 14),
        ends_at=at(2, 16),
    )
    proposal = ProposalFactory(festival=plan["festival"], partner=plan["sonne"])
    client.force_login(plan["orga"])
    english(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("planning:proposal-schedule", args=[proposal.pk]),
            {
                "sub_event": plan["schnupper"].pk,
                "venue": venue.pk,
                "starts_at": at(2, 15).strftime(FORM),
                "ends_at": at(2, 17).strftime(FORM),
            },
        )
    assert response.status_code == 400
    assert "is already taken from" in response.content.decode()
    assert "Elterncafé" in response.content.decode()
    proposal.refresh_from_db()
    assert (proposal.state, proposal.event) == (State.SUBMITTED, None)
    assert list(Event.objects.values_list("title", flat=True)) == ["Elterncafé"]
    assert mail.outbox == []

    with pytest.raises(ValidationError) as err:
        services.proposal_schedule(
            proposal=proposal,
            by=plan["orga"],
            sub_event=plan["schnupper"],
            venue=venue,
            starts_at=at(2, 15),
            ends_at=at(2, 17),
        )
    assert err.value.error_dict["venue"][0].code == "venue_conflict"


# --- Internal notes -------------------------------------------------------------------


def test_internal_notes_are_hidden_from_the_partner(
    client, plan, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(festival=plan["festival"], partner=plan["sonne"])
    client.force_login(plan["orga"])
    url = reverse("planning:proposal-comment", args=[proposal.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"text": "Budget prüfen – intern", "internal": "on"})
    assert mail.outbox == []  # an internal note is nobody's mail
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"text": "Wir melden uns nächste Woche."})
    assert subjects() == [
        (
            ["kita-sonnenschein@example.org"],
            subject("A message about your proposal", proposal.title),
        )
    ]
    assert Proposal.objects.get().state == State.SUBMITTED
    orga_page = client.get(reverse("planning:proposal", args=[proposal.pk]))
    assert "Budget prüfen – intern" in orga_page.content.decode()

    client.force_login(plan["anna"])
    page = client.get(reverse("planning:partner-proposal", args=[proposal.pk]))
    text = page.content.decode()
    assert "Wir melden uns nächste Woche." in text
    assert "Budget prüfen" not in text


# --- Who may --------------------------------------------------------------------------


def orga_urls(proposal: Proposal) -> list[str]:
    return [
        reverse("planning:proposals"),
        reverse("planning:proposal", args=[proposal.pk]),
    ]


def test_anonymous_visitors_are_sent_to_the_login(client, plan):
    proposal = ProposalFactory(festival=plan["festival"], partner=plan["sonne"])
    for name in [
        "proposal",
        "proposal-comment",
        "proposal-ask",
        "proposal-schedule",
        "proposal-publish",
        "proposal-decline",
    ]:
        url = reverse(f"planning:{name}", args=[proposal.pk])
        response = client.get(url) if name == "proposal" else client.post(url)
        assert response.status_code == 302, name
        assert response["Location"] == f"/accounts/login/?next={url}"
    response = client.get("/orga/planning/proposals/")
    assert response["Location"] == "/accounts/login/?next=/orga/planning/proposals/"


def test_partners_and_the_volunteer_coordination_get_403(client, plan):
    proposal = ProposalFactory(
        festival=plan["festival"], partner=plan["sonne"], sub_event=plan["schnupper"]
    )
    for user in [
        plan["anna"],
        plan["ben"],
        plan["helfer"],
        User.objects.create_user("familie"),
    ]:
        client.force_login(user)
        for url in orga_urls(proposal):
            assert client.get(url).status_code == 403, (user, url)


def test_a_module_lead_reviews_only_their_sub_events_proposals(client, plan):
    mine = ProposalFactory(
        festival=plan["festival"],
        partner=plan["sonne"],
        sub_event=plan["schnupper"],
        title="Kinderyoga",
    )
    other = ProposalFactory(
        festival=plan["festival"],
        partner=plan["bib"],
        sub_event=plan["kino"],
        title="Vorlesekino",
    )
    unsorted = ProposalFactory(
        festival=plan["festival"], partner=plan["bib"], title="Ohne Teil"
    )
    client.force_login(plan["lead_a"])
    listing = client.get(reverse("planning:proposals"))
    assert [p.title for p in listing.context["listing"].rows] == ["Kinderyoga"]
    assert client.get(reverse("planning:proposal", args=[mine.pk])).status_code == 200
    for proposal in (other, unsorted):
        url = reverse("planning:proposal", args=[proposal.pk])
        assert client.get(url).status_code == 404
        response = client.post(
            reverse("planning:proposal-decline", args=[proposal.pk]),
            {"reason": "Nicht meins"},
        )
        assert response.status_code == 404
    assert Proposal.objects.filter(state=State.DECLINED).count() == 0

    client.force_login(plan["orga"])
    listing = client.get(reverse("planning:proposals"))
    assert len(listing.context["listing"].rows) == 3


def test_only_the_sub_events_leads_and_the_orga_team_publish(client, plan):
    proposal = ProposalFactory(
        festival=plan["festival"], partner=plan["sonne"], sub_event=plan["schnupper"]
    )
    services.proposal_schedule(
        proposal=proposal,
        by=plan["orga"],
        sub_event=plan["schnupper"],
        venue=plan["familienzentrum"],
        starts_at=at(3, 10),
        ends_at=at(3, 11),
    )
    url = reverse("planning:proposal-publish", args=[proposal.pk])
    for user in [plan["anna"], plan["helfer"], plan["lead_b"]]:
        client.force_login(user)
        assert client.post(url).status_code in (403, 404)
    proposal.refresh_from_db()
    assert proposal.state == State.SCHEDULED
    assert proposal.event.status == Event.Status.DRAFT
    client.force_login(plan["lead_a"])
    assert client.post(url).status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == State.PUBLISHED


@pytest.mark.parametrize(
    "who, expected",
    [
        ("anna", 403),
        ("ben", 403),
        ("helfer", 403),
        ("lead_b", 404),
        ("lead_a", 302),
        ("orga", 302),
    ],
)
def test_every_review_action_checks_the_role(client, plan, who, expected):
    def fresh() -> Proposal:
        return ProposalFactory(
            festival=plan["festival"],
            partner=plan["sonne"],
            sub_event=plan["schnupper"],
        )

    posts = {
        "proposal-comment": {"text": "Notiz", "internal": "on"},
        "proposal-ask": {"text": "Frage?"},
        "proposal-decline": {"reason": "Nein"},
        "proposal-schedule": {
            "sub_event": plan["schnupper"].pk,
            "venue": plan["familienzentrum"].pk,
            "starts_at": at(4, 10).strftime(FORM),
            "ends_at": at(4, 11).strftime(FORM),
        },
    }
    client.force_login(plan[who])
    for name, data in posts.items():
        proposal = fresh()
        before = Proposal.objects.values().get(pk=proposal.pk)
        response = client.post(reverse(f"planning:{name}", args=[proposal.pk]), data)
        assert response.status_code == expected, name
        if expected != 302:
            assert Proposal.objects.values().get(pk=proposal.pk) == before
            assert not Comment.objects.filter(proposal=proposal).exists()
    if expected != 302:
        assert Event.objects.count() == 0
    else:
        assert Event.objects.count() == 1
    page = client.get(reverse("planning:proposal", args=[fresh().pk]))
    assert page.status_code == (200 if expected == 302 else expected)


# --- The list -------------------------------------------------------------------------


def test_the_list_filters_and_counts(client, plan):
    ProposalFactory(
        festival=plan["festival"],
        partner=plan["sonne"],
        sub_event=plan["schnupper"],
        title="A",
    )
    ProposalFactory(
        festival=plan["festival"],
        partner=plan["sonne"],
        state=State.QUESTIONS,
        title="B",
    )
    ProposalFactory(
        festival=plan["festival"],
        partner=plan["bib"],
        sub_event=plan["schnupper"],
        state=State.QUESTIONS,
        title="C",
    )
    client.force_login(plan["orga"])
    url = reverse("planning:proposals")
    listing = client.get(url).context["listing"]
    assert [p.title for p in listing.rows] == ["C", "B", "A"]
    assert listing.counts == {
        "submitted": 1,
        "questions": 2,
        "scheduled": 0,
        "published": 0,
        "declined": 0,
        "withdrawn": 0,
    }
    listing = client.get(url, {"state": "questions"}).context["listing"]
    assert [p.title for p in listing.rows] == ["C", "B"]
    listing = client.get(
        url, {"state": "questions", "partner": plan["sonne"].pk}
    ).context["listing"]
    assert [p.title for p in listing.rows] == ["B"]
    listing = client.get(url, {"sub_event": plan["schnupper"].pk}).context["listing"]
    assert [p.title for p in listing.rows] == ["C", "A"]
    assert listing.counts["questions"] == 1
    # Garbage in the query string is ignored, never an error page.
    response = client.get(url, {"state": "nonsense", "sub_event": "x", "partner": "9"})
    assert response.status_code == 200
    assert len(response.context["listing"].rows) == 3


def test_the_list_and_page_use_a_fixed_number_of_queries(
    client, plan, django_assert_max_num_queries
):
    for n in range(12):
        proposal = ProposalFactory(
            festival=plan["festival"],
            partner=plan["sonne"] if n % 2 else plan["bib"],
            sub_event=plan["schnupper"],
        )
        Comment.objects.create(proposal=proposal, author_name="X", text="Hallo")
    client.force_login(plan["orga"])
    with django_assert_max_num_queries(20):
        assert client.get(reverse("planning:proposals")).status_code == 200


def test_an_empty_list_says_what_to_do(client, plan):
    client.force_login(plan["orga"])
    english(client)
    response = client.get(reverse("planning:proposals"))
    assert (
        "No proposals yet. Partner organisations propose events in their portal."
        in (response.content.decode())
    )


# --- Bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes, field, message",
    [
        (
            {"wished_ends_at": at(2, 9).strftime(FORM)},
            "wished_ends_at",
            "The end must be after the start.",
        ),
        (
            {"title": "x" * 201},
            "title",
            "Ensure this value has at most 200 characters (it has 201).",
        ),
        ({"title": "   "}, "title", "This field is required."),
        (
            {"wished_starts_at": "morgen früh"},
            "wished_starts_at",
            "Please enter a date and time.",
        ),
        (
            {"wished_starts_at": "2027-13-45T25:99"},
            "wished_starts_at",
            "Please enter a date and time.",
        ),
        (
            {"min_age": "12", "max_age": "6"},
            "min_age",
            "The minimum age is above the maximum age.",
        ),
        (
            {"min_age": "-1"},
            "min_age",
            "Ensure this value is greater than or equal to 0.",
        ),
        (
            {"expected_participants": "viele"},
            "expected_participants",
            "Enter a whole number.",
        ),
        ({"sub_event": "999999"}, "sub_event", None),
        (
            {
                "wished_starts_at": "2030-01-01T10:00",
                "wished_ends_at": "2030-01-01T11:00",
            },
            "wished_starts_at",
            "Please choose a time during the festival week.",
        ),
        ({"description": "Hallo\x00Welt"}, "description", None),
    ],
)
def test_bad_input_is_a_form_error(client, plan, changes, field, message):
    client.force_login(plan["anna"])
    english(client)
    response = client.post(
        reverse("planning:partner-proposal-add"), proposal_data(plan, **changes)
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == [field]
    if message:
        assert errors[field] == [message]
    assert Proposal.objects.count() == 0
    assert mail.outbox == []


def test_a_partner_cannot_propose_for_another_organisation(client, plan):
    client.force_login(plan["anna"])
    response = client.post(
        reverse("planning:partner-proposal-add"),
        proposal_data(plan, partner=plan["bib"].pk),
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["partner"]
    assert Proposal.objects.count() == 0


def test_bad_schedule_input_is_a_form_error(client, plan):
    proposal = ProposalFactory(festival=plan["festival"], partner=plan["sonne"])
    client.force_login(plan["orga"])
    response = client.post(
        reverse("planning:proposal-schedule", args=[proposal.pk]),
        {
            "sub_event": plan["schnupper"].pk,
            "venue": plan["familienzentrum"].pk,
            "starts_at": at(2, 15).strftime(FORM),
            "ends_at": at(2, 14).strftime(FORM),
            "capacity": "-3",
        },
    )
    assert response.status_code == 400
    assert set(response.context["schedule_form"].errors) == {"ends_at", "capacity"}
    assert Event.objects.count() == 0
    proposal.refresh_from_db()
    assert proposal.state == State.SUBMITTED


def test_a_module_lead_schedules_only_into_their_sub_events(client, plan):
    proposal = ProposalFactory(
        festival=plan["festival"], partner=plan["sonne"], sub_event=plan["schnupper"]
    )
    client.force_login(plan["lead_a"])
    response = client.post(
        reverse("planning:proposal-schedule", args=[proposal.pk]),
        {
            "sub_event": plan["kino"].pk,
            "venue": plan["familienzentrum"].pk,
            "starts_at": at(2, 15).strftime(FORM),
            "ends_at": at(2, 16).strftime(FORM),
        },
    )
    assert response.status_code == 400
    assert list(response.context["schedule_form"].errors) == ["sub_event"]
    assert Event.objects.count() == 0


def test_the_summary_is_the_first_sentence():
    assert services.summary_from("Yoga! Für alle.") == "Yoga!"
    assert services.summary_from("Ohne Punkt am Ende") == "Ohne Punkt am Ende"
    assert services.summary_from("z.B. Yoga") == "z.B. Yoga"
    assert services.summary_from("Am 3. Juni, ca. 2 Std. tanzen wir. Mehr.") == (
        "Am 3. Juni, ca. 2 Std. tanzen wir."
    )
    long = "Wort " * 100 + "."
    assert len(services.summary_from(long)) == 300
    assert services.summary_from(long).endswith("…")


def test_comments_from_the_service_are_cleaned(plan):
    proposal = ProposalFactory(festival=plan["festival"], partner=plan["sonne"])
    with pytest.raises(ValidationError) as err:
        services.proposal_ask(proposal=proposal, author=plan["orga"], text="  ")
    assert err.value.error_dict["text"][0].code == "required"
    proposal.refresh_from_db()
    assert proposal.state == State.SUBMITTED


def test_times_are_wishes_within_reach_of_the_festival(plan):
    data = services.ProposalInput(
        title="Früh",
        description="Früh.",
        wished_starts_at=at(0, 10) - dt.timedelta(days=30),
        wished_ends_at=at(0, 11) - dt.timedelta(days=30),
    )
    with pytest.raises(ValidationError) as err:
        services.proposal_submit(
            festival=plan["festival"],
            partner=plan["sonne"],
            submitted_by=plan["anna"],
            data=data,
        )
    assert [e.code for e in err.value.error_dict["wished_starts_at"]] == [
        "outside_festival"
    ]


# --- Mails ----------------------------------------------------------------------------


def test_mails_keep_special_characters_in_text_and_escape_them_in_html(
    plan, django_capture_on_commit_callbacks
):
    data = services.ProposalInput(
        title="Eltern & Kinder <Yoga>",
        description="Yoga für \"Groß\" & 'Klein'.",
        wished_starts_at=at(1, 10),
        wished_ends_at=at(1, 11),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_submit(
            festival=plan["festival"],
            partner=plan["sonne"],
            submitted_by=plan["anna"],
            data=data,
        )
    orga, partner = mail.outbox
    assert orga.subject == subject("New event proposal", "Eltern & Kinder <Yoga>")
    assert partner.subject == subject(
        "Your proposal has arrived", "Eltern & Kinder <Yoga>"
    )
    assert "Eltern & Kinder <Yoga>" in partner.body
    html = partner.alternatives[0][0]
    assert "Eltern &amp; Kinder &lt;Yoga&gt;" in html
    assert "<Yoga>" not in html


def test_nothing_is_mailed_when_the_change_is_rolled_back(
    plan, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(festival=plan["festival"], partner=plan["sonne"])
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.proposal_ask(proposal=proposal, author=plan["orga"], text="Hm?")
        raise RuntimeError("the request failed later")
    assert mail.outbox == []
    proposal.refresh_from_db()
    assert proposal.state == State.SUBMITTED
    assert Comment.objects.count() == 0


@pytest.mark.postgres
def test_the_row_lock_works_on_postgresql_with_empty_relations(plan):
    # FOR UPDATE may not reach the nullable side of an outer join (no sub-event,
    # no event, nobody who submitted): the lock is on the proposal's row only.
    proposal = ProposalFactory(festival=plan["festival"], partner=plan["sonne"])
    services.proposal_ask(proposal=proposal, author=plan["orga"], text="Wann?")
    services.proposal_comment_partner(
        proposal=proposal, author=plan["anna"], text="Um zehn."
    )
    services.proposal_schedule(
        proposal=proposal,
        by=plan["orga"],
        sub_event=plan["schnupper"],
        venue=plan["familienzentrum"],
        starts_at=at(3, 10),
        ends_at=at(3, 11),
    )
    services.proposal_publish(proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.state == State.PUBLISHED


def test_the_review_page_does_not_grow_with_the_conversation(client, plan):
    def queries(proposal: Proposal) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("planning:proposal", args=[proposal.pk]))
        assert response.status_code == 200
        return len(captured)

    short = ProposalFactory(festival=plan["festival"], partner=plan["sonne"])
    long = ProposalFactory(festival=plan["festival"], partner=plan["sonne"])
    Comment.objects.create(proposal=short, author_name="A", text="Eins")
    for n in range(15):
        Comment.objects.create(
            proposal=long, author_name="A", text=f"Nr. {n}", internal=n % 2 == 0
        )
    long.audiences.set([plan["kinder"], AudienceFactory(name="Familien")])
    short.audiences.set([plan["kinder"]])
    client.force_login(plan["orga"])
    queries(short)  # warm the session and the festival cache
    assert queries(long) == queries(short)
