"""The degrading Redis cache: Redis away is a miss (reads), a no-op (writes) and a
first count (incr), logged once; Redis back is used again."""

import logging
import socket

import pytest
import redis

from festwoche.cache import DegradingRedisCache
from tests.conftest import redis_url
from tests.resilience.tcp_proxy import TcpProxy


def closed_port() -> int:
    """A port nothing listens on (taken from the system, then let go)."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        return server.getsockname()[1]


def degrading(location: str) -> DegradingRedisCache:
    return DegradingRedisCache(location, {"KEY_PREFIX": "festwoche-test-degrading"})


def test_redis_away_is_a_miss_a_no_op_and_a_first_count_logged_once(caplog):
    cache = degrading(f"redis://127.0.0.1:{closed_port()}/0")

    with caplog.at_level(logging.WARNING, logger="festwoche.cache"):
        cache.set("programme", "<html>")
        answers = [
            cache.get("programme"),
            cache.get("programme", "default"),
            cache.get_many(["a", "b"]),
            cache.add("ratelimit", 0),
            cache.incr("ratelimit"),
            cache.incr("ratelimit", 5),
            cache.has_key("programme"),
            cache.delete("programme"),
            cache.set_many({"a": 1}),
            cache.get_or_set("version", 7),
        ]
        cache.delete_many(["a", "b"])

    assert answers == [None, "default", {}, False, 1, 5, False, False, [], 7]
    assert cache.is_down()
    assert [r.getMessage() for r in caplog.records] == [
        "Redis cache unreachable (ConnectionError in set): serving without the cache"
    ]
    with pytest.raises(redis.ConnectionError):  # the health check hears the truth
        cache.check()


@pytest.mark.redis
def test_redis_cut_and_back_the_cache_misses_then_serves_again():
    host, port = "127.0.0.1", 6379
    target = redis_url().split("//", 1)[1].split("/", 1)[0]
    if ":" in target:
        host, port = target.rsplit(":", 1)
    with TcpProxy(host, int(port)) as proxy:
        cache = degrading(f"redis://127.0.0.1:{proxy.port}/8")
        cache.set("programme", "<html>", 60)
        assert cache.get("programme") == "<html>"

        proxy.cut()
        assert cache.get("programme") is None
        cache.set("other", "x")  # no error
        assert cache.is_down()

        proxy.restore()
        cache.check()  # answers again: the circuit closes at once
        assert not cache.is_down()
        assert cache.get("programme") == "<html>"
        cache.delete("programme")
