"""Volunteer services: every sign-up rule refused with its code and nothing written,
withdrawing, shifts and templates, registering and qualifications.

Festival day 0 is Monday 14 June 2027; sign-ups happen a month before (BEFORE)
unless a test says otherwise.
"""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError

from tests.events.factories import (
    EventFactory,
    FestivalFactory,
    VenueFactory,
    at,
    error_codes,
)
from tests.volunteers.factories import (
    BEFORE,
    QualificationFactory,
    RoleFactory,
    ShiftFactory,
    VolunteerFactory,
    assign,
)
from volunteers import services
from volunteers.models import (
    Assignment,
    Qualification,
    QualificationKind,
    Shift,
    Volunteer,
    VolunteerPolicy,
)
from volunteers.privacy import PRIVACY_NOTICE_VERSION

pytestmark = pytest.mark.django_db


# --- helpers -------------------------------------------------------------------------


def code_of(exc: ValidationError) -> str:
    [codes] = error_codes(exc).values()
    [code] = codes
    return code


@pytest.fixture
def festival():
    return FestivalFactory()


@pytest.fixture
def venue():
    return VenueFactory(name="Stadthalle")


@pytest.fixture
def refused(django_capture_on_commit_callbacks):
    """Call a service that must refuse: return the error's code, after checking
    that no row was added or changed and no mail is waiting for the commit."""

    def attempt(service, **kwargs) -> str:
        before = (
            list(Assignment.objects.values_list("pk", "withdrawn_at")),
            Volunteer.objects.count(),
            Shift.objects.count(),
            Qualification.objects.count(),
        )
        with (
            django_capture_on_commit_callbacks() as callbacks,
            pytest.raises(ValidationError) as err,
        ):
            service(**kwargs)
        after = (
            list(Assignment.objects.values_list("pk", "withdrawn_at")),
            Volunteer.objects.count(),
            Shift.objects.count(),
            Qualification.objects.count(),
        )
        assert after == before
        assert callbacks == []
        return code_of(err.value)

    return attempt


def shift_at(venue, start, end, *, needed=2, role=None, **kwargs) -> Shift:
    return ShiftFactory(
        role=role or RoleFactory(),
        venue=venue,
        starts_at=start,
        ends_at=end,
        needed=needed,
        **kwargs,
    )


def sign_up(refused, shift, volunteer, now=BEFORE, **kwargs) -> str:
    return refused(
        services.assignment_create, shift=shift, volunteer=volunteer, now=now, **kwargs
    )


def coordinator(username="koordination"):
    return get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password="x"
    )


# --- full, taken, started ------------------------------------------------------------


def test_a_full_shift_is_refused(venue, refused):
    shift = shift_at(venue, at(0, 9), at(0, 13), needed=1)
    assign(shift)

    assert sign_up(refused, shift, VolunteerFactory()) == "shift_full"
    assert shift.assignments.active().count() == 1


def test_a_withdrawn_place_is_free_again(venue):
    shift = shift_at(venue, at(0, 9), at(0, 13), needed=1)
    first = assign(shift)
    services.assignment_withdraw(assignment=first, now=BEFORE)

    second = assign(shift)

    assert list(shift.assignments.active()) == [second]


def test_signing_up_twice_for_the_same_shift_is_refused(venue, refused):
    shift = shift_at(venue, at(0, 9), at(0, 13))
    volunteer = VolunteerFactory()
    assign(shift, volunteer)

    assert sign_up(refused, shift, volunteer) == "already_assigned"


def test_a_shift_that_has_started_is_refused(venue, refused):
    shift = shift_at(venue, at(0, 9), at(0, 13))

    assert sign_up(refused, shift, VolunteerFactory(), now=at(0, 9)) == (
        "shift_started"
    )


def test_a_shift_of_another_festival_is_refused(venue, refused):
    other = FestivalFactory(slug="andere-woche", name="Andere Woche")
    shift = shift_at(venue, at(0, 9), at(0, 13), role=RoleFactory(festival=other))

    assert sign_up(refused, shift, VolunteerFactory()) == "wrong_festival"


