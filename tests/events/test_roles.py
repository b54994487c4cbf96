"""Organiser groups, their permissions, and what each member may plan."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission, User

from events import roles
from events.models import Event
from tests.events.factories import EventFactory, PartnerFactory, SubEventFactory

pytestmark = pytest.mark.django_db


def member(username: str, *groups: str) -> User:
    user = User.objects.create_user(username)  # no password: hashing is slow
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def group_perms(name: str) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=name).permissions.select_related("content_type")
    }


def test_migrate_creates_the_groups_with_their_permissions():
    assert sorted(Group.objects.values_list("name", flat=True)) == [
        "Helferkoordination",
        "Modulleitung",
        "Orga-Team",
        "Partner",
    ]
    for name, codes in roles.GROUP_PERMISSIONS.items():
        assert group_perms(name) == set(codes)
    assert group_perms(roles.ORGA) == {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Permission.objects.filter(
            content_type__app_label__in=roles.PROJECT_APPS
        ).select_related("content_type")
    }
    assert "registrations.view_registration" in group_perms(roles.ORGA)
    assert "events.delete_event" in group_perms(roles.ORGA)


def test_roles_ensure_is_idempotent_and_repairs_missing_permissions():
    lead = Group.objects.get(name=roles.MODULE_LEAD)
    lead.permissions.remove(Permission.objects.get(codename="add_event"))
    Group.objects.get(name=roles.PARTNER).delete()

    roles.roles_ensure()
    roles.roles_ensure()

    assert Group.objects.count() == 4
    assert group_perms(roles.MODULE_LEAD) == set(
        roles.GROUP_PERMISSIONS[roles.MODULE_LEAD]
    )
    assert group_perms(roles.PARTNER) == set(roles.GROUP_PERMISSIONS[roles.PARTNER])


def test_user_is_orga():
    assert roles.user_is_orga(member("orga", roles.ORGA)) is True
    assert roles.user_is_orga(User.objects.create_superuser("root", "", None)) is True
    assert roles.user_is_orga(member("lead", roles.MODULE_LEAD)) is False
    assert roles.user_is_orga(member("nobody")) is False
    assert roles.user_is_orga(AnonymousUser()) is False


def test_sub_events_for_each_role():
    kino = SubEventFactory(slug="kino")
    SubEventFactory(slug="konferenz")
    lead = member("lead", roles.MODULE_LEAD)
    kino.leads.add(lead)

    def slugs(user):
        return sorted(roles.sub_events_for(user).values_list("slug", flat=True))

    assert slugs(member("orga", roles.ORGA)) == ["kino", "konferenz"]
    assert slugs(lead) == ["kino"]
    assert slugs(member("partner", roles.PARTNER)) == ["kino", "konferenz"]
    assert slugs(member("helfer", roles.VOLUNTEER_COORDINATION)) == []
    assert slugs(AnonymousUser()) == []
    # Leading a sub-event without being in the group gives no planning rights.
    outsider = member("outsider")
    kino.leads.add(outsider)
    assert slugs(outsider) == []


def test_events_editable_by_each_role():
    kino, konferenz = SubEventFactory(slug="kino"), SubEventFactory(slug="konf")
    kita = PartnerFactory(slug="kita")
    EventFactory(slug="kino-pub", sub_event=kino)
    EventFactory(slug="kino-draft", sub_event=kino, status=Event.Status.DRAFT)
    EventFactory(slug="konf-pub", sub_event=konferenz, host_partners=[kita])
    EventFactory(
        slug="konf-draft",
        sub_event=konferenz,
        status=Event.Status.DRAFT,
        host_partners=[kita, PartnerFactory()],
    )
    EventFactory(slug="other-draft", sub_event=konferenz, status=Event.Status.DRAFT)
    lead = member("lead", roles.MODULE_LEAD)
    kino.leads.add(lead)
    partner = member("partner", roles.PARTNER)
    kita.members.add(partner)
    both = member("both", roles.MODULE_LEAD, roles.PARTNER)
    kino.leads.add(both)
    kita.members.add(both)

    def slugs(user):
        return sorted(roles.events_editable_by(user).values_list("slug", flat=True))

    assert slugs(member("orga", roles.ORGA)) == [
        "kino-draft",
        "kino-pub",
        "konf-draft",
        "konf-pub",
        "other-draft",
    ]
    assert slugs(lead) == ["kino-draft", "kino-pub"]
    assert slugs(partner) == ["konf-draft"]  # drafts only, own organisation only
    assert slugs(both) == ["kino-draft", "kino-pub", "konf-draft"]
    assert slugs(member("helfer", roles.VOLUNTEER_COORDINATION)) == []
    assert slugs(AnonymousUser()) == []


def test_can_publish_and_only_drafts():
    kino, konferenz = SubEventFactory(), SubEventFactory()
    in_kino = EventFactory(sub_event=kino, status=Event.Status.DRAFT)
    in_konferenz = EventFactory(sub_event=konferenz, status=Event.Status.DRAFT)
    orga = member("orga", roles.ORGA)
    lead = member("lead", roles.MODULE_LEAD)
    kino.leads.add(lead)
    partner = member("partner", roles.PARTNER)

    assert [roles.can_publish(orga, e) for e in (in_kino, in_konferenz)] == [True, True]
    assert [roles.can_publish(lead, e) for e in (in_kino, in_konferenz)] == [
        True,
        False,
    ]
    assert roles.can_publish(partner, in_kino) is False
    assert roles.can_publish(AnonymousUser(), in_kino) is False
    assert [roles.only_drafts(u) for u in (orga, lead, partner)] == [
        False,
        False,
        True,
    ]
