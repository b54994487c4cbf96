"""The weighted mean every review uses."""

from events.scoring import weighted_mean


def test_weighted_mean_leaves_out_unscored_criteria():
    assert weighted_mean([(3, 5.0), (1, 1.0), (2, None)]) == 4.0
    assert weighted_mean([(2, 3.5)]) == 3.5


def test_nothing_scored_is_none():
    assert weighted_mean([(1, None), (2, None)]) is None
    assert weighted_mean([]) is None
