"""The URL conf walked and filled for the project-wide role matrix.

Every URLPattern of festwoche.urls (admin included) becomes an Entry with a
stable key: its namespaced name; a DRF format-suffix twin gets " .<format>"
appended, an unnamed pattern is keyed by its route.
"""

import re
from dataclasses import dataclass

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.matrix_world import World

# A well-formed token that belongs to nobody (the link of a stranger).
UNKNOWN_TOKEN = "Zz" * 22


@dataclass(frozen=True)
class Entry:
    key: str
    route: str
    name: str | None
    pattern: URLPattern

    @property
    def kwargs(self) -> list[str]:
        regex = self.pattern.pattern.regex
        return list(regex.groupindex)

    @property
    def is_admin(self) -> bool:
        return self.key.startswith("admin:") or self.route.startswith("admin/")


def _walk(resolver: URLResolver, prefix: str, namespace: str, out: list) -> None:
    for item in resolver.url_patterns:
        route = prefix + str(item.pattern)
        if isinstance(item, URLResolver):
            inner = namespace
            if item.namespace:
                inner = f"{namespace}:{item.namespace}" if namespace else item.namespace
            _walk(item, route, inner, out)
            continue
        name = None
        if item.name:
            name = f"{namespace}:{item.name}" if namespace else item.name
        out.append((route, name, item))


def url_entries() -> list[Entry]:
    found: list[tuple[str, str | None, URLPattern]] = []
    _walk(get_resolver(), "", "", found)
    entries = []
    for route, name, pattern in found:
        if name is None:
            key = route
        elif "format" in pattern.pattern.regex.groupindex:
            key = f"{name} .<format>"
        else:
            key = name
        entries.append(Entry(key=key, route=route, name=name, pattern=pattern))
    return entries


# --- admin ------------------------------------------------------------------------

ADMIN_MODEL_VIEWS = ("changelist", "add", "change", "delete", "history")


def admin_model_of(entry: Entry):
    """(model, view) for a ModelAdmin URL, else None."""
    if not entry.name or not entry.name.startswith("admin:"):
        return None
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if entry.name.startswith(prefix):
            view = entry.name[len(prefix) :]
            if view in ADMIN_MODEL_VIEWS:
                return model, view
    return None


# --- filling the kwargs -----------------------------------------------------------

# Which token a URL carries, and who holds it: the family holds the links mailed
# to household A (manage link, the API's registration token, calendar feed,
# talk, runner, market stand); the
# volunteer holds volunteer A's (own page, feed, counting link). The check-in
# token is printed on the family's confirmation and scanned by organisers, so
# every role requests the check-in page with it.
TOKEN_KIND = {
    "registrations:": "household",
    "registrations-api:registration": "registration",
    "registrations-api:participant": "registration",
    "calendars:household": "feed_household",
    "calendars:household_renew": "household",  # renewed from the manage page
    "calendars:volunteer": "feed_volunteer",
    "calendars:volunteer_renew": "volunteer",
    "volunteers:": "volunteer",
    "volunteers-api:": "volunteer",
    "conference:withdraw": "submission",
    "charity_run:runner": "runner",
    "charity_run:runner-certificate": "runner",
    "charity_run:count": "counter",
    "charity_run:count-tap": "counter",
    "charity_run:count-undo": "counter",
    "flea_market:seller": "seller",
    "flea_market:seller-cancel": "seller",
    "flea_market:seller-pdf": "seller",
    "registrations-orga:checkin-entry": "checkin",
    "password_reset_confirm": "none",
}
HOLDER = {
    "household": "family",
    "registration": "family",
    "feed_household": "family",
    "submission": "family",
    "runner": "family",
    "seller": "family",
    "volunteer": "volunteer",
    "feed_volunteer": "volunteer",
    "counter": "volunteer",
}


def token_kind(entry: Entry) -> str:
    if "token" not in entry.kwargs:
        return ""
    name = entry.name or ""
    if name in TOKEN_KIND:
        return TOKEN_KIND[name]
    for prefix, kind in TOKEN_KIND.items():
        if prefix.endswith(":") and name.startswith(prefix):
            return kind
    raise LookupError(f"{entry.key}: which token does it take? (TOKEN_KIND)")


def token_for(entry: Entry, world: World, role: str, side: str = "a") -> str:
    kind = token_kind(entry)
    if kind == "checkin":
        return world.tokens["checkin_a"]
    if kind == "none":
        return "set-password"
    if role == "stranger":
        return world.tokens[f"{kind}_{side}"]
    if HOLDER[kind] == role:
        return world.tokens[f"{kind}_a"]
    return UNKNOWN_TOKEN


