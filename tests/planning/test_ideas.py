"""The Denkfabrik: the state machine, merging, ratings and the weighted score, turning
an idea into a draft event or a part of the week, the list's query count, and who may
do what on every page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import roles
from events.models import Event, SubEvent
from planning.models import Comment, Idea, Rating
from planning.selectors.ideas import IdeaFilters, idea_detail, idea_list
from planning.services.ideas import (
    idea_convert,
    idea_merge,
    idea_rate,
    idea_state_change,
)
from tests.events.factories import (
    EventFactory,
    FestivalFactory,
    PartnerFactory,
    SubEventFactory,
    VenueFactory,
    at,
    error_codes,
)
from tests.planning.factories import (
    CommentFactory,
    CriterionFactory,
    IdeaFactory,
    RatingFactory,
    partner_coordinator,
    staff,
)

pytestmark = pytest.mark.django_db

S = Idea.State


@pytest.fixture
def festival():
    return FestivalFactory()


def idea_in(state: str, festival, **fields) -> Idea:
    if state in Idea.REASON_STATES:
        fields.setdefault("state_reason", "Zu teuer in diesem Jahr.")
    if state == S.MERGED and "merged_into" not in fields:
        fields["merged_into"] = IdeaFactory(festival=festival)
    return IdeaFactory(festival=festival, state=state, **fields)


def snapshot(idea: Idea) -> tuple:
    idea.refresh_from_db()
    return (idea.state, idea.state_reason, idea.merged_into_id, idea.event_id)


# --- State machine -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("start", "target", "reason", "kept_reason"),
    [
        (S.NEW, S.REVIEW, "", ""),
        (S.REVIEW, S.ACCEPTED, "", ""),
        (S.ACCEPTED, S.PLANNED, "", ""),
        (S.PLANNED, S.DONE, "", ""),
        (S.NEW, S.PARKED, "Erst nach der Festwoche", "Erst nach der Festwoche"),
        (S.REVIEW, S.PARKED, "Kein Raum frei", "Kein Raum frei"),
        (S.ACCEPTED, S.PARKED, "Sponsor fehlt", "Sponsor fehlt"),
        (S.NEW, S.DECLINED, "Passt nicht zum Bündnis", "Passt nicht zum Bündnis"),
        (S.REVIEW, S.DECLINED, "Zu teuer", "Zu teuer"),
        (S.ACCEPTED, S.DECLINED, "  Doppelt   geplant ", "Doppelt geplant"),
        # Taken up again: the old reason stays as a record of why it waited.
        (S.PARKED, S.REVIEW, "", "Zu teuer in diesem Jahr."),
    ],
)
def test_every_allowed_move(festival, start, target, reason, kept_reason):
    idea = idea_in(start, festival)

    idea_state_change(idea=idea, state=target, reason=reason)

    idea.refresh_from_db()
    assert (idea.state, idea.state_reason) == (target, kept_reason)


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (S.NEW, S.ACCEPTED),
        (S.NEW, S.PLANNED),
        (S.NEW, S.DONE),
        (S.NEW, S.NEW),
        (S.REVIEW, S.NEW),
        (S.REVIEW, S.DONE),
        (S.ACCEPTED, S.REVIEW),
        (S.PLANNED, S.PARKED),
        (S.PLANNED, S.ACCEPTED),
        (S.DONE, S.PLANNED),
        (S.PARKED, S.ACCEPTED),
        (S.PARKED, S.DECLINED),
        (S.DECLINED, S.REVIEW),
        (S.MERGED, S.REVIEW),
        (S.NEW, S.MERGED),
        (S.NEW, "bogus"),
    ],
)
def test_other_moves_are_refused_and_nothing_changes(festival, start, target):
    idea = idea_in(start, festival)
    before = snapshot(idea)

    with pytest.raises(ValidationError) as err:
        idea_state_change(idea=idea, state=target, reason="Grund")

    assert error_codes(err.value) == {"__all__": ["idea_state"]}
    assert snapshot(idea) == before


@pytest.mark.parametrize("target", [S.PARKED, S.DECLINED])
@pytest.mark.parametrize(
    ("reason", "code"), [("", "reason_required"), ("  ", "reason_required")]
)
def test_parking_and_declining_need_a_reason(festival, target, reason, code):
    idea = idea_in(S.REVIEW, festival)

    with pytest.raises(ValidationError) as err:
        idea_state_change(idea=idea, state=target, reason=reason)

    assert error_codes(err.value) == {"reason": [code]}
    assert snapshot(idea) == (S.REVIEW, "", None, None)


def test_an_overlong_reason_is_refused(festival):
    idea = idea_in(S.NEW, festival)

    with pytest.raises(ValidationError) as err:
        idea_state_change(idea=idea, state=S.DECLINED, reason="x" * 501)

    assert error_codes(err.value) == {"reason": ["too_long"]}
    assert snapshot(idea) == (S.NEW, "", None, None)


# --- Merging -----------------------------------------------------------------------
def test_merge_keeps_comments_and_ratings_with_the_duplicate(festival):
    target = idea_in(S.REVIEW, festival, number=10)
    duplicate = idea_in(S.NEW, festival, number=11)
    CommentFactory(idea=duplicate, text="Wie Idee 10.")
    RatingFactory(
        idea=duplicate,
        criterion=CriterionFactory(festival=festival),
        reviewer=staff("jury"),
        score=4,
    )

    idea_merge(idea=duplicate, into=target)

    duplicate.refresh_from_db()
    assert (duplicate.state, duplicate.merged_into_id) == (S.MERGED, target.pk)
    assert list(Comment.objects.values_list("idea__number", "text")) == [
        (11, "Wie Idee 10.")
    ]
    assert list(Rating.objects.values_list("idea__number", "score")) == [(11, 4)]
    detail = idea_detail(idea=target, user=staff("orga", roles.ORGA))
    assert [(m.idea.number, [c.text for c in m.comments]) for m in detail.merged] == [
        (11, ["Wie Idee 10."])
    ]


def test_merging_an_idea_that_has_duplicates_moves_them_to_the_new_root(festival):
    root = idea_in(S.REVIEW, festival, number=1)
    middle = idea_in(S.NEW, festival, number=2)
    leaf = idea_in(S.NEW, festival, number=3)
    idea_merge(idea=leaf, into=middle)

    idea_merge(idea=middle, into=root)

    assert dict(Idea.objects.values_list("number", "merged_into__number")) == {
        1: None,
        2: 1,
        3: 1,
    }


def test_merge_refusals(festival):
    a = idea_in(S.NEW, festival, number=1)
    b = idea_in(S.NEW, festival, number=2)
    merged = idea_in(S.MERGED, festival, number=3, merged_into=b)
    planned = idea_in(S.PLANNED, festival, number=4)
    other_festival = FestivalFactory(slug="naechstes-jahr")
    foreign = idea_in(S.NEW, other_festival, number=1)
    before = {i.pk: snapshot(i) for i in Idea.objects.all()}

    cases = [
        (a, a, "merge_self"),
        (a, merged, "merge_into_merged"),
        (a, foreign, "merge_other_festival"),
        (merged, a, "idea_state"),
        (planned, a, "idea_state"),
    ]
    for idea, into, code in cases:
        with pytest.raises(ValidationError) as err:
            idea_merge(idea=idea, into=into)
        assert error_codes(err.value) == {"__all__": [code]}, (idea, into)

    assert {i.pk: snapshot(i) for i in Idea.objects.all()} == before


# --- Ratings -----------------------------------------------------------------------
def test_ratings_are_upserted_and_the_weighted_total_is_exact(festival):
    relevance = CriterionFactory(festival=festival, name="Relevanz", weight=3)
    feasibility = CriterionFactory(festival=festival, name="Machbarkeit", weight=1)
    idea = idea_in(S.REVIEW, festival)
    anna, ben = staff("anna"), staff("ben")

    idea_rate(idea=idea, reviewer=anna, scores={relevance.pk: 5, feasibility.pk: 1})
    idea_rate(idea=idea, reviewer=ben, scores={relevance.pk: 2, feasibility.pk: 3})
    # Anna changes her mind: her row is updated, not doubled.
    idea_rate(idea=idea, reviewer=anna, scores={relevance.pk: 4, feasibility.pk: "2"})

    assert sorted(
        Rating.objects.values_list("reviewer__username", "criterion__name", "score")
    ) == [
        ("anna", "Machbarkeit", 2),
        ("anna", "Relevanz", 4),
        ("ben", "Machbarkeit", 3),
        ("ben", "Relevanz", 2),
    ]
    detail = idea_detail(idea=idea, user=anna)
    assert [
        (s.criterion.name, s.mean, s.reviewers, s.mine) for s in detail.criteria
    ] == [
        ("Relevanz", 3.0, 2, 4),
        ("Machbarkeit", 2.5, 2, 2),
    ]
    # (3·3.0 + 1·2.5) / 4 = 2.875
    assert detail.total == 2.875
    assert detail.reviewers == 2
    listed = idea_list(festival=festival, filters=IdeaFilters()).get(pk=idea.pk)
    assert (listed.score, listed.reviewers) == (2.875, 2)


@pytest.mark.parametrize("score", [0, 6, "x", None])
def test_a_score_outside_one_to_five_is_refused(festival, score):
    criterion = CriterionFactory(festival=festival)
    idea = idea_in(S.REVIEW, festival)
    reviewer = staff("anna")
    RatingFactory(idea=idea, criterion=criterion, reviewer=reviewer, score=3)

    with pytest.raises(ValidationError) as err:
        idea_rate(idea=idea, reviewer=reviewer, scores={criterion.pk: score})

    assert error_codes(err.value) == {f"criterion_{criterion.pk}": ["score_range"]}
    assert list(Rating.objects.values_list("score", flat=True)) == [3]


def test_a_criterion_of_another_festival_and_a_merged_idea_are_refused(festival):
    foreign = CriterionFactory(festival=FestivalFactory(slug="anderes-fest"))
    idea = idea_in(S.REVIEW, festival)
    merged = idea_in(S.MERGED, festival, merged_into=idea)
    own = CriterionFactory(festival=festival)
    reviewer = staff("anna")

    with pytest.raises(ValidationError) as err:
        idea_rate(idea=idea, reviewer=reviewer, scores={foreign.pk: 3})
    assert error_codes(err.value) == {"__all__": ["criterion_unknown"]}
    with pytest.raises(ValidationError) as err:
        idea_rate(idea=merged, reviewer=reviewer, scores={own.pk: 3})
    assert error_codes(err.value) == {"__all__": ["idea_state"]}
    assert Rating.objects.count() == 0


# --- Converting --------------------------------------------------------------------
@pytest.fixture
def orga():
    return staff("orga", roles.ORGA)


def test_an_accepted_idea_becomes_a_draft_event_with_its_proposer_as_host(
    festival, orga
):
    partner = PartnerFactory(name="Kita Regenbogen")
    sub_event = SubEventFactory(festival=festival)
    venue = VenueFactory()
    idea = idea_in(
        S.ACCEPTED,
        festival,
        title="Vorlesenachmittag im Park",
        description="Großeltern lesen vor.",
        proposer=partner,
    )

    event = idea_convert(
        idea=idea,
        user=orga,
        to="event",
        sub_event=sub_event,
        starts_at=at(2, 15),
        ends_at=at(2, 17),
        venue=venue,
    )

    event.refresh_from_db()
    idea.refresh_from_db()
    assert (idea.state, idea.event_id) == (S.PLANNED, event.pk)
    assert (
        event.title,
        event.description,
        event.status,
        event.sub_event_id,
        event.venue_id,
        event.starts_at,
        event.ends_at,
        event.created_by_id,
    ) == (
        "Vorlesenachmittag im Park",
        "Großeltern lesen vor.",
        Event.Status.DRAFT,
        sub_event.pk,
        venue.pk,
        at(2, 15),
        at(2, 17),
        orga.pk,
    )
    assert list(event.host_partners.all()) == [partner]
    assert list(event.ideas.all()) == [idea]


def test_a_venue_conflict_refuses_the_conversion_and_nothing_changes(festival, orga):
    venue = VenueFactory(name="Stadthalle")
    sub_event = SubEventFactory(festival=festival)
    EventFactory(sub_event=sub_event, venue=venue, starts_at=at(2, 14))
    idea = idea_in(S.ACCEPTED, festival)

    with pytest.raises(ValidationError) as err:
        idea_convert(
            idea=idea,
            user=orga,
            to="event",
            sub_event=sub_event,
            starts_at=at(2, 14, 30),
            ends_at=at(2, 16),
            venue=venue,
        )

    assert error_codes(err.value) == {"venue": ["venue_conflict"]}
    assert Event.objects.count() == 1
    assert snapshot(idea) == (S.ACCEPTED, "", None, None)


def test_only_an_accepted_idea_is_converted_and_only_into_an_allowed_sub_event(
    festival, orga
):
    sub_event = SubEventFactory(festival=festival)
    review = idea_in(S.REVIEW, festival)
    accepted = idea_in(S.ACCEPTED, festival)
    lead = staff("lead", roles.MODULE_LEAD)  # leads no sub-event
    times = {"starts_at": at(1, 10), "ends_at": at(1, 11)}

    with pytest.raises(ValidationError) as err:
        idea_convert(idea=review, user=orga, to="event", sub_event=sub_event, **times)
    assert error_codes(err.value) == {"__all__": ["idea_state"]}
    with pytest.raises(ValidationError) as err:
        idea_convert(idea=accepted, user=lead, to="event", sub_event=sub_event, **times)
    assert error_codes(err.value) == {"sub_event": ["sub_event_scope"]}
    assert Event.objects.count() == 0
    assert snapshot(accepted) == (S.ACCEPTED, "", None, None)


def test_an_accepted_idea_becomes_a_new_part_of_the_week(festival, orga):
    partner = PartnerFactory()
    idea = idea_in(
        S.ACCEPTED,
        festival,
        title="Väter-Kind-Wochenende",
        description="Zelten, kochen, klettern.",
        proposer=partner,
    )

    sub_event = idea_convert(idea=idea, user=orga, to="sub_event", name="")

    idea.refresh_from_db()
    assert (idea.state, idea.created_sub_event_id) == (S.PLANNED, sub_event.pk)
    assert (
        sub_event.name,
        sub_event.slug,
        sub_event.description,
        sub_event.lead_partner_id,
        sub_event.festival_id,
    ) == (
        "Väter-Kind-Wochenende",
        "vater-kind-wochenende",
        "Zelten, kochen, klettern.",
        partner.pk,
        festival.pk,
    )


# --- The list ----------------------------------------------------------------------
def _ideas_with_reviews(festival, count: int, batch: str) -> None:
    criteria = [CriterionFactory(festival=festival, weight=w) for w in (1, 2)]
    reviewers = [staff(f"jury-{batch}-{n}") for n in range(2)]
    sub_event = SubEventFactory(festival=festival)
    partner = PartnerFactory()
    for n in range(count):
        idea = IdeaFactory(
            festival=festival,
            sub_event=sub_event if n % 2 else None,
            proposer=partner if n % 3 else None,
            proposer_text="" if n % 3 else "AG Inklusion",
        )
        for reviewer in reviewers:
            for criterion in criteria:
                RatingFactory(idea=idea, criterion=criterion, reviewer=reviewer)
        CommentFactory(idea=idea)


def _list_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_list_costs_the_same_queries_for_12_and_120_ideas(client, orga):
    festival = FestivalFactory()
    _ideas_with_reviews(festival, 12, "a")
    client.force_login(orga)
    url = reverse("planning:ideas") + "?sort=score"
    client.get(url)
    few = _list_queries(client, url)

    _ideas_with_reviews(festival, 108, "b")
    many = _list_queries(client, url)

    assert Idea.objects.count() == 120
    assert few == many


def test_the_list_filters_sorts_and_counts(client, festival, orga):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    sub_event = SubEventFactory(festival=festival, name="Kinowoche")
    partner = PartnerFactory(name="Stadtbibliothek")
    IdeaFactory(festival=festival, number=1, title="Kinderkino", sub_event=sub_event)
    IdeaFactory(
        festival=festival,
        number=2,
        title="Lesepatenschaften",
        description="Ehrenamtliche lesen vor.",
        proposer=partner,
        estimated_cost=Decimal("300"),
        state=S.REVIEW,
    )
    IdeaFactory(
        festival=festival,
        number=3,
        title="Sprachcafé",
        estimated_cost=Decimal("50"),
        proposer_text="AG Integration",
    )
    idea_in(
        S.MERGED,
        festival,
        number=4,
        title="Kino für Kinder",
        merged_into=IdeaFactory(festival=festival, number=5),
    )
    client.force_login(orga)
    url = reverse("planning:ideas")

    def numbers(query: str) -> list[int]:
        response = client.get(url + query)
        assert response.status_code == 200
        return [idea.number for idea in response.context["ideas"]]

    assert numbers("") == [1, 2, 3, 5]  # 5: the merge target
    assert numbers("?merged=on") == [1, 2, 3, 4, 5]
    assert numbers("?state=merged") == [4]
    assert numbers("?state=review") == [2]
    assert numbers(f"?sub_event={sub_event.pk}") == [1]
    assert numbers("?sub_event=new") == [2, 3, 5]
    assert numbers(f"?proposer=p{partner.pk}") == [2]
    assert numbers("?proposer=t:AG Integration") == [3]
    assert numbers("?q=vorlesen") == []
    assert numbers("?q=lesen") == [2]
    assert numbers("?q=ehrenamtliche") == [2]
    assert numbers("?sort=cost") == [3, 2, 1, 5]
    assert numbers("?sort=-cost") == [2, 3, 1, 5]
    assert numbers("?state=nonsense&sort=nonsense&sub_event=x") == [1, 2, 3, 5]
    response = client.get(url)
    counts = {state: n for state, _label, n, _icon in response.context["counts"]}
    assert counts == {
        "new": 3,
        "review": 1,
        "accepted": 0,
        "planned": 0,
        "done": 0,
        "parked": 0,
        "declined": 0,
    }
    assert response.context["merged_count"] == 1
    page = response.content.decode()
    assert "under review" in page and "Lesepatenschaften" in page


def test_the_empty_list_says_what_to_do(client, festival, orga):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(orga)

    response = client.get(reverse("planning:ideas"))

    assert "No ideas yet. Import the plenary" in response.content.decode()


# --- Pages and roles ---------------------------------------------------------------
@pytest.fixture
def accounts(festival):
    partner = PartnerFactory()
    lead = staff("lead", roles.MODULE_LEAD)
    return {
        "partner": partner_coordinator("partner", partner),
        "coordination": staff("coordination", roles.VOLUNTEER_COORDINATION),
        "lead": lead,
        "orga": staff("orga", roles.ORGA),
    }


@pytest.fixture
def setup(festival):
    criterion = CriterionFactory(festival=festival, name="Machbarkeit", weight=2)
    idea = IdeaFactory(festival=festival, number=7, title="Familienpicknick")
    IdeaFactory(festival=festival, number=8, title="Picknick im Park")
    return {"idea": idea, "criterion": criterion}


GET_PAGES = ["ideas", "idea", "idea-convert", "ideas-import"]
ALLOWED_GET = {
    "ideas": {"lead", "orga"},
    "idea": {"lead", "orga"},
    "idea-convert": {"orga"},
    "ideas-import": {"orga"},
}


def _url(name: str) -> str:
    return reverse(f"planning:{name}", args=[] if name.startswith("ideas") else [7])


@pytest.mark.parametrize("name", GET_PAGES)
def test_every_page_for_every_role(client, accounts, setup, name):
    url = _url(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    for who, user in accounts.items():
        client.force_login(user)
        expected = 200 if who in ALLOWED_GET[name] else 403
        assert client.get(url).status_code == expected, (name, who)


def _posts(setup, sub_event) -> dict[str, dict]:
    return {
        "idea-comment": {"text": "Gute Idee!"},
        "idea-rate": {f"criterion_{setup['criterion'].pk}": "4"},
        "idea-state": {"state": "review", "reason": ""},
        "idea-merge": {"into": "8"},
        "idea-convert": {
            "to": "event",
            "sub_event": str(sub_event.pk),
            "starts_at": "2027-06-16T15:00",
            "ends_at": "2027-06-16T17:00",
        },
    }


def _world() -> tuple:
    return (
        list(Idea.objects.order_by("pk").values_list("state", "merged_into", "event")),
        Comment.objects.count(),
        Rating.objects.count(),
        Event.objects.count(),
        SubEvent.objects.count(),
    )


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("idea-comment", {"lead", "orga"}),
        ("idea-rate", {"lead", "orga"}),
        ("idea-state", {"orga"}),
        ("idea-merge", {"orga"}),
    ],
)
def test_forged_posts_of_the_wrong_role_change_nothing(
    client, accounts, setup, festival, name, allowed
):
    data = _posts(setup, SubEventFactory(festival=festival))[name]
    url = _url(name)
    before = _world()
    assert client.post(url, data).status_code == 302  # anonymous: to the login
    for who, user in accounts.items():
        if who in allowed:
            continue
        client.force_login(user)
        assert client.post(url, data).status_code == 403, who
    assert _world() == before
    client.force_login(accounts[sorted(allowed)[0]])
    assert client.post(url, data).status_code == 302
    assert _world() != before


def test_forged_converts_and_imports_change_nothing(client, accounts, setup, festival):
    from planning.forms.ideas import import_payload

    sub_event = SubEventFactory(festival=festival)
    sub_event.leads.add(accounts["lead"])
    Idea.objects.filter(number=7).update(state=S.ACCEPTED)
    csv_text = "Nr;Titel\n50;Neue Idee\n"
    before = _world()
    for who in ("partner", "coordination", "lead"):
        user = accounts[who]
        client.force_login(user)
        for data in (
            _posts(setup, sub_event)["idea-convert"],
            {"to": "sub_event", "name": "Neuer Teil"},
        ):
            assert client.post(_url("idea-convert"), data).status_code == 403, who
        payload = import_payload(
            text=csv_text, festival_id=festival.pk, user_id=user.pk
        )
        response = client.post(_url("ideas-import"), {"payload": payload})
        assert response.status_code == 403, who
    assert _world() == before


def test_the_detail_page_costs_the_same_queries_with_more_duplicates(
    client, accounts, setup, festival
):
    idea = setup["idea"]
    client.force_login(accounts["orga"])
    url = reverse("planning:idea", args=[7])

    def add_duplicates(numbers) -> None:
        for number in numbers:
            duplicate = IdeaFactory(festival=festival, number=number)
            CommentFactory(idea=duplicate)
            RatingFactory(
                idea=duplicate, criterion=setup["criterion"], reviewer=accounts["lead"]
            )
            idea_merge(idea=duplicate, into=idea)

    add_duplicates([20])
    client.get(url)
    few = _list_queries(client, url)
    add_duplicates(range(21, 26))
    many = _list_queries(client, url)

    assert Idea.objects.filter(merged_into=idea).count() == 6
    assert few == many


def test_the_detail_page_shows_everything(client, accounts, setup, festival):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    idea = setup["idea"]
    duplicate = IdeaFactory(festival=festival, number=9, title="Picknick für alle")
    CommentFactory(idea=duplicate, text="Auch mit Grillstation?")
    idea_merge(idea=duplicate, into=idea)
    RatingFactory(
        idea=idea, criterion=setup["criterion"], reviewer=accounts["orga"], score=5
    )
    client.force_login(accounts["lead"])

    page = client.get(reverse("planning:idea", args=[7])).content.decode()

    assert "Familienpicknick" in page
    assert "From merged idea 9: Picknick für alle" in page
    assert "Auch mit Grillstation?" in page
    assert 'id="weighted-total"><strong>5.00</strong>' in page
    assert "Machbarkeit" in page and "Rate this idea" in page
    assert "Change the state" not in page  # a module lead only rates and comments
    duplicate_page = client.get(reverse("planning:idea", args=[9])).content.decode()
    assert "Merged into idea 7: Familienpicknick" in duplicate_page
    assert client.get(reverse("planning:idea", args=[99])).status_code == 404


def test_rating_through_the_page_upserts_and_needs_every_criterion(
    client, accounts, setup, festival
):
    second = CriterionFactory(festival=festival, name="Kosten", weight=1)
    first = setup["criterion"]
    client.force_login(accounts["lead"])
    url = reverse("planning:idea-rate", args=[7])

    response = client.post(url, {f"criterion_{first.pk}": "4"})
    assert response.status_code == 400
    assert Rating.objects.count() == 0
    client.post(url, {f"criterion_{first.pk}": "4", f"criterion_{second.pk}": "2"})
    client.post(url, {f"criterion_{first.pk}": "5", f"criterion_{second.pk}": "2"})

    assert sorted(Rating.objects.values_list("criterion__name", "score")) == [
        ("Kosten", 2),
        ("Machbarkeit", 5),
    ]


def test_state_change_through_the_page_shows_the_reason_and_refusals(
    client, accounts, setup
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(accounts["orga"])
    url = reverse("planning:idea-state", args=[7])

    response = client.post(url, {"state": "parked", "reason": ""})
    assert response.status_code == 400
    assert "Please give a reason" in response.content.decode()
    assert snapshot(setup["idea"]) == (S.NEW, "", None, None)

    response = client.post(
        url, {"state": "parked", "reason": "Nach der Festwoche"}, follow=True
    )
    assert "Reason:</strong> Nach der Festwoche" in response.content.decode()
    listed = client.get(reverse("planning:ideas")).content.decode()
    assert "Reason:</strong> Nach der Festwoche</span>" in listed
    assert snapshot(setup["idea"]) == (S.PARKED, "Nach der Festwoche", None, None)
    # From parked only "under review" is open: "done" is no choice of the form.
    response = client.post(url, {"state": "done", "reason": ""})
    assert response.status_code == 400
    assert snapshot(setup["idea"]) == (S.PARKED, "Nach der Festwoche", None, None)


def test_merge_through_the_page_refuses_an_unknown_number(client, accounts, setup):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(accounts["orga"])
    url = reverse("planning:idea-merge", args=[7])

    response = client.post(url, {"into": "99"})
    assert response.status_code == 400
    assert "There is no idea with this number." in response.content.decode()
    response = client.post(url, {"into": "7"})
    assert response.status_code == 400
    assert "cannot be merged into itself" in response.content.decode()
    assert snapshot(setup["idea"]) == (S.NEW, "", None, None)


def test_convert_through_the_page(client, accounts, setup, festival):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    sub_event = SubEventFactory(festival=festival)
    venue = VenueFactory(name="Stadthalle")
    EventFactory(sub_event=sub_event, venue=venue, starts_at=at(2, 15))
    Idea.objects.filter(number=7).update(state=S.ACCEPTED)
    client.force_login(accounts["orga"])
    url = reverse("planning:idea-convert", args=[7])
    data = {
        "to": "event",
        "sub_event": str(sub_event.pk),
        "starts_at": "2027-06-16T15:00",
        "ends_at": "2027-06-16T17:00",
        "venue": str(venue.pk),
    }

    response = client.post(url, data)
    assert response.status_code == 400
    assert "Stadthalle is already taken" in response.content.decode()
    assert Event.objects.count() == 1

    data["starts_at"], data["ends_at"] = "2027-06-16T18:00", "2027-06-16T19:00"
    response = client.post(url, data, follow=True)
    event = Event.objects.get(title="Familienpicknick")
    assert (event.status, event.starts_at) == (
        Event.Status.DRAFT,
        dt.datetime(2027, 6, 16, 16, 0, tzinfo=dt.UTC),
    )
    assert "From this idea came the event “Familienpicknick”" in (
        response.content.decode()
    )
    assert snapshot(setup["idea"])[0] == S.PLANNED

    Idea.objects.filter(number=8).update(state=S.ACCEPTED)
    response = client.post(
        reverse("planning:idea-convert", args=[8]),
        {"to": "sub_event", "name": "Picknickwoche"},
        follow=True,
    )
    assert "the new part of the week “Picknickwoche”" in response.content.decode()
    assert Idea.objects.get(number=8).created_sub_event.name == "Picknickwoche"
