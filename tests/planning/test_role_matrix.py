"""Every URL of the planning workspace, requested as every kind of account.

The table below is the contract: for each URL name the exact status a GET and an
empty POST get, per role. It is checked against the URL conf, so a new URL without
a row fails the test — whoever adds a page decides who may open it. Refused POSTs
change nothing: the planning rows and the events are compared before and after.
"""

import pytest
from django.urls import URLPattern, reverse

from events import roles
from events.models import Event
from planning import orga_urls
from planning import urls as public_urls
from planning.models import Comment, Idea, Proposal, Rating, Release
from registrations.models import Registration
from tests.events.factories import (
    EventFactory,
    FestivalFactory,
    PartnerFactory,
    SubEventFactory,
    VenueFactory,
    at,
)
from tests.planning.factories import (
    CriterionFactory,
    IdeaFactory,
    ProposalFactory,
    partner_coordinator,
    staff,
)

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "staff",  # a staff account in no organiser group
    "partner_a",  # coordinator of the partner that proposed and hosts the event
    "partner_b",  # coordinator of another partner
    "lead",  # module lead of the sub-event of the proposal and the event
    "lead_other",  # module lead of another sub-event
    "coordination",  # volunteer coordination
    "orga",
)

L = "login"  # a redirect to the login page

# URL name: (GET statuses, empty-POST statuses), in the order of ROLES.
# 302 after a POST: the form was handled (an empty form is refused with a message
# or re-shown); 400: the empty form is refused with its errors; 405: GET on an
# action that only takes POST.
MATRIX: dict[str, tuple[tuple, tuple]] = {
    # GET: anon, staff, partner_a, partner_b, lead, lead_other, coordination, orga
    # POST: the same order
    "dashboard": (
        (L, 403, 302, 302, 200, 200, 200, 200),
        (L, 405, 405, 405, 405, 405, 405, 405),
    ),
    "board": (
        (L, 403, 403, 403, 200, 200, 200, 200),
        (L, 403, 403, 403, 405, 405, 405, 405),
    ),
    "board-move": (
        (L, 403, 403, 403, 200, 403, 403, 200),
        (L, 403, 403, 403, 400, 403, 403, 400),
    ),
    "todo": (
        (L, 403, 403, 403, 200, 200, 200, 200),
        (L, 403, 403, 403, 405, 405, 405, 405),
    ),
    "proposals": (
        (L, 403, 403, 403, 200, 200, 403, 200),
        (L, 403, 403, 403, 405, 405, 405, 405),
    ),
    "proposal": (
        (L, 403, 403, 403, 200, 404, 403, 200),
        (L, 403, 403, 403, 405, 405, 405, 405),
    ),
    "proposal-comment": (
        (L, 403, 403, 403, 405, 405, 405, 405),
        (L, 403, 403, 403, 400, 404, 403, 400),
    ),
    "proposal-ask": (
        (L, 403, 403, 403, 405, 405, 405, 405),
        (L, 403, 403, 403, 400, 404, 403, 400),
    ),
    "proposal-schedule": (
        (L, 403, 403, 403, 405, 405, 405, 405),
        (L, 403, 403, 403, 400, 404, 403, 400),
    ),
    "proposal-publish": (
        (L, 403, 403, 403, 405, 405, 405, 405),
        (L, 403, 403, 403, 400, 404, 403, 400),
    ),
    "proposal-decline": (
        (L, 403, 403, 403, 405, 405, 405, 405),
        (L, 403, 403, 403, 400, 404, 403, 400),
    ),
    "partner": (
        (L, 403, 200, 200, 403, 403, 403, 200),
        (L, 403, 405, 405, 403, 403, 403, 405),
    ),
    "partner-proposal-add": (
        (L, 403, 200, 200, 403, 403, 403, 403),
        (L, 403, 200, 200, 403, 403, 403, 403),
    ),
    "partner-proposal": (
        (L, 403, 200, 404, 403, 403, 403, 403),
        (L, 403, 200, 404, 403, 403, 403, 403),
    ),
    "partner-proposal-edit": (
        (L, 403, 200, 404, 403, 403, 403, 403),
        (L, 403, 400, 404, 403, 403, 403, 403),
    ),
    "partner-proposal-withdraw": (
        (L, 403, 405, 405, 403, 403, 403, 405),
        (L, 403, 302, 404, 403, 403, 403, 403),
    ),
    "partner-participants": (
        (L, 403, 200, 404, 403, 403, 403, 200),
        (L, 403, 405, 405, 403, 403, 403, 405),
    ),
    "ideas": (
        (L, 403, 403, 403, 200, 200, 403, 200),
        (L, 403, 403, 403, 405, 405, 405, 405),
    ),
    "ideas-import": (
        (L, 403, 403, 403, 403, 403, 403, 200),
        (L, 403, 403, 403, 403, 403, 403, 400),
    ),
    "idea": (
        (L, 403, 403, 403, 200, 200, 403, 200),
        (L, 403, 403, 403, 405, 405, 405, 405),
    ),
    "idea-comment": (
        (L, 403, 403, 403, 405, 405, 405, 405),
        (L, 403, 403, 403, 400, 400, 403, 400),
    ),
    "idea-rate": (
        (L, 403, 403, 403, 405, 405, 405, 405),
        (L, 403, 403, 403, 400, 400, 403, 400),
    ),
    "idea-state": (
        (L, 403, 403, 403, 405, 405, 405, 405),
        (L, 403, 403, 403, 403, 403, 403, 400),
    ),
    "idea-merge": (
        (L, 403, 403, 403, 405, 405, 405, 405),
        (L, 403, 403, 403, 403, 403, 403, 400),
    ),
    "idea-convert": (
        (L, 403, 403, 403, 403, 403, 403, 200),
        (L, 403, 403, 403, 403, 403, 403, 400),
    ),
    "releases": (
        (L, 403, 403, 403, 200, 200, 200, 200),
        (L, 403, 403, 403, 403, 403, 403, 400),
    ),
    # The audit log: the Orga-Team alone.
    "audit": (
        (L, 403, 403, 403, 403, 403, 403, 200),
        (L, 403, 403, 403, 403, 403, 403, 405),
    ),
    "audit-export": (
        (L, 403, 403, 403, 403, 403, 403, 200),
        (L, 403, 403, 403, 403, 403, 403, 405),
    ),
    # Privacy and retention: the Orga-Team alone.
    "privacy": (
        (L, 403, 403, 403, 403, 403, 403, 200),
        (L, 403, 403, 403, 403, 403, 403, 405),
    ),
    "privacy-retention": (
        (L, 403, 403, 403, 403, 403, 403, 405),
        (L, 403, 403, 403, 403, 403, 403, 400),
    ),
    "privacy-statistics": (
        (L, 403, 403, 403, 403, 403, 403, 200),
        (L, 403, 403, 403, 403, 403, 403, 405),
    ),
    "changes": (
        (200, 200, 200, 200, 200, 200, 200, 200),
        (405, 405, 405, 405, 405, 405, 405, 405),
    ),
    "changes-feed": (
        (200, 200, 200, 200, 200, 200, 200, 200),
        (405, 405, 405, 405, 405, 405, 405, 405),
    ),
}