def test_a_coordinator_assigns_under_the_same_rules(venue, refused):
    user = coordinator()
    shift = shift_at(venue, at(0, 9), at(0, 13), needed=1)
    done = assign(shift, by=user)

    assert done.assigned_by == user
    assert sign_up(refused, shift, VolunteerFactory(), by=user) == "shift_full"


# --- overlap and travel time ----------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (at(0, 12), at(0, 14)),  # overlaps the end
        (at(0, 8), at(0, 9, 1)),  # overlaps the start by a minute
        (at(0, 10), at(0, 11)),  # inside
        (at(0, 8), at(0, 14)),  # around
    ],
)
def test_an_overlapping_shift_is_refused(venue, refused, start, end):
    volunteer = VolunteerFactory()
    assign(shift_at(venue, at(0, 9), at(0, 13)), volunteer)

    assert sign_up(refused, shift_at(venue, start, end), volunteer) == "shift_clash"


def test_shifts_across_midnight_clash_with_the_next_morning(venue, refused):
    volunteer = VolunteerFactory()
    assign(shift_at(venue, at(0, 22), at(1, 2)), volunteer)

    assert sign_up(refused, shift_at(venue, at(1, 1), at(1, 5)), volunteer) == (
        "shift_clash"
    )
    assign(shift_at(venue, at(1, 2), at(1, 6)), volunteer)  # touching is fine


def test_a_clash_is_reported_before_a_tight_change_of_venue(venue, refused):
    volunteer = VolunteerFactory()
    assign(shift_at(VenueFactory(), at(0, 6), at(0, 8)), volunteer)
    assign(shift_at(venue, at(0, 9), at(0, 12)), volunteer)

    # 5 minutes after the early shift elsewhere, and overlapping the Stadthalle's
    late = shift_at(VenueFactory(), at(0, 8, 5), at(0, 9, 30))
    assert sign_up(refused, late, volunteer) == "shift_clash"


@pytest.mark.parametrize(
    ("gap_minutes", "code"),
    [(0, "travel_buffer"), (14, "travel_buffer"), (15, None), (40, None)],
)
def test_the_travel_buffer_between_venues_is_15_minutes(
    venue, refused, gap_minutes, code
):
    volunteer = VolunteerFactory()
    assign(shift_at(venue, at(0, 9), at(0, 13)), volunteer)
    start = at(0, 13) + dt.timedelta(minutes=gap_minutes)
    elsewhere = shift_at(VenueFactory(), start, start + dt.timedelta(hours=2))

    if code:
        assert sign_up(refused, elsewhere, volunteer) == code
    else:
        assert assign(elsewhere, volunteer).shift == elsewhere


def test_the_travel_buffer_also_applies_before_a_shift(venue, refused):
    volunteer = VolunteerFactory()
    assign(shift_at(venue, at(0, 13), at(0, 17)), volunteer)
    before = shift_at(VenueFactory(), at(0, 10), at(0, 12, 50))

    assert sign_up(refused, before, volunteer) == "travel_buffer"


def test_back_to_back_at_the_same_venue_is_fine(venue):
    volunteer = VolunteerFactory()
    assign(shift_at(venue, at(0, 9), at(0, 13)), volunteer)

    assert assign(shift_at(venue, at(0, 13), at(0, 17)), volunteer).volunteer == (
        volunteer
    )


def test_the_rules_follow_the_festivals_policy(festival, venue, refused):
    VolunteerPolicy.objects.create(
        festival=festival, travel_buffer_minutes=30, adult_daily_max_minutes=5 * 60
    )
    volunteer = VolunteerFactory()
    assign(shift_at(venue, at(0, 9), at(0, 11)), volunteer)

    assert sign_up(
        refused, shift_at(VenueFactory(), at(0, 11, 20), at(0, 12)), volunteer
    ) == ("travel_buffer")
    assert sign_up(refused, shift_at(venue, at(0, 11), at(0, 14, 30)), volunteer) == (
        "daily_hours"
    )
    assign(shift_at(VenueFactory(), at(0, 11, 30), at(0, 12)), volunteer)


