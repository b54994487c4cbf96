"""Secret link tokens are compared in constant time (events.tokens): the database
narrows by the first characters only, the whole token is compared with
hmac.compare_digest, and nothing but the exact token opens an object."""

import pytest

from events.tokens import SELECTOR_LENGTH, token_lookup
from registrations.models import Household
from registrations.selectors import household_by_token

pytestmark = pytest.mark.django_db

TOKEN = "Ab3dEf7h" + "x" * 35  # 43 characters, as secrets.token_urlsafe(32)


def household(token: str, n: int) -> Household:
    return Household.objects.create(
        name=f"Familie {n}", email=f"familie{n}@example.org", token=token
    )


def test_only_the_exact_token_opens_its_household():
    mine = household(TOKEN, 1)
    # Same selector, other secret part: the database returns both as candidates.
    household(TOKEN[:-1] + "y", 2)
    household(TOKEN[:SELECTOR_LENGTH].lower() + "x" * 35, 3)

    assert token_lookup(Household.objects.all(), TOKEN) == mine
    assert household_by_token(TOKEN) == mine
    assert token_lookup(Household.objects.all(), TOKEN[:-1] + "z") is None
    assert token_lookup(Household.objects.all(), TOKEN.swapcase()) is None
    assert token_lookup(Household.objects.all(), TOKEN[:-1]) is None
    assert token_lookup(Household.objects.all(), TOKEN + "x") is None


def test_a_selector_alone_or_nothing_opens_nothing_and_asks_no_query(
    django_assert_num_queries,
):
    household(TOKEN, 1)
    with django_assert_num_queries(0):
        assert token_lookup(Household.objects.all(), TOKEN[:SELECTOR_LENGTH]) is None
        assert token_lookup(Household.objects.all(), "") is None
        assert token_lookup(Household.objects.all(), None) is None


def test_the_database_compares_the_selector_only(django_assert_num_queries):
    household(TOKEN, 1)
    with django_assert_num_queries(1) as captured:
        token_lookup(Household.objects.all(), TOKEN)
    sql = captured.captured_queries[0]["sql"]
    assert TOKEN[:SELECTOR_LENGTH] in sql
    assert TOKEN not in sql
