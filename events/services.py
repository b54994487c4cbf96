"""Writes of the core planning model.

Every change to an event or a venue goes through here, whether it comes from the
admin, the organisers' UI, the API or a task: this module owns the venue rule (no two
events at a non-shared venue at once, set-up and tear-down included).
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from events.models import (
    BERLIN,
    Audience,
    Event,
    Festival,
    Partner,
    SubEvent,
    Venue,
    VenueBooking,
)
from events.notifications import mail_send
from events.registry import registry
from events.selectors import PROGRAMME_VERSION_KEY, venue_clashes

# Changes other apps are told about through the registry.
WATCHED_FIELDS = ("starts_at", "ends_at", "venue_id", "status", "capacity")

# A change of time, place or status is a new revision of the event for calendars.
SEQUENCE_FIELDS = {"starts_at", "ends_at", "venue_id", "status"}

EVENT_FIELDS = {
    "sub_event",
    "title",
    "slug",
    "summary",
    "description",
    "venue",
    "starts_at",
    "ends_at",
    "setup_minutes",
    "teardown_minutes",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
    "min_age",
    "max_age",
    "is_free",
    "price_text",
    "languages",
    "accessibility_notes",
    "max_party_size",
    "adult_required_under",
    "adults_take_seats",
}


def programme_touch() -> None:
    """Tell the programme's caches that what it shows changed (seats, an event).

    The new version is set after the commit: setting it earlier would let a
    concurrent request cache the old rows under the new key.
    """
    transaction.on_commit(
        lambda: cache.set(
            PROGRAMME_VERSION_KEY,
            timezone.now().strftime("%Y%m%d%H%M%S%f"),
            timeout=None,
        )
    )


def _local(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment, BERLIN), "D, d.m. H:i")


def event_validate(*, event: Event) -> None:
    """Check an event's own fields; ValidationError (a dict of field errors) if bad.

    The venue rule is not checked here because it needs the lock: see event_save.
    """
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: str, code: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    if not (event.title or "").strip():
        add("title", _("Please enter a title."), "required")
    # Forms and serializers check lengths too, but a service caller that skips them
    # must get a clear error, not a database error (PostgreSQL refuses the row).
    for field in Event._meta.get_fields():
        if isinstance(field, models.CharField) and field.max_length:
            value = getattr(event, field.attname, None)
            if isinstance(value, str) and len(value) > field.max_length:
                add(
                    field.name,
                    _("At most %(max)d characters, please.")
                    % {"max": field.max_length},
                    "too_long",
                )
    if event.starts_at is None:
        add("starts_at", _("Please enter when the event starts."), "required")
    if event.ends_at is None:
        add("ends_at", _("Please enter when the event ends."), "required")
    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        add("ends_at", _("The end must be after the start."), "end_before_start")
    for field in (
        "capacity",
        "min_age",
        "max_age",
        "setup_minutes",
        "teardown_minutes",
    ):
        value = getattr(event, field)
        if value is not None and value < 0:
            add(field, _("This cannot be negative."), "negative_value")
    if event.setup_minutes and event.setup_minutes > 24 * 60:
        add(
            "setup_minutes", _("Set-up cannot take more than a day."), "buffer_too_long"
        )
    if event.teardown_minutes and event.teardown_minutes > 24 * 60:
        add(
            "teardown_minutes",
            _("Tear-down cannot take more than a day."),
            "buffer_too_long",
        )
    if event.max_age is not None and event.max_age > 120:
        add("max_age", _("Please enter an age up to 120."), "age_out_of_range")
    if (
        event.min_age is not None
        and event.max_age is not None
        and event.min_age > event.max_age
    ):
        add("min_age", _("The minimum age is above the maximum age."), "age_range")
    if not event.is_free and not (event.price_text or "").strip():
        add(
            "price_text",
            _("Please say what the event costs, or mark it as free."),
            "price_missing",
        )
    opens, closes = event.registration_opens_at, event.registration_closes_at
    if opens and closes and closes <= opens:
        add(
            "registration_closes_at",
            _("Registration must close after it opens."),
            "registration_window",
        )
    if (opens or closes) and event.capacity is None:
        add(
            "capacity",
            _("A registration window needs a capacity."),
            "capacity_required",
        )
    if (
        event.status == Event.Status.CANCELLED
        and not (event.cancel_reason or "").strip()
    ):
        add(
            "cancel_reason",
            _("Please give a reason for the cancellation."),
            "cancel_reason_missing",
        )
    if event.status == Event.Status.PUBLISHED and event.venue_id is None:
        add("venue", _("A published event needs a venue."), "venue_required")
    if not isinstance(event.languages, list) or not all(
        isinstance(code, str) and 2 <= len(code) <= 8 for code in event.languages
    ):
        add(
            "languages",
            _("Enter languages as a list of codes like de, en."),
            "invalid_languages",
        )
    if (
        event.slug
        and Event.objects.filter(slug=event.slug).exclude(pk=event.pk).exists()
    ):
        add("slug", _("Another event already uses this address."), "slug_taken")
    if errors:
        raise ValidationError(errors)


def venue_clash_error(*, clashes: Iterable[Event], venue: Venue) -> ValidationError:
    other = next(iter(clashes))
    return ValidationError(
        {
            "venue": ValidationError(
                _(
                    "%(venue)s is already taken from %(start)s to %(end)s by "
                    "“%(title)s” (set-up and tear-down included)."
                )
                % {
                    "venue": venue.name,
                    "start": _local(other.blocked_from),
                    "end": _local(other.blocked_until),
                    "title": other.title,
                },
                code="venue_conflict",
            )
        }
    )


def _unique_slug(title: str) -> str:
    base = slugify(title)[:100] or "termin"
    slug, n = base, 2
    while Event.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _lock_venue(*, event: Event) -> Venue | None:
    """Lock the venue the event is to occupy; None if it occupies none.

    SELECT ... FOR UPDATE on PostgreSQL; on SQLite the IMMEDIATE transaction already
    holds the write lock. Taken before anything else of the event is read or written,
    so concurrent writers of one venue queue here and each sees the ones before it.
    """
    if event.venue_id is None or event.status == Event.Status.CANCELLED:
        return None
    return Venue.objects.select_for_update().get(pk=event.venue_id)


def _sync_booking(*, event: Event, venue: Venue | None) -> None:
    """Make the event's venue booking match the event; re-check under the lock, write.

    `venue` is the locked venue from _lock_venue. The overlap is checked under the
    lock; the exclusion constraint is the last line of defence.
    """
    if venue is None or venue.shared:
        VenueBooking.objects.filter(event=event).delete()
        return
    clashes = venue_clashes(
        venue=venue,
        blocked_from=event.blocked_from,
        blocked_until=event.blocked_until,
        exclude_event_id=event.pk,
    )
    if clashes:
        raise venue_clash_error(clashes=clashes, venue=venue)
    try:
        with transaction.atomic():
            VenueBooking.objects.update_or_create(
                event=event,
                defaults={
                    "venue": venue,
                    "blocked_from": event.blocked_from,
                    "blocked_until": event.blocked_until,
                },
            )
    except IntegrityError as exc:  # the exclusion constraint caught a race
        raise ValidationError(
            {
                "venue": ValidationError(
                    _("%(venue)s was booked for this time a moment ago.")
                    % {"venue": venue.name},
                    code="venue_conflict",
                )
            }
        ) from exc


@transaction.atomic
def event_save(
    *,
    event: Event,
    audiences: Iterable[Audience] | None = None,
    host_partners: Iterable[Partner] | None = None,
) -> Event:
    """Validate and store an event with its venue booking; ValidationError if refused.

    Nothing is written when any rule fails (the whole call is one transaction).
    """
    # Lock first: two requests creating the same event at once (a double submit)
    # then queue here, and the second sees the first's slug and booking.
    venue = _lock_venue(event=event)
    before = (
        Event.objects.filter(pk=event.pk).values(*WATCHED_FIELDS, "sequence").first()
        if event.pk
        else None
    )
    if not event.slug:
        event.slug = _unique_slug(event.title)
    event_validate(event=event)
    changed = (
        {f for f in WATCHED_FIELDS if before[f] != getattr(event, f)}
        if before is not None
        else set()
    )
    if changed & SEQUENCE_FIELDS:
        # Calendar apps replace an entry only when its SEQUENCE rises (RFC 5545).
        event.sequence = before["sequence"] + 1
    try:
        with transaction.atomic():
            event.save()
    except IntegrityError as exc:
        if Event.objects.filter(slug=event.slug).exclude(pk=event.pk).exists():
            raise ValidationError(
                {
                    "slug": ValidationError(
                        _("Another event already uses this address."),
                        code="slug_taken",
                    )
                }
            ) from exc
        raise
    _sync_booking(event=event, venue=venue)
    if audiences is not None:
        event.audiences.set(audiences)
    if host_partners is not None:
        event.host_partners.set(host_partners)
    if changed:
        # Apps above the core react in the same transaction (promote waiting
        # parties when capacity grows, tell families about a new time or place).
        registry.event_changed(event, changed)
    return event


def event_create(
    *,
    sub_event: SubEvent,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    created_by: AbstractBaseUser | None = None,
    status: str = Event.Status.DRAFT,
    audiences: Iterable[Audience] | None = None,
    host_partners: Iterable[Partner] | None = None,
    **fields: Any,
) -> Event:
    """Create an event (a draft unless status says otherwise)."""
    unknown = set(fields) - EVENT_FIELDS - {"cancel_reason"}
    if unknown:
        raise TypeError(f"Unknown event fields: {sorted(unknown)}")
    event = Event(
        sub_event=sub_event,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        status=status,
        created_by=created_by,
        **fields,
    )
    return event_save(event=event, audiences=audiences, host_partners=host_partners)


@transaction.atomic
def event_update(
    *,
    event: Event,
    audiences: Iterable[Audience] | None = None,
    host_partners: Iterable[Partner] | None = None,
    **changes: Any,
) -> Event:
    """Change an event's fields; status changes go through publish/cancel."""
    unknown = set(changes) - EVENT_FIELDS
    if unknown:
        raise TypeError(f"Unknown or protected event fields: {sorted(unknown)}")
    event = Event.objects.select_for_update().get(pk=event.pk)
    for field, value in changes.items():
        setattr(event, field, value)
    return event_save(event=event, audiences=audiences, host_partners=host_partners)


