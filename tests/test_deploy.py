"""The production shape: docker-compose.yml, .env.example, the Dockerfile, and the
settings with DJANGO_DEBUG=0. No Docker engine is needed: Compose validates the file,
and the image's steps (collectstatic, migrate, gunicorn, HEALTHCHECK) run here."""

import json
import os
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.conftest import service_missing

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "festwoche.example.org"

DJANGO_SERVICES = {"migrate", "web", "worker", "beat"}
LONG_RUNNING = {"web", "worker", "beat", "postgres", "redis", "mailpit"}
# Read by the settings but not part of the production environment: the image sets
# FESTWOCHE_VAR_DIR itself, and the SQLite path is the embedded default's.
NOT_FOR_PRODUCTION = {"FESTWOCHE_VAR_DIR", "FESTWOCHE_SQLITE_PATH"}
# .env.example variables that Compose itself uses, not the Django containers.
COMPOSE_ONLY = {
    "POSTGRES_PASSWORD",
    "FESTWOCHE_HTTP_BIND",
    "MAILPIT_UI_BIND",
    "FESTWOCHE_IMAGE_TAG",
}


# --- helpers ------------------------------------------------------------------------


def env_example() -> dict[str, str]:
    values = {}
    for line in (BASE_DIR / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value
    return values


def settings_env_vars() -> set[str]:
    source = (BASE_DIR / "festwoche" / "settings.py").read_text()
    pattern = (
        r'(?:os\.environ(?:\.get)?\(|os\.environ\[|env_bool\(|env_list\()\s*"(\w+)"'
    )
    return set(re.findall(pattern, source))


def docker_compose(*args: str, env_file: Path) -> subprocess.CompletedProcess:
    """Run docker-compose on the project's file, with nothing from this shell's
    environment (CI exports DATABASE_URL etc., which would win over the env file)."""
    binary = shutil.which("docker-compose")
    if binary is None:
        service_missing("needs docker-compose: apt-get install docker-compose")
    return subprocess.run(
        [binary, "-f", "docker-compose.yml", "--env-file", str(env_file), *args],
        cwd=BASE_DIR,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/tmp"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def compose_config(env_file: Path) -> dict:
    result = docker_compose("config", env_file=env_file)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


@pytest.fixture
def no_env_file(tmp_path) -> Path:
    path = tmp_path / "empty.env"
    path.write_text("")
    return path


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """This process's environment made into production's: DEBUG off, a real secret,
    no service URLs (the embedded defaults are enough for what is checked here)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "FESTWOCHE_", "CELERY_"))
        and name not in {"DATABASE_URL", "REDIS_URL", "EMAIL_URL"}
    }
    var_dir = tmp_path / "var"
    var_dir.mkdir(exist_ok=True)
    env.update(
        DJANGO_SETTINGS_MODULE="festwoche.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_CSRF_TRUSTED_ORIGINS=f"https://{HOST}",
        FESTWOCHE_SITE_URL=f"https://{HOST}",
        FESTWOCHE_VAR_DIR=str(var_dir),
        PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined, comments out."""
    text = (BASE_DIR / "Dockerfile").read_text()
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    instructions = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, arguments = line.strip().partition(" ")
            instructions.append((keyword.upper(), " ".join(arguments.split())))
    return instructions


# --- docker-compose.yml -------------------------------------------------------------


def test_compose_file_is_valid_with_the_example_env():
    result = docker_compose("config", "-q", env_file=BASE_DIR / ".env.example")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""


def test_compose_file_is_valid_without_an_env_file(no_env_file):
    result = docker_compose("config", "-q", env_file=no_env_file)
    assert result.returncode == 0, result.stderr


def test_compose_has_the_production_services_each_with_a_healthcheck():
    services = compose_config(BASE_DIR / ".env.example")["services"]

    assert set(services) == LONG_RUNNING | {"migrate"}
    for name in LONG_RUNNING:
        healthcheck = services[name].get("healthcheck", {})
        assert healthcheck.get("test"), f"{name} has no healthcheck"
        assert not healthcheck.get("disable"), f"{name} has its healthcheck off"
    assert services["postgres"]["image"].split(":")[1].split("-")[0] == "16"
    assert services["redis"]["image"].split(":")[1].split("-")[0] == "7"
    assert services["mailpit"]["image"].split(":")[0] == "axllent/mailpit"


def test_compose_starts_services_only_when_what_they_need_is_ready():
    services = compose_config(BASE_DIR / ".env.example")["services"]

    for name, service in services.items():
        for needed, how in service.get("depends_on", {}).items():
            expected = (
                "service_completed_successfully"
                if needed == "migrate"
                else "service_healthy"
            )
            assert how == {"condition": expected}, (name, needed)
    assert set(services["web"]["depends_on"]) == {"migrate", "postgres", "redis"}
    assert set(services["migrate"]["depends_on"]) == {"postgres"}
    assert {"migrate", "redis"} <= set(services["worker"]["depends_on"])
    assert {"migrate", "redis"} <= set(services["beat"]["depends_on"])


def test_compose_runs_the_commands_of_the_production_shape():
    services = compose_config(BASE_DIR / ".env.example")["services"]

    assert services["migrate"]["command"] == [
        "python",
        "manage.py",
        "migrate",
        "--no-input",
    ]
    assert "command" not in services["web"]  # the image's gunicorn CMD
    assert services["worker"]["command"][:4] == ["celery", "-A", "festwoche", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "festwoche", "beat"]
    assert services["redis"]["command"] == ["redis-server", "--appendonly", "yes"]


def test_compose_keeps_postgres_and_redis_data_in_named_volumes():
    config = compose_config(BASE_DIR / ".env.example")
    services = config["services"]

    assert {"postgres-data", "redis-data"} <= set(config["volumes"])
    assert (
        "postgres-data:/var/lib/postgresql/data:rw" in services["postgres"]["volumes"]
    )
    assert "redis-data:/data:rw" in services["redis"]["volumes"]


def test_compose_publishes_ports_on_loopback_only():
    services = compose_config(BASE_DIR / ".env.example")["services"]

    published = {
        name: service["ports"]
        for name, service in services.items()
        if "ports" in service
    }
    assert published == {
        "web": ["127.0.0.1:8000:8000/tcp"],
        "mailpit": ["127.0.0.1:8025:8025/tcp"],
    }


# --- .env.example -------------------------------------------------------------------


def test_env_example_lists_every_variable_the_settings_read():
    missing = settings_env_vars() - NOT_FOR_PRODUCTION - set(env_example())
    assert missing == set()


def test_env_example_reaches_every_django_container_unchanged():
    example = env_example()
    services = compose_config(BASE_DIR / ".env.example")["services"]

    django_vars = {k: v for k, v in example.items() if k not in COMPOSE_ONLY}
    for name in DJANGO_SERVICES:
        environment = services[name]["environment"]
        assert {k: environment.get(k) for k in django_vars} == django_vars, name


def test_env_example_is_the_production_shape():
    example = env_example()

    assert example["DJANGO_DEBUG"] == "0"
    assert example["DJANGO_SECRET_KEY"] == ""  # to be filled in, never a default
    assert example["CELERY_BROKER_URL"] == "redis://redis:6379/0"
    assert example["REDIS_URL"] == "redis://redis:6379/1"
    assert example["EMAIL_URL"] == "smtp://mailpit:1025"
    database = urlsplit(example["DATABASE_URL"])
    assert (database.scheme, database.hostname, database.port, database.path) == (
        "postgres",
        "postgres",
        5432,
        "/festwoche",
    )
    assert database.username == "festwoche"
    assert database.password == example["POSTGRES_PASSWORD"]


def test_compose_without_env_file_has_no_secrets_to_start_with(no_env_file):
    services = compose_config(no_env_file)["services"]

    # Web, worker and beat then refuse to start (see the settings test below), and
    # so does PostgreSQL: nothing runs on a guessable secret.
    for name in DJANGO_SERVICES:
        assert services[name]["environment"]["DJANGO_SECRET_KEY"] == ""
        assert services[name]["environment"]["DJANGO_DEBUG"] == "0"
    assert services["postgres"]["environment"]["POSTGRES_PASSWORD"] == ""


# --- Dockerfile ---------------------------------------------------------------------


def test_dockerfile_builds_on_python_311_slim_and_runs_gunicorn_as_non_root():
    instructions = dockerfile_instructions()
    stages = [args for keyword, args in instructions if keyword == "FROM"]
    runtime = instructions[
        max(i for i, (k, _) in enumerate(instructions) if k == "FROM") :
    ]

    assert all(stage.split()[0] == "python:3.11-slim" for stage in stages)
    users = [args for keyword, args in runtime if keyword == "USER"]
    assert users and users[-1] not in {"root", "0", "0:0"}
    assert ("EXPOSE", "8000") in runtime
    cmd = json.loads(next(args for keyword, args in runtime if keyword == "CMD"))
    assert cmd[:2] == ["gunicorn", "festwoche.wsgi:application"]
    assert cmd[cmd.index("--bind") + 1] == "0.0.0.0:8000"
    healthcheck = next(args for keyword, args in runtime if keyword == "HEALTHCHECK")
    assert healthcheck.endswith('CMD ["python", "/app/docker/healthcheck.py"]')
    collectstatic = [
        args for k, args in runtime if k == "RUN" and "collectstatic" in args
    ]
    assert len(collectstatic) == 1
    assert "DJANGO_DEBUG=0" in collectstatic[0]


def test_docker_context_keeps_what_the_image_needs():
    ignored = {
        line.strip().rstrip("/")
        for line in (BASE_DIR / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    packages = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["tool"][
        "setuptools"
    ]["packages"]["find"]["include"]
    needed = {p.rstrip("*") for p in packages} | {
        "templates",
        "static",
        "locale",
        "manage.py",
        "pyproject.toml",
        "README.md",
        "docker",
    }
    assert needed & ignored == set()
    assert {".git", ".venv", "var", ".env", "tests"} <= ignored


# --- settings in production ---------------------------------------------------------


def test_deploy_checks_pass_with_production_settings(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path)
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "System check identified no issues (0 silenced).\n"
    assert result.stderr == ""


@pytest.mark.parametrize("secret", [None, ""], ids=["unset", "empty"])
def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off(
    tmp_path, secret
):
    env = production_env(tmp_path)
    if secret is None:
        del env["DJANGO_SECRET_KEY"]
    else:
        env["DJANGO_SECRET_KEY"] = secret

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off." in result.stderr


# --- the image's steps, run here ----------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url: str, headers: dict[str, str]) -> tuple[int, dict, bytes]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_image_steps_serve_health_pages_and_static_files(tmp_path):
    """What the image does, without Docker: collectstatic with DEBUG off (into a
    temporary STATIC_ROOT), migrate, the Dockerfile's gunicorn CMD (bound to loopback
    here), and the HEALTHCHECK script against it."""
    static_root = tmp_path / "staticfiles"
    (tmp_path / "image_settings.py").write_text(
        "from festwoche.settings import *  # noqa: F403\n"
        f"STATIC_ROOT = {str(static_root)!r}\n"
    )
    env = production_env(
        tmp_path,
        DJANGO_SETTINGS_MODULE="image_settings",
        PYTHONPATH=os.pathsep.join([str(tmp_path), str(BASE_DIR)]),
        WEB_CONCURRENCY="1",
    )
    for step in (
        ["collectstatic", "--no-input", "-v0"],
        ["migrate", "--no-input", "-v0"],
    ):
        result = manage(*step, env=env)
        assert result.returncode == 0, f"{shlex.join(step)}:\n{result.stderr}"
    assert (static_root / "staticfiles.json").exists()

    cmd = json.loads(
        next(a for k, a in reversed(dockerfile_instructions()) if k == "CMD")
    )
    port = free_port()
    cmd[cmd.index("--bind") + 1] = f"127.0.0.1:{port}"
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", *cmd],
            cwd=BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)

        probe = subprocess.run(
            [sys.executable, str(BASE_DIR / "docker" / "healthcheck.py")],
            env={**env, "HEALTHCHECK_URL": f"{base}/healthz"},
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert probe.returncode == 0, probe.stdout + probe.stderr + log.read_text()

        # The health check answers plain HTTP (exempt from the HTTPS redirect) ...
        status, _, body = http_get(f"{base}/healthz", {"Host": HOST})
        assert status == 200
        assert json.loads(body) == {
            "status": "ok",
            "database": "ok",
            "cache": "ok",
            "broker": "eager",
            "outbox_backlog": 0,
            "down": [],
        }
        # ... pages redirect to HTTPS, unknown hosts are refused ...
        status, headers, _ = http_get(f"{base}/", {"Host": HOST})
        assert (status, headers["Location"]) == (301, f"https://{HOST}/")
        status, _, _ = http_get(f"{base}/", {"Host": "evil.example.com"})
        assert status == 400
        # ... and through the proxy the page links hashed static files, which
        # WhiteNoise serves for a year.
        https = {"Host": HOST, "X-Forwarded-Proto": "https"}
        status, headers, body = http_get(f"{base}/", https)
        assert status == 200, log.read_text()
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        # The security headers reach the client through gunicorn (exact values in
        # tests/security/test_headers.py).
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
        policy = dict(
            d.split(" ", 1) for d in headers["Content-Security-Policy"].split("; ")
        )
        assert (policy["script-src"], policy["frame-ancestors"]) == ("'self'", "'none'")
        css = re.search(rb'href="(/static/css/festwoche\.[0-9a-f]{12}\.css)"', body)
        assert css, body[:2000]
        status, headers, _ = http_get(base + css.group(1).decode(), https)
        assert status == 200
        assert "immutable" in headers["Cache-Control"]
        # Debug pages stay off.
        status, _, body = http_get(f"{base}/dev/outbox/", https)
        assert status == 404
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
