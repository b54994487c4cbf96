"""Renewing a volunteer's link: the new token replaces the old one, so the old
address opens nothing any more. The volunteer gets the new link by asking for it
again (volunteers:link mails it to their own address)."""

from django.db import transaction

from events.audit import audit_record
from volunteers.models import Volunteer, new_token


@transaction.atomic
def volunteer_link_renew(*, volunteer: Volunteer) -> Volunteer:
    """Give the volunteer a new personal link; the old one then 404s."""
    volunteer.token = new_token()
    volunteer.save(update_fields=["token", "updated_at"])
    audit_record(action="volunteers.link_renewed", obj=volunteer)
    return volunteer