# --- daily hours ----------------------------------------------------------------------


def test_adults_work_at_most_ten_hours_a_day(venue, refused):
    volunteer = VolunteerFactory()
    assign(shift_at(venue, at(0, 8), at(0, 13)), volunteer)
    assign(shift_at(venue, at(0, 13), at(0, 18)), volunteer)  # exactly 10 hours

    assert sign_up(refused, shift_at(venue, at(0, 18), at(0, 18, 30)), volunteer) == (
        "daily_hours"
    )
    assign(shift_at(venue, at(1, 8), at(1, 18)), volunteer)  # the next day is new


def test_a_night_shift_counts_on_both_days(venue, refused):
    volunteer = VolunteerFactory()
    assign(shift_at(venue, at(0, 20), at(1, 2)), volunteer)  # 4 h + 2 h
    assign(shift_at(venue, at(1, 2), at(1, 10)), volunteer)  # day 1: 2 + 8 = 10 h

    assert sign_up(refused, shift_at(venue, at(1, 10), at(1, 10, 15)), volunteer) == (
        "daily_hours"
    )
    assign(shift_at(venue, at(0, 10), at(0, 16)), volunteer)  # day 0: 6 + 4 = 10 h


# --- qualifications -------------------------------------------------------------------


def role_needing(*kinds):
    return RoleFactory(required_qualifications=list(kinds))


def test_a_missing_qualification_is_refused(venue, refused):
    shift = shift_at(venue, at(0, 9), at(0, 13), role=role_needing("first_aid"))
    volunteer = VolunteerFactory()
    QualificationFactory(volunteer=volunteer)  # a police certificate is not first aid

    assert sign_up(refused, shift, volunteer) == "qualification_missing"


@pytest.mark.parametrize(
    ("kind", "issued_on", "valid_until", "day", "code"),
    [
        # first aid: two years from the course
        ("first_aid", dt.date(2025, 6, 20), None, 0, None),
        ("first_aid", dt.date(2025, 6, 20), None, 5, None),  # 19 June: last day
        ("first_aid", dt.date(2025, 6, 20), None, 6, "qualification_invalid"),
        # police certificate: five years from issue
        ("police_certificate", dt.date(2022, 6, 16), None, 0, None),
        ("police_certificate", dt.date(2022, 6, 16), None, 2, "qualification_invalid"),
        ("police_certificate", dt.date(2022, 6, 17), None, 2, None),
        # JuLeiCa: until the date on the card
        ("juleica", dt.date(2024, 5, 1), dt.date(2027, 6, 15), 1, None),
        (
            "juleica",
            dt.date(2024, 5, 1),
            dt.date(2027, 6, 15),
            2,
            "qualification_invalid",
        ),
        # hygiene instruction: no end by default
        ("hygiene", dt.date(2001, 3, 1), None, 3, None),
    ],
)
def test_a_qualification_is_checked_on_the_shifts_day_not_today(
    venue, refused, kind, issued_on, valid_until, day, code
):
    shift = shift_at(venue, at(day, 9), at(day, 13), role=role_needing(kind))
    volunteer = VolunteerFactory()
    QualificationFactory(
        volunteer=volunteer, kind=kind, issued_on=issued_on, valid_until=valid_until
    )

    if code:
        assert sign_up(refused, shift, volunteer) == code
    else:
        assert assign(shift, volunteer).shift == shift


def test_a_hygiene_instruction_expires_when_the_policy_says_so(
    festival, venue, refused
):
    VolunteerPolicy.objects.create(festival=festival, hygiene_years=2)
    shift = shift_at(venue, at(0, 9), at(0, 13), role=role_needing("hygiene"))
    volunteer = VolunteerFactory()
    QualificationFactory(
        volunteer=volunteer, kind="hygiene", issued_on=dt.date(2024, 1, 10)
    )

    assert sign_up(refused, shift, volunteer) == "qualification_invalid"


