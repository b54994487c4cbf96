"""Renewing a volunteer's link: the new token replaces the old one, so the old
address opens nothing any more. The new link is mailed to the volunteer's own
address, whoever renewed it (the volunteer on their page, or the organisers)."""

from django.db import transaction

from events.audit import audit_record
from volunteers import notifications
from volunteers.models import Volunteer, new_token


@transaction.atomic
def volunteer_link_renew(*, volunteer: Volunteer) -> Volunteer:
    """Give the volunteer a new personal link, mailed to their address; the old
    link then 404s."""
    volunteer.token = new_token()
    volunteer.save(update_fields=["token", "updated_at"])
    audit_record(action="volunteers.link_renewed", obj=volunteer)
    notifications.volunteer_link(volunteer)
    return volunteer
