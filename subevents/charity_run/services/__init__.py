"""Every write of the Spendenlauf: sign-ups and teams (`runners`), pledges
(`pledges`), counting links and lap taps (`laps`). Views, the demo and tests
call these; they raise ValidationError with a code."""

from .laps import (
    counter_create,
    counter_revoke,
    lap_confirm,
    lap_tap,
    lap_undo,
    run_state_set,
)
from .pledges import pledge_create, pledge_mark_received
from .runners import run_setup, runner_register, team_create

__all__ = [
    "counter_create",
    "counter_revoke",
    "lap_confirm",
    "lap_tap",
    "lap_undo",
    "pledge_create",
    "pledge_mark_received",
    "run_setup",
    "run_state_set",
    "runner_register",
    "team_create",
]