def test_a_newer_qualification_counts_when_an_older_one_expired(venue):
    shift = shift_at(venue, at(6, 9), at(6, 13), role=role_needing("first_aid"))
    volunteer = VolunteerFactory()
    QualificationFactory(
        volunteer=volunteer, kind="first_aid", issued_on=dt.date(2023, 1, 1)
    )
    QualificationFactory(
        volunteer=volunteer, kind="first_aid", issued_on=dt.date(2026, 1, 1)
    )

    assert assign(shift, volunteer).shift == shift


# --- age and minors -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("min_age", "traits", "code"),
    [
        (16, {"child": True}, "too_young"),
        (18, {"minor": True}, "too_young"),
        (16, {"minor": True}, None),
        (13, {"child": True}, None),
        (18, {}, None),
    ],
)
def test_the_roles_minimum_age_against_the_age_group(
    venue, refused, min_age, traits, code
):
    shift = shift_at(venue, at(0, 9), at(0, 11), role=RoleFactory(min_age=min_age))
    volunteer = VolunteerFactory(**traits)

    if code:
        assert sign_up(refused, shift, volunteer) == code
    else:
        assert assign(shift, volunteer).shift == shift


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [
        (at(0, 8), at(0, 10), None),
        (at(0, 16), at(0, 18), None),
        (at(0, 9), at(0, 11, 30), "daily_hours"),
        (at(0, 7, 30), at(0, 9), "youth_protection_time"),
        (at(0, 17), at(0, 18, 30), "youth_protection_time"),
    ],
)
def test_children_13_to_15_two_hours_between_8_and_18(venue, refused, start, end, code):
    shift = shift_at(venue, start, end)
    volunteer = VolunteerFactory(child=True)

    if code:
        assert sign_up(refused, shift, volunteer) == code
    else:
        assert assign(shift, volunteer).shift == shift


def test_childrens_two_hours_add_up_over_the_day(venue, refused):
    volunteer = VolunteerFactory(child=True)
    assign(shift_at(venue, at(0, 9), at(0, 10)), volunteer)
    assign(shift_at(venue, at(0, 14), at(0, 15)), volunteer)

    assert sign_up(refused, shift_at(venue, at(0, 16), at(0, 16, 30)), volunteer) == (
        "daily_hours"
    )


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [
        (at(0, 6), at(0, 14), None),
        (at(0, 12), at(0, 20), None),
        (at(0, 6), at(0, 14, 30), "daily_hours"),
        (at(0, 5, 30), at(0, 8), "youth_protection_time"),
        (at(0, 18), at(0, 20, 15), "youth_protection_time"),
        (at(0, 22), at(1, 1), "youth_protection_time"),
    ],
)
def test_young_people_16_17_eight_hours_between_6_and_20(
    venue, refused, start, end, code
):
    shift = shift_at(venue, start, end)
    volunteer = VolunteerFactory(minor=True)

    if code:
        assert sign_up(refused, shift, volunteer) == code
    else:
        assert assign(shift, volunteer).shift == shift


def test_the_youth_profile_is_configurable(festival, venue, refused):
    VolunteerPolicy.objects.create(
        festival=festival,
        youth_daily_max_minutes=4 * 60,
        youth_latest=dt.time(22),
        youth_rules_confirmed_by="Jugendamt Musterstadt",
        youth_rules_confirmed_on=dt.date(2027, 3, 1),
    )
    volunteer = VolunteerFactory(minor=True)
    assign(shift_at(venue, at(0, 19), at(0, 22)), volunteer)

    assert sign_up(refused, shift_at(venue, at(1, 9), at(1, 13, 30)), volunteer) == (
        "daily_hours"
    )


# --- withdrawing ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "allowed"),
    [
        (at(-2, 9), True),
        (at(-1, 9), True),  # exactly 24 hours before
        (at(-1, 9, 1), False),
        (at(0, 8), False),
    ],
)
def test_volunteers_withdraw_until_24_hours_before(venue, refused, now, allowed):
    assignment = assign(shift_at(venue, at(0, 9), at(0, 13)))

    if allowed:
        done = services.assignment_withdraw(assignment=assignment, now=now)
        assert (done.withdrawn_at, done.withdrawn_by) == (now, None)
    else:
        assert (
            refused(services.assignment_withdraw, assignment=assignment, now=now)
            == "withdraw_deadline"
        )


