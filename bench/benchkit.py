"""What the benchmarks share: a gunicorn on a free loopback port, plain HTTP
requests, the report file with its summary line, a scratch PostgreSQL database."""

import http.client
import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict | None = None,
    *,
    timeout: float,
) -> tuple[int, bytes]:
    """One request on a new connection; (status, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class Gunicorn:
    """gunicorn serving the project on a free port, up when /healthz answers 200."""

    def __init__(self, *, log: Path, env: dict, workers: int, extra: tuple = ()):
        self.port = free_port()
        self.log = log
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "festwoche.wsgi:application",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                str(workers),
                *extra,
                "--timeout",
                "60",
                "--chdir",
                str(ROOT),
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log.read_text()[-3000:]}")
            try:
                if request(self.port, "GET", "/healthz", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"gunicorn not up in 30 s:\n{self.log.read_text()}")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def report_write(output: Path, report: dict) -> None:
    """Write the report as indented UTF-8 JSON."""
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def checks_print(checks: list[dict]) -> None:
    print("Checks")
    for check in checks:
        print(
            f"  {'PASS' if check['passed'] else 'FAIL'}  {check['name']}: "
            f"{check['detail']}"
        )


def checks_line(output: Path, checks: list[dict], runtime_s: float) -> str:
    passed = sum(check["passed"] for check in checks)
    return (
        f"\n{passed}/{len(checks)} checks passed; written to "
        f"{output.relative_to(ROOT)} in {runtime_s} s"
    )


# --- A scratch PostgreSQL database for a bench run ----------------------------------
def admin_url(url: str) -> str:
    """The same server's `postgres` database, to create and drop ours from."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/postgres"))


def postgres_missing(script: str, url: str) -> bool:
    """Print why `script` skips and say True when PostgreSQL does not answer."""
    reason = postgres_reachable(url)
    if reason:
        parts = urlsplit(url)
        print(
            f"{script}: skipped, PostgreSQL is not reachable at "
            f"{parts.hostname}:{parts.port or 5432} ({reason}). "
            "Start it or set DATABASE_URL."
        )
    return bool(reason)


def postgres_reachable(url: str) -> str | None:
    """None if PostgreSQL answers at `url`'s server, else the reason."""
    import psycopg

    try:
        with psycopg.connect(admin_url(url), connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def create_database(url: str) -> None:
    import psycopg

    name = database_name(url)
    with psycopg.connect(admin_url(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg

    with psycopg.connect(admin_url(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database_name(url)}" WITH (FORCE)')
