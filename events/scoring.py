"""Scores on weighted criteria, shared by every review in the project (the
Denkfabrik's ideas, the conference's submissions): pure arithmetic, no queries."""

from collections.abc import Iterable


def weighted_mean(pairs: Iterable[tuple[float, float | None]]) -> float | None:
    """Σ weight·mean / Σ weight over (weight, mean) pairs; a criterion nobody has
    scored yet (mean None) is left out; None when none is scored."""
    rated = [(weight, mean) for weight, mean in pairs if mean is not None]
    weights = sum(weight for weight, _mean in rated)
    if not weights:
        return None
    return sum(weight * mean for weight, mean in rated) / weights
