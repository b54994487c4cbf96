"""The demo's Denkfabrik: 120+ ideas in every state, four weighted criteria, ratings
by the two demo reviewers, comments, the planned ideas linked to the demo's programme;
loading again changes nothing."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from events.models import Festival
from planning.demo.ideas import demo_ideas
from planning.demo.ideas_content import IDEAS
from planning.models import Comment, Criterion, Idea, Rating

pytestmark = pytest.mark.django_db


@pytest.fixture
def festival(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "load_demo", "--start", "2027-06-14", "--with-demo-accounts", verbosity=0
        )
    return Festival.objects.get()


def counts() -> tuple:
    stamps = tuple(Idea.objects.order_by("pk").values_list("updated_at", flat=True))
    return (*[m.objects.count() for m in (Idea, Criterion, Rating, Comment)], stamps)


def test_the_demo_has_ideas_in_every_state(festival):
    ideas = Idea.objects.filter(festival=festival)
    states = set(ideas.values_list("state", flat=True))

    assert ideas.count() == len(IDEAS) >= 120
    assert states == set(Idea.State.values)
    assert list(
        Criterion.objects.filter(festival=festival).values_list("name", "weight")
    ) == [
        ("Relevanz für Familien", 3),
        ("Machbarkeit", 2),
        ("Kosten", 1),
        ("Reichweite", 2),
    ]
    assert all(c.description for c in Criterion.objects.filter(festival=festival))
    reviewers = set(Rating.objects.values_list("reviewer__username", flat=True))
    assert reviewers == {"orga", "leitung"}
    assert Comment.objects.filter(idea__festival=festival).count() == 21
    for idea in ideas.filter(state__in=["parked", "declined"]):
        assert idea.state_reason, idea.number
    assert all(
        idea.merged_into.state != "merged"
        for idea in ideas.filter(state="merged").select_related("merged_into")
    )
    assert ideas.exclude(proposer=None).count() > 60
    assert ideas.filter(proposer=None).exclude(proposer_text="").count() > 20


def test_planned_ideas_link_to_the_demos_programme(festival):
    planned = Idea.objects.filter(festival=festival, state="planned")
    with_event = planned.exclude(event=None)
    with_sub_event = planned.exclude(created_sub_event=None)

    assert with_event.count() == len([s for s in IDEAS if s.event])
    assert with_sub_event.count() == len([s for s in IDEAS if s.created_sub_event])
    assert planned.filter(event=None, created_sub_event=None).count() == 0
    idea = Idea.objects.get(festival=festival, number=13)
    assert (idea.event.slug, idea.event.title) == (
        "kinderwagenkino",
        "Kinderwagenkino: Filmvormittag für Eltern mit Babys",
    )
    assert Idea.objects.get(number=5).created_sub_event.slug == "kinowoche"


def test_loading_again_changes_nothing(festival):
    before = counts()

    assert demo_ideas(festival) == 0
    call_command("load_demo", "--start", "2027-06-14", verbosity=0)

    assert counts() == before


def test_the_demo_pages_open(client, festival):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(get_user_model().objects.get(username="orga"))

    response = client.get(reverse("planning:ideas"))
    assert response.status_code == 200
    assert len(response.context["ideas"]) == len(IDEAS) - 11  # merged ones hidden
    page = client.get(reverse("planning:idea", args=[5])).content.decode()
    assert "From merged idea 110: Kino für Kita-Kinder" in page
    assert "the new part of the week “Kinowoche”" in page


def test_without_the_demo_accounts_the_ideas_come_unrated(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--start", "2027-06-14", verbosity=0)

    assert Idea.objects.count() == len(IDEAS)
    assert (
        Rating.objects.count(),
        Comment.objects.filter(idea__isnull=False).count(),
    ) == (
        0,
        0,
    )
    assert not get_user_model().objects.exists()
