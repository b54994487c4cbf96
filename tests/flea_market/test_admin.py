"""The admin is where the organisers draw a site plan (its pitches inline) and
set up a market; its pages open."""

import pytest
from django.contrib.auth.models import User

from tests.flea_market.factories import apply, market, pitch

pytestmark = pytest.mark.django_db


def test_the_admin_pages_of_the_market_open(client):
    m = market()
    application = apply(m)
    client.force_login(User.objects.create_superuser("admin"))

    for url in (
        "/admin/flea_market/market/",
        f"/admin/flea_market/market/{m.pk}/change/",
        "/admin/flea_market/siteplan/",
        f"/admin/flea_market/siteplan/{pitch(m, 1).site_plan_id}/change/",
        "/admin/flea_market/application/",
        f"/admin/flea_market/application/{application.pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
