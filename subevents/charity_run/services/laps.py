"""Lap counting: every tap is its own immutable row; an undo or a confirmation
is a new row pointing at the tap.

The rules, all decided under the runner's row lock so that two counters tapping
the same runner at once are served one after the other:
- a replayed idempotency key returns the stored entry (no new row); the same key
  for another start number is `idempotency_conflict`;
- a tap within the minimum lap time of one of the runner's counted laps is
  flagged: it does not count unless an organiser confirms it.
"""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Counter, LapEntry, Run, Runner
from ..selectors import counted_taps, runner_laps

# A phone's clock is trusted for the lap's moment within these bounds (a tap
# queued offline for a while arrives late); otherwise the server's time counts.
CLIENT_PAST = dt.timedelta(hours=6)
CLIENT_FUTURE = dt.timedelta(minutes=2)


@dataclass(frozen=True)
class LapResult:
    entry: LapEntry
    replayed: bool
    laps: int


def _moment(client_time: dt.datetime | None, now: dt.datetime) -> dt.datetime:
    if client_time is not None and now - CLIENT_PAST <= client_time <= now + (
        CLIENT_FUTURE
    ):
        return client_time
    return now


def _conflict() -> ValidationError:
    return ValidationError(
        _("This key was already used for another entry."),
        code="idempotency_conflict",
    )


def _replay(entry: LapEntry, *, kind: str, runner_id: int, target_id=None):
    if (entry.kind, entry.runner_id, entry.target_id) != (kind, runner_id, target_id):
        raise _conflict()
    return LapResult(entry, True, runner_laps(entry.runner_id, entry.run_id))


def _create(**fields) -> LapEntry | None:
    """Insert, or None when the key (or the one-undo rule) was taken meanwhile."""
    try:
        with transaction.atomic():
            return LapEntry.objects.create(**fields)
    except IntegrityError:
        return None


def _not_live() -> ValidationError:
    return ValidationError(
        _("Laps are not being counted for this run right now."), code="run_not_live"
    )


@transaction.atomic
def lap_tap(
    *,
    run: Run,
    start_number: int,
    key: uuid.UUID,
    counter: Counter | None = None,
    user: AbstractBaseUser | None = None,
    device_id: str = "",
    client_time: dt.datetime | None = None,
) -> LapResult:
    """Record one lap of the runner with `start_number`. Errors: `run_not_live`,
    `unknown_start_number`, `idempotency_conflict`."""
    runner = (
        Runner.objects.select_for_update()
        .filter(run=run, start_number=start_number)
        .first()
    )
    existing = LapEntry.objects.filter(run=run, idempotency_key=key).first()
    if existing is not None:
        return _replay(
            existing, kind=LapEntry.Kind.TAP, runner_id=getattr(runner, "pk", None)
        )
    if not run.is_live:
        raise _not_live()
    if runner is None:
        raise ValidationError(
            _("There is no runner with the start number %(number)s.")
            % {"number": start_number},
            code="unknown_start_number",
        )
    now = timezone.now()
    moment = _moment(client_time, now)
    window = dt.timedelta(seconds=run.min_lap_seconds)
    too_soon = (
        counted_taps(run.pk)
        .filter(
            runner=runner, tapped_at__gt=moment - window, tapped_at__lt=moment + window
        )
        .exists()
    )
    entry = _create(
        run=run,
        runner=runner,
        kind=LapEntry.Kind.TAP,
        counter=counter,
        user=user if user is not None and user.is_authenticated else None,
        device_id=device_id[:64],
        idempotency_key=key,
        client_time=client_time,
        received_at=now,
        tapped_at=moment,
        flagged=too_soon,
    )
    if entry is None:  # the same key arrived for another runner at the same time
        existing = LapEntry.objects.get(run=run, idempotency_key=key)
        return _replay(existing, kind=LapEntry.Kind.TAP, runner_id=runner.pk)
    return LapResult(entry, False, runner_laps(runner.pk, run.pk))


