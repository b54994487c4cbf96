"""The market's part of the retention period (see events.retention): the same
`market_anonymise` the `flea_market_anonymise` command runs, for every market of
the festival that is over. Pitches, fees, kinds of sellers, goods and
associations' names stay (see privacy.py)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Festival

from .models import Application, Market
from .privacy import market_anonymise

LABELS = {"sellers": _("market sellers (name, e-mail, phone, note)")}


def _markets(festival: Festival):
    # A market that is not over keeps its sellers (market_anonymise refuses it).
    return Market.objects.filter(
        event__sub_event__festival=festival, event__ends_at__lte=timezone.now()
    )


def retention_preview(festival: Festival) -> dict[str, int]:
    sellers = (
        Application.objects.filter(market__in=_markets(festival))
        .exclude(email__endswith="@invalid")
        .count()
    )
    return {"sellers": sellers}


def retention_anonymise(festival: Festival) -> dict[str, int]:
    sellers = sum(
        market_anonymise(market=market) for market in _markets(festival).order_by("pk")
    )
    return {"sellers": sellers}
