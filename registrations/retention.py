"""The registrations app's part of the retention period (see events.retention):
households, participants and the registrations' needs of a festival that is over.

A household belongs to no festival, its registrations do. When every registration
of a household is for this festival (or for festivals already anonymised), the
whole household is anonymised like an erasure on request (`household_anonymise`).
A family that also registered for a festival still keeping its data keeps its
contact details for that one; only this festival's registrations (first names,
needs, links) are anonymised. Nothing is cancelled: the festival is over. Ages,
statuses, seats and photo consent stay for the figures.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from events.models import Festival
from registrations.models import Household, Participant, Registration
from registrations.services.households import (
    ERASED_NAME,
    household_anonymise,
    registrations_anonymise,
)

LABELS = {
    "households": _("households (contact name, e-mail, phone)"),
    "participants": _("participants (first names)"),
    "registrations": _("registrations (needs, links)"),
}


def _scope(festival: Festival) -> tuple[set[int], QuerySet]:
    """The households to anonymise whole, and this festival's registrations of
    the other households (two queries)."""
    of_festival = Registration.objects.filter(event__sub_event__festival=festival)
    household_ids = set(of_festival.values_list("household_id", flat=True))
    kept = set(
        Registration.objects.filter(household_id__in=household_ids)
        .exclude(event__sub_event__festival=festival)
        .filter(event__sub_event__festival__anonymised_at__isnull=True)
        .values_list("household_id", flat=True)
    )
    whole = household_ids - kept
    return whole, of_festival.filter(household_id__in=kept)


def _counts(whole: set[int], partly: QuerySet, festival: Festival) -> dict[str, int]:
    registrations = Registration.objects.filter(
        Q(event__sub_event__festival=festival) | Q(household_id__in=whole)
    )
    return {
        "households": Household.objects.filter(pk__in=whole)
        .exclude(email__endswith="@invalid")
        .count(),
        "participants": Participant.objects.filter(registration__in=registrations)
        .exclude(name=ERASED_NAME)
        .count(),
        "registrations": registrations.count(),
    }


def retention_preview(festival: Festival) -> dict[str, int]:
    whole, partly = _scope(festival)
    return _counts(whole, partly, festival)


def retention_anonymise(festival: Festival) -> dict[str, int]:
    whole, partly = _scope(festival)
    households = 0
    participants = 0
    registrations = 0
    for household in Household.objects.filter(pk__in=whole).order_by("pk"):
        if not household.email.endswith("@invalid"):
            households += 1
        registrations += household.registrations.count()
        participants += registrations_anonymise(
            registrations=household.registrations.all()
        )
        # Its registrations are anonymised already; this does the contact data.
        household_anonymise(household=household)
    partly = list(partly.order_by("pk"))
    participants += registrations_anonymise(registrations=partly)
    registrations += len(partly)
    return {
        "households": households,
        "participants": participants,
        "registrations": registrations,
    }
