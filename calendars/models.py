"""Read-only tokens for personal calendar feeds.

A family's or a volunteer's feed has its own token, separate from the link that
opens their page: a calendar app stores the feed address, shares it with devices
and sometimes with other people, so it must only ever read. Renewing the token
revokes the old one (its feed then answers 404, as if it never existed).
"""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registrations.models import Household
from volunteers.models import Volunteer


def new_token() -> str:
    """An unguessable token for a feed address (256 bits)."""
    return secrets.token_urlsafe(32)


class FeedTokenQuerySet(models.QuerySet):
    def valid(self) -> "FeedTokenQuerySet":
        return self.filter(revoked_at__isnull=True)


class FeedToken(models.Model):
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feed_tokens",
    )
    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feed_tokens",
    )
    token = models.CharField(
        _("feed token"), max_length=64, unique=True, default=new_token, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = FeedTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")
        constraints = [
            models.CheckConstraint(
                condition=(Q(household__isnull=False) & Q(volunteer__isnull=True))
                | (Q(household__isnull=True) & Q(volunteer__isnull=False)),
                name="feed_token_one_owner",
            ),
            # One valid token per owner; revoked ones stay for the record.
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(revoked_at__isnull=True, household__isnull=False),
                name="feed_token_one_valid_per_household",
            ),
            models.UniqueConstraint(
                fields=["volunteer"],
                condition=Q(revoked_at__isnull=True, volunteer__isnull=False),
                name="feed_token_one_valid_per_volunteer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household or self.volunteer} ({self.created_at:%Y-%m-%d})"
