# syntax=docker/dockerfile:1
# Festwoche production image: gunicorn serving festwoche.wsgi on port 8000. The same
# image runs the migrations, the Celery worker and beat (see docker-compose.yml).

# --- build: the project and its pinned dependencies in a venv ---------------------------
FROM python:3.11-slim AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/venv/bin:$PATH
RUN python -m venv /opt/venv
WORKDIR /src

# Dependencies first, from pyproject.toml alone, so a code change reuses this layer.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt

COPY . .
RUN pip install --no-deps .

# --- runtime ---------------------------------------------------------------------------
FROM python:3.11-slim

# PYTHONPATH: the app tree in /app comes before site-packages, so settings' BASE_DIR is
# /app and templates/, static/ and locale/ are found beside the packages.
# FORWARDED_ALLOW_IPS: the container is reached only through the TLS proxy in front of
# it, so gunicorn trusts X-Forwarded-* whatever the proxy's address on the network.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=festwoche.settings \
    FESTWOCHE_VAR_DIR=/app/var \
    FORWARDED_ALLOW_IPS=* \
    WEB_CONCURRENCY=3

RUN groupadd --system --gid 1000 festwoche \
    && useradd --system --uid 1000 --gid festwoche --home-dir /app \
        --shell /usr/sbin/nologin festwoche

COPY --from=build /opt/venv /opt/venv
WORKDIR /app
# The whole build context as .dockerignore filters it: every app package plus the
# top-level templates/, static/, locale/ and manage.py, owned by root (read-only).
COPY . .

# Static files are collected and compressed at build time (WhiteNoise serves them);
# the secret is a build-time dummy, never used at run time.
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY=collectstatic-at-build-time-only \
        python manage.py collectstatic --no-input -v0 \
    && mkdir -p /app/var \
    && chown festwoche:festwoche /app/var

USER festwoche
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=15s --start-period=20s --retries=3 \
    CMD ["python", "/app/docker/healthcheck.py"]

# No control socket: nothing manages gunicorn from inside the container, and its
# default place ($HOME/.gunicorn) is not writable here.
CMD ["gunicorn", "festwoche.wsgi:application", "--bind", "0.0.0.0:8000", \
     "--access-logfile", "-", "--timeout", "60", "--no-control-socket"]