# The public pages: everybody, and they take no POST.
PUBLIC = {"changes", "changes-feed"}


@pytest.fixture
def world():
    festival = FestivalFactory()
    sub_event = SubEventFactory(festival=festival, name="Kinowoche")
    other_sub = SubEventFactory(festival=festival, name="Spendenlauf")
    partner_a = PartnerFactory(name="Kita Sonnenschein")
    partner_b = PartnerFactory(name="Sportverein")
    venue = VenueFactory(name="Stadtbibliothek")
    event = EventFactory(
        sub_event=sub_event,
        venue=venue,
        starts_at=at(1, 10),
        ends_at=at(1, 11),
        capacity=20,
        host_partners=[partner_a],
    )
    proposal = ProposalFactory(
        festival=festival, partner=partner_a, sub_event=sub_event
    )
    CriterionFactory(festival=festival)
    idea = IdeaFactory(festival=festival, number=7, state=Idea.State.ACCEPTED)
    users = {
        "staff": staff("staff"),
        "partner_a": partner_coordinator("pa", partner_a),
        "partner_b": partner_coordinator("pb", partner_b),
        "lead": staff("lead", roles.MODULE_LEAD),
        "lead_other": staff("lead_other", roles.MODULE_LEAD),
        "coordination": staff("coordination", roles.VOLUNTEER_COORDINATION),
        "orga": staff("orga", roles.ORGA),
    }
    sub_event.leads.add(users["lead"])
    other_sub.leads.add(users["lead_other"])
    kwargs = {"pk": event.pk, "number": idea.number}
    # URLs whose pk is the proposal's, not the event's.
    proposal_urls = {
        name
        for name in url_names()
        if "proposal" in name and name != "partner-proposal-add"
    }
    return {
        "users": users,
        "event": event,
        "proposal": proposal,
        "idea": idea,
        "kwargs": kwargs,
        "proposal_urls": proposal_urls,
    }


