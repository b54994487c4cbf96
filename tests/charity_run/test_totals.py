"""The organisers' totals equal the sum of their parts, whatever the laps and
pledges (hypothesis, on the database): per-lap pledges capped, team pledges on
the team's laps, fixed pledges as they are."""

import datetime as dt
import uuid

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from subevents.charity_run import rules, services
from subevents.charity_run.selectors import run_figures

from .factories import make_run, pledge, runner, team

pledges = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=2),  # for runner 0, 1 or the team (2)
        st.booleans(),  # fixed?
        st.integers(min_value=1, max_value=500),  # cents per lap or fixed
        st.none() | st.integers(min_value=1, max_value=3000),  # cap
    ),
    max_size=6,
)


class Rollback(Exception):
    pass


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    lap_counts=st.tuples(
        st.integers(min_value=0, max_value=12), st.integers(min_value=0, max_value=12)
    ),
    specs=pledges,
)
def test_totals_are_the_sum_of_each_pledge_due(lap_counts, specs):
    try:
        with transaction.atomic():
            run = make_run()
            klasse = team(run)
            people = [runner(run, "Mia", team=klasse), runner(run, "Ben", team=klasse)]
            start = timezone.now() - dt.timedelta(hours=2)
            for person, count in zip(people, lap_counts, strict=True):
                for n in range(count):
                    services.lap_tap(
                        run=run,
                        start_number=person.start_number,
                        key=uuid.uuid4(),
                        client_time=start + dt.timedelta(minutes=2 * n),
                    )
            expected = 0
            for target, fixed, amount, cap in specs:
                where = {"team": klasse} if target == 2 else {"runner": people[target]}
                laps = sum(lap_counts) if target == 2 else lap_counts[target]
                if fixed:
                    pledge(run, fixed_cents=amount, **where)
                    expected += amount
                else:
                    pledge(run, per_lap_cents=amount, cap_cents=cap, **where)
                    expected += min(laps * amount, cap) if cap else laps * amount

            figures = run_figures(run)

            assert figures.overall.pledged == expected
            assert figures.teams[klasse.pk].pledged == expected
            assert sum(figures.due.values()) == expected
            assert figures.overall.laps == sum(lap_counts)
            assert figures.team_laps[klasse.pk] == sum(lap_counts)
            for p in run.pledges.all():
                assert figures.due[p.pk] <= (p.cap_cents or figures.due[p.pk])
                assert figures.due[p.pk] == rules.pledge_due(
                    p,
                    sum(lap_counts) if p.team_id else figures.laps.get(p.runner_id, 0),
                )
            raise Rollback
    except Rollback:
        pass
