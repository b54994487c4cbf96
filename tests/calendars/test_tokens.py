"""The personal feeds' own read-only tokens: separate from the page links, renewed
from the owner's page (a CSRF-protected POST), and 404 once revoked."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from calendars.models import FeedToken
from calendars.services import feed_token_get
from registrations.services import household_erase
from tests.calendars.helpers import get_feed
from tests.registrations.factories import open_event, register
from tests.volunteers.factories import ShiftFactory, assign

pytestmark = pytest.mark.django_db

CSRF = "a" * 32


@pytest.fixture
def household():
    return register(open_event(), 7, 36).registration.household


@pytest.fixture
def volunteer():
    return assign(ShiftFactory()).volunteer


def feed(kind: str, token: str) -> str:
    return reverse(f"calendars:{kind}", kwargs={"token": token})


def renew(kind: str, page_token: str, client: Client | None = None):
    client = client or Client()
    return client.post(reverse(f"calendars:{kind}_renew", kwargs={"token": page_token}))


def csrf_client() -> Client:
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = CSRF
    return client


@pytest.mark.parametrize("kind", ["household", "volunteer"])
def test_the_feed_token_is_not_the_page_token_and_the_page_token_opens_no_feed(
    kind, household, volunteer
):
    owner = household if kind == "household" else volunteer
    token = feed_token_get(**{kind: owner}).token

    assert token != owner.token
    assert len(token) >= 43  # 256 bits
    get_feed(feed(kind, token))
    assert Client().get(feed(kind, owner.token)).status_code == 404
    # the two kinds do not open each other's feeds either
    other = "volunteer" if kind == "household" else "household"
    assert Client().get(feed(other, token)).status_code == 404


@pytest.mark.parametrize("kind", ["household", "volunteer"])
def test_renewing_revokes_the_old_address_with_404_and_issues_a_new_one(
    kind, household, volunteer
):
    owner = household if kind == "household" else volunteer
    old = feed_token_get(**{kind: owner}).token
    assert feed_token_get(**{kind: owner}).token == old  # stable until renewed

    response = renew(kind, owner.token)

    assert response.status_code == 302
    assert response["Location"] == owner.get_absolute_url() + "#calendar"
    new = feed_token_get(**{kind: owner}).token
    assert new != old
    assert Client().get(feed(kind, old)).status_code == 404  # not 403
    get_feed(feed(kind, new))
    assert FeedToken.objects.filter(token=old, revoked_at__isnull=False).count() == 1


@pytest.mark.parametrize("kind", ["household", "volunteer"])
def test_renewing_needs_the_page_token_a_post_and_the_csrf_token(
    kind, household, volunteer
):
    owner = household if kind == "household" else volunteer
    old = feed_token_get(**{kind: owner}).token
    url = reverse(f"calendars:{kind}_renew", kwargs={"token": owner.token})

    assert Client().get(url).status_code == 405
    # the feed token is not the page token: it cannot renew
    assert renew(kind, old).status_code == 404
    assert Client(enforce_csrf_checks=True).post(url).status_code == 403
    assert feed_token_get(**{kind: owner}).token == old  # nothing changed

    response = csrf_client().post(url, headers={"X-CSRFToken": CSRF})
    assert response.status_code == 302
    assert feed_token_get(**{kind: owner}).token != old


def test_an_unknown_token_is_404(household):
    assert Client().get(feed("household", "x" * 43)).status_code == 404
    assert Client().get(feed("volunteer", "x" * 43)).status_code == 404


def test_an_erased_volunteer_feed_is_404_and_cannot_be_renewed(volunteer):
    token = feed_token_get(volunteer=volunteer).token
    page_token = volunteer.token
    get_feed(feed("volunteer", token))

    type(volunteer).objects.filter(pk=volunteer.pk).update(erased_at=timezone.now())

    assert Client().get(feed("volunteer", token)).status_code == 404
    assert renew("volunteer", page_token).status_code == 404


def test_erasing_a_household_revokes_its_feed_address(household):
    token = feed_token_get(household=household).token
    get_feed(feed("household", token))

    household_erase(household=household)

    assert Client().get(feed("household", token)).status_code == 404
    assert FeedToken.objects.valid().filter(household=household).count() == 0
