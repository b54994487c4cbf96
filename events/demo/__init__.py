"""The demo festival: one idempotent loader for the data in events.demo.content.

`demo_load` upserts everything by slug: a second run with the same start changes
nothing (no write, so every `updated_at` stays), a run with another start moves the
whole week. Events are written through events.services, so their venue bookings exist
exactly as in real use and the venue rule is checked on every write.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Manager, Model

from events import roles, services
from events.audit import audit_suppressed
from events.demo.content import (
    ACCOUNTS,
    AUDIENCES,
    CANCELLED,
    CITY,
    DEMO_PASSWORD,
    DRAFT,
    EVENTS,
    FESTIVAL,
    FESTIVAL_SLUG,
    LEAD_ACCOUNT_SUB_EVENT,
    PARTNER_ACCOUNT_PARTNER,
    PARTNERS,
    POSTAL_CODE,
    PRESALE_OPENS_DAYS_BEFORE,
    PUBLISHED,
    REGISTRATION_OPENS_WEEKS_BEFORE,
    SUB_EVENTS,
    VENUES,
    AccountSpec,
    EventSpec,
    _prose,
)
from events.models import BERLIN, Audience, Event, Festival, Partner, SubEvent, Venue
from events.registry import registry


# --- Loading ------------------------------------------------------------------------
@dataclass
class DemoResult:
    """What `demo_load` did: objects created and updated, and what the demo holds."""

    festival: Festival
    created: int = 0
    updated: int = 0
    moved_days: int = 0
    events: int = 0
    published: int = 0
    drafts: int = 0
    cancelled: int = 0
    sub_events: int = 0
    venues: int = 0
    partners: int = 0
    audiences: int = 0
    accounts: list[AccountSpec] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def demo_default_start(today: dt.date) -> dt.date:
    """The first Monday at least eight weeks after `today`."""
    earliest = today + dt.timedelta(weeks=8)
    return earliest + dt.timedelta(days=-earliest.weekday() % 7)


@transaction.atomic
def demo_load(*, start: dt.date, with_accounts: bool) -> DemoResult:
    """Create or update the demo festival starting on `start`; idempotent by slug.

    Only what differs from the data above is written, so a second run writes nothing.
    With another start the whole week moves. ValidationError if an event cannot be
    stored (e.g. someone booked a demo venue at a demo event's time).
    """
    result = _festival_upsert(start=start)
    audiences = _audiences_upsert(result)
    partners = _partners_upsert(result)
    venues = _venues_upsert(result)
    sub_events = _sub_events_upsert(result, partners=partners)
    _events_upsert(
        result,
        start=start,
        audiences=audiences,
        partners=partners,
        venues=venues,
        sub_events=sub_events,
    )
    if with_accounts:
        _accounts_upsert(result, partners=partners, sub_events=sub_events)
    # Apps above the core (registrations, ...) add their demo data. Not audited:
    # made-up people created in bulk would only flood the log (events.audit).
    with audit_suppressed():
        result.created += registry.demo_extend(result.festival)

    statuses = [spec.status for spec in EVENTS]
    result.events = len(EVENTS)
    result.published = statuses.count(PUBLISHED)
    result.drafts = statuses.count(DRAFT)
    result.cancelled = statuses.count(CANCELLED)
    result.sub_events = len(SUB_EVENTS)
    result.venues = len(VENUES)
    result.partners = len(PARTNERS)
    result.audiences = len(AUDIENCES)
    return result


def _apply(obj: Model, values: dict) -> bool:
    """Set the values that differ from `obj`'s; True if there were any.

    Foreign keys are given as objects and compared by id, so no related row is
    fetched.
    """
    changed = False
    for name, value in values.items():
        if isinstance(value, Model):
            differs = getattr(obj, f"{name}_id") != value.pk
        else:
            differs = getattr(obj, name) != value
        if differs:
            setattr(obj, name, value)
            changed = True
    return changed


def _upsert(
    result: DemoResult,
    model: type[Model],
    existing: dict[str, Model],
    slug: str,
    values: dict,
    save: Callable[[Model], Model] | None = None,
) -> Model:
    obj = existing.get(slug)
    if obj is None:
        obj = model(slug=slug)
        _apply(obj, values)
        result.created += 1
    elif _apply(obj, values):
        result.updated += 1
    else:
        return obj
    if save is None:
        obj.full_clean()
        obj.save()
    else:
        obj = save(obj)
    return obj


def _by_slug(model: type[Model], slugs: Iterable[str]) -> dict[str, Model]:
    return {obj.slug: obj for obj in model.objects.filter(slug__in=list(slugs))}


def _festival_upsert(*, start: dt.date) -> DemoResult:
    values = {**FESTIVAL, "start_date": start, "end_date": start + dt.timedelta(6)}
    festival = Festival.objects.filter(slug=FESTIVAL_SLUG).first()
    if festival is None:
        festival = Festival(slug=FESTIVAL_SLUG, **values)
        festival.full_clean()
        festival.save()
        return DemoResult(festival=festival, created=1)
    result = DemoResult(
        festival=festival, moved_days=(start - festival.start_date).days
    )
    if _apply(festival, values):
        festival.full_clean()
        festival.save()
        result.updated += 1
    return result


def _audiences_upsert(result: DemoResult) -> dict[str, Audience]:
    existing = _by_slug(Audience, (spec.slug for spec in AUDIENCES))
    return {
        spec.slug: _upsert(
            result,
            Audience,
            existing,
            spec.slug,
            {
                "name": spec.name,
                "min_age": spec.min_age,
                "max_age": spec.max_age,
                "position": position,
            },
        )
        for position, spec in enumerate(AUDIENCES, start=1)
    }


def _partners_upsert(result: DemoResult) -> dict[str, Partner]:
    existing = _by_slug(Partner, (spec.slug for spec in PARTNERS))
    return {
        spec.slug: _upsert(
            result,
            Partner,
            existing,
            spec.slug,
            {
                "name": spec.name,
                "sector": spec.sector,
                "description": spec.description,
                "website": spec.website,
                "contact_name": spec.contact_name,
                "contact_email": spec.contact_email,
            },
        )
        for spec in PARTNERS
    }


def _venues_upsert(result: DemoResult) -> dict[str, Venue]:
    existing = _by_slug(Venue, (spec.slug for spec in VENUES))
    return {
        spec.slug: _upsert(
            result,
            Venue,
            existing,
            spec.slug,
            {
                "name": spec.name,
                "street": spec.street,
                "postal_code": POSTAL_CODE,
                "city": CITY,
                "latitude": Decimal(spec.latitude),
                "longitude": Decimal(spec.longitude),
                "capacity": spec.capacity,
                "setting": spec.setting,
                "step_free": spec.step_free,
                "accessible_toilet": spec.accessible_toilet,
                "hearing_loop": spec.hearing_loop,
                "parking": spec.parking,
                "accessibility_notes": _prose(spec.accessibility_notes),
                "directions": _prose(spec.directions),
                "shared": spec.shared,
                "is_published": True,
            },
            save=lambda venue: services.venue_save(venue=venue),
        )
        for spec in VENUES
    }


def _sub_events_upsert(
    result: DemoResult, *, partners: dict[str, Partner]
) -> dict[str, SubEvent]:
    existing = _by_slug(SubEvent, (spec.slug for spec in SUB_EVENTS))
    return {
        spec.slug: _upsert(
            result,
            SubEvent,
            existing,
            spec.slug,
            {
                "festival": result.festival,
                "name": spec.name,
                "kind": spec.kind,
                "description": _prose(spec.description),
                "lead_partner": partners[spec.lead_partner],
                "colour": spec.colour,
                "position": position,
            },
        )
        for position, spec in enumerate(SUB_EVENTS, start=1)
    }


def _at(day: dt.date, clock: str) -> dt.datetime:
    """A wall-clock time in Europe/Berlin on `day` (DST-safe: zoneinfo resolves it)."""
    return dt.datetime.combine(day, dt.time.fromisoformat(clock), tzinfo=BERLIN)


def _registration_window(
    spec: EventSpec, *, start: dt.date, day: dt.date, starts_at: dt.datetime
) -> tuple[dt.datetime | None, dt.datetime | None]:
    if not spec.registration:
        return None, None
    if spec.registration == "presale":
        opens = _at(start - dt.timedelta(days=PRESALE_OPENS_DAYS_BEFORE), "10:00")
    else:
        opens = _at(
            start - dt.timedelta(weeks=REGISTRATION_OPENS_WEEKS_BEFORE), "09:00"
        )
    if spec.registration == "open":
        return opens, starts_at
    if spec.registration in ("day_before", "presale"):
        return opens, _at(day - dt.timedelta(days=1), "18:00")
    raise ValueError(f"{spec.slug}: unknown registration mode {spec.registration!r}")


@dataclass
class _EventWrite:
    spec: EventSpec
    event: Event | None  # None: to be created
    values: dict
    audiences: list[Audience] | None  # None: unchanged
    partners: list[Partner] | None


def _events_upsert(
    result: DemoResult,
    *,
    start: dt.date,
    audiences: dict[str, Audience],
    partners: dict[str, Partner],
    venues: dict[str, Venue],
    sub_events: dict[str, SubEvent],
) -> None:
    existing = {
        event.slug: event
        for event in Event.objects.filter(
            slug__in=[spec.slug for spec in EVENTS]
        ).prefetch_related("audiences", "host_partners")
    }
    writes: list[_EventWrite] = []
    for spec in EVENTS:
        day = start + dt.timedelta(days=spec.day)
        starts_at, ends_at = _at(day, spec.start), _at(day, spec.end)
        opens, closes = _registration_window(
            spec, start=start, day=day, starts_at=starts_at
        )
        values = {
            "sub_event": sub_events[spec.sub_event],
            "title": spec.title,
            "summary": _prose(spec.summary),
            "description": _prose(spec.description),
            "venue": venues[spec.venue],
            "starts_at": starts_at,
            "ends_at": ends_at,
            "setup_minutes": spec.setup,
            "teardown_minutes": spec.teardown,
            "status": spec.status,
            "cancel_reason": spec.cancel_reason,
            "capacity": spec.capacity,
            "registration_opens_at": opens,
            "registration_closes_at": closes,
            "min_age": spec.min_age,
            "max_age": spec.max_age,
            "adult_required_under": spec.adult_required_under,
            "adults_take_seats": spec.adults_take_seats,
            "is_free": not spec.price,
            "price_text": spec.price,
            "languages": list(spec.languages),
            "accessibility_notes": _prose(spec.accessibility),
        }
        wanted_audiences = [audiences[slug] for slug in spec.audiences]
        wanted_partners = [partners[slug] for slug in spec.partners]
        event = existing.get(spec.slug)
        if event is None:
            writes.append(
                _EventWrite(spec, None, values, wanted_audiences, wanted_partners)
            )
            continue
        fields_changed = _apply(event, values)
        audiences_changed = {a.pk for a in event.audiences.all()} != {
            a.pk for a in wanted_audiences
        }
        partners_changed = {p.pk for p in event.host_partners.all()} != {
            p.pk for p in wanted_partners
        }
        if fields_changed or audiences_changed or partners_changed:
            writes.append(
                _EventWrite(
                    spec,
                    event,
                    values,
                    wanted_audiences if audiences_changed else None,
                    wanted_partners if partners_changed else None,
                )
            )
    result.created += sum(1 for write in writes if write.event is None)
    result.updated += sum(1 for write in writes if write.event is not None)
    _events_write(writes, moved_days=result.moved_days)


def _is_venue_conflict(error: ValidationError) -> bool:
    return any(
        getattr(item, "code", None) == "venue_conflict"
        for item in getattr(error, "error_dict", {}).get("venue", [])
    )


def _events_write(writes: list[_EventWrite], *, moved_days: int) -> None:
    """Store the writes through the events service, each in its own savepoint.

    When the week moves later, the latest event moves first (earliest first when it
    moves earlier), so no event lands on a slot an unmoved one still holds. A write
    refused for a venue conflict is retried after the others; it fails for good
    only when a whole round makes no progress.
    """
    writes = sorted(
        writes, key=lambda write: write.values["starts_at"], reverse=moved_days > 0
    )
    while writes:
        deferred: list[_EventWrite] = []
        first_error: ValidationError | None = None
        for write in writes:
            try:
                _event_write(write)
            except ValidationError as error:
                if not _is_venue_conflict(error):
                    raise
                deferred.append(write)
                first_error = first_error or error
        if len(deferred) == len(writes):
            assert first_error is not None
            raise first_error
        writes = deferred


def _event_write(write: _EventWrite) -> None:
    if write.event is None:
        values = dict(write.values)
        services.event_create(
            slug=write.spec.slug,
            sub_event=values.pop("sub_event"),
            title=values.pop("title"),
            starts_at=values.pop("starts_at"),
            ends_at=values.pop("ends_at"),
            status=values.pop("status"),
            audiences=write.audiences,
            host_partners=write.partners,
            **values,
        )
        return
    _apply(write.event, write.values)
    services.event_save(
        event=write.event, audiences=write.audiences, host_partners=write.partners
    )


def _accounts_upsert(
    result: DemoResult,
    *,
    partners: dict[str, Partner],
    sub_events: dict[str, SubEvent],
) -> None:
    roles.roles_ensure()
    user_model = get_user_model()
    usernames = [spec.username for spec in ACCOUNTS]
    users = {
        user.username: user
        for user in user_model.objects.filter(username__in=usernames).prefetch_related(
            "groups"
        )
    }
    groups = {
        group.name: group
        for group in Group.objects.filter(name__in=[s.group for s in ACCOUNTS])
    }
    # Checking a password costs a deliberately slow hash. The password is public, so
    # all demo accounts share one encoded hash and each distinct hash is checked
    # once: a second run costs one hash, not four. A password changed by hand fails
    # the check and is set back.
    verdicts: dict[str, bool] = {}

    def works(encoded: str) -> bool:
        if encoded not in verdicts:
            verdicts[encoded] = check_password(DEMO_PASSWORD, encoded)
        return verdicts[encoded]

    shared_hash = next(
        (user.password for user in users.values() if works(user.password)), None
    ) or make_password(DEMO_PASSWORD)
    for spec in ACCOUNTS:
        user = users.get(spec.username)
        if user is None:
            user = user_model(
                username=spec.username,
                email=f"{spec.username}@example.org",
                first_name=spec.first_name,
                last_name=spec.last_name,
                is_staff=True,
                password=shared_hash,
            )
            user.save()
            result.created += 1
        else:
            changed = _apply(user, {"is_staff": True, "is_active": True})
            if not works(user.password):
                user.password = shared_hash
                changed = True
            if changed:
                user.save()
                result.updated += 1
        group = groups[spec.group]
        if spec.username not in users or group not in user.groups.all():
            user.groups.add(group)
        if spec.group == roles.MODULE_LEAD:
            _membership_ensure(sub_events[LEAD_ACCOUNT_SUB_EVENT].leads, user)
        if spec.group == roles.PARTNER:
            _membership_ensure(partners[PARTNER_ACCOUNT_PARTNER].members, user)
    result.accounts = list(ACCOUNTS)


def _membership_ensure(manager: Manager, user: AbstractBaseUser) -> None:
    if not manager.filter(pk=user.pk).exists():
        manager.add(user)
