"""A Redis cache that degrades instead of failing: Redis down is a cache miss.

Django's RedisCache raises on every call while Redis is unreachable, so every page
that reads the cache (the programme, the rate limiter, the login throttle) would
answer 500. Here a connection error or timeout is a miss (reads), a no-op (writes)
or a first count (incr: the rate limiter and the login throttle fail open). The
first error opens a short circuit: for `RETRY_AFTER` seconds the cache does not
try Redis at all, so a hung Redis costs one short timeout every few seconds per
process, not one per cache call. Errors are logged at most once a minute per
process. `check()` bypasses all of this for the health check.
"""

import logging
import threading
import time
from typing import Any

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

UNAVAILABLE = (redis.ConnectionError, redis.TimeoutError, OSError)
# Connect and answer within these (seconds): Redis on the same network answers in
# a millisecond; a longer wait only holds a request while Redis is away.
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}
RETRY_AFTER = 5.0  # seconds without trying Redis after an error
LOG_EVERY = 60.0  # seconds between two log lines about the outage


class _Outage:
    """Per process and Redis location (cache objects are per thread): when Redis
    failed last, when that was logged."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.logged_at = -LOG_EVERY


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage(location: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


class DegradingRedisCache(RedisCache):
    def __init__(self, server: str, params: dict) -> None:
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._outage = _outage(",".join(self._servers))

    # --- the circuit --------------------------------------------------------------
    def is_down(self) -> bool:
        """True while a recent error keeps this process from trying Redis."""
        return time.monotonic() < self._outage.down_until

    def _failed(self, operation: str, exc: Exception) -> None:
        now = time.monotonic()
        outage = self._outage
        with outage.lock:
            outage.down_until = now + RETRY_AFTER
            log = now - outage.logged_at >= LOG_EVERY
            if log:
                outage.logged_at = now
        if log:
            logger.warning(
                "Redis cache unreachable (%s in %s): serving without the cache",
                type(exc).__name__,
                operation,
            )

    def _try(self, operation: str, call, fallback: Any) -> Any:
        if self.is_down():
            return fallback
        try:
            return call()
        except UNAVAILABLE as exc:
            self._failed(operation, exc)
            return fallback

    def check(self) -> None:
        """Store and read back a value, raising what Redis raises (health check)."""
        key = "healthz"
        super().set(key, "ok", 10)
        if super().get(key) != "ok":
            raise RuntimeError("cache did not return what was stored")
        self._outage.down_until = 0.0  # it answers: stop serving misses

    # --- the cache API --------------------------------------------------------------
    def get(self, key, default=None, version=None):
        return self._try(
            "get", lambda: RedisCache.get(self, key, default, version), default
        )

    def get_many(self, keys, version=None):
        return self._try(
            "get_many", lambda: RedisCache.get_many(self, keys, version), {}
        )

    def has_key(self, key, version=None):
        return self._try(
            "has_key", lambda: RedisCache.has_key(self, key, version), False
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._try(
            "set", lambda: RedisCache.set(self, key, value, timeout, version), None
        )

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(
            "add", lambda: RedisCache.add(self, key, value, timeout, version), False
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(
            "touch", lambda: RedisCache.touch(self, key, timeout, version), False
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(
            "set_many", lambda: RedisCache.set_many(self, data, timeout, version), []
        )

    def delete(self, key, version=None):
        return self._try("delete", lambda: RedisCache.delete(self, key, version), False)

    def delete_many(self, keys, version=None):
        self._try(
            "delete_many", lambda: RedisCache.delete_many(self, keys, version), None
        )

    def incr(self, key, delta=1, version=None):
        # Unreachable: as if this were the first count, so counters fail open.
        return self._try(
            "incr", lambda: RedisCache.incr(self, key, delta, version), delta
        )

    def clear(self):
        return self._try("clear", lambda: RedisCache.clear(self), False)
