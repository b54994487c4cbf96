"""`manage.py retention_run [--dry-run] [--festival slug] [--now ISO]`: anonymise
the personal data of festivals whose retention period is over (what the daily
task does) and print the counts."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from events.models import BERLIN, Festival
from events.retention import retention_run, retention_run_due


class Command(BaseCommand):
    help = "Anonymise personal data of festivals whose retention period is over."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Change nothing; print the counts."
        )
        parser.add_argument("--festival", help="Only this festival (slug).")
        parser.add_argument(
            "--now",
            help=(
                "Decide what is due as at this moment (ISO 8601; Berlin if naive). "
                "The handlers still see the real clock: a market not yet over keeps "
                "its sellers."
            ),
        )

    def handle(self, *args, dry_run: bool, festival: str | None, now: str | None, **kw):
        moment = timezone.now()
        if now:
            try:
                moment = dt.datetime.fromisoformat(now)
            except ValueError:
                raise CommandError(
                    f"--now: not an ISO 8601 date or time: {now!r}"
                ) from None
            if timezone.is_naive(moment):
                moment = moment.replace(tzinfo=BERLIN)
        if festival:
            found = Festival.objects.filter(slug=festival).first()
            if found is None:
                raise CommandError(f"No festival with the slug {festival!r}.")
            results = [retention_run(festival=found, now=moment, dry_run=dry_run)]
        else:
            results = retention_run_due(now=moment, dry_run=dry_run)
        if not results:
            self.stdout.write("no festival is due")
        for result in results:
            self.stdout.write(
                f"{result.festival.slug}: {result.status} "
                f"(kept until {result.due_on.isoformat()})"
            )
            for key, count in result.counts.items():
                self.stdout.write(f"  {key}: {count}")
