"""REST API v1 for volunteers: public roles and shifts, the volunteer's own page
through their token (no account), and the coordinators' endpoints.

Every write calls the service the pages call (volunteers.services); errors come
back in the core's format {"code", "detail", "errors"} (events.drf). Decisions an
API client meets:
- public reads (roles, shifts) carry no personal data: a shift says how many are
  on it, never who;
- shifts lists show shifts that have not started, of the current festival; a
  filter value that cannot be one (?day=2027-13-40, an unknown role or sub-event,
  ?open=maybe) is 400 with the field's code, never ignored;
- who gets which link: a new person's registration answers 201 with their page
  and API links (they are the one who typed the address). A known e-mail address
  answers 202 {"status": "link_sent"} and nothing else: no name, no link, no data;
  the person's link goes to that address by e-mail and nothing is changed. The
  202 does tell the caller that the address is registered — what the web form says
  too; hiding it would mean never giving a new volunteer their link in the answer.
  Probing many addresses is bounded by the rate limit (429 rate_limited);
- an unknown or erased volunteer's token is 404 not_found; a shift id that is no
  shift of the volunteer's festival is 400 shift_unknown on the field `shift`;
- withdrawing twice changes nothing (204 again); after the deadline only a
  coordinator can (400 withdraw_deadline);
- coordinators (Orga-Team, Helferkoordination: the Django permissions
  volunteers.*) use Token or session authentication; others get 403;
- JSON only: malformed or deeply nested JSON is 400 parse_error, more than 1 MiB
  is 413 request_too_large, other media types 415.

The package: `public` (roles, shifts), `own` (the volunteer's endpoints through
their token, registering included), `own_data` (their data: export, erasure),
`orga` (coordinators: people and their qualifications), `orga_assignments`
(coordinators: assignments, coverage), `filters` and `common` (error responses,
the permission, reading a person's fields). The JSON parser, the 413/429 errors
and the strict fields are the core's (events.api_plumbing), shared with the
registrations' API.
"""

from events.api_plumbing import RateLimited
from volunteers.api.orga import (
    OrgaQualificationDetailView,
    OrgaQualificationListView,
    OrgaVolunteerDetailView,
    OrgaVolunteerListView,
)
from volunteers.api.orga_assignments import (
    OrgaAssignmentDetailView,
    OrgaAssignmentListView,
    OrgaCoverageView,
)
from volunteers.api.own import (
    RegisterThrottle,
    VolunteerAssignmentsView,
    VolunteerAssignmentView,
    VolunteerDetailView,
    VolunteerOpenShiftsView,
    VolunteerRegisterView,
)
from volunteers.api.own_data import VolunteerDataView
from volunteers.api.public import RoleListView, ShiftDetailView, ShiftListView

__all__ = [
    "OrgaAssignmentDetailView",
    "OrgaAssignmentListView",
    "OrgaCoverageView",
    "OrgaQualificationDetailView",
    "OrgaQualificationListView",
    "OrgaVolunteerDetailView",
    "OrgaVolunteerListView",
    "RateLimited",
    "RegisterThrottle",
    "RoleListView",
    "ShiftDetailView",
    "ShiftListView",
    "VolunteerAssignmentView",
    "VolunteerAssignmentsView",
    "VolunteerDataView",
    "VolunteerDetailView",
    "VolunteerOpenShiftsView",
    "VolunteerRegisterView",
]
