"""`python manage.py load_demo [--start YYYY-MM-DD] [--with-demo-accounts]`.

Loads the demo festival (idempotent; see events.demo). The demo accounts share one
published password, so they are made only in development (DEBUG on) or when asked
for explicitly.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from events.demo import DEMO_PASSWORD, DemoResult, demo_default_start, demo_load


class Command(BaseCommand):
    help = (
        "Load the demo festival (idempotent). With DEBUG on, or with "
        "--with-demo-accounts, also create the demo logins."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--start",
            metavar="YYYY-MM-DD",
            help=(
                "First day of the festival week, a Monday. Default: the first Monday "
                "at least 8 weeks from today, so registration is open."
            ),
        )
        parser.add_argument(
            "--with-demo-accounts",
            action="store_true",
            help=(
                "Create the demo accounts even though DEBUG is off. Never on a "
                "public server: their password is published."
            ),
        )

    def handle(self, *args, **options) -> None:
        start = self._start(options["start"])
        with_accounts = bool(settings.DEBUG or options["with_demo_accounts"])
        try:
            result = demo_load(start=start, with_accounts=with_accounts)
        except ValidationError as error:
            # Someone changed the demo data by hand so that it no longer fits.
            raise CommandError(
                "The demo could not be loaded, nothing was changed: "
                + "; ".join(error.messages)
            ) from error
        self._report(result)
        if not with_accounts:
            self.stderr.write(
                self.style.WARNING(
                    "Demo accounts were NOT created: DEBUG is off, so this may be a "
                    "public server. Pass --with-demo-accounts to create them anyway."
                )
            )

    def _start(self, value: str | None) -> dt.date:
        if value is None:
            return demo_default_start(timezone.localdate())
        try:
            start = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise CommandError(
                f"--start must be a date written YYYY-MM-DD (e.g. 2027-06-14), "
                f"not {value!r}."
            ) from None
        if start.weekday() != 0:
            self.stderr.write(
                self.style.WARNING(
                    f"Note: {start:%Y-%m-%d} is a {start:%A}; the festival week "
                    "usually starts on a Monday."
                )
            )
        return start

    def _report(self, result: DemoResult) -> None:
        festival = result.festival
        write = self.stdout.write
        write(
            self.style.SUCCESS(
                f"Demo festival “{festival.name}”: "
                f"{festival.start_date:%a %d.%m.%Y} – {festival.end_date:%a %d.%m.%Y}"
            )
        )
        write(
            f"  {result.events} events ({result.published} published, "
            f"{result.drafts} drafts, {result.cancelled} cancelled), "
            f"{result.sub_events} sub-events, {result.venues} venues, "
            f"{result.partners} partners, {result.audiences} audiences"
        )
        if not result.changed:
            write("  Already up to date: nothing changed.")
        else:
            moved = ""
            if result.moved_days:
                moved = f"; the week moved by {result.moved_days:+d} days"
            write(f"  Created {result.created}, updated {result.updated}{moved}.")
        if result.accounts:
            site = settings.SITE_URL
            write("")
            write(f"Demo logins (password “{DEMO_PASSWORD}” for each):")
            write(f"  {site}/accounts/login/  (planning: {site}/orga/planning/)")
            width = max(len(account.username) for account in result.accounts)
            for account in result.accounts:
                write(f"  {account.username:<{width}}  {account.description}")
