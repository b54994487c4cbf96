"""The volunteer coordination's pages under /orga/volunteers/: the coverage board,
shifts and their people, volunteers and their qualifications, exports.

Every view checks access (access.orga_page and the permission of its change),
calls one selector or service, and renders or redirects.
"""

from django.http import HttpResponse

from volunteers.orga_views.board import coverage_board


def _todo(request, *args, **kwargs) -> HttpResponse:
    return HttpResponse(status=501)


shift_list = shift_add = shift_template = shift_detail = _todo
shift_edit = shift_remove = assign = message = unassign = attendance = _todo
volunteer_list = volunteer_add = volunteer_detail = qualification_add = _todo
qualification_remove = qualification_overview = export_csv = export_xlsx = _todo

__all__ = ["coverage_board"]
