"""The allocation rule over random application orders, types and sockets
(hypothesis): never a pitch twice, only fitting pitches, first come first served,
nobody left waiting while a pitch that fits is free; the same through the
services on the database, with cancellations in between."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from subevents.flea_market import services
from subevents.flea_market.allocation import Claim, Slot, allocation_plan, slot_fits
from subevents.flea_market.models import Application, Pitch, PitchType
from tests.flea_market.factories import apply, market

slots_strategy = st.lists(
    st.tuples(st.integers(1, 3), st.booleans()), min_size=0, max_size=14
).map(
    lambda specs: [
        Slot(pitch_id=100 + n, number=n + 1, type_id=t, electricity=e)
        for n, (t, e) in enumerate(specs)
    ]
)
claims_strategy = st.lists(
    st.tuples(st.integers(1, 3), st.booleans()), min_size=0, max_size=20
).map(
    lambda specs: [
        Claim(application_id=n + 1, type_id=t, needs_electricity=e)
        for n, (t, e) in enumerate(specs)
    ]
)


@given(slots=slots_strategy, claims=claims_strategy, order=st.randoms())
def test_the_plan_is_fair_and_gives_no_pitch_twice(slots, claims, order):
    order.shuffle(claims)  # any order of application
    plan = allocation_plan(slots, claims)

    by_pitch = {s.pitch_id: s for s in slots}
    by_claim = {c.application_id: c for c in claims}
    # Never a pitch twice, never a pitch that is not free or does not fit.
    assert len(set(plan.values())) == len(plan)
    assert set(plan.values()) <= set(by_pitch)
    for application_id, pitch_id in plan.items():
        assert slot_fits(by_pitch[pitch_id], by_claim[application_id])
    # Nobody waits while a fitting pitch is left free.
    left = [s for s in slots if s.pitch_id not in set(plan.values())]
    for claim in claims:
        if claim.application_id not in plan:
            assert not any(slot_fits(s, claim) for s in left)
    # First come, first served among equal needs.
    for i, early in enumerate(claims):
        for late in claims[i + 1 :]:
            same = (early.type_id, early.needs_electricity) == (
                late.type_id,
                late.needs_electricity,
            )
            if same and late.application_id in plan:
                assert early.application_id in plan
    # Idempotent: nothing more to give on a second run.
    waiting = [c for c in claims if c.application_id not in plan]
    assert allocation_plan(left, waiting) == {}


def test_sockets_are_kept_for_those_who_need_them():
    slots = [Slot(1, 1, 1, True), Slot(2, 2, 1, False)]
    claims = [Claim(10, 1, False), Claim(11, 1, True)]

    assert allocation_plan(slots, claims) == {10: 2, 11: 1}


ACTIONS = st.lists(
    st.one_of(
        st.tuples(
            st.just("apply"),
            st.sampled_from([PitchType.Kind.TABLE, PitchType.Kind.RAIL]),
            st.booleans(),
        ),
        st.tuples(st.just("cancel"), st.integers(0, 30), st.just(False)),
    ),
    min_size=1,
    max_size=25,
)


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(actions=ACTIONS)
def test_the_services_keep_the_rule_through_applications_and_cancellations(
    actions,
):
    with transaction.atomic():
        m = market(
            slug="hypothesis-markt",
            layout={PitchType.Kind.TABLE: 4, PitchType.Kind.RAIL: 2},
            sockets={1, 5},
        )
        for action, kind, power in actions:
            if action == "apply":
                apply(m, kind, needs_electricity=power)
                continue
            active = list(Application.objects.active().filter(market=m))
            if active:
                services.application_cancel(application=active[kind % len(active)])
        allocated = list(
            Application.objects.filter(market=m, status="allocated").select_related(
                "pitch"
            )
        )
        pitches = [a.pitch_id for a in allocated]
        assert len(pitches) == len(set(pitches))
        for a in allocated:
            assert a.pitch.pitch_type_id == a.pitch_type_id
            assert a.pitch.electricity or not a.needs_electricity
        free = Pitch.objects.filter(market=m).exclude(pk__in=pitches)
        for waiting in Application.objects.filter(market=m, status="waiting"):
            fitting = free.filter(pitch_type_id=waiting.pitch_type_id)
            if waiting.needs_electricity:
                fitting = fitting.filter(electricity=True)
            assert not fitting.exists(), (waiting.name, list(fitting))
        transaction.set_rollback(True)