@transaction.atomic
def event_publish(*, event: Event) -> Event:
    """Publish a draft (or re-publish a cancelled event, which re-books its venue)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == Event.Status.PUBLISHED:
        return event
    event.status = Event.Status.PUBLISHED
    event.cancel_reason = ""
    return event_save(event=event)


@transaction.atomic
def event_cancel(*, event: Event, reason: str) -> Event:
    """Cancel an event, free its venue and tell its host partners why."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == Event.Status.CANCELLED:
        return event
    was_public = event.status == Event.Status.PUBLISHED
    event.status = Event.Status.CANCELLED
    event.cancel_reason = (reason or "").strip()
    event_save(event=event)
    if was_public:
        recipients = sorted(
            {p.contact_email for p in event.host_partners.all() if p.contact_email}
        )
        if recipients:
            mail_send(
                to=recipients,
                template="events/mail/event_cancelled",
                context={"event": event},
            )
    return event


@transaction.atomic
def venue_save(*, venue: Venue) -> Venue:
    """Store a venue; turning a shared venue exclusive books its events (or refuses).

    ValidationError "venue_conflict" if events already overlap there.
    """
    venue.full_clean()
    venue.save()
    venue = Venue.objects.select_for_update().get(pk=venue.pk)
    events = Event.objects.filter(venue=venue).exclude(status=Event.Status.CANCELLED)
    if venue.shared:
        VenueBooking.objects.filter(venue=venue).delete()
        return venue
    for event in events.order_by("starts_at"):
        _sync_booking(event=event, venue=venue)
    return venue


