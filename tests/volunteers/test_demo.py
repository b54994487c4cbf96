"""The demo festival comes with roles, shifts, volunteers and their assignments,
made through the services so every rule holds; loaded once."""

import datetime as dt
import itertools

import pytest
from django.core import mail
from django.core.management import call_command

from events.models import Festival
from volunteers import rules
from volunteers.models import (
    Assignment,
    Qualification,
    Role,
    Shift,
    Volunteer,
    VolunteerPolicy,
)
from volunteers.selectors import (
    policy_of,
    qualification_valid_on,
    shifts_with_counts,
    understaffed_shifts,
)

pytestmark = pytest.mark.django_db

START = "2027-06-14"


@pytest.fixture
def festival(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--start", START, "--with-demo-accounts", verbosity=0)
    return Festival.objects.get()


def rows() -> list[int]:
    return [
        model.objects.count()
        for model in (
            VolunteerPolicy,
            Role,
            Shift,
            Volunteer,
            Qualification,
            Assignment,
        )
    ]


def test_the_demo_has_roles_shifts_volunteers_and_assignments(festival):
    policy = VolunteerPolicy.objects.get(festival=festival)
    roles = {r.slug: r for r in Role.objects.filter(festival=festival)}
    shifts = list(shifts_with_counts(festival))

    assert policy.youth_rules_confirmed_by and policy.youth_rules_confirmed_on
    assert set(roles) == {
        "einlass",
        "kinderbetreuung",
        "rundenzaehlung",
        "kasse",
        "auf-und-abbau",
        "erste-hilfe",
        "essensstand",
    }
    assert (
        roles["kinderbetreuung"].required_qualifications,
        roles["kinderbetreuung"].min_age,
    ) == (["police_certificate"], 16)
    assert (
        roles["erste-hilfe"].required_qualifications,
        roles["erste-hilfe"].min_age,
    ) == (
        ["first_aid"],
        18,
    )
    assert roles["essensstand"].required_qualifications == ["hygiene"]
    assert all(r.description and r.briefing for r in roles.values())
    assert len(shifts) >= 40
    assert {s.local_day for s in shifts} == set(festival.days)
    assert sum(1 for s in shifts if s.event_id) >= 20
    volunteers = Volunteer.objects.filter(festival=festival)
    assert volunteers.count() >= 30
    assert volunteers.filter(partner__isnull=False).count() >= 25
    assert Assignment.objects.active().count() >= 80


def _the_rules_hold_for_every_demo_assignment(festival):
    policy = policy_of(festival)
    shifts = list(shifts_with_counts(festival))

    assert all(s.filled <= s.needed for s in shifts)
    for volunteer in Volunteer.objects.filter(festival=festival):
        worked = sorted(
            (a.shift for a in volunteer.assignments.active().select_related("shift")),
            key=lambda s: s.starts_at,
        )
        for a, b in itertools.combinations(worked, 2):
            assert not rules.overlaps(
                (a.starts_at, a.ends_at), (b.starts_at, b.ends_at)
            )
        limit = {"adult": 600, "16_17": 480, "13_15": 120}[volunteer.age_group]
        per_day = rules.minutes_by_day([(s.starts_at, s.ends_at) for s in worked])
        assert all(minutes <= limit for minutes in per_day.values())
        qualifications = list(volunteer.qualifications.all())
        for shift in worked:
            assert volunteer.min_age >= shift.role.min_age
            for kind in shift.role.required_qualifications:
                assert any(
                    q.kind == kind
                    and qualification_valid_on(q, shift.local_day, policy)
                    for q in qualifications
                )


def _some_shifts_are_short_of_people(festival):
    before = dt.datetime(2027, 5, 1, tzinfo=dt.UTC)

    short = understaffed_shifts(festival, after=before)

    assert 3 <= len(short) < Shift.objects.count() // 2


def _minors_help_within_their_limits(festival):
    minors = Volunteer.objects.filter(festival=festival).exclude(age_group="adult")

    assert {v.age_group for v in minors} == {"16_17", "13_15"}
    assert all(v.guardian_name and v.guardian_contact for v in minors)
    assert all(v.guardian_consent_at for v in minors)
    assert Assignment.objects.active().filter(volunteer__age_group="13_15").exists()
    assert Assignment.objects.active().filter(volunteer__age_group="16_17").exists()


def _some_qualifications_run_out_during_the_festival(festival):
    policy = policy_of(festival)
    first, last = festival.start_date, festival.end_date

    def runs_out_during_the_week(q):
        return qualification_valid_on(q, first, policy) and not qualification_valid_on(
            q, last, policy
        )

    expiring = [q for q in Qualification.objects.all() if runs_out_during_the_week(q)]

    assert {q.kind for q in expiring} >= {"police_certificate", "first_aid", "juleica"}


def _the_coordination_account_coordinates_some_shifts(festival):
    coordinated = Shift.objects.filter(coordinator__username="helferkoordination")

    assert coordinated.count() >= 5
    assert set(coordinated.values_list("coordinator_phone", flat=True)) != {""}


def volunteer_mails() -> list:
    addresses = set(Volunteer.objects.values_list("email", flat=True))
    return [m for m in mail.outbox if addresses & set(m.to)]


def test_a_second_run_creates_nothing(festival, django_capture_on_commit_callbacks):
    before = rows()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--start", START, verbosity=0)

    assert rows() == before
    assert volunteer_mails() == []


def test_the_demo_keeps_every_rule_and_shows_what_the_board_is_for(festival):
    # One load for all checks: loading the demo takes seconds.
    _the_rules_hold_for_every_demo_assignment(festival)
    _some_shifts_are_short_of_people(festival)
    _minors_help_within_their_limits(festival)
    _some_qualifications_run_out_during_the_festival(festival)
    _the_coordination_account_coordinates_some_shifts(festival)
    assert volunteer_mails() == []  # the demo's mails are muted
