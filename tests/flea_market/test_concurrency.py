"""Never one pitch twice, under parallel requests on PostgreSQL.

Families apply through the public form at the same moment (each from its own
thread, connection and client address, released by one barrier); the service
locks the market row, so they queue and each sees the pitches taken before it.
Two organisers drop different sellers onto one free pitch at once: one wins.
Writers that skip the service altogether still meet the partial unique
constraint.
"""

import re
import threading
from collections import Counter
from collections.abc import Callable

import pytest
import requests
from django.contrib.auth.models import Group, User
from django.db import connection, transaction

from events import roles
from subevents.flea_market.models import Application, PitchType
from tests.flea_market.factories import apply, market, pitch, pitch_type

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TABLE = PitchType.Kind.TABLE


def all_at_once(count: int, attempt: Callable[[int, threading.Barrier], object]):
    """Run attempt(n, barrier) in `count` threads; each waits at the barrier
    right before the moment that matters."""
    barrier = threading.Barrier(count, timeout=60)
    results: list[object] = [None] * count

    def run(n: int) -> None:
        try:
            results[n] = attempt(n, barrier)
        except Exception as exc:  # reported, so the test shows what went wrong
            results[n] = ("error", repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return results


def test_parallel_applications_over_http_never_share_a_pitch(live_url):
    m = market(layout={TABLE: 12})
    families = 30
    url = f"{live_url}/market/{m.event.slug}/"
    type_id = pitch_type(m).pk

    def apply_over_http(n: int, barrier: threading.Barrier) -> int:
        session = requests.Session()
        address = {"X-Forwarded-For": f"198.51.100.{n + 1}"}
        page = session.get(url, headers=address, timeout=60)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        barrier.wait()
        response = session.post(
            url,
            data={
                "csrfmiddlewaretoken": token.group(1),
                "name": f"Familie {n}",
                "email": f"familie{n}@example.org",
                "seller_kind": "private",
                "pitch_type": str(type_id),
                "goods": ["toys", "clothes"],
                "consent": "on",
            },
            headers={**address, "Referer": url},
            allow_redirects=False,
            timeout=120,
        )
        return response.status_code

    statuses = all_at_once(families, apply_over_http)

    assert Counter(statuses) == Counter({302: families})
    rows = list(Application.objects.filter(market=m).order_by("applied_at", "pk"))
    assert len(rows) == families
    allocated = [a.pitch_id for a in rows if a.status == "allocated"]
    assert len(allocated) == 12
    assert len(set(allocated)) == 12
    # In order of application: the first twelve got the pitches.
    assert [a.status for a in rows] == ["allocated"] * 12 + ["waiting"] * 18


def test_two_organisers_dropping_onto_one_pitch_one_wins(live_url):
    m = market(layout={TABLE: 3})
    for _n in range(3):
        apply(m)
    anna, ben = apply(m, name="Anna"), apply(m, name="Ben")  # both waiting
    free = pitch(m, 2)
    Application.objects.filter(pitch=free).update(status="cancelled", pitch=None)
    roles.roles_ensure()
    sessions = []
    for name in ("orga1", "orga2"):
        user = User.objects.create_user(name, password="festwoche", is_staff=True)
        user.groups.add(Group.objects.get(name=roles.ORGA))
        session = requests.Session()
        login = session.get(f"{live_url}/accounts/login/", timeout=30)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text)
        session.post(
            f"{live_url}/accounts/login/",
            data={
                "csrfmiddlewaretoken": token.group(1),
                "username": name,
                "password": "festwoche",
            },
            headers={"Referer": f"{live_url}/accounts/login/"},
            timeout=30,
        )
        sessions.append(session)
    move_url = f"{live_url}/orga/market/{m.event.slug}/move/"

    def drop(n: int, barrier: threading.Barrier) -> tuple[int, str]:
        session = sessions[n]
        board = session.get(f"{live_url}/orga/market/{m.event.slug}/board/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', board.text)
        barrier.wait()
        response = session.post(
            move_url,
            data={
                "csrfmiddlewaretoken": token.group(1),
                "application": str((anna, ben)[n].pk),
                "pitch": "2",
            },
            headers={"Accept": "application/json", "Referer": move_url},
            timeout=60,
        )
        body = response.json()
        return response.status_code, body.get("code", "ok")

    results = all_at_once(2, drop)

    assert sorted(results) == [(200, "ok"), (400, "pitch_taken")]
    assert Application.objects.filter(pitch=free, status="allocated").count() == 1


def test_writers_skipping_the_service_still_cannot_share_a_pitch():
    m = market(layout={TABLE: 1})
    apply(m)
    waiting = [apply(m) for _n in range(6)]
    target = pitch(m, 1)
    Application.objects.filter(pitch=target).update(status="cancelled", pitch=None)

    def grab(n: int, barrier: threading.Barrier) -> str:
        with transaction.atomic():
            barrier.wait()
            Application.objects.filter(pk=waiting[n].pk).update(
                status="allocated", pitch=target
            )
        return "ok"

    results = all_at_once(6, grab)

    assert results.count("ok") == 1
    errors = [r for r in results if r != "ok"]
    assert len(errors) == 5
    assert all("IntegrityError" in r[1] for r in errors), errors
    assert Application.objects.filter(pitch=target).count() == 1
