"""The volunteer coordination's pages (placeholder: being built)."""

from django.http import HttpResponse


def _todo(request, *args, **kwargs) -> HttpResponse:
    return HttpResponse(status=501)


coverage_board = shift_list = shift_add = shift_template = shift_detail = _todo
shift_edit = shift_remove = assign = message = unassign = attendance = _todo
volunteer_list = volunteer_add = volunteer_detail = qualification_add = _todo
qualification_remove = qualification_overview = export_csv = export_xlsx = _todo