def test_a_coordinator_takes_someone_off_at_any_time(venue):
    user = coordinator()
    assignment = assign(shift_at(venue, at(0, 9), at(0, 13)))

    done = services.assignment_withdraw(assignment=assignment, by=user, now=at(0, 10))

    assert (done.withdrawn_at, done.withdrawn_by) == (at(0, 10), user)
    assert not Assignment.objects.active().exists()


def test_the_withdraw_deadline_follows_the_policy(festival, venue, refused):
    VolunteerPolicy.objects.create(festival=festival, withdraw_deadline_hours=48)
    assignment = assign(shift_at(venue, at(0, 9), at(0, 13)))

    assert (
        refused(services.assignment_withdraw, assignment=assignment, now=at(-2, 10))
        == "withdraw_deadline"
    )


def test_withdrawing_twice_changes_nothing(venue):
    assignment = assign(shift_at(venue, at(0, 9), at(0, 13)))
    services.assignment_withdraw(assignment=assignment, now=at(-5, 9))

    again = services.assignment_withdraw(assignment=assignment, now=at(-4, 9))

    assert again.withdrawn_at == at(-5, 9)


# --- attendance and messages -------------------------------------------------------


def test_attendance_is_marked_and_reset(venue, refused):
    assignment = assign(shift_at(venue, at(0, 9), at(0, 13)))

    services.assignment_attendance_mark(
        assignment=assignment, attendance="present", now=at(0, 9, 5)
    )
    assignment.refresh_from_db()
    assert (assignment.attendance, assignment.attendance_marked_at) == (
        "present",
        at(0, 9, 5),
    )
    services.assignment_attendance_mark(assignment=assignment, attendance="unknown")
    assignment.refresh_from_db()
    assert (assignment.attendance, assignment.attendance_marked_at) == ("unknown", None)
    assert (
        refused(
            services.assignment_attendance_mark,
            assignment=assignment,
            attendance="late",
        )
        == "attendance_invalid"
    )


def test_a_withdrawn_person_cannot_be_marked(venue, refused):
    assignment = assign(shift_at(venue, at(0, 9), at(0, 13)))
    services.assignment_withdraw(assignment=assignment, now=BEFORE)

    assert (
        refused(
            services.assignment_attendance_mark,
            assignment=assignment,
            attendance="absent",
        )
        == "assignment_withdrawn"
    )


def test_a_message_goes_to_everyone_on_the_shift(
    venue, refused, django_capture_on_commit_callbacks
):
    shift = shift_at(venue, at(0, 9), at(0, 13), needed=3)
    people = [assign(shift).volunteer for _ in range(2)]
    gone = assign(shift)
    services.assignment_withdraw(assignment=gone, now=BEFORE)
    user = coordinator()

    with django_capture_on_commit_callbacks(execute=True):
        written = services.shift_message_send(
            shift=shift,
            subject="  Treffpunkt  geändert ",
            body="Am Seiteneingang.",
            by=user,
        )

    assert written == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert {m.subject for m in mail.outbox} == {"Treffpunkt geändert"}
    assert (
        refused(services.shift_message_send, shift=shift, subject="", body="x", by=user)
        == "subject_invalid"
    )
    assert (
        refused(
            services.shift_message_send, shift=shift, subject="x", body=" ", by=user
        )
        == "body_invalid"
    )


# --- shifts ---------------------------------------------------------------------------


def test_a_shift_is_created_with_the_events_sub_event(venue):
    event = EventFactory(venue=venue, starts_at=at(0, 10), ends_at=at(0, 12))

    shift = services.shift_create(
        role=RoleFactory(),
        starts_at=at(0, 9),
        ends_at=at(0, 13),
        venue=venue,
        needed=2,
        event=event,
    )

    assert (shift.event, shift.sub_event) == (event, event.sub_event)


