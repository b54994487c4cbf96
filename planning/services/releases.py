"""Publishing the programme in named versions (releases) and telling the people
whom a release concerns."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.inputs import multiline_clean, text_clean
from events.models import Event, Festival
from planning.models import Release, ReleaseChange
from planning.selectors.releases import (
    TOLD_KINDS,
    diff_snapshots,
    release_latest,
    snapshot_current,
)
from registrations.services import releases as registration_releases
from volunteers.services import releases as volunteer_releases

NAME_MAX = Release._meta.get_field("name").max_length
NOTE_MAX = 2000


def release_name_suggested(*, festival: Festival) -> str:
    """ "Programm N" for the next release."""
    last = release_latest(festival=festival)
    return _("Programme %(number)d") % {"number": (last.number if last else 0) + 1}


@transaction.atomic
def release_publish(
    *,
    festival: Festival,
    name: object,
    note: object = "",
    published_by: AbstractBaseUser | None = None,
    now=None,
) -> Release:
    """Record the public programme as release N+1 with what changed since release N,
    then tell the families and volunteers concerned (after commit, in a task).

    ValidationError "nothing_changed" when the programme is the same as at the last
    release (the first release may be empty); field errors for the name and note.
    The festival row is locked, so two organisers publishing at once get N+1 and
    N+2, never N+1 twice.
    """
    name = text_clean(
        name,
        field="name",
        max_length=NAME_MAX,
        messages={
            "invalid": _("Please give the release a name."),
            "required": _("Please give the release a name."),
            "too_long": _("At most %(max)d characters, please."),
            "invalid_characters": _("The name contains characters we cannot store."),
        },
    )
    note = (
        multiline_clean(
            note,
            field="note",
            max_length=NOTE_MAX,
            messages={
                "invalid": _("The note could not be read."),
                "required": _("The note could not be read."),
                "too_long": _("At most %(max)d characters, please."),
                "invalid_characters": _(
                    "The note contains characters we cannot store."
                ),
            },
        )
        if isinstance(note, str) and note.strip()
        else ""
    )
    Festival.objects.select_for_update().get(pk=festival.pk)
    last = release_latest(festival=festival)
    snapshot = snapshot_current(festival=festival)
    changes = diff_snapshots(last.snapshot if last else {}, snapshot)
    if last is not None and not changes:
        raise ValidationError(
            _("Nothing changed since “%(name)s”.") % {"name": last.name},
            code="nothing_changed",
        )
    release = Release.objects.create(
        festival=festival,
        number=(last.number if last else 0) + 1,
        name=name,
        note=note,
        published_at=now or timezone.now(),
        published_by=published_by,
        snapshot=snapshot,
    )
    # A removed event may have been deleted: its line keeps the title, no link.
    existing = set(
        Event.objects.filter(pk__in=[c.event_id for c in changes]).values_list(
            "pk", flat=True
        )
    )
    ReleaseChange.objects.bulk_create(
        ReleaseChange(
            release=release,
            event_id=change.event_id if change.event_id in existing else None,
            kind=change.kind,
            title=change.title[:200],
            before=change.before,
            after=change.after,
        )
        for change in changes
    )
    # Imported here: the task module imports this one.
    from planning.tasks import release_notify_task

    release_notify_task.delay(release_id=release.pk)  # published after commit
    return release


@transaction.atomic
def release_notify(*, release_id: int, now=None) -> int:
    """Tell the households and volunteers concerned by a release's moved and
    cancelled events, once: the release row is locked and `notified_at` set, so a
    second run (a retried task) sends nothing. Returns the number of mails."""
    release = Release.objects.select_for_update().get(pk=release_id)
    if release.notified_at is not None:
        return 0
    changes = list(
        release.changes.filter(kind__in=TOLD_KINDS, event__isnull=False)
        .select_related("event__venue")
        .order_by("pk")
    )
    told = [(change.event, str(change.kind)) for change in changes]
    sent = 0
    if told:
        sent += registration_releases.households_notify_release(
            release_name=release.name, changes=told
        )
        sent += volunteer_releases.volunteers_notify_release(
            release_name=release.name, changes=told
        )
    release.notified_at = now or timezone.now()
    release.save(update_fields=["notified_at"])
    return sent
