"""Every write of volunteers, shifts, qualifications and assignments, one module per
concern; import them from here.

- people: what volunteers type, registering, details, the lost link
- qualifications: recording what a volunteer showed
- shifts: create, change, delete, templates
- assignments: the sign-up rules (assignment_create), withdrawing, attendance,
  messages to a shift
- reminders: the reminder the day before, the coordinators' digest
- events: what happens to shifts when an event they serve changes
- releases: the one mail per volunteer about a programme release

Errors are ValidationErrors with a code the API returns.
"""

from volunteers.services.assignments import (  # noqa: F401
    MESSAGE_BODY_MAX,
    MESSAGE_SUBJECT_MAX,
    assignment_attendance_mark,
    assignment_create,
    assignment_withdraw,
    shift_message_send,
)
from volunteers.services.events import on_event_changed  # noqa: F401
from volunteers.services.people import (  # noqa: F401
    GUARDIAN_CONTACT_MESSAGES,
    GUARDIAN_MESSAGES,
    NAME_MAX,
    NAME_MESSAGES,
    VOLUNTEER_DETAILS,
    VolunteerInput,
    VolunteerResult,
    volunteer_anonymise,
    volunteer_erase,
    volunteer_input_clean,
    volunteer_link_resend,
    volunteer_register,
    volunteer_update,
)
from volunteers.services.qualifications import (  # noqa: F401
    qualification_delete,
    qualification_record,
)
from volunteers.services.releases import (  # noqa: F401
    volunteers_count,
    volunteers_notify_release,
    volunteers_per_event,
)
from volunteers.services.reminders import (  # noqa: F401
    digest_send_due,
    reminders_send_due,
)
from volunteers.services.shifts import (  # noqa: F401
    SHIFT_FIELDS,
    SHIFT_NEWS_FIELDS,
    shift_create,
    shift_delete,
    shift_update,
    shifts_create_from_template,
)