@pytest.mark.parametrize(
    ("start", "end", "needed", "code"),
    [
        (at(0, 13), at(0, 9), 1, "end_before_start"),
        (at(0, 9), at(0, 9), 1, "end_before_start"),
        (at(0, 9), at(1, 9, 1), 1, "shift_too_long"),
        (at(0, 9), at(0, 13), 0, "needed_invalid"),
    ],
)
def test_a_shift_must_make_sense(venue, refused, start, end, needed, code):
    assert (
        refused(
            services.shift_create,
            role=RoleFactory(),
            starts_at=start,
            ends_at=end,
            venue=venue,
            needed=needed,
        )
        == code
    )


def test_needed_cannot_drop_below_the_people_on_the_shift(venue, refused):
    shift = shift_at(venue, at(0, 9), at(0, 13), needed=3)
    assign(shift)
    assign(shift)

    assert refused(services.shift_update, shift=shift, needed=1) == (
        "needed_below_filled"
    )
    assert services.shift_update(shift=shift, needed=2).needed == 2


def test_people_on_a_shift_are_told_when_its_time_or_place_changes(
    venue, django_capture_on_commit_callbacks
):
    shift = shift_at(venue, at(0, 9), at(0, 13), needed=3)
    people = [assign(shift).volunteer for _ in range(2)]
    gone = assign(shift)
    services.assignment_withdraw(assignment=gone, now=BEFORE)
    Assignment.objects.update(reminder_sent_at=at(-1, 17))

    with django_capture_on_commit_callbacks(execute=True):
        services.shift_update(shift=shift, notes="Bitte Warnweste mitbringen.")
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        services.shift_update(shift=shift, starts_at=at(0, 10), ends_at=at(0, 14))
    with django_capture_on_commit_callbacks(execute=True):
        services.shift_update(shift=shift, venue=VenueFactory(name="Rathaus"))

    assert sorted(m.to[0] for m in mail.outbox) == sorted([p.email for p in people] * 2)
    # the old reminder is no reminder of the new time
    assert list(
        shift.assignments.active().values_list("reminder_sent_at", flat=True)
    ) == [None, None]


def test_an_unknown_field_is_a_programming_error(venue):
    shift = shift_at(venue, at(0, 9), at(0, 13))

    with pytest.raises(TypeError):
        services.shift_update(shift=shift, colour="red")


def test_a_shift_with_people_cannot_be_deleted(venue, refused):
    shift = shift_at(venue, at(0, 9), at(0, 13))
    assignment = assign(shift)

    assert refused(services.shift_delete, shift=shift) == "shift_has_volunteers"
    services.assignment_withdraw(assignment=assignment, now=BEFORE)
    services.shift_delete(shift=shift)
    assert not Shift.objects.filter(pk=shift.pk).exists()


def test_a_template_makes_days_times_slots_once(venue, refused):
    role = RoleFactory()
    days = [at(d, 0).date() for d in range(3)]
    slots = [
        (dt.time(9), dt.time(13)),
        (dt.time(13), dt.time(17)),
        (dt.time(22), dt.time(2)),
    ]

    created = services.shifts_create_from_template(
        role=role, venue=venue, days=days, slots=slots, needed=2
    )
    again = services.shifts_create_from_template(
        role=role, venue=venue, days=days, slots=slots, needed=2
    )

    assert again == []
    assert [(s.starts_at, s.ends_at) for s in Shift.objects.order_by("starts_at")] == [
        window
        for d in range(3)
        for window in [
            (at(d, 9), at(d, 13)),
            (at(d, 13), at(d, 17)),
            (at(d, 22), at(d + 1, 2)),
        ]
    ]
    assert len(created) == 9
    assert {s.needed for s in created} == {2}
    assert (
        refused(
            services.shifts_create_from_template,
            role=role,
            venue=venue,
            days=[],
            slots=slots,
            needed=2,
        )
        == "days_required"
    )
    assert (
        refused(
            services.shifts_create_from_template,
            role=role,
            venue=venue,
            days=days,
            slots=[],
            needed=2,
        )
        == "slots_required"
    )


# --- registering ----------------------------------------------------------------------


