"""Writes of the calendar feeds: issuing and renewing the personal feed tokens."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from calendars.models import FeedToken
from registrations.models import Household
from volunteers.models import Volunteer


def _owner(household: Household | None, volunteer: Volunteer | None) -> dict:
    if (household is None) == (volunteer is None):
        raise TypeError("give exactly one of household and volunteer")
    return (
        {"household": household} if household is not None else {"volunteer": volunteer}
    )


def feed_token_get(
    *, household: Household | None = None, volunteer: Volunteer | None = None
) -> FeedToken:
    """The owner's valid feed token, issued on first use."""
    owner = _owner(household, volunteer)
    token = FeedToken.objects.valid().filter(**owner).first()
    if token is not None:
        return token
    try:
        with transaction.atomic():
            return FeedToken.objects.create(**owner)
    except IntegrityError:  # issued a moment ago by a parallel request
        return FeedToken.objects.valid().get(**owner)


@transaction.atomic
def feed_token_renew(
    *, household: Household | None = None, volunteer: Volunteer | None = None
) -> FeedToken:
    """Revoke the owner's feed address and issue a new one: calendars subscribed to
    the old address get 404 from now on and keep their last copy."""
    owner = _owner(household, volunteer)
    FeedToken.objects.valid().filter(**owner).update(revoked_at=timezone.now())
    return FeedToken.objects.create(**owner)


def feed_tokens_revoke(owner: Household | Volunteer) -> int:
    """Revoke every feed address of a household or volunteer whose data is erased
    (a registry erase handler); returns how many were valid."""
    field = "household" if isinstance(owner, Household) else "volunteer"
    return (
        FeedToken.objects.valid()
        .filter(**{field: owner})
        .update(revoked_at=timezone.now())
    )


def feed_tokens_export(owner: Household | Volunteer) -> dict:
    """The owner's feed addresses for their "download my data" (a registry export
    provider): when each was issued and revoked, not the secret address itself."""
    field = "household" if isinstance(owner, Household) else "volunteer"
    tokens = FeedToken.objects.filter(**{field: owner}).order_by("created_at", "pk")
    return {
        "calendar_feeds": [
            {
                "created_at": token.created_at.isoformat(),
                "revoked_at": (
                    token.revoked_at.isoformat() if token.revoked_at else None
                ),
            }
            for token in tokens
        ]
    }
