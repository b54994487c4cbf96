"""The partner portal: a coordinator sees their organisation's events with the
registrations, the participant lists, their volunteers with shifts and their
proposals — and nothing of another organisation's (404, never revealed)."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from events import roles
from events.models import Event
from planning.models import Comment, Proposal
from registrations.services import ContactInput, ParticipantInput, registration_create
from tests.events.factories import (
    EventFactory,
    FestivalFactory,
    PartnerFactory,
    SubEventFactory,
    VenueFactory,
    at,
)
from tests.planning.factories import (
    CommentFactory,
    ProposalFactory,
    english,
    partner_coordinator,
    staff,
)
from tests.registrations.factories import open_event
from tests.volunteers.factories import ShiftFactory, VolunteerFactory, assign

pytestmark = pytest.mark.django_db

State = Proposal.State


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def party(event: Event, contact: str, phone: str, *people: tuple[str, int]):
    party.counter += 1
    return registration_create(
        event=event,
        contact=ContactInput(
            name=contact,
            email=f"familie{party.counter}@example.org",
            phone=phone,
        ),
        participants=[ParticipantInput(name=n, age=a) for n, a in people],
        consent_privacy=True,
    )


party.counter = 0


@pytest.fixture
def world():
    festival = FestivalFactory()
    sub = SubEventFactory(festival=festival, name="Schnupperangebote")
    sonne = PartnerFactory(name="Kita Sonnenschein")
    bib = PartnerFactory(name="Stadtbibliothek")
    anna = partner_coordinator("anna", sonne)
    ben = partner_coordinator("ben", bib)
    lead = staff("lead", roles.MODULE_LEAD)
    sub.leads.add(lead)
    yoga = open_event(
        title="Kinderyoga",
        sub_event=sub,
        capacity=4,
        host_partners=[sonne],
        starts_at=at(1, 10),
        ends_at=at(1, 11),
    )
    party(yoga, "Ayşe Yılmaz", "0151 111", ("Mia", 5), ("Ayşe", 36))
    party(yoga, "Jonas Becker", "0151 222", ("Lena", 6), ("Jonas", 41))
    waiting = party(yoga, "Olena Kovalenko", "0151 333", ("Sofiia", 6), ("Olena", 31))
    assert waiting.registration.status == "waitlisted"
    draft = EventFactory(
        title="Mitmachkonzert",
        sub_event=sub,
        status=Event.Status.DRAFT,
        host_partners=[sonne],
        starts_at=at(2, 10),
        ends_at=at(2, 11),
    )
    lesung = open_event(
        title="Vorlesestunde",
        sub_event=sub,
        capacity=10,
        host_partners=[bib],
        starts_at=at(3, 10),
        ends_at=at(3, 11),
    )
    party(lesung, "Geheim Familie", "0151 999", ("Geheimkind", 7), ("Geheim", 40))
    shift = ShiftFactory(role__festival=festival, venue=VenueFactory(name="Bühne"))
    helga = VolunteerFactory(festival=festival, name="Helga Helferin", partner=sonne)
    assign(shift, helga)
    VolunteerFactory(festival=festival, name="Bernd Bücherwurm", partner=bib)
    mine = ProposalFactory(
        festival=festival, partner=sonne, title="Waldforscher", sub_event=sub
    )
    theirs = ProposalFactory(festival=festival, partner=bib, title="Lesenacht")
    return {
        "festival": festival,
        "sub": sub,
        "sonne": sonne,
        "bib": bib,
        "anna": anna,
        "ben": ben,
        "lead": lead,
        "orga": staff("orga", roles.ORGA),
        "helfer": staff("helfer", roles.VOLUNTEER_COORDINATION),
        "yoga": yoga,
        "draft": draft,
        "lesung": lesung,
        "mine": mine,
        "theirs": theirs,
    }


def test_the_portal_shows_the_organisations_own_things(client, world):
    client.force_login(world["anna"])
    english(client)
    response = client.get(reverse("planning:partner"))
    assert response.status_code == 200
    portal = response.context["portal"]
    assert [p.name for p in portal.partners] == ["Kita Sonnenschein"]
    assert [(e.title, e.status) for e in portal.events] == [
        ("Kinderyoga", "published"),
        ("Mitmachkonzert", "draft"),
    ]
    yoga = portal.events[0]
    assert (yoga.seats_taken, yoga.capacity) == (4, 4)
    assert (yoga.waiting_parties, yoga.waiting_people) == (1, 2)
    assert [v.name for v in portal.volunteers] == ["Helga Helferin"]
    assert len(portal.volunteers[0].shifts) == 1
    assert [p.title for p in portal.proposals] == ["Waldforscher"]
    text = response.content.decode()
    assert "4 / 4" in text
    assert "1 party (2 people)" in text
    for foreign in ("Vorlesestunde", "Lesenacht", "Bernd Bücherwurm"):
        assert foreign not in text


def test_the_portal_has_empty_states(client, world):
    lonely = PartnerFactory(name="Neuer Verein")
    client.force_login(partner_coordinator("neu", lonely))
    english(client)
    text = client.get(reverse("planning:partner")).content.decode()
    assert "No proposals yet." in text
    assert "No events of your organisation in the programme yet." in text
    assert "No volunteers of your organisation yet." in text


def test_the_portal_uses_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    for n in range(8):
        event = open_event(
            title=f"Extra {n}",
            sub_event=world["sub"],
            host_partners=[world["sonne"]],
            starts_at=at(4, 8 + n),
            ends_at=at(4, 9 + n),
        )
        party(event, f"Familie{n} X", "0", ("Kind", 6))
        ProposalFactory(festival=world["festival"], partner=world["sonne"])
    client.force_login(world["anna"])
    with django_assert_max_num_queries(25):
        assert client.get(reverse("planning:partner")).status_code == 200


def test_the_participant_list_shows_names_ages_and_phones_never_emails(client, world):
    client.force_login(world["anna"])
    english(client)
    response = client.get(
        reverse("planning:partner-participants", args=[world["yoga"].pk])
    )
    assert response.status_code == 200
    board = response.context["board"]
    assert [r.household.name for r in board.confirmed] == [
        "Ayşe Yılmaz",
        "Jonas Becker",
    ]
    assert [r.household.name for r in board.waiting] == ["Olena Kovalenko"]
    text = response.content.decode()
    for shown in ("Ayşe Yılmaz", "0151 111", "Mia (5)", "Sofiia (6)", "Waiting list"):
        assert shown in text
    assert "@" not in text.split("<main", 1)[1].split("</main>", 1)[0]


def test_another_organisations_things_are_a_404(client, world):
    client.force_login(world["anna"])
    for url in [
        reverse("planning:partner-participants", args=[world["lesung"].pk]),
        reverse("planning:partner-proposal", args=[world["theirs"].pk]),
        reverse("planning:partner-proposal-edit", args=[world["theirs"].pk]),
        reverse("planning:partner-proposal", args=[999999]),
    ]:
        assert client.get(url).status_code == 404, url
    before = Proposal.objects.values().get(pk=world["theirs"].pk)
    for url, data in [
        (reverse("planning:partner-proposal-withdraw", args=[world["theirs"].pk]), {}),
        (
            reverse("planning:partner-proposal", args=[world["theirs"].pk]),
            {"text": "Hallo"},
        ),
        (
            reverse("planning:partner-proposal-edit", args=[world["theirs"].pk]),
            {"title": "Gekapert"},
        ),
    ]:
        assert client.post(url, data).status_code == 404, url
    assert Proposal.objects.values().get(pk=world["theirs"].pk) == before
    assert Comment.objects.count() == 0


def test_the_orga_team_looks_at_any_organisation_but_not_as_the_partner(client, world):
    client.force_login(world["orga"])
    response = client.get(reverse("planning:partner"))
    assert response.status_code == 200
    assert response.context["portal"].partners == []
    response = client.get(reverse("planning:partner"), {"partner": world["bib"].pk})
    assert [e.title for e in response.context["portal"].events] == ["Vorlesestunde"]
    url = reverse("planning:partner-participants", args=[world["lesung"].pk])
    assert client.get(url).status_code == 200
    # Proposals are reviewed on the organisers' pages.
    url = reverse("planning:partner-proposal", args=[world["mine"].pk])
    assert client.get(url).status_code == 403
    assert client.get(reverse("planning:partner-proposal-add")).status_code == 403


ROLES = ["anonymous", "anna", "ben", "lead", "lead_other", "helfer", "orga"]


def portal_urls(world) -> dict[str, str]:
    mine = world["mine"].pk
    return {
        "portal": reverse("planning:partner"),
        "add": reverse("planning:partner-proposal-add"),
        "proposal": reverse("planning:partner-proposal", args=[mine]),
        "edit": reverse("planning:partner-proposal-edit", args=[mine]),
        "participants": reverse(
            "planning:partner-participants", args=[world["yoga"].pk]
        ),
    }


EXPECTED = {
    # url: {role: status}
    "portal": {"anna": 200, "ben": 200, "orga": 200},
    "add": {"anna": 200, "ben": 200, "orga": 403},
    "proposal": {"anna": 200, "ben": 404, "orga": 403},
    "edit": {"anna": 200, "ben": 404, "orga": 403},
    "participants": {"anna": 200, "ben": 404, "orga": 200},
}


@pytest.mark.parametrize("who", ROLES)
def test_every_portal_page_checks_the_role(client, world, who):
    if who == "lead_other":
        user = staff("lead_other", roles.MODULE_LEAD)
    elif who != "anonymous":
        user = world[who]
    if who != "anonymous":
        client.force_login(user)
    for name, url in portal_urls(world).items():
        response = client.get(url)
        if who == "anonymous":
            assert response.status_code == 302
            assert response["Location"] == f"/accounts/login/?next={url}"
        else:
            # Module leads and the volunteer coordination have no portal.
            assert response.status_code == EXPECTED[name].get(who, 403), (name, who)


@pytest.mark.parametrize("who", ["anonymous", "ben", "lead", "helfer", "orga"])
def test_a_forged_post_of_the_wrong_role_changes_nothing(client, world, who):
    if who != "anonymous":
        client.force_login(world[who])
    proposal = world["mine"]
    before = Proposal.objects.values().get(pk=proposal.pk)
    posts = [
        (reverse("planning:partner-proposal-withdraw", args=[proposal.pk]), {}),
        (reverse("planning:partner-proposal", args=[proposal.pk]), {"text": "Hallo"}),
        (
            reverse("planning:partner-proposal-edit", args=[proposal.pk]),
            {"title": "Gekapert"},
        ),
        (reverse("planning:partner-proposal-add"), {"title": "Neu"}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in (302, 400, 403, 404), url
        if who == "anonymous":
            assert response["Location"].startswith("/accounts/login/")
    assert Proposal.objects.values().get(pk=proposal.pk) == before
    assert Proposal.objects.count() == 2
    assert Comment.objects.count() == 0


def test_the_partner_never_sees_internal_notes(client, world):
    proposal = world["mine"]
    CommentFactory(proposal=proposal, text="Sichtbar für alle", internal=False)
    CommentFactory(proposal=proposal, text="Nur intern: Budget knapp", internal=True)
    client.force_login(world["anna"])
    response = client.get(reverse("planning:partner-proposal", args=[proposal.pk]))
    assert [c.text for c in response.context["proposal"].thread] == [
        "Sichtbar für alle"
    ]
    assert "Budget knapp" not in response.content.decode()


def test_a_closed_proposal_cannot_be_edited(client, world):
    proposal = world["mine"]
    Proposal.objects.filter(pk=proposal.pk).update(
        state=State.DECLINED, decline_reason="Kein Platz"
    )
    client.force_login(world["anna"])
    english(client)
    url = reverse("planning:partner-proposal-edit", args=[proposal.pk])
    response = client.get(url, follow=True)
    assert response.redirect_chain == [
        (reverse("planning:partner-proposal", args=[proposal.pk]), 302)
    ]
    assert "This proposal can no longer be changed." in response.content.decode()
    response = client.post(
        url,
        {
            "title": "Neu",
            "description": "Neu.",
            "wished_starts_at": "2027-06-15T10:00",
            "wished_ends_at": "2027-06-15T11:00",
        },
    )
    assert response.status_code == 400
    assert "This is not possible while the proposal is “declined”." in (
        response.content.decode()
    )
    proposal.refresh_from_db()
    assert proposal.title == "Waldforscher"


def test_a_user_without_organisation_and_not_staff_gets_403(client, world):
    client.force_login(User.objects.create_user("familie"))
    assert client.get(reverse("planning:partner")).status_code == 403


def test_a_coordinator_of_two_organisations_chooses_whose_proposal(client, world):
    world["bib"].members.add(world["anna"])
    client.force_login(world["anna"])
    response = client.get(reverse("planning:partner-proposal-add"))
    assert [p.name for p in response.context["form"].fields["partner"].queryset] == [
        "Kita Sonnenschein",
        "Stadtbibliothek",
    ]
    response = client.post(
        reverse("planning:partner-proposal-add"),
        {
            "partner": world["bib"].pk,
            "title": "Lesenacht für Grundschulkinder",
            "description": "Mit Taschenlampen durch die Bibliothek.",
            "wished_starts_at": "2027-06-18T19:00",
            "wished_ends_at": "2027-06-18T22:00",
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get(title="Lesenacht für Grundschulkinder")
    assert proposal.partner == world["bib"]
    portal = client.get(reverse("planning:partner")).context["portal"]
    assert [p.name for p in portal.partners] == ["Kita Sonnenschein", "Stadtbibliothek"]
    assert {e.title for e in portal.events} == {
        "Kinderyoga",
        "Mitmachkonzert",
        "Vorlesestunde",
    }
