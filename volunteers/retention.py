"""The volunteers app's part of the retention period (see events.retention).

Every volunteer of the festival is anonymised with `volunteer_anonymise`, the
same step as an erasure on request: name, e-mail, phone, guardian's data and
the coordinators' notes go, the qualification records (certificate dates, who
sighted them) are deleted. Assignments stay, with their shifts and attendance,
so hours per role and per day still add up; so do age groups, T-shirt sizes and
partner organisations.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from events.models import Festival
from volunteers.models import Qualification, Volunteer
from volunteers.services.people import volunteer_anonymise

LABELS = {
    "volunteers": _("volunteers (name, e-mail, phone, guardian, notes)"),
    "qualifications": _("qualification records (deleted)"),
}


def _volunteers(festival: Festival) -> QuerySet:
    # Erased volunteers are done, unless a record of theirs is left somehow.
    return (
        Volunteer.objects.filter(festival=festival)
        .filter(Q(erased_at__isnull=True) | Q(qualifications__isnull=False))
        .distinct()
    )


def retention_preview(festival: Festival) -> dict[str, int]:
    return {
        "volunteers": Volunteer.objects.filter(
            festival=festival, erased_at__isnull=True
        ).count(),
        "qualifications": Qualification.objects.filter(
            volunteer__festival=festival
        ).count(),
    }


def retention_anonymise(festival: Festival) -> dict[str, int]:
    volunteers = 0
    qualifications = 0
    for volunteer in _volunteers(festival).order_by("pk"):
        volunteers += volunteer.erased_at is None
        qualifications += volunteer_anonymise(volunteer=volunteer)
    return {"volunteers": volunteers, "qualifications": qualifications}
