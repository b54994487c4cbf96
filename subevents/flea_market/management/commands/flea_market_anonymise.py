"""Anonymise the sellers of markets that ended more than --days days ago
(default 60: time for fees, refunds and questions). Run it daily or after the
festival; a second run changes nothing."""

from django.core.management.base import BaseCommand

from subevents.flea_market.privacy import market_anonymise, markets_due


class Command(BaseCommand):
    help = "Anonymise the sellers' personal data of markets that are long over."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=60)

    def handle(self, *args, days: int, **options) -> None:
        total = 0
        for market in markets_due(days=days):
            changed = market_anonymise(market=market)
            total += changed
            self.stdout.write(f"{market.event.slug}: {changed}")
        self.stdout.write(f"anonymised: {total}")
