"""Sponsors' pledges: entered online by the family or by staff from a paper form;
only staff mark money as received."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Pledge, Run, Runner, Team

MAX_CENTS = 10_000_00  # 10.000 € per pledge: a typo guard, not a policy


def _check_amounts(kind: str, per_lap: int, cap: int | None, fixed: int) -> None:
    if kind == Pledge.Kind.PER_LAP:
        if not 0 < per_lap <= MAX_CENTS:
            raise ValidationError(
                _("Please give an amount per lap."), code="pledge_amount"
            )
        if cap is not None and not 0 < cap <= MAX_CENTS:
            raise ValidationError(
                _("The upper limit must be more than 0 €."), code="pledge_cap"
            )
    elif kind == Pledge.Kind.FIXED:
        if not 0 < fixed <= MAX_CENTS:
            raise ValidationError(
                _("Please give the fixed amount."), code="pledge_amount"
            )
    else:
        raise ValidationError(_("Please choose per lap or fixed."), code="pledge_kind")


@transaction.atomic
def pledge_create(
    *,
    run: Run,
    sponsor_name: str,
    kind: str,
    runner: Runner | None = None,
    team: Team | None = None,
    per_lap_cents: int = 0,
    cap_cents: int | None = None,
    fixed_cents: int = 0,
    sponsor_email: str = "",
    sponsor_address: str = "",
    source: str = Pledge.Source.ONLINE,
    entered_by: AbstractBaseUser | None = None,
) -> Pledge:
    """A pledge for one runner or one team (`pledge_target`), per lap with an
    optional cap or a fixed sum (`pledge_amount`, `pledge_cap`)."""
    sponsor_name = " ".join((sponsor_name or "").split())
    if not sponsor_name:
        raise ValidationError(
            _("Please give the sponsor's name."), code="sponsor_name_missing"
        )
    if (runner is None) == (team is None):
        raise ValidationError(
            _("A pledge is for one runner or for one team."), code="pledge_target"
        )
    target_run = runner.run_id if runner is not None else team.run_id
    if target_run != run.pk:
        raise ValidationError(_("Not a runner of this run."), code="pledge_target")
    if kind == Pledge.Kind.FIXED:
        per_lap_cents, cap_cents = 0, None
    else:
        fixed_cents = 0
    _check_amounts(kind, per_lap_cents, cap_cents, fixed_cents)
    if source not in Pledge.Source.values:
        raise ValidationError("unknown source", code="pledge_source")
    return Pledge.objects.create(
        run=run,
        runner=runner,
        team=team,
        sponsor_name=sponsor_name,
        sponsor_email=(sponsor_email or "").strip().lower(),
        sponsor_address=(sponsor_address or "").strip(),
        kind=kind,
        per_lap_cents=per_lap_cents,
        cap_cents=cap_cents,
        fixed_cents=fixed_cents,
        source=source,
        entered_by=entered_by if source == Pledge.Source.PAPER else None,
    )


@transaction.atomic
def pledge_mark_received(
    *, pledge: Pledge, cents: int | None, by: AbstractBaseUser
) -> Pledge:
    """Record what arrived for a pledge (staff only; None clears it). The row is
    locked so two organisers marking at once leave one consistent record."""
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    if cents is not None and not 0 <= cents <= MAX_CENTS * 10:
        raise ValidationError(_("Please give the amount received."), code="received")
    pledge.received_cents = cents
    pledge.received_at = timezone.now() if cents is not None else None
    pledge.received_by = by if cents is not None else None
    pledge.save(update_fields=["received_cents", "received_at", "received_by"])
    return pledge
