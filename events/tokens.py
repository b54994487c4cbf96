"""Looking up the object a secret link token opens, comparing in constant time.

Every personal link (a family's, a registration's, a volunteer's, a feed's, a
runner's, a seller's, a counter's, a submitter's) is `secrets.token_urlsafe`: 192
to 256 random bits. A plain `filter(token=token)` lets the database compare the
whole secret, and how long a comparison takes depends on how much of it matched.
Here the database only narrows by the token's first `SELECTOR_LENGTH` characters
(a prefix lookup the unique index's pattern index serves on PostgreSQL), and the
whole token is compared with `hmac.compare_digest` in Python, over every candidate,
without stopping at the first match. What a clock could learn is at most the
selector's 48 bits; the remaining 144 to 208 bits are never compared early.
"""

import hmac
from typing import TypeVar

from django.db.models import Model, QuerySet

SELECTOR_LENGTH = 8

M = TypeVar("M", bound=Model)


def token_lookup(queryset: QuerySet[M], token: str | None, *, field: str = "token"):
    """The one object of `queryset` whose `field` equals `token`, or None."""
    if not isinstance(token, str) or len(token) <= SELECTOR_LENGTH:
        return None
    given = token.encode()
    candidates = queryset.filter(**{f"{field}__startswith": token[:SELECTOR_LENGTH]})
    found = None
    for candidate in candidates:
        if hmac.compare_digest(str(getattr(candidate, field)).encode(), given):
            found = candidate
    return found
