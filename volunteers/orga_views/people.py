"""Volunteers: the list, adding one, their page (details, shifts, qualifications),
and the overview of qualifications missing or running out."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events.audit import audit_request
from volunteers.models import Qualification, Volunteer
from volunteers.orga_forms import (
    QualificationForm,
    VolunteerFilterForm,
    VolunteerForm,
    volunteer_search,
)
from volunteers.orga_views.access import (
    ADD_QUALIFICATION,
    ADD_VOLUNTEER,
    CHANGE_VOLUNTEER,
    DELETE_QUALIFICATION,
    VIEW_PEOPLE,
    current_festival,
    orga_page,
    require,
)
from volunteers.selectors import (
    policy_of,
    qualification_last_day,
    qualification_warnings,
    volunteer_assignments,
    volunteers_with_shift_counts,
)
from volunteers.services import (
    qualification_delete,
    qualification_record,
    volunteer_register,
    volunteer_update,
)


def _volunteer(pk: int) -> Volunteer:
    return get_object_or_404(
        Volunteer.objects.active().select_related("partner", "festival"),
        pk=pk,
        festival=current_festival(),
    )


@orga_page
@require_GET
def volunteer_list(request: HttpRequest) -> HttpResponse:
    """Search by name or e-mail; filter by partner, age group, "no shift yet"."""
    require(request, VIEW_PEOPLE)
    festival = current_festival()
    form = VolunteerFilterForm(request.GET)
    chosen = form.filters()
    volunteers = volunteers_with_shift_counts(festival=festival)
    if chosen.get("q"):
        volunteers = volunteer_search(volunteers, chosen["q"])
    if "partner" in chosen:
        volunteers = volunteers.filter(partner=chosen["partner"])
    if "age_group" in chosen:
        volunteers = volunteers.filter(age_group=chosen["age_group"])
    if chosen.get("no_shift"):
        volunteers = volunteers.filter(shift_count=0)
    # The search term may be a name or an address: it is not logged.
    audit_request(request, action="volunteers.list_read", summary=festival.name)
    return render(
        request,
        "volunteers/orga/volunteer_list.html",
        {"form": form, "volunteers": list(volunteers), "filtered": bool(chosen)},
    )


@orga_page
@require_http_methods(["GET", "POST"])
def volunteer_add(request: HttpRequest) -> HttpResponse:
    """A coordinator registers someone (by phone, on paper); the person gets the
    welcome e-mail with their link and the privacy notice."""
    require(request, VIEW_PEOPLE, ADD_VOLUNTEER)
    festival = current_festival()
    form = VolunteerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = volunteer_register(
                festival=festival,
                data=form.volunteer_input(),
                consent_privacy=False,
                by=request.user,
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            volunteer = result.volunteer
            if form.cleaned_data["notes"]:
                volunteer_update(
                    volunteer=volunteer,
                    data=form.volunteer_input(),
                    notes=form.cleaned_data["notes"],
                )
            messages.success(
                request,
                _("%(name)s is registered and gets an e-mail with their link.")
                % {"name": volunteer.name},
            )
            return redirect("volunteers-orga:volunteer", pk=volunteer.pk)
    return render(request, "volunteers/orga/volunteer_add.html", {"form": form})


def _render_volunteer(
    request: HttpRequest,
    volunteer: Volunteer,
    *,
    form: VolunteerForm | None = None,
    qualification_form: QualificationForm | None = None,
) -> HttpResponse:
    policy = policy_of(volunteer.festival)
    qualifications = list(volunteer.qualifications.all())
    for qualification in qualifications:
        qualification.last_valid_day = qualification_last_day(qualification, policy)
    user = request.user
    return render(
        request,
        "volunteers/orga/volunteer_detail.html",
        {
            "volunteer": volunteer,
            "assignments": list(volunteer_assignments(volunteer)),
            "qualifications": qualifications,
            "form": form or VolunteerForm(initial=VolunteerForm.initial_for(volunteer)),
            "qualification_form": qualification_form
            or QualificationForm(
                initial={"sighted_by": user.get_full_name() or user.get_username()}
            ),
            "edit_open": form is not None,
            "qualification_open": qualification_form is not None,
            "may_change": user.has_perm(CHANGE_VOLUNTEER),
            "may_add_qualification": user.has_perm(ADD_QUALIFICATION),
            "may_delete_qualification": user.has_perm(DELETE_QUALIFICATION),
        },
    )


@orga_page
@require_http_methods(["GET", "POST"])
def volunteer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The volunteer's page; POST changes their details."""
    require(request, VIEW_PEOPLE)
    volunteer = _volunteer(pk)
    if request.method != "POST":
        audit_request(request, action="volunteers.person_read", obj=volunteer)
        return _render_volunteer(request, volunteer)
    require(request, CHANGE_VOLUNTEER)
    form = VolunteerForm(request.POST)
    if form.is_valid():
        try:
            volunteer_update(
                volunteer=volunteer,
                data=form.volunteer_input(),
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as exc:
            form.add_service_error(exc)
            volunteer.refresh_from_db()
        else:
            messages.success(request, _("The details are saved."))
            return redirect("volunteers-orga:volunteer", pk=volunteer.pk)
    return _render_volunteer(request, volunteer, form=form)


@orga_page
@require_POST
def qualification_add(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, VIEW_PEOPLE, ADD_QUALIFICATION)
    volunteer = _volunteer(pk)
    form = QualificationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            qualification = qualification_record(
                volunteer=volunteer,
                kind=data["kind"],
                issued_on=data["issued_on"],
                valid_until=data["valid_until"],
                sighted_on=data["sighted_on"],
                sighted_by=data["sighted_by"],
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(
                request,
                _("%(qualification)s is recorded.")
                % {"qualification": qualification.get_kind_display()},
            )
            return redirect("volunteers-orga:volunteer", pk=volunteer.pk)
    return _render_volunteer(request, volunteer, qualification_form=form)


@orga_page
@require_POST
def qualification_remove(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, VIEW_PEOPLE, DELETE_QUALIFICATION)
    qualification = get_object_or_404(
        Qualification.objects.select_related("volunteer"),
        pk=pk,
        volunteer__festival=current_festival(),
        volunteer__erased_at__isnull=True,
    )
    qualification_delete(qualification=qualification)
    messages.success(
        request,
        _("%(qualification)s is deleted.")
        % {"qualification": qualification.get_kind_display()},
    )
    return redirect("volunteers-orga:volunteer", pk=qualification.volunteer_id)


@orga_page
@require_GET
def qualification_overview(request: HttpRequest) -> HttpResponse:
    """Qualifications missing for a shift, not valid on its day, or ending before
    the festival does."""
    require(request, VIEW_PEOPLE)
    festival = current_festival()
    warnings = qualification_warnings(festival)
    audit_request(
        request,
        action="volunteers.qualifications_read",
        summary=f"{festival.name}: {len(warnings)} rows",
    )
    groups = [
        (code, title, [w for w in warnings if w.code == code])
        for code, title in (
            ("missing", _("Missing for a shift")),
            ("invalid_on_shift", _("Not valid on the shift's day")),
            ("expires_before_end", _("Ending before the festival is over")),
        )
    ]
    return render(
        request,
        "volunteers/orga/qualifications.html",
        {"festival": festival, "groups": groups, "count": len(warnings)},
    )
