"""Counting and signing up under parallel requests, on PostgreSQL: real HTTP
requests from threads against a threaded server, each with its own database
connection, released together by a barrier.

- one tap sent many times at once (a flaky connection retrying) is one row;
- several counters tapping the same runner at once: one lap counts, the others
  are flagged (the runner's row lock serialises them);
- many counters tapping many runners: every lap counted exactly once;
- parallel sign-ups to one team never share a start number.
"""

import threading
import uuid
from collections import Counter

import pytest
import requests
from django.db import connection
from django.urls import reverse

from subevents.charity_run import services
from subevents.charity_run.models import LapEntry, Runner
from subevents.charity_run.selectors import laps_map

from .factories import make_run, runner, team


def all_at_once(calls) -> list:
    """Run the calls in threads released together; their results in order."""
    barrier = threading.Barrier(len(calls), timeout=60)
    results: list = [None] * len(calls)

    def run(n: int) -> None:
        barrier.wait()
        try:
            results[n] = calls[n]()
        except Exception as exc:  # shown in the assertion
            results[n] = repr(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    assert not any(thread.is_alive() for thread in threads)
    return results


def tap(url: str, body: dict):
    response = requests.post(url, json=body, timeout=60)
    return response.status_code, response.json()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_tap_sent_twelve_times_at_once_counts_once(live_url):
    run = make_run()
    mia = runner(run)
    counter = services.counter_create(run=run, name="Ziel 1")
    connection.close()
    url = live_url + reverse("charity_run:count-tap", kwargs={"token": counter.token})
    body = {"key": str(uuid.uuid4()), "start_number": mia.start_number}

    results = all_at_once([lambda: tap(url, body)] * 12)

    statuses = Counter(status for status, _answer in results)
    assert statuses == Counter({201: 1, 200: 11}), results
    assert {answer["laps"] for _status, answer in results} == {1}
    assert LapEntry.objects.count() == 1
    assert laps_map(run) == {mia.pk: 1}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_counters_tapping_one_runner_at_once_count_one_lap(live_url):
    run = make_run(min_lap_seconds=60)
    mia = runner(run)
    counters = [services.counter_create(run=run, name=f"Ziel {n}") for n in range(6)]
    connection.close()
    calls = [
        lambda c=c: tap(
            live_url + reverse("charity_run:count-tap", kwargs={"token": c.token}),
            {"key": str(uuid.uuid4()), "start_number": mia.start_number},
        )
        for c in counters
    ]

    results = all_at_once(calls)

    assert [status for status, _answer in results] == [201] * 6, results
    flags = Counter(answer["flagged"] for _status, answer in results)
    assert flags == Counter({False: 1, True: 5})
    assert LapEntry.objects.count() == 6
    assert laps_map(run) == {mia.pk: 1}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_many_counters_and_runners_every_lap_counted_exactly_once(live_url):
    run = make_run(min_lap_seconds=0)
    people = [runner(run, f"Kind {n}") for n in range(10)]
    counters = [services.counter_create(run=run, name=f"Ziel {n}") for n in range(4)]
    connection.close()
    bodies = [
        {"key": str(uuid.uuid4()), "start_number": p.start_number}
        for p in people
        for _lap in range(4)
    ]
    calls = []
    for n, body in enumerate(bodies):
        url = live_url + reverse(
            "charity_run:count-tap", kwargs={"token": counters[n % 4].token}
        )
        calls.append(lambda url=url, body=body: tap(url, body))
        # Every tap is also retried once at the same moment (a lost answer).
        calls.append(lambda url=url, body=body: tap(url, body))

    results = all_at_once(calls)

    statuses = Counter(status for status, _answer in results)
    assert statuses == Counter({201: 40, 200: 40}), results
    assert LapEntry.objects.count() == 40
    assert laps_map(run) == {p.pk: 4 for p in people}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_sign_ups_get_distinct_numbers(live_url):
    run = make_run()
    klasse = team(run, "Klasse 3a")
    connection.close()
    url = live_url + reverse(
        "charity_run:join", kwargs={"slug": run.slug, "code": klasse.join_code}
    )
    solo = live_url + reverse("charity_run:run", kwargs={"slug": run.slug})

    def prepared(target: str, n: int):
        """A browser that has loaded the form (its CSRF cookie and token)."""
        session = requests.Session()
        session.get(target, timeout=60)
        token = session.cookies["csrftoken"]
        data = {
            "first_name": f"Kind{n}",
            "last_name": "Öztürk",
            "age_group": "adult",
            "consent_privacy": "on",
            "csrfmiddlewaretoken": token,
        }
        return lambda: (
            session.post(
                target,
                data=data,
                headers={"X-Forwarded-For": f"198.51.100.{n + 1}", "Referer": target},
                allow_redirects=False,
                timeout=60,
            ).status_code
        )

    results = all_at_once(
        [prepared(url, n) for n in range(12)]
        + [prepared(solo, 50 + n) for n in range(6)]
    )

    assert results == [302] * 18
    team_numbers = sorted(
        Runner.objects.filter(team=klasse).values_list("start_number", flat=True)
    )
    solo_numbers = sorted(
        Runner.objects.filter(team=None).values_list("start_number", flat=True)
    )
    assert team_numbers == list(range(100, 112))
    assert solo_numbers == list(range(1, 7))
