"""Sign-ups, teams and pledges: the rules in the services and the invariants the
database holds itself."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from subevents.charity_run import services
from subevents.charity_run.models import Pledge, Runner, Team

from .factories import make_run, pledge, runner, team

pytestmark = pytest.mark.django_db


def test_team_members_get_their_block_and_individuals_start_at_1():
    run = make_run()
    klasse = team(run, "Klasse 3a")
    kita = team(run, "Kita Sonnenblume", Team.Kind.KITA_GROUP)

    numbers = [
        runner(run, "Mia", team=klasse).start_number,
        runner(run, "Ben", team=kita).start_number,
        runner(run, "Emma", team=klasse).start_number,
        runner(run, "Paul", age_group=Runner.AgeGroup.ADULT).start_number,
        runner(run, "Lina").start_number,
    ]

    assert (klasse.block, kita.block) == (1, 2)
    assert numbers == [100, 200, 101, 1, 2]


def test_a_team_created_after_individuals_reached_block_1_gets_the_next_block():
    run = make_run(team_block_size=10)
    for n in range(12):
        runner(run, f"Kind {n}")
    assert team(run, "Spät").block == 2
    assert runner(run, "Noch eins").start_number == 13


def test_a_full_team_is_refused():
    run = make_run(team_block_size=10)
    small = team(run)
    for n in range(10):
        runner(run, f"Kind {n}", team=small)
    with pytest.raises(ValidationError) as err:
        runner(run, "Elf", team=small)
    assert err.value.code == "team_full"
    assert small.runners.count() == 10


def test_a_minor_without_guardian_consent_is_refused_and_nothing_is_stored():
    run = make_run()
    with pytest.raises(ValidationError) as err:
        runner(run, guardian_name="Ayşe Yılmaz", guardian_consent=False)
    assert err.value.code == "guardian_consent_missing"
    with pytest.raises(ValidationError) as err:
        runner(run, guardian_name="", guardian_consent=True)
    assert err.value.code == "guardian_consent_missing"
    assert Runner.objects.count() == 0


def test_the_database_refuses_a_minor_without_consent():
    run = make_run()
    with pytest.raises(IntegrityError), transaction.atomic():
        Runner.objects.create(
            run=run, first_name="Mia", last_name="Y", age_group="7-10", start_number=5
        )


def test_a_minor_records_the_guardian_and_when_they_consented():
    run = make_run()
    mia = runner(run)
    adult = runner(
        run,
        "Paul",
        "Weber",
        age_group=Runner.AgeGroup.ADULT,
        guardian_name="Someone",
        guardian_consent=True,
    )
    assert mia.guardian_name == "Ayşe Yılmaz"
    assert mia.guardian_consent_at is not None
    assert (adult.guardian_name, adult.guardian_consent_at) == ("", None)


def test_sign_up_closed_refuses_families_but_not_staff():
    run = make_run(signup_open=False)
    with pytest.raises(ValidationError) as err:
        runner(run)
    assert err.value.code == "signup_closed"
    assert runner(run, by_staff=True).start_number == 1


def test_team_names_are_unique_per_run():
    run = make_run()
    team(run, "Klasse 3a")
    with pytest.raises(ValidationError) as err:
        team(run, "klasse  3a")
    assert err.value.code == "team_name_taken"


def test_a_pledge_is_for_a_runner_or_a_team_never_both_or_none():
    run = make_run()
    klasse = team(run)
    mia = runner(run, team=klasse)
    for target in ({}, {"runner": mia, "team": klasse}):
        with pytest.raises(ValidationError) as err:
            pledge(run, **target)
        assert err.value.code == "pledge_target"
    with pytest.raises(IntegrityError), transaction.atomic():
        Pledge.objects.create(
            run=run,
            runner=mia,
            team=klasse,
            sponsor_name="X",
            kind="fixed",
            fixed_cents=100,
            source="paper",
        )
    assert Pledge.objects.count() == 0


def test_pledge_amounts_must_match_the_kind():
    run = make_run()
    mia = runner(run)
    with pytest.raises(ValidationError) as err:
        pledge(run, runner=mia, per_lap_cents=0)
    assert err.value.code == "pledge_amount"
    with pytest.raises(ValidationError) as err:
        pledge(run, runner=mia, per_lap_cents=100, cap_cents=0)
    assert err.value.code == "pledge_cap"
    fixed = pledge(run, runner=mia, fixed_cents=2000, per_lap_cents=50)
    assert (fixed.kind, fixed.fixed_cents, fixed.per_lap_cents, fixed.cap_cents) == (
        "fixed",
        2000,
        0,
        None,
    )


def test_staff_mark_a_pledge_received_and_can_clear_it(django_user_model):
    run = make_run()
    mia = runner(run)
    entry = pledge(run, runner=mia, source=Pledge.Source.PAPER)
    staff = django_user_model.objects.create_user("kasse")

    marked = services.pledge_mark_received(pledge=entry, cents=1250, by=staff)
    assert (marked.received_cents, marked.received_by) == (1250, staff)
    assert marked.received_at is not None
    cleared = services.pledge_mark_received(pledge=entry, cents=None, by=staff)
    assert (cleared.received_cents, cleared.received_at, cleared.received_by) == (
        None,
        None,
        None,
    )
