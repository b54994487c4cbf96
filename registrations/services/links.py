"""Renewing a family's links: the new token replaces the old one, so the old
address opens nothing any more (a link forwarded by mistake, or seen by someone it
was not meant for). A household's new manage link is mailed to its own address,
whoever renewed it (the family on its page, or the organisers)."""

from django.db import transaction

from events.audit import audit_record
from registrations import notifications
from registrations.models import Household, Registration, new_token


@transaction.atomic
def household_link_renew(*, household: Household) -> Household:
    """Give the household a new manage link, mailed to its address; the old link
    then 404s."""
    household.token = new_token()
    household.save(update_fields=["token", "updated_at"])
    audit_record(action="registrations.household_link_renewed", obj=household)
    notifications.manage_link(household)
    return household


@transaction.atomic
def registration_link_renew(*, registration: Registration) -> Registration:
    """Give one registration a new link (and check-in code); the old one 404s."""
    registration.token = new_token()
    registration.save(update_fields=["token", "updated_at"])
    audit_record(action="registrations.registration_link_renewed", obj=registration)
    return registration
