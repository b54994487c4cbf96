"""Organisers reach their registration lists from every page's navigation."""

import pytest
from django.contrib.auth.models import Group, User

from events import roles

pytestmark = pytest.mark.django_db


def nav(client) -> str:
    html = client.get("/").content.decode()
    return html[html.index('<nav class="site-nav"') : html.index("</nav>")]


def test_orga_sees_the_registrations_link_families_do_not(client):
    assert 'href="/orga/events/"' not in nav(client)

    orga = User.objects.create_user("orga1", password="pw", is_staff=True)
    orga.groups.add(Group.objects.get(name=roles.ORGA))
    client.force_login(orga)

    assert 'href="/orga/events/"' in nav(client)


def test_partner_accounts_have_no_registrations_link(client):
    partner = User.objects.create_user("partner1", password="pw", is_staff=True)
    partner.groups.add(Group.objects.get(name=roles.PARTNER))
    client.force_login(partner)

    assert 'href="/orga/events/"' not in nav(client)
