"""Organiser groups, their permissions, and what each member may edit.

Groups hold Django model permissions (what kind of object); the scope functions
below narrow them to the objects a member is responsible for. The admin, the API and
later the organisers' workspace all ask here.
"""

from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.db.models import Q, QuerySet

from events.models import Event, Partner, SubEvent

ORGA = "Orga-Team"
MODULE_LEAD = "Modulleitung"
PARTNER = "Partner"
VOLUNTEER_COORDINATION = "Helferkoordination"

# App labels whose every permission the Orga-Team holds; apps added later list
# themselves here (labels only: the core imports none of them).
PROJECT_APPS = [
    "events",
    "registrations",
    "volunteers",
    "calendars",
    "printing",
    "planning",
    "conference",
    "cinema",
    "charity_run",
    "flea_market",
]

GROUP_PERMISSIONS: dict[str, list[str]] = {
    MODULE_LEAD: [
        "events.view_festival",
        "events.view_subevent",
        "events.change_subevent",
        "events.view_venue",
        "events.view_partner",
        "events.view_audience",
        "events.view_event",
        "events.add_event",
        "events.change_event",
        # The registrations of their sub-events' events (scoped in the organisers'
        # pages by events_editable_by); labels only, the core imports no app.
        "registrations.view_household",
        "registrations.view_registration",
        "registrations.add_registration",
        "registrations.change_registration",
        "registrations.view_participant",
        "registrations.change_participant",
        # The planning workspace (labels only): review the proposals for their
        # sub-events, discuss and rate the Denkfabrik's ideas, see the releases.
        "planning.view_proposal",
        "planning.change_proposal",
        "planning.view_idea",
        "planning.add_comment",
        "planning.view_comment",
        "planning.add_rating",
        "planning.change_rating",
        "planning.view_rating",
        "planning.view_release",
    ],
    PARTNER: [
        "events.view_subevent",
        "events.view_venue",
        "events.view_partner",
        "events.view_audience",
        "events.view_event",
        "events.add_event",
        "events.change_event",
        # Their organisation's proposals and the conversation about them.
        "planning.add_proposal",
        "planning.view_proposal",
        "planning.change_proposal",
        "planning.add_comment",
        "planning.view_comment",
    ],
    VOLUNTEER_COORDINATION: [
        "events.view_festival",
        "events.view_subevent",
        "events.view_venue",
        "events.view_partner",
        "events.view_event",
        # Everything about volunteers and shifts (labels only, the core imports
        # no app).
        *[
            f"volunteers.{action}_{model}"
            for model in (
                "role",
                "shift",
                "volunteer",
                "qualification",
                "assignment",
                "volunteerpolicy",
            )
            for action in ("view", "add", "change", "delete")
        ],
        "planning.view_release",
    ],
}


def roles_ensure() -> None:
    """Create the organiser groups and give them their permissions (idempotent)."""
    orga, _ = Group.objects.get_or_create(name=ORGA)
    orga.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=PROJECT_APPS)
    )
    for name, codes in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = Q(pk__in=[])
        for code in codes:
            app_label, codename = code.split(".")
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.add(*Permission.objects.filter(wanted))


def _in_group(user: AbstractBaseUser, name: str) -> bool:
    return user.is_authenticated and user.groups.filter(name=name).exists()


def user_is_orga(user: AbstractBaseUser) -> bool:
    return user.is_authenticated and (user.is_superuser or _in_group(user, ORGA))


def user_is_module_lead(user: AbstractBaseUser) -> bool:
    return _in_group(user, MODULE_LEAD)


def user_leads(user: AbstractBaseUser, sub_event: SubEvent) -> bool:
    """An active staff member of the Modulleitung listed as a lead of `sub_event`
    (what a sub-event module's organisers' pages let in beside the Orga-Team)."""
    return bool(
        user.is_active
        and user.is_staff
        and user_is_module_lead(user)
        and sub_event.leads.filter(pk=user.pk).exists()
    )


def user_is_partner(user: AbstractBaseUser) -> bool:
    return _in_group(user, PARTNER)


def sees_whole_programme(user: AbstractBaseUser) -> bool:
    """Staff who plan the week as a whole see every event, draft or not: the
    Orga-Team, the module leads and the volunteer coordination (partners see their
    own organisation's only)."""
    return user.is_authenticated and (
        user_is_orga(user)
        or user.groups.filter(name__in=[MODULE_LEAD, VOLUNTEER_COORDINATION]).exists()
    )


def partners_of(user: AbstractBaseUser) -> QuerySet[Partner]:
    """The partner organisations the user coordinates (a member of)."""
    if not user.is_authenticated:
        return Partner.objects.none()
    return Partner.objects.filter(members=user)


def sub_events_for(user: AbstractBaseUser) -> QuerySet[SubEvent]:
    """Sub-events whose events the user may plan."""
    if user_is_orga(user):
        return SubEvent.objects.all()
    if _in_group(user, MODULE_LEAD):
        return SubEvent.objects.filter(leads=user)
    if _in_group(user, PARTNER):
        return SubEvent.objects.all()  # partners propose into any sub-event
    return SubEvent.objects.none()


def events_editable_by(user: AbstractBaseUser) -> QuerySet[Event]:
    """Events the user may change: all (Orga), their sub-events' (Modulleitung),
    their organisation's drafts (Partner)."""
    if not user.is_authenticated:
        return Event.objects.none()
    if user_is_orga(user):
        return Event.objects.all()
    scope = Q(pk__in=[])
    if _in_group(user, MODULE_LEAD):
        scope |= Q(sub_event__leads=user)
    if _in_group(user, PARTNER):
        scope |= Q(host_partners__members=user, status=Event.Status.DRAFT)
    return Event.objects.filter(scope).distinct()


def can_publish(user: AbstractBaseUser, event: Event) -> bool:
    """Publishing and cancelling is for the Orga-Team and the sub-event's leads."""
    if user_is_orga(user):
        return True
    return (
        _in_group(user, MODULE_LEAD)
        and event.sub_event.leads.filter(pk=user.pk).exists()
    )


def only_drafts(user: AbstractBaseUser) -> bool:
    """Partners propose: what they create or change stays a draft."""
    return not user_is_orga(user) and not _in_group(user, MODULE_LEAD)
