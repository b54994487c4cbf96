"""A small fixed-window rate limit per client address, kept in the cache.

Used by the public forms and APIs that anyone may post to (registering a family,
joining as a volunteer, asking for a lost link): a family registers a few times a
week, a script hundreds of times a minute. With Redis the counts are shared by all
web workers; with the local-memory cache they are per process (development).
"""

import hashlib

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def client_address(request: HttpRequest) -> str:
    """The client's address; behind the proxy, the last hop it appended."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def client_digest(request: HttpRequest) -> str:
    """The client's address, hashed: cache keys hold no personal data."""
    return hashlib.sha256(client_address(request).encode()).hexdigest()[:16]


def ratelimit_exceeded(
    request: HttpRequest, *, scope: str, limit: int, window: int = 60
) -> bool:
    """Count this request in its window; True once more than `limit` came in."""
    bucket = int(timezone.now().timestamp()) // window
    key = f"ratelimit:{scope}:{client_digest(request)}:{bucket}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return count > limit


def too_many_response(
    request: HttpRequest, *, window: int, template: str
) -> HttpResponse:
    """The page `template` asking to wait (its `minutes`), as a 429 with Retry-After."""
    response = render(request, template, {"minutes": max(1, window // 60)}, status=429)
    response["Retry-After"] = str(window)
    return response