def _pk(entry: Entry, world: World):
    """The object a URL's pk names: always the A side's."""
    o = world.objects
    name = entry.name or ""
    by_prefix = (
        ("registrations:change_party", o["reg_a"]),
        ("registrations-orga:party", o["reg_a"]),
        ("registrations-orga:checkin-party", o["reg_a"]),
        ("registrations-orga:participant", o["participant_a"]),
        ("registrations-orga:household", o["household_a"]),
        ("registrations-orga:checkin-participant", o["participant_a"]),
        ("volunteers:signup", o["shift"]),
        ("volunteers:withdraw", o["assignment_a"]),
        ("volunteers-api:shift", o["shift"]),
        ("volunteers-api:volunteer-assignment", o["assignment_a"]),
        ("volunteers-api:orga-volunteer", o["volunteer_a"]),
        ("volunteers-api:orga-qualification", o["qualification_a"]),
        ("volunteers-api:orga-assignment", o["assignment_a"]),
        ("volunteers-orga:shift", o["shift"]),
        ("volunteers-orga:assign", o["shift"]),
        ("volunteers-orga:message", o["shift"]),
        ("volunteers-orga:unassign", o["assignment_a"]),
        ("volunteers-orga:attendance", o["assignment_a"]),
        ("volunteers-orga:volunteer", o["volunteer_a"]),
        ("volunteers-orga:qualification-add", o["volunteer_a"]),
        ("volunteers-orga:qualification-delete", o["qualification_a"]),
        ("planning:board-move", o["event_a"]),
        ("planning:partner-participants", o["event_a"]),
        ("planning:proposal", o["proposal"]),
        ("planning:partner-proposal", o["proposal"]),
        ("conference:review", o["submission_a"]),
        ("charity_run:orga-certificate", o["runner_a"]),
        ("flea_market:", o["seller_a"]),
    )
    for prefix, obj in by_prefix:
        if name.startswith(prefix):
            return obj.pk
    raise LookupError(f"{entry.key}: which object is its pk? (matrix_urls._pk)")


def _slug(entry: Entry, world: World) -> str:
    o = world.objects
    name = entry.name or ""
    by_prefix = (
        ("events:venue", o["venue"].slug),
        ("events:subevent", o["programme"].slug),
        ("calendars:sub_event", o["programme"].slug),
        ("calendars:venue", o["venue"].slug),
        ("printing:poster-venue-day", o["venue"].slug),
        ("printing:poster-sub-event", o["programme"].slug),
        ("printing-orga:shift-plan", o["venue"].slug),
        ("cinema:", o["film"].slug),
        ("charity_run:", o["run"].slug),
        ("flea_market:", o["market"].event.slug),
        ("event-", o["event_a"].slug),
        ("subevent-", o["programme"].slug),
        ("venue-", o["venue"].slug),
        ("partner-", o["partner_a"].slug),
    )
    for prefix, value in by_prefix:
        if name.startswith(prefix):
            return value
    return o["event_a"].slug  # events, registrations, calendars, printing


def admin_object_id(model, world: World):
    """The A side's object of a model where the world names one, else the first;
    for events partner A's draft (what the admin shows partner A only)."""
    if model is type(world.objects["draft_a"]):
        return world.objects["draft_a"].pk
    for obj in [*world.objects.values(), world.users["partner_a"]]:
        if type(obj) is model:
            return obj.pk
    first = model._default_manager.order_by("pk").first()
    return first.pk if first is not None else 999999


def url_for(entry: Entry, world: World, role: str, side: str = "a") -> str:
    if entry.name is None:
        return (
            "/"
            + re.sub(r"\^|\$|\(\?P<url>\.\*\)", "", entry.route)
            + ("no-such-page/" if "(?P<url>" in entry.route else "")
        )
    o = world.objects
    kwargs = {}
    for key in entry.kwargs:
        if key == "token":
            kwargs[key] = token_for(entry, world, role, side)
        elif key == "pk":
            kwargs[key] = _pk(entry, world)
        elif key == "slug":
            kwargs[key] = _slug(entry, world)
        elif key == "format":
            kwargs[key] = "json"
        elif key == "participant_id":
            kwargs[key] = o["participant_a"].pk
        elif key == "number":
            kwargs[key] = o["idea"].number
        elif key == "day":
            kwargs[key] = o["event_a"].starts_at.date().isoformat()
        elif key == "name":
            kwargs[key] = "conference-grid"
        elif key == "kind":
            kwargs[key] = "programme"
        elif key == "code":
            kwargs[key] = o["team"].join_code
        elif key == "what":
            kwargs[key] = "runners"
        elif key == "fmt":
            kwargs[key] = "csv"
        elif key == "uidb64":
            kwargs[key] = "MQ"
        elif key == "object_id" and entry.name == "admin:view_on_site":
            kwargs[key] = o["event_a"].pk
        elif key == "object_id":
            model, _view = admin_model_of(entry)
            kwargs[key] = admin_object_id(model, world)
        elif key == "path":  # a catch-all's: a page that does not exist
            kwargs[key] = "no-such-page/"
        elif key == "id":  # the admin's password form of a user
            kwargs[key] = world.users["partner_a"].pk
        elif key == "app_label":
            kwargs[key] = "events"
        elif key == "content_type_id":
            from django.contrib.contenttypes.models import ContentType

            kwargs[key] = ContentType.objects.get_for_model(type(o["event_a"])).pk
        else:
            raise LookupError(f"{entry.key}: no value for <{key}> (matrix_urls)")
    return reverse(entry.name, kwargs=kwargs)
