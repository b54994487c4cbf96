"""Public pages of registrations, by page: the form (register), the family's page
(manage), its data and its lost link (household). Views parse, call a service,
render; every rule lives in registrations.services.
"""

from registrations.views.household import (  # noqa: F401
    data_delete,
    data_json,
    data_page,
    link_renew,
    link_resend,
)
from registrations.views.manage import (  # noqa: F401
    cancel_participant,
    cancel_registration,
    change_party,
    manage,
)
from registrations.views.register import (  # noqa: F401
    received,
    register,
    registered,
)
