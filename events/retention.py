"""The retention period: a festival's personal data is anonymised a configurable
number of days after its last day (Festival.retention_days, default 90).

The core knows no personal data of other apps: each app registers a retention
handler in its AppConfig.ready() (`registry.register_retention_handler`), with a
`preview(festival) -> {key: count}` of what it would anonymise and an
`anonymise(festival) -> {key: count}` that does it and reports the same counts.
Counts and statistics stay (ages, statuses, hours, laps, amounts); names, e-mail
addresses, phone numbers and free text about people go.

`retention_run` runs every handler in ONE transaction: either the whole festival
is anonymised and `anonymised_at` is set, or nothing changed and the next daily
run tries again. Per-app transactions would leave a festival half anonymised with
no mark that says so; a festival's rows are few enough (thousands) for one
transaction. The festival's row is locked first, so two runs (the beat task and
the command) never both run the handlers.
"""

import dataclasses
import datetime as dt
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.audit import audit_record
from events.models import BERLIN, Festival, OutboxMail
from events.registry import registry

RETENTION_DAYS_MAX = 3650


@dataclasses.dataclass(frozen=True)
class RetentionResult:
    """What a run did (or, in a dry run, would do). `status`: "done", "dry_run",
    "not_due" or "already_done"; `counts` per handler key."""

    festival: Festival
    status: str
    due_on: dt.date
    counts: dict[str, int]

    @property
    def changed(self) -> bool:
        return self.status == "done"


def retention_date(festival: Festival) -> dt.date:
    """The last day the personal data is kept: the festival's last day plus its
    retention period. It is anonymised from the next day on (Europe/Berlin)."""
    return festival.end_date + dt.timedelta(days=festival.retention_days)


def retention_due_at(festival: Festival) -> dt.datetime:
    """The moment from which the festival's data is due: 00:00 in Berlin on the
    day after `retention_date`."""
    day = retention_date(festival) + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(0), tzinfo=BERLIN)


def retention_due(festival: Festival, now: dt.datetime | None = None) -> bool:
    """Whether the festival's retention period is over at `now` (aware)."""
    return (now or timezone.now()) >= retention_due_at(festival)


def _outbox_queryset(festival: Festival) -> Any:
    # Mails are not tied to a festival; every mail written before the festival's
    # data is due is older than the period its recipients were promised, and
    # holds their names and addresses in `to` and the text.
    return OutboxMail.objects.filter(created_at__lt=retention_due_at(festival))


def retention_preview(festival: Festival) -> dict[str, int]:
    """What a run would anonymise now, per handler key (queries only)."""
    counts: dict[str, int] = {}
    for handler in registry.retention_handlers:
        counts.update(handler.preview(festival))
    counts["outbox_mails"] = _outbox_queryset(festival).count()
    return counts


def retention_labels() -> dict[str, Any]:
    """A label for every key the handlers report, for pages and the command."""
    labels: dict[str, Any] = {}
    for handler in registry.retention_handlers:
        labels.update(handler.labels)
    labels["outbox_mails"] = _("sent e-mails (deleted)")
    return labels


def retention_run(
    *, festival: Festival, now: dt.datetime | None = None, dry_run: bool = False
) -> RetentionResult:
    """Anonymise the festival's personal data when its retention period is over and
    it is not done yet; set `anonymised_at` and write an audit entry with the
    counts. A second run does nothing ("already_done"); a dry run changes nothing
    and returns the counts the real run would report."""
    now = now or timezone.now()
    due_on = retention_date(festival)
    if festival.anonymised_at is not None:
        return RetentionResult(festival, "already_done", due_on, {})
    if not retention_due(festival, now):
        return RetentionResult(festival, "not_due", due_on, {})
    if dry_run:
        return RetentionResult(festival, "dry_run", due_on, retention_preview(festival))
    with transaction.atomic():
        festival = Festival.objects.select_for_update().get(pk=festival.pk)
        if festival.anonymised_at is not None:  # another run came first
            return RetentionResult(festival, "already_done", due_on, {})
        counts: dict[str, int] = {}
        for handler in registry.retention_handlers:
            counts.update(handler.anonymise(festival))
        counts["outbox_mails"], _by_model = _outbox_queryset(festival).delete()
        festival.anonymised_at = now
        # update() instead of save(): Festival.updated_at drives the programme's
        # cache version, and nothing public changed.
        Festival.objects.filter(pk=festival.pk).update(anonymised_at=now)
        audit_record(
            action="events.retention_run",
            obj=festival,
            summary=json.dumps(counts, sort_keys=True),
        )
    return RetentionResult(festival, "done", due_on, counts)


def retention_run_due(
    *, now: dt.datetime | None = None, dry_run: bool = False
) -> list[RetentionResult]:
    """Run `retention_run` for every festival that is due and not yet anonymised,
    oldest first."""
    now = now or timezone.now()
    results = []
    for festival in Festival.objects.filter(anonymised_at__isnull=True).order_by(
        "end_date", "pk"
    ):
        if retention_due(festival, now):
            results.append(retention_run(festival=festival, now=now, dry_run=dry_run))
    return results


@transaction.atomic
def festival_retention_set(*, festival: Festival, days: Any, actor: Any) -> Festival:
    """Change the retention period (whole days, 0 to 3650). Refusals:
    invalid_days, days_out_of_range, already_anonymised (the data is gone; a
    new period would promise what cannot be undone)."""
    festival = Festival.objects.select_for_update().get(pk=festival.pk)
    if festival.anonymised_at is not None:
        raise ValidationError(
            _("The personal data of this festival is already anonymised."),
            code="already_anonymised",
        )
    if isinstance(days, bool) or not isinstance(days, int | str):
        raise ValidationError(_("Enter a whole number of days."), code="invalid_days")
    try:
        value = int(str(days).strip())
    except ValueError:
        raise ValidationError(
            _("Enter a whole number of days."), code="invalid_days"
        ) from None
    if not 0 <= value <= RETENTION_DAYS_MAX:
        raise ValidationError(
            _("The retention period must be between 0 and %(max)d days.")
            % {"max": RETENTION_DAYS_MAX},
            code="days_out_of_range",
        )
    previous = festival.retention_days
    festival.retention_days = value
    Festival.objects.filter(pk=festival.pk).update(retention_days=value)
    audit_record(
        action="events.retention_days_set",
        obj=festival,
        actor=actor,
        summary=f"{previous} -> {value}",
    )
    return festival
