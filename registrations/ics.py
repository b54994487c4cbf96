"""The iCalendar file for one registration, attached to the family's e-mails.

Built with the core's iCalendar blocks (events.ics). Its entry is the same as the
one in the family's calendar feed: the registration's UID, TENTATIVE while the party
waits, and a SEQUENCE that rises with the event's and the registration's revisions,
so a later mail's file updates the entry instead of adding a second one.
"""

from django.utils.translation import gettext as _
from icalendar import Calendar

from events import ics
from registrations.models import Registration


def registration_entry(registration: Registration, **kwargs) -> ics.Entry:
    """A registration as a calendar entry (mail attachment and family feed)."""
    return ics.event_entry(
        registration.event,
        kind="registration",
        pk=registration.pk,
        sequence=registration.sequence,
        status="TENTATIVE" if registration.is_waitlisted else "CONFIRMED",
        changed_at=registration.updated_at,
        registration_note=(
            _("You are on the waiting list; we e-mail you when places are free.")
            if registration.is_waitlisted
            else _("You are registered.")
        ),
        **kwargs,
    )


def registration_ics(registration: Registration) -> str:
    calendar: Calendar = ics.calendar_new(name=registration.event.title, refresh=None)
    return ics.calendar_bytes(calendar, [registration_entry(registration)]).decode()
