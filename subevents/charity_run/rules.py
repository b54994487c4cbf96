"""The arithmetic of the Spendenlauf, pure and property-tested: what a pledge is
worth after n laps, which start number comes next, money as text."""

from collections.abc import Iterable
from decimal import Decimal

from django.utils.formats import number_format

PER_LAP = "per_lap"
FIXED = "fixed"


def amount_due(
    *, kind: str, laps: int, per_lap_cents: int, cap_cents: int | None, fixed_cents: int
) -> int:
    """Cents a pledge is worth after `laps` laps: a fixed pledge its amount
    whatever was run; a per-lap pledge laps × amount, never above its cap."""
    if kind == FIXED:
        return fixed_cents
    due = max(laps, 0) * per_lap_cents
    if cap_cents is not None:
        due = min(due, cap_cents)
    return due


def pledge_due(pledge, laps: int) -> int:
    """`amount_due` for a Pledge row (or anything with its fields)."""
    return amount_due(
        kind=pledge.kind,
        laps=laps,
        per_lap_cents=pledge.per_lap_cents,
        cap_cents=pledge.cap_cents,
        fixed_cents=pledge.fixed_cents,
    )


def next_individual_number(
    *, taken: Iterable[int], team_blocks: Iterable[int], block_size: int
) -> int:
    """The next start number for a runner without a team: one above the highest
    individual number so far (from 1), skipping every team's block."""
    blocks = set(team_blocks)
    number = max(taken, default=0) + 1
    while number // block_size in blocks or number == 0:
        number = (number // block_size + 1) * block_size
    return number


def next_team_block(
    *, team_blocks: Iterable[int], individual_numbers: Iterable[int], block_size: int
) -> int:
    """The block a new team gets: above every team's block and every block
    that individual numbers already reach into (block 0 is the individuals')."""
    used = set(team_blocks) | {n // block_size for n in individual_numbers} | {0}
    return max(used) + 1


def next_team_number(
    *, taken: Iterable[int], block: int, block_size: int
) -> int | None:
    """The lowest free number of the team's block; None when the block is full."""
    used = set(taken)
    for number in range(block * block_size, (block + 1) * block_size):
        if number not in used:
            return number
    return None


def euro(cents: int | None) -> str:
    """'1.234,50 €' in German, '1,234.50 €' in English (the active language)."""
    value = Decimal(cents or 0) / 100
    return (
        f"{number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)} €"
    )


def grouped(number: int) -> str:
    """A count with the language's thousands separator: '1.684' in German."""
    return number_format(number, use_l10n=True, force_grouping=True)


def distance_km(laps: int, lap_length_m: int) -> str:
    """Laps as kilometres with one decimal, e.g. '4,8'."""
    value = Decimal(laps * lap_length_m) / 1000
    return number_format(value.quantize(Decimal("0.1")), decimal_pos=1, use_l10n=True)
