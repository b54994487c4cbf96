"""The volunteer coordination's pages under /orga/volunteers/: the coverage board
(board), shifts (shifts), one shift and its people (shift_people), volunteers and
qualifications (people), exports (export), a person's data request (data).

Every view checks access (access.orga_page and the permission of its change),
calls one selector or service, and renders or redirects.
"""

from volunteers.orga_views.board import coverage_board
from volunteers.orga_views.data import (
    volunteer_data,
    volunteer_data_json,
    volunteer_delete,
)
from volunteers.orga_views.export import export_csv, export_xlsx
from volunteers.orga_views.people import (
    qualification_add,
    qualification_overview,
    qualification_remove,
    volunteer_add,
    volunteer_detail,
    volunteer_list,
)
from volunteers.orga_views.shift_people import (
    assign,
    attendance,
    message,
    shift_detail,
    unassign,
)
from volunteers.orga_views.shifts import (
    shift_add,
    shift_edit,
    shift_list,
    shift_remove,
    shift_template,
)

__all__ = [
    "assign",
    "attendance",
    "coverage_board",
    "export_csv",
    "export_xlsx",
    "message",
    "qualification_add",
    "qualification_overview",
    "qualification_remove",
    "shift_add",
    "shift_detail",
    "shift_edit",
    "shift_list",
    "shift_remove",
    "shift_template",
    "unassign",
    "volunteer_add",
    "volunteer_data",
    "volunteer_data_json",
    "volunteer_delete",
    "volunteer_detail",
    "volunteer_list",
]
