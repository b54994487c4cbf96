"""Staff logins (/accounts/login/ and the admin's): after too many failed attempts
per username or per client in a window, every further attempt is refused with a 429
page, even one with the right password, until the window has passed.

Failures are counted where Django reports them (the `user_login_failed` signal), so
a successful login never counts. The counts live in the cache (`events.ratelimit`
keys, hashed: no usernames or addresses in the cache): with Redis all web workers
share them.
"""

import hashlib

from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from events.ratelimit import client_digest, too_many_response

WINDOW = 15 * 60
PER_USERNAME = 5
# Higher than per username: a school or office may log in from one address.
PER_CLIENT = 10
LOGIN_URL_NAMES = ("login", "admin:login")


def _username_digest(username: str) -> str:
    return hashlib.sha256(username.strip().casefold().encode()).hexdigest()[:16]


def _keys(request: HttpRequest, username: str) -> dict[str, tuple[str, int]]:
    return {
        "username": (f"loginfail:user:{_username_digest(username)}", PER_USERNAME),
        "client": (f"loginfail:client:{client_digest(request)}", PER_CLIENT),
    }


def login_blocked(request: HttpRequest, *, username: str) -> bool:
    """True once the username or the client has used up its failed attempts."""
    keys = _keys(request, username)
    counts = cache.get_many([key for key, _limit in keys.values()])
    return any(counts.get(key, 0) >= limit for key, limit in keys.values())


def login_failed(request: HttpRequest, *, username: str) -> None:
    """Count one failed attempt for the username and for the client; the window
    starts with the first failure (incr keeps the key's expiry)."""
    for key, _limit in _keys(request, username).values():
        cache.add(key, 0, timeout=WINDOW)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=WINDOW)


@receiver(user_login_failed, dispatch_uid="festwoche.login_throttle")
def _count_failure(sender, credentials: dict, request=None, **kwargs) -> None:
    if request is not None:
        login_failed(request, username=str(credentials.get("username", "")))


class LoginThrottleMiddleware:
    """Refuses a login POST while its username or client is blocked."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._paths: set[str] | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            if self._paths is None:
                self._paths = {reverse(name) for name in LOGIN_URL_NAMES}
            if request.path_info in self._paths and login_blocked(
                request, username=request.POST.get("username", "")
            ):
                return too_many_response(
                    request, window=WINDOW, template="registration/too_many.html"
                )
        return self.get_response(request)
