"""Sellers' personal data is kept only as long as the market needs it: after
the market (and a grace period for fees and questions) it is anonymised.

Anonymised, not deleted: the rows stay so that the organisers' figures (pitches,
fees paid, kinds of sellers, goods) still add up. Name and note become "—", the
e-mail address erased-<pk>@invalid, the phone is emptied and the link token
replaced, so the seller's old link opens nothing. An association's name is an
organisation's, not a person's, and stays.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Application, Market, _token

ERASED = "—"


@transaction.atomic
def market_anonymise(*, market: Market) -> int:
    """Anonymise every application of a market that is over; returns how many
    were changed (0 when already done). Refusal: market_not_over."""
    market = (
        Market.objects.select_for_update().select_related("event").get(pk=market.pk)
    )
    if timezone.now() < market.event.ends_at:
        raise ValidationError(
            _("The market is not over yet; its sellers' data is still needed."),
            code="market_not_over",
        )
    changed = 0
    for application in Application.objects.filter(market=market).exclude(
        email__endswith="@invalid"
    ):
        application.name = ERASED
        application.email = f"erased-{application.pk}@invalid"
        application.phone = ""
        application.note = ""
        application.token = _token()
        application.save(
            update_fields=["name", "email", "phone", "note", "token", "updated_at"]
        )
        changed += 1
    return changed


def markets_due(*, days: int, now: dt.datetime | None = None) -> list[Market]:
    """Markets that ended more than `days` days ago and still hold personal
    data (two queries)."""
    now = now or timezone.now()
    ended = Market.objects.filter(
        event__ends_at__lt=now - dt.timedelta(days=days)
    ).select_related("event")
    holding = set(
        Application.objects.filter(market__in=ended)
        .exclude(email__endswith="@invalid")
        .values_list("market_id", flat=True)
    )
    return [m for m in ended if m.pk in holding]