def _followup(
    *,
    run: Run,
    target: LapEntry,
    kind: str,
    key: uuid.UUID,
    counter: Counter | None,
    user: AbstractBaseUser | None,
    device_id: str,
) -> LapResult:
    Runner.objects.select_for_update().filter(pk=target.runner_id).first()
    existing = LapEntry.objects.filter(run=run, idempotency_key=key).first()
    if existing is not None:
        return _replay(
            existing, kind=kind, runner_id=target.runner_id, target_id=target.pk
        )
    done = dict(target.followups.values_list("kind", "pk"))
    if LapEntry.Kind.UNDO in done:
        raise ValidationError(_("This lap was already undone."), code="already_undone")
    if kind == LapEntry.Kind.CONFIRM:
        if not target.flagged:
            raise ValidationError(_("This lap is not flagged."), code="not_flagged")
        if LapEntry.Kind.CONFIRM in done:
            raise ValidationError(
                _("This lap was already confirmed."), code="already_confirmed"
            )
    now = timezone.now()
    entry = _create(
        run=run,
        runner_id=target.runner_id,
        kind=kind,
        target=target,
        counter=counter,
        user=user if user is not None and user.is_authenticated else None,
        device_id=device_id[:64],
        idempotency_key=key,
        received_at=now,
        tapped_at=now,
    )
    if entry is None:
        existing = LapEntry.objects.filter(run=run, idempotency_key=key).first()
        if existing is None:  # another undo of the same tap won the race
            raise ValidationError(
                _("This lap was already undone."), code="already_undone"
            )
        return _replay(
            existing, kind=kind, runner_id=target.runner_id, target_id=target.pk
        )
    return LapResult(entry, False, runner_laps(target.runner_id, run.pk))


@transaction.atomic
def lap_undo(
    *,
    run: Run,
    target_key: uuid.UUID,
    key: uuid.UUID,
    counter: Counter | None = None,
    user: AbstractBaseUser | None = None,
    device_id: str = "",
) -> LapResult:
    """Undo the tap sent with `target_key` by a new entry. Errors: `unknown_tap`,
    `already_undone`, `run_not_live` (for counting links), `idempotency_conflict`."""
    target = LapEntry.objects.filter(
        run=run, idempotency_key=target_key, kind=LapEntry.Kind.TAP
    ).first()
    if target is None:
        raise ValidationError(_("There is no such lap to undo."), code="unknown_tap")
    if counter is not None and not run.is_live:
        existing = LapEntry.objects.filter(run=run, idempotency_key=key).first()
        if existing is None:
            raise _not_live()
    return _followup(
        run=run,
        target=target,
        kind=LapEntry.Kind.UNDO,
        key=key,
        counter=counter,
        user=user,
        device_id=device_id,
    )


@transaction.atomic
def lap_confirm(*, entry: LapEntry, user: AbstractBaseUser) -> LapResult:
    """An organiser counts a flagged tap after all. Errors: `not_flagged`,
    `already_undone`, `already_confirmed`."""
    return _followup(
        run=entry.run,
        target=entry,
        kind=LapEntry.Kind.CONFIRM,
        key=uuid.uuid4(),
        counter=None,
        user=user,
        device_id="",
    )


@transaction.atomic
def run_state_set(*, run: Run, state: str) -> Run:
    """Start counting (live), stop it (finished) or go back to not started."""
    if state not in Run.State.values:
        raise ValidationError(_("Please choose a counting state."), code="run_state")
    run = Run.objects.select_for_update().get(pk=run.pk)
    run.state = state
    run.save(update_fields=["state", "updated_at"])
    return run


@transaction.atomic
def counter_create(
    *, run: Run, name: str, by: AbstractBaseUser | None = None
) -> Counter:
    """A counting link for a volunteer's phone."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(
            _("Please name the counting link."), code="counter_name_missing"
        )
    return Counter.objects.create(run=run, name=name, created_by=by)


@transaction.atomic
def counter_revoke(*, counter: Counter) -> Counter:
    """The link stops working at once; its entries stay."""
    if counter.revoked_at is None:
        counter.revoked_at = timezone.now()
        counter.save(update_fields=["revoked_at"])
    return counter