SUB_EVENT_NAME_MAX = 200


def _unique_sub_event_slug(name: str) -> str:
    base = slugify(name)[:70] or "teil"
    slug, n = base, 2
    while SubEvent.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def sub_event_create(
    *,
    festival: Festival,
    name: str,
    description: str = "",
    colour: str = "#4a5568",
    lead_partner: Partner | None = None,
) -> SubEvent:
    """Create a new part of the week with a unique slug, placed after the others.

    ValidationError (field "name": required / too_long; "colour": invalid) if bad.
    """
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(
            {"name": ValidationError(_("Please enter a name."), code="required")}
        )
    if len(name) > SUB_EVENT_NAME_MAX:
        raise ValidationError(
            {
                "name": ValidationError(
                    _("At most %(max)d characters, please.")
                    % {"max": SUB_EVENT_NAME_MAX},
                    code="too_long",
                )
            }
        )
    last = (
        SubEvent.objects.filter(festival=festival)
        .aggregate(models.Max("position"))
        .get("position__max")
    )
    sub_event = SubEvent(
        festival=festival,
        name=name,
        slug=_unique_sub_event_slug(name),
        description=(description or "").strip(),
        colour=colour,
        lead_partner=lead_partner,
        position=(last or 0) + 1,
    )
    sub_event.full_clean()
    sub_event.save()
    return sub_event
