"""Container health probes, fast because they start no Django.

    python /app/docker/healthcheck.py [web]   GET /healthz, healthy on 200 "ok" or
                                              "degraded" (Redis or the broker away:
                                              the web still serves, a restart would
                                              not bring Redis back)
    python /app/docker/healthcheck.py beat    the broker beat publishes to answers

The web probe sends a Host that DJANGO_ALLOWED_HOSTS accepts and X-Forwarded-Proto:
https, as the TLS proxy does, so neither ALLOWED_HOSTS nor the HTTPS redirect turns it
away. HEALTHCHECK_URL overrides the address (default http://127.0.0.1:8000/healthz).
"""

import json
import os
import sys
import urllib.error
import urllib.request

# /healthz answers 503 "error" only when the database is away; "degraded" (cache or
# broker away, mails waiting) keeps the container healthy.
HEALTHY = ("ok", "degraded")


def probe_host() -> str:
    """The first allowed host naming a real host ('.example.org' → 'example.org')."""
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(","):
        host = host.strip().lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def check_web() -> bool:
    url = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/healthz")
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"HEALTHCHECK_URL must be http(s): {url}")
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        url, headers={"Host": probe_host(), "X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            status, body = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, body = exc.code, exc.read()
    text = body.decode("utf-8", "replace")
    print(status, text)
    try:
        return status == 200 and json.loads(text).get("status") in HEALTHY
    except ValueError:
        return False


def check_broker() -> bool:
    from kombu import Connection

    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url:
        print("CELERY_BROKER_URL is not set")
        return False
    options = {"socket_timeout": 5, "socket_connect_timeout": 5}
    with Connection(url, transport_options=options) as connection:
        connection.ensure_connection(max_retries=1, timeout=5)
    print("broker ok")
    return True


def main(argv: list[str]) -> int:
    mode = argv[1] if len(argv) > 1 else "web"
    checks = {"web": check_web, "beat": check_broker}
    if mode not in checks:
        print(f"usage: healthcheck.py [{'|'.join(checks)}]", file=sys.stderr)
        return 2
    try:
        healthy = checks[mode]()
    except Exception as exc:  # any failure means unhealthy, with the reason
        print(f"unhealthy: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
