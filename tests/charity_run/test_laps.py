"""Counting laps in the service: one row per tap, replays count once, taps too
soon are flagged, undo and confirm are new rows, nothing is overwritten."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from subevents.charity_run import services
from subevents.charity_run.models import LapEntry, Run
from subevents.charity_run.selectors import flagged_taps, laps_map, runner_laps

from .factories import laps, make_run, runner

pytestmark = pytest.mark.django_db


def tap(run, number, key=None, **kwargs):
    return services.lap_tap(
        run=run, start_number=number, key=key or uuid.uuid4(), **kwargs
    )


def test_each_tap_is_a_row_and_a_lap():
    run = make_run()
    mia = runner(run)
    results = laps(run, mia, 3)
    assert [r.laps for r in results] == [1, 2, 3]
    assert LapEntry.objects.filter(runner=mia, kind="tap").count() == 3
    assert laps_map(run) == {mia.pk: 3}


def test_a_replayed_key_returns_the_stored_tap_without_a_new_row():
    run = make_run()
    mia = runner(run)
    key = uuid.uuid4()
    first = tap(run, mia.start_number, key)
    again = tap(run, mia.start_number, key)
    assert (first.replayed, again.replayed) == (False, True)
    assert again.entry.pk == first.entry.pk
    assert LapEntry.objects.count() == 1
    assert runner_laps(mia.pk) == 1


def test_the_same_key_for_another_start_number_is_a_conflict():
    run = make_run()
    mia, ben = runner(run), runner(run, "Ben")
    key = uuid.uuid4()
    tap(run, mia.start_number, key)
    with pytest.raises(ValidationError) as err:
        tap(run, ben.start_number, key)
    assert err.value.code == "idempotency_conflict"
    assert LapEntry.objects.count() == 1


def test_unknown_start_number_and_a_run_not_live_are_refused():
    run = make_run()
    runner(run)
    with pytest.raises(ValidationError) as err:
        tap(run, 999)
    assert err.value.code == "unknown_start_number"
    services.run_state_set(run=run, state=Run.State.FINISHED)
    run.refresh_from_db()
    with pytest.raises(ValidationError) as err:
        tap(run, 1)
    assert err.value.code == "run_not_live"
    assert LapEntry.objects.count() == 0


def test_a_second_tap_within_the_minimum_lap_time_is_flagged_and_does_not_count():
    run = make_run(min_lap_seconds=60)
    mia = runner(run)
    start = timezone.now() - dt.timedelta(minutes=10)
    first = tap(run, 1, client_time=start)
    double = tap(run, 1, client_time=start + dt.timedelta(seconds=20))
    later = tap(run, 1, client_time=start + dt.timedelta(seconds=90))
    assert (first.entry.flagged, double.entry.flagged, later.entry.flagged) == (
        False,
        True,
        False,
    )
    assert later.laps == 2
    assert flagged_taps(run) == [double.entry]

    confirmed = services.lap_confirm(entry=double.entry, user=None)
    assert confirmed.entry.kind == "confirm"
    assert confirmed.entry.target == double.entry
    assert runner_laps(mia.pk) == 3
    assert flagged_taps(run) == []
    with pytest.raises(ValidationError) as err:
        services.lap_confirm(entry=double.entry, user=None)
    assert err.value.code == "already_confirmed"
    with pytest.raises(ValidationError) as err:
        services.lap_confirm(entry=first.entry, user=None)
    assert err.value.code == "not_flagged"


def test_undo_is_a_new_entry_and_the_tap_stays():
    run = make_run()
    mia = runner(run)
    _first, second = laps(run, mia, 2)
    key = uuid.uuid4()
    undo = services.lap_undo(run=run, target_key=second.entry.idempotency_key, key=key)
    assert (undo.entry.kind, undo.entry.target_id, undo.laps) == (
        "undo",
        second.entry.pk,
        1,
    )
    assert LapEntry.objects.filter(kind="tap").count() == 2
    # The undo replayed: the same answer, no row.
    again = services.lap_undo(run=run, target_key=second.entry.idempotency_key, key=key)
    assert (again.replayed, again.entry.pk) == (True, undo.entry.pk)
    with pytest.raises(ValidationError) as err:
        services.lap_undo(
            run=run, target_key=second.entry.idempotency_key, key=uuid.uuid4()
        )
    assert err.value.code == "already_undone"
    with pytest.raises(ValidationError) as err:
        services.lap_undo(run=run, target_key=uuid.uuid4(), key=uuid.uuid4())
    assert err.value.code == "unknown_tap"
    assert LapEntry.objects.count() == 3
    assert runner_laps(mia.pk) == 1


def test_undoing_the_counted_lap_lets_the_next_tap_count():
    run = make_run(min_lap_seconds=60)
    runner(run)
    now = timezone.now()
    wrong = tap(run, 1, client_time=now - dt.timedelta(seconds=10))
    services.lap_undo(run=run, target_key=wrong.entry.idempotency_key, key=uuid.uuid4())
    right = tap(run, 1, client_time=now)
    assert (right.entry.flagged, right.laps) == (False, 1)


def test_the_phone_clock_counts_when_plausible_else_the_server_clock():
    run = make_run()
    runner(run)
    now = timezone.now()
    queued = tap(run, 1, client_time=now - dt.timedelta(minutes=5))
    wild = tap(run, 1, client_time=now + dt.timedelta(days=1))
    assert queued.entry.tapped_at == now - dt.timedelta(minutes=5)
    assert abs(wild.entry.tapped_at - timezone.now()) < dt.timedelta(seconds=5)
    assert wild.entry.client_time == now + dt.timedelta(days=1)
