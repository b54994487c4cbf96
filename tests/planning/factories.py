"""Factories and accounts for the planning workspace's tests."""

import datetime as dt

import factory
from django.conf import settings
from django.contrib.auth.models import Group, User

from events import roles
from planning.models import Comment, Criterion, Idea, Proposal, Rating
from tests.events.factories import FestivalFactory, PartnerFactory, at


def english(client):
    """The test client as a visitor who chose English (the UI is German first)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def staff(username: str, *groups: str, **kwargs) -> User:
    """A staff account in the given organiser groups (created with their rights)."""
    roles.roles_ensure()
    user = User.objects.create_user(
        username, f"{username}@example.org", "pw", is_staff=True, **kwargs
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def partner_coordinator(username: str, partner) -> User:
    """A partner organisation's coordinator: the Partner group, a member of it."""
    user = staff(username, roles.PARTNER)
    partner.members.add(user)
    return user


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    festival = factory.SubFactory(FestivalFactory)
    partner = factory.SubFactory(PartnerFactory)
    title = factory.Sequence(lambda n: f"Vorschlag {n}")
    description = "Ein Nachmittag zum Mitmachen für Familien."
    wished_starts_at = factory.LazyFunction(lambda: at(2, 15))
    wished_ends_at = factory.LazyAttribute(
        lambda o: o.wished_starts_at + dt.timedelta(hours=2)
    )


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    festival = factory.SubFactory(FestivalFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Idee {n}")


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    festival = factory.SubFactory(FestivalFactory)
    name = factory.Sequence(lambda n: f"Kriterium {n}")
    position = factory.Sequence(lambda n: n)


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rating

    idea = factory.SubFactory(IdeaFactory)
    criterion = factory.SubFactory(CriterionFactory)
    score = 3


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    author_name = "Orga-Team"
    text = "Bitte noch die Zeiten prüfen."