def patterns() -> list[tuple[str, URLPattern]]:
    found = [("planning", p) for p in orga_urls.urlpatterns]
    found += [("planning-public", p) for p in public_urls.urlpatterns]
    return found


def url_names() -> list[str]:
    return [pattern.name for _, pattern in patterns()]


def url_for(world, namespace: str, pattern: URLPattern) -> str:
    wanted = pattern.pattern.converters.keys()
    kwargs = {}
    for key in wanted:
        if key == "pk" and pattern.name in world["proposal_urls"]:
            kwargs[key] = world["proposal"].pk
        else:
            kwargs[key] = world["kwargs"][key]
    return reverse(f"{namespace}:{pattern.name}", kwargs=kwargs)


def status_of(response) -> int | str:
    if response.status_code == 302 and response["Location"].startswith(
        reverse("login")
    ):
        return L
    return response.status_code


def fingerprint() -> tuple:
    """Everything a planning action could change."""
    return (
        sorted(Proposal.objects.values_list("pk", "state", "event_id", "title")),
        sorted(Idea.objects.values_list("pk", "state", "event_id", "merged_into")),
        Comment.objects.count(),
        Rating.objects.count(),
        Release.objects.count(),
        sorted(Event.objects.values_list("pk", "status", "starts_at", "venue_id")),
        Registration.objects.count(),
    )


def observe(client, world, method: str) -> dict[str, tuple]:
    seen: dict[str, list] = {}
    for namespace, pattern in patterns():
        url = url_for(world, namespace, pattern)
        row = []
        for role in ROLES:
            client.logout()
            if role != "anonymous":
                client.force_login(world["users"][role])
            response = getattr(client, method)(url)
            row.append(status_of(response))
        seen[pattern.name] = tuple(row)
    return seen


def test_every_url_of_the_workspace_has_a_row():
    assert sorted(url_names()) == sorted(MATRIX)


@pytest.mark.parametrize("method", ["get", "post"])
def test_each_role_gets_exactly_its_status(client, world, method):
    column = 0 if method == "get" else 1
    expected = {name: rows[column] for name, rows in MATRIX.items()}

    assert observe(client, world, method) == expected


def test_refused_posts_change_nothing(client, world):
    for namespace, pattern in patterns():
        url = url_for(world, namespace, pattern)
        for index, role in enumerate(ROLES):
            status = MATRIX[pattern.name][1][index]
            if status not in (L, 403, 404, 405):
                continue
            client.logout()
            if role != "anonymous":
                client.force_login(world["users"][role])
            before = fingerprint()
            client.post(url, {"text": "x", "state": "declined", "reason": "x"})
            assert fingerprint() == before, (pattern.name, role)


def test_a_partner_never_sees_another_organisations_participants(client, world):
    client.force_login(world["users"]["partner_b"])
    url = reverse("planning:partner-participants", kwargs={"pk": world["event"].pk})

    response = client.get(url)

    assert response.status_code == 404
    client.force_login(world["users"]["partner_a"])
    assert client.get(url).status_code == 200
