"""The demo's Spendenlauf: the Familienlauf with 10 teams, 150+ runners, 200+
pledges and laps counted; deterministic and idempotent."""

from io import StringIO

import pytest
from django.core.management import call_command

from events import demo
from events.models import Festival
from subevents.charity_run.demo import demo_charity_run
from subevents.charity_run.models import LapEntry, Pledge, Run, Runner, Team
from subevents.charity_run.selectors import flagged_taps, run_figures

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load(*args: str) -> None:
    call_command("load_demo", *args, stdout=StringIO(), stderr=StringIO())


def test_the_demo_has_a_charity_run_with_teams_runners_pledges_and_laps():
    load("--start", "2027-06-14")

    run = Run.objects.select_related("event").get()
    assert run.event.slug == "spendenlauf-familienlauf"
    assert run.state == "live"
    assert Team.objects.count() == 10
    assert Runner.objects.count() >= 150
    assert Pledge.objects.count() >= 200
    assert sorted(Team.objects.values_list("block", flat=True)) == list(range(1, 11))
    numbers = list(Runner.objects.values_list("start_number", flat=True))
    assert len(numbers) == len(set(numbers))
    figures = run_figures(run)
    assert figures.overall.laps >= 1000
    assert figures.overall.pledged > 0
    assert len(flagged_taps(run)) == 4
    assert Runner.objects.filter(last_name="حداد").count() == 1
    # Several pledges by one sponsor: the letters gather them.
    emails = list(
        Pledge.objects.exclude(sponsor_email="").values_list("sponsor_email", flat=True)
    )
    assert len(set(emails)) < len(emails)


def test_a_second_run_asks_one_query_and_writes_nothing(django_assert_num_queries):
    load("--start", "2027-06-14")
    festival = Festival.objects.get(slug=demo.FESTIVAL_SLUG)
    counts = [m.objects.count() for m in (Run, Team, Runner, Pledge, LapEntry)]

    with django_assert_num_queries(1):
        assert demo_charity_run(festival) == 0
    load("--start", "2027-06-14")

    assert [m.objects.count() for m in (Run, Team, Runner, Pledge, LapEntry)] == counts


def test_the_demo_is_deterministic():
    load("--start", "2027-06-14")
    first = list(
        Runner.objects.order_by("start_number").values_list(
            "start_number", "first_name", "last_name"
        )
    )
    keys = set(LapEntry.objects.values_list("idempotency_key", flat=True))
    Run.objects.all().delete()

    festival = Festival.objects.get(slug=demo.FESTIVAL_SLUG)
    assert demo_charity_run(festival) > 0

    again = list(
        Runner.objects.order_by("start_number").values_list(
            "start_number", "first_name", "last_name"
        )
    )
    assert again == first
    assert set(LapEntry.objects.values_list("idempotency_key", flat=True)) == keys
