"""Writes of registrations, one module per concern; import them from here.

- inputs: what people type, checked and normalised
- registering: register, change, cancel, promote the waiting list (the seat rule)
- households: erase a household's data, send its link again
- reminders: the reminder two days before
- organisers: move a party, change capacity, check-in
- releases: the one mail per household about a programme release
"""

from registrations.services.households import (  # noqa: F401
    ERASED_NAME,
    household_erase,
    household_link_resend,
)
from registrations.services.inputs import (  # noqa: F401
    CONTACT_NAME_MAX,
    CONTACT_NAME_MESSAGES,
    EMAIL_MAX,
    FIRST_NAME_MESSAGES,
    NAME_MAX,
    NEEDS_TEXT_MAX,
    PARTY_HARD_LIMIT,
    PHONE_MAX,
    ContactInput,
    ParticipantInput,
    consent_check,
    contact_clean,
    needs_clean,
    participants_clean,
)
from registrations.services.organisers import (  # noqa: F401
    event_capacity_change,
    participant_check_in,
    participant_check_in_undo,
    registration_check_in,
    registration_move,
)
from registrations.services.registering import (  # noqa: F401
    RegistrationResult,
    eligibility_check,
    on_event_changed,
    participant_cancel,
    registration_cancel,
    registration_change_party,
    registration_create,
    waitlist_promote,
)
from registrations.services.releases import (  # noqa: F401
    households_count,
    households_notify_release,
    households_per_event,
)
from registrations.services.reminders import (  # noqa: F401
    REMINDER_LEAD,
    REMINDER_QUIET,
    reminders_send_due,
)
