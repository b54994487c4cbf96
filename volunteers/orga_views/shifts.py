"""The shift list, adding, changing and deleting shifts, and shift templates."""

import datetime as dt
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from volunteers.models import Shift
from volunteers.orga_forms import ShiftFilterForm, ShiftForm, ShiftTemplateForm
from volunteers.orga_views.access import (
    ADD_SHIFT,
    CHANGE_SHIFT,
    DELETE_SHIFT,
    current_festival,
    error_text,
    orga_page,
    require,
)
from volunteers.selectors import shifts_with_counts
from volunteers.services import (
    shift_create,
    shift_delete,
    shift_update,
    shifts_create_from_template,
)


def with_missing(shift: Shift) -> Shift:
    """`missing`: places still open (for the templates, which cannot subtract)."""
    shift.missing = max(shift.needed - shift.filled, 0)
    return shift


def shift_of_festival(pk: int) -> Shift:
    """The current festival's shift with `filled` and `missing`, or 404."""
    return with_missing(
        get_object_or_404(shifts_with_counts(current_festival()), pk=pk)
    )


@orga_page
@require_GET
def shift_list(request: HttpRequest) -> HttpResponse:
    """Filters: day, role, venue, sub-event, only understaffed (bad values are
    ignored)."""
    festival = current_festival()
    form = ShiftFilterForm(request.GET, festival=festival)
    chosen = form.filters()
    shifts = shifts_with_counts(festival)
    if "day" in chosen:
        shifts = shifts.on_day(dt.date.fromisoformat(chosen["day"]))
    for name in ("role", "venue", "sub_event"):
        if name in chosen:
            shifts = shifts.filter(**{name: chosen[name]})
    if chosen.get("understaffed"):
        shifts = shifts.filter(filled__lt=F("needed"))
    return render(
        request,
        "volunteers/orga/shift_list.html",
        {
            "form": form,
            "shifts": [with_missing(shift) for shift in shifts],
            "filtered": bool(chosen),
        },
    )


def _shift_form(
    request: HttpRequest,
    form: ShiftForm,
    shift: Shift | None,
    save: Callable[[dict], Shift],
) -> HttpResponse:
    """The shift form: a valid POST is saved by `save` (a service) and leads to the
    shift; the service's refusal is shown on the form's fields."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.shift_fields())
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("The shift is saved."))
            return redirect("volunteers-orga:shift", pk=saved.pk)
    return render(
        request, "volunteers/orga/shift_form.html", {"form": form, "shift": shift}
    )


@orga_page
@require_http_methods(["GET", "POST"])
def shift_add(request: HttpRequest) -> HttpResponse:
    require(request, ADD_SHIFT)
    form = ShiftForm(request.POST or None, festival=current_festival())
    return _shift_form(request, form, None, lambda fields: shift_create(**fields))


@orga_page
@require_http_methods(["GET", "POST"])
def shift_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, CHANGE_SHIFT)
    shift = shift_of_festival(pk)
    form = ShiftForm(
        request.POST or None,
        festival=current_festival(),
        initial=ShiftForm.initial_for(shift),
    )
    return _shift_form(
        request, form, shift, lambda fields: shift_update(shift=shift, **fields)
    )


@orga_page
@require_POST
def shift_remove(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, DELETE_SHIFT)
    shift = shift_of_festival(pk)
    try:
        shift_delete(shift=shift)
    except ValidationError as exc:
        messages.error(
            request,
            _("The shift cannot be deleted: %(reason)s") % {"reason": error_text(exc)},
        )
        return redirect("volunteers-orga:shift", pk=shift.pk)
    messages.success(request, _("The shift %(shift)s is deleted.") % {"shift": shift})
    return redirect("volunteers-orga:shifts")


@orga_page
@require_http_methods(["GET", "POST"])
def shift_template(request: HttpRequest) -> HttpResponse:
    """ "Every day 9–13 and 13–17 at the Stadthalle": shifts for the chosen days and
    time slots in one step; existing ones are skipped."""
    require(request, ADD_SHIFT)
    festival = current_festival()
    form = ShiftTemplateForm(request.POST or None, festival=festival)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        wanted = len(set(data["day_dates"])) * len(data["slots"])
        try:
            created = shifts_create_from_template(
                role=data["role"],
                venue=data["venue"],
                days=data["day_dates"],
                slots=data["slots"],
                needed=data["needed"],
                event=data["event"],
                sub_event=data["sub_event"],
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)d shift created, %(m)d existed already.",
                    "%(n)d shifts created, %(m)d existed already.",
                    len(created),
                )
                % {"n": len(created), "m": wanted - len(created)},
            )
            return redirect("volunteers-orga:shifts")
    return render(request, "volunteers/orga/shift_template.html", {"form": form})
