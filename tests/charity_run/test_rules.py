"""The arithmetic, property-tested: what a pledge is worth after n laps, the
totals, and the start numbers."""

from hypothesis import given
from hypothesis import strategies as st

from subevents.charity_run import rules

cents = st.integers(min_value=1, max_value=100_000)
laps = st.integers(min_value=0, max_value=500)
caps = st.none() | cents


@given(per_lap=cents, cap=caps, fewer=laps, more=laps)
def test_a_per_lap_pledge_grows_with_the_laps_and_never_passes_its_cap(
    per_lap, cap, fewer, more
):
    fewer, more = sorted((fewer, more))
    low = rules.amount_due(
        kind="per_lap", laps=fewer, per_lap_cents=per_lap, cap_cents=cap, fixed_cents=0
    )
    high = rules.amount_due(
        kind="per_lap", laps=more, per_lap_cents=per_lap, cap_cents=cap, fixed_cents=0
    )
    assert low <= high
    if cap is not None:
        assert high <= cap
        assert high == min(more * per_lap, cap)
    else:
        assert high == more * per_lap


@given(fixed=cents, n=laps)
def test_a_fixed_pledge_ignores_the_laps(fixed, n):
    assert (
        rules.amount_due(
            kind="fixed", laps=n, per_lap_cents=0, cap_cents=None, fixed_cents=fixed
        )
        == fixed
    )


def test_the_examples_in_cents():
    assert (
        rules.amount_due(
            kind="per_lap", laps=12, per_lap_cents=150, cap_cents=1500, fixed_cents=0
        )
        == 1500
    )
    assert (
        rules.amount_due(
            kind="per_lap", laps=9, per_lap_cents=150, cap_cents=1500, fixed_cents=0
        )
        == 1350
    )


@given(
    taken=st.sets(st.integers(min_value=1, max_value=450), max_size=40),
    blocks=st.sets(st.integers(min_value=1, max_value=5), max_size=4),
)
def test_an_individual_number_is_new_and_outside_every_team_block(taken, blocks):
    taken = {n for n in taken if n // 100 not in blocks}
    number = rules.next_individual_number(
        taken=taken, team_blocks=blocks, block_size=100
    )
    assert number not in taken
    assert number >= 1
    assert number // 100 not in blocks
    assert number > max(taken, default=0)


def test_numbers_of_teams_and_individuals():
    assert rules.next_individual_number(taken=[], team_blocks=[], block_size=100) == 1
    assert (
        rules.next_individual_number(taken=[98, 99], team_blocks=[1, 2], block_size=100)
        == 300
    )
    assert (
        rules.next_team_block(
            team_blocks=[1], individual_numbers=[5, 99], block_size=100
        )
        == 2
    )
    assert (
        rules.next_team_block(team_blocks=[], individual_numbers=[250], block_size=100)
        == 3
    )
    assert rules.next_team_number(taken=[200, 201], block=2, block_size=100) == 202
    assert (
        rules.next_team_number(taken=range(200, 300), block=2, block_size=100) is None
    )


def test_money_and_distance_in_german():
    assert rules.euro(123450) == "1.234,50 €"
    assert rules.euro(5) == "0,05 €"
    assert rules.distance_km(12, 400) == "4,8"
