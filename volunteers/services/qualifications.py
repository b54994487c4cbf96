"""Qualifications (Nachweise): recording what a volunteer showed. For the police
certificate only that it was sighted is kept, never the document."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.audit import audit_record
from events.inputs import refuse
from volunteers.models import (
    Qualification,
    QualificationKind,
    Volunteer,
)


@transaction.atomic
def qualification_record(
    *,
    volunteer: Volunteer,
    kind: str,
    issued_on: dt.date,
    valid_until: dt.date | None = None,
    sighted_on: dt.date | None = None,
    sighted_by: str = "",
    today: dt.date | None = None,
) -> Qualification:
    """Record that a volunteer showed a qualification (coordinators).

    The police certificate is recorded as sighted — on which day and by whom — and
    the document itself is never stored.
    """
    today = today or timezone.localdate()
    if kind not in QualificationKind.values:
        raise refuse(_("Unknown kind of qualification."), "kind_invalid", "kind")
    if issued_on > today:
        raise refuse(
            _("The issue date cannot be in the future."),
            "issued_in_future",
            "issued_on",
        )
    sighted_by = (sighted_by or "").strip()
    if kind == QualificationKind.POLICE_CERTIFICATE:
        if sighted_on is None or not sighted_by:
            raise refuse(
                _("Record when and by whom the police certificate was sighted."),
                "certificate_not_sighted",
                "sighted_on",
            )
        if sighted_on < issued_on or sighted_on > today:
            raise refuse(
                _("The certificate can only be sighted between its issue and today."),
                "sighted_on_invalid",
                "sighted_on",
            )
    if kind == QualificationKind.JULEICA and valid_until is None:
        raise refuse(
            _("A JuLeiCa is valid until a date: please enter it."),
            "valid_until_missing",
            "valid_until",
        )
    if valid_until is not None and valid_until < issued_on:
        raise refuse(
            _("The end of validity cannot be before the issue date."),
            "valid_until_before_issue",
            "valid_until",
        )
    qualification = Qualification.objects.create(
        volunteer=volunteer,
        kind=kind,
        issued_on=issued_on,
        valid_until=valid_until if kind == QualificationKind.JULEICA else None,
        sighted_on=sighted_on,
        sighted_by=sighted_by,
    )
    audit_record(
        action="volunteers.qualification_record",
        obj=qualification,
        summary=f"volunteer {volunteer.pk}: {kind}",
    )
    return qualification


@transaction.atomic
def qualification_delete(*, qualification: Qualification) -> None:
    audit_record(
        action="volunteers.qualification_delete",
        obj=qualification,
        summary=f"volunteer {qualification.volunteer_id}: {qualification.kind}",
    )
    qualification.delete()