def data(**overrides) -> services.VolunteerInput:
    values = {
        "name": "Ayşe Yılmaz",
        "email": "ayse@example.org",
        "phone": "0151 2345678",
        "tshirt_size": "M",
        "language": "de",
    }
    return services.VolunteerInput(**{**values, **overrides})


def test_a_volunteer_registers_and_gets_their_link(
    festival, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = services.volunteer_register(
            festival=festival, data=data(), consent_privacy=True
        )

    volunteer = result.volunteer
    assert result.created
    assert (volunteer.name, volunteer.email, volunteer.age_group) == (
        "Ayşe Yılmaz",
        "ayse@example.org",
        "adult",
    )
    assert volunteer.consent_privacy_version == PRIVACY_NOTICE_VERSION
    assert [m.to for m in mail.outbox] == [["ayse@example.org"]]
    assert volunteer.token in mail.outbox[0].body


def test_a_known_address_sends_the_link_and_creates_nothing(
    festival, django_capture_on_commit_callbacks
):
    known = VolunteerFactory(email="ayse@example.org", name="Ayşe")

    with django_capture_on_commit_callbacks(execute=True):
        result = services.volunteer_register(
            festival=festival,
            data=data(email="AYSE@example.org", name="Jemand anderes"),
            consent_privacy=True,
        )

    assert (result.volunteer, result.created) == (known, False)
    assert Volunteer.objects.count() == 1
    known.refresh_from_db()
    assert known.name == "Ayşe"
    assert [m.to for m in mail.outbox] == [["ayse@example.org"]]
    assert known.token in mail.outbox[0].body


def test_a_coordinator_adds_a_volunteer_without_their_privacy_consent(festival):
    result = services.volunteer_register(
        festival=festival, data=data(), consent_privacy=False, by=coordinator()
    )

    assert result.created
    assert result.volunteer.consent_privacy_version == ""


def test_a_coordinator_is_told_the_volunteer_exists(festival, refused):
    VolunteerFactory(email="ayse@example.org")

    assert (
        refused(
            services.volunteer_register,
            festival=festival,
            data=data(),
            consent_privacy=False,
            by=coordinator(),
        )
        == "volunteer_exists"
    )


@pytest.mark.parametrize(
    ("overrides", "consent", "code"),
    [
        ({}, False, "consent_missing"),
        ({"age_group": "12"}, True, "age_group_invalid"),
        ({"age_group": "16_17"}, True, "required"),  # no guardian
        (
            {
                "age_group": "13_15",
                "guardian_name": "Emine Yılmaz",
                "guardian_contact": "0171 5551234",
            },
            True,
            "guardian_consent_missing",
        ),
        ({"email": "kein-at"}, True, "email_invalid"),
        ({"name": "  "}, True, "required"),
        ({"tshirt_size": "XXXL"}, True, "tshirt_size_invalid"),
    ],
)
def test_registering_is_refused_with_a_code(
    festival, refused, overrides, consent, code
):
    assert (
        refused(
            services.volunteer_register,
            festival=festival,
            data=data(**overrides),
            consent_privacy=consent,
        )
        == code
    )


def test_a_minor_registers_with_the_guardians_consent(festival):
    result = services.volunteer_register(
        festival=festival,
        data=data(
            age_group="16_17",
            guardian_name="Emine Yılmaz",
            guardian_contact="0171 5551234",
            guardian_consent=True,
        ),
        consent_privacy=True,
    )

    volunteer = result.volunteer
    assert (volunteer.guardian_name, volunteer.guardian_contact) == (
        "Emine Yılmaz",
        "0171 5551234",
    )
    assert volunteer.guardian_consent_at is not None


def test_the_link_is_sent_again_only_to_a_known_address(
    festival, django_capture_on_commit_callbacks
):
    VolunteerFactory(email="ayse@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.volunteer_link_resend(festival=festival, email=" Ayse@Example.org ")
        services.volunteer_link_resend(festival=festival, email="niemand@example.org")
        services.volunteer_link_resend(festival=festival, email="")

    assert [m.to for m in mail.outbox] == [["ayse@example.org"]]


def test_updating_a_volunteer_keeps_addresses_unique(festival, refused):
    VolunteerFactory(email="tom@example.org")
    volunteer = VolunteerFactory(email="ayse@example.org")

    assert (
        refused(
            services.volunteer_update,
            volunteer=volunteer,
            data=data(email="TOM@example.org"),
        )
        == "volunteer_exists"
    )
    changed = services.volunteer_update(
        volunteer=volunteer,
        data=data(
            age_group="16_17",
            guardian_name="Emine Yılmaz",
            guardian_contact="0171 5551234",
            guardian_consent=True,
        ),
        notes="kommt mit dem Rad",
    )
    assert (changed.age_group, changed.notes) == ("16_17", "kommt mit dem Rad")
    assert changed.guardian_consent_at is not None
    adult = services.volunteer_update(volunteer=changed, data=data())
    assert (adult.age_group, adult.guardian_consent_at) == ("adult", None)


# --- qualifications -------------------------------------------------------------------

TODAY = dt.date(2027, 5, 1)


def test_a_police_certificate_is_recorded_as_sighted():
    volunteer = VolunteerFactory()

    record = services.qualification_record(
        volunteer=volunteer,
        kind="police_certificate",
        issued_on=dt.date(2026, 2, 1),
        sighted_on=dt.date(2026, 3, 3),
        sighted_by=" Sabine Koordination ",
        today=TODAY,
    )

    assert (record.kind, record.sighted_on, record.sighted_by, record.valid_until) == (
        "police_certificate",
        dt.date(2026, 3, 3),
        "Sabine Koordination",
        None,
    )


def test_only_a_juleica_keeps_its_own_end_date():
    volunteer = VolunteerFactory()

    card = services.qualification_record(
        volunteer=volunteer,
        kind="juleica",
        issued_on=dt.date(2025, 1, 1),
        valid_until=dt.date(2028, 1, 1),
        today=TODAY,
    )
    course = services.qualification_record(
        volunteer=volunteer,
        kind="first_aid",
        issued_on=dt.date(2026, 1, 1),
        valid_until=dt.date(2040, 1, 1),
        today=TODAY,
    )

    assert (card.valid_until, course.valid_until) == (dt.date(2028, 1, 1), None)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"kind": "diploma", "issued_on": dt.date(2026, 1, 1)}, "kind_invalid"),
        ({"kind": "first_aid", "issued_on": dt.date(2027, 5, 2)}, "issued_in_future"),
        (
            {"kind": "police_certificate", "issued_on": dt.date(2026, 1, 1)},
            "certificate_not_sighted",
        ),
        (
            {
                "kind": "police_certificate",
                "issued_on": dt.date(2026, 1, 1),
                "sighted_on": dt.date(2026, 2, 1),
                "sighted_by": " ",
            },
            "certificate_not_sighted",
        ),
        (
            {
                "kind": "police_certificate",
                "issued_on": dt.date(2026, 1, 1),
                "sighted_on": dt.date(2025, 12, 31),
                "sighted_by": "Sabine",
            },
            "sighted_on_invalid",
        ),
        (
            {
                "kind": "police_certificate",
                "issued_on": dt.date(2026, 1, 1),
                "sighted_on": dt.date(2027, 5, 2),
                "sighted_by": "Sabine",
            },
            "sighted_on_invalid",
        ),
        ({"kind": "juleica", "issued_on": dt.date(2026, 1, 1)}, "valid_until_missing"),
        (
            {
                "kind": "juleica",
                "issued_on": dt.date(2026, 1, 1),
                "valid_until": dt.date(2025, 12, 31),
            },
            "valid_until_before_issue",
        ),
    ],
)
def test_recording_a_qualification_is_refused_with_a_code(refused, kwargs, code):
    volunteer = VolunteerFactory()

    assert (
        refused(
            services.qualification_record, volunteer=volunteer, today=TODAY, **kwargs
        )
        == code
    )


def test_qualification_kinds_are_the_four_of_the_issue():
    assert set(QualificationKind.values) == {
        "police_certificate",
        "first_aid",
        "hygiene",
        "juleica",
    }
