"""The retention period (events.retention): when a festival's personal data is
due, what a dry run reports, what the run removes and what it keeps."""

import datetime as dt
import io
import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import models
from django.db.models import F
from django.utils import timezone

from events import tasks
from events.models import BERLIN, AuditEntry, Event, Festival, OutboxMail
from events.registry import registry
from events.retention import (
    festival_retention_set,
    retention_due,
    retention_due_at,
    retention_preview,
    retention_run,
)
from planning.retention import statistics_rows
from registrations.models import Household, Participant, Registration
from registrations.services import ContactInput, ParticipantInput, registration_create
from subevents.charity_run.models import Pledge, Runner, Team
from subevents.conference.models import Speaker, Submission
from subevents.flea_market.models import Application
from tests.charity_run import factories as run_factories
from tests.conference.factories import (
    ConferenceFactory,
    SessionFactory,
    SpeakerFactory,
    SubmissionFactory,
)
from tests.events.factories import EventFactory, FestivalFactory, at
from tests.flea_market import factories as market_factories
from tests.registrations.factories import open_event
from tests.volunteers.factories import (
    QualificationFactory,
    RoleFactory,
    ShiftFactory,
    VolunteerFactory,
    assign,
)
from volunteers.models import Assignment, Qualification, Volunteer

pytestmark = pytest.mark.django_db

# Every person's data below carries one of these: after the run none is left.
MARK = "zqx"
PHONE = "4242 42"

# The factories build the festival in June 2027 (future, so sign-ups are open);
# then everything moves back by this much, so the festival lies in the past and
# its retention date too (the market refuses to anonymise a market not yet over).
SHIFT = dt.timedelta(days=2 * 364)  # whole weeks: weekdays stay


def _contact(n: int) -> ContactInput:
    return ContactInput(
        name=f"Familie Zqxmann {n}",
        email=f"zqx.familie{n}@example.org",
        phone=f"0176 {PHONE}0{n}",
    )


def build_world() -> Festival:
    """A festival with families, volunteers, a run, a market and a conference,
    every personal field marked, moved into the past."""
    festival = FestivalFactory()
    # Families: two registrations, one with needs, one party waiting.
    event = open_event(capacity=3, slug="bastelnachmittag")
    registration_create(
        event=event,
        contact=_contact(1),
        participants=[
            ParticipantInput(name="Zqxkind", age=4),
            ParticipantInput(name="Zqxmama", age=38),
        ],
        consent_privacy=True,
        needs=["wheelchair"],
        needs_text="Zqx braucht eine Rampe",
    )
    registration_create(
        event=event,
        contact=_contact(2),
        participants=[
            ParticipantInput(name="Zqxtochter", age=9),
            ParticipantInput(name="Zqxsohn", age=13),
        ],
        consent_privacy=True,
    )
    # Volunteers: an adult on two shifts with a certificate, a minor with a guardian.
    role = RoleFactory(festival=festival, slug="kasse")
    early = ShiftFactory(role=role)
    late = ShiftFactory(role=role, starts_at=at(1, 14), ends_at=at(1, 17))
    adult = VolunteerFactory(
        festival=festival,
        name="Zqx Helferin",
        email="zqx.helferin@example.org",
        phone=f"0151 {PHONE}11",
        notes="Zqx kommt mit dem Rad",
    )
    minor = VolunteerFactory(
        festival=festival,
        minor=True,
        name="Zqx Jugend",
        email="zqx.jugend@example.org",
        phone="",
        guardian_name="Zqx Mutter",
        guardian_contact=f"0171 {PHONE}12",
    )
    QualificationFactory(volunteer=adult, sighted_by="Zqx Koordinatorin")
    assign(early, adult)
    assign(late, adult)
    assign(early, minor)
    # Spendenlauf: a team with a contact, two runners, pledges, laps.
    run = run_factories.make_run()
    team = Team.objects.create(
        run=run,
        name="Klasse 3a",
        block=1,
        contact_name="Zqx Lehrerin",
        contact_email="zqx.lehrerin@example.org",
    )
    child = run_factories.runner(
        run,
        "Zqxmia",
        "Zqxyilmaz",
        team=team,
        guardian_name="Zqx Ayse",
        email="zqx.lauf@example.org",
    )
    grown = run_factories.runner(
        run, "Zqxtom", "Zqxberg", age_group=Runner.AgeGroup.ADULT
    )
    run_factories.pledge(
        run,
        runner=child,
        sponsor_name="Zqx Oma",
        sponsor_email="zqx.oma@example.org",
        sponsor_address="Zqxweg 1, 12345 Musterstadt",
    )
    run_factories.pledge(
        run, team=team, sponsor_name="Zqx Firma GmbH", fixed_cents=5000
    )
    run_factories.laps(run, child, 3)
    run_factories.laps(run, grown, 2)
    # Market: one seller allocated, one waiting.
    market = market_factories.market(layout={"table": 1})
    for n in (1, 2):
        market_factories.apply(
            market,
            name=f"Zqx Verkäuferin {n}",
            email=f"zqx.markt{n}@example.org",
            phone=f"0160 {PHONE}2{n}",
            note="Zqx bringt einen Tisch",
        )
    # Conference: a submitter, and a speaker in the published programme.
    conference = ConferenceFactory(festival=festival)
    SubmissionFactory(
        sub_event=conference,
        name="Zqx Referentin",
        email="zqx.referentin@example.org",
        needs="Zqx braucht einen Beamer",
        availability="Zqx nur vormittags",
    )
    speaker = SpeakerFactory(name="Dr. Erika Offen", email="zqx.speaker@example.org")
    session = SessionFactory(event__sub_event=conference, event__slug="vortrag")
    session.speakers.add(speaker)
    _move_to_past(festival)
    return Festival.objects.get(pk=festival.pk)


def _move_to_past(festival: Festival) -> None:
    Festival.objects.filter(pk=festival.pk).update(
        start_date=F("start_date") - SHIFT, end_date=F("end_date") - SHIFT
    )
    Event.objects.update(starts_at=F("starts_at") - SHIFT, ends_at=F("ends_at") - SHIFT)
    # The mails were written then, not today (if the outbox holds any).
    OutboxMail.objects.update(created_at=F("created_at") - SHIFT)


def marked_values() -> list[str]:
    """Every stored text or JSON value, in any model, that still holds one of
    the marks: "app.Model.field: value"."""
    found = []
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for name, value in zip(fields, row, strict=True):
                text = json.dumps(value, ensure_ascii=False) if value else ""
                if MARK in text.lower() or PHONE in text:
                    found.append(f"{model._meta.label}.{name}: {text[:60]}")
    return found


def snapshot() -> dict[str, list]:
    """Every row of the tables the run touches, as stored."""
    tables = (
        Festival,
        Household,
        Registration,
        Participant,
        Volunteer,
        Qualification,
        Assignment,
        Runner,
        Pledge,
        Team,
        Application,
        Submission,
        Speaker,
        OutboxMail,
        AuditEntry,
    )
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in tables
    }


def test_due_from_the_day_after_the_retention_date_in_berlin():
    festival = FestivalFactory(
        start_date=dt.date(2026, 6, 14), end_date=dt.date(2026, 6, 20)
    )

    due_at = retention_due_at(festival)

    # 20 June + 90 days = 18 September is the last day kept.
    assert due_at == dt.datetime(2026, 9, 19, 0, 0, tzinfo=BERLIN)
    assert due_at.astimezone(dt.UTC) == dt.datetime(2026, 9, 18, 22, 0, tzinfo=dt.UTC)
    assert retention_due(festival, due_at - dt.timedelta(seconds=1)) is False
    assert retention_due(festival, due_at) is True


def test_not_due_before_the_date_changes_nothing():
    festival = build_world()
    before = snapshot()

    result = retention_run(
        festival=festival, now=retention_due_at(festival) - dt.timedelta(seconds=1)
    )

    assert (result.status, result.counts) == ("not_due", {})
    assert snapshot() == before


EXPECTED = {
    "households": 2,
    "participants": 4,
    "registrations": 2,
    "volunteers": 2,
    "qualifications": 1,
    "runners": 2,
    "sponsors": 2,
    "team_contacts": 1,
    "sellers": 2,
    "submitters": 1,
    "speaker_emails": 1,
}


def test_dry_run_changes_nothing_and_reports_what_the_run_then_does():
    festival = build_world()
    now = retention_due_at(festival)
    outbox = OutboxMail.objects.count()
    before = snapshot()

    dry = retention_run(festival=festival, now=now, dry_run=True)

    assert snapshot() == before
    assert dry.status == "dry_run"
    assert dry.counts == {**EXPECTED, "outbox_mails": outbox}
    assert retention_preview(festival) == dry.counts

    done = retention_run(festival=festival, now=now)

    assert done.status == "done"
    assert done.counts == dry.counts


def test_the_run_leaves_no_name_email_or_phone_and_the_statistics_as_they_were():
    festival = build_world()
    assert len(marked_values()) >= 20  # the marks are where the test looks
    statistics = statistics_rows(festival)
    ages = sorted(Participant.objects.values_list("age", flat=True))
    statuses = sorted(Registration.objects.values_list("status", flat=True))
    now = retention_due_at(festival) + dt.timedelta(hours=3)

    retention_run(festival=festival, now=now)

    assert marked_values() == []
    assert statistics_rows(festival) == statistics
    assert sorted(Participant.objects.values_list("age", flat=True)) == ages
    assert sorted(Registration.objects.values_list("status", flat=True)) == statuses
    assert ages == [4, 9, 13, 38]
    # The figures themselves, not only their sameness.
    figures = {(area, figure): value for area, _s, figure, value in statistics}
    assert figures[("shifts", "minutes")] == 4 * 60 + 3 * 60 + 4 * 60
    assert figures[("charity_run", "laps")] == 5
    assert figures[("charity_run", "pledged_cents")] == 3 * 100 + 5000
    assert figures[("participants", "age_0_5")] == 1
    assert figures[("flea_market", "applications_allocated")] == 1
    assert figures[("flea_market", "applications_waiting")] == 1
    # The published programme still names its speaker.
    assert list(Speaker.objects.values_list("name", "email")) == [
        ("Dr. Erika Offen", "")
    ]
    assert Assignment.objects.count() == 3
    assert Volunteer.objects.filter(erased_at__isnull=True).count() == 0
    festival.refresh_from_db()
    assert festival.anonymised_at == now
    entry = AuditEntry.objects.get(action="events.retention_run")
    assert (entry.via, entry.object_id) == ("system", str(festival.pk))
    assert json.loads(entry.summary)["participants"] == 4


def test_a_second_run_does_nothing():
    festival = build_world()
    now = retention_due_at(festival)
    retention_run(festival=festival, now=now)
    festival.refresh_from_db()
    before = snapshot()

    again = retention_run(festival=festival, now=now + dt.timedelta(days=1))

    assert (again.status, again.counts) == ("already_done", {})
    assert snapshot() == before


def test_a_family_of_a_later_festival_keeps_its_contact_for_that_one():
    festival = build_world()
    later = FestivalFactory(
        slug="naechstes-jahr",
        start_date=dt.date(2027, 6, 14),
        end_date=dt.date(2027, 6, 20),
    )
    household = Household.objects.get(email="zqx.familie1@example.org")
    next_event = EventFactory(
        sub_event__festival=later,
        slug="naechstes-jahr-basteln",
        capacity=10,
        registration_opens_at=timezone.now() - dt.timedelta(days=1),
    )
    registration_create(
        event=next_event,
        contact=ContactInput(name=household.name, email=household.email),
        participants=[ParticipantInput(name="Zqxkind", age=5)],
        consent_privacy=True,
    )

    result = retention_run(festival=festival, now=retention_due_at(festival))

    household.refresh_from_db()
    assert household.email == "zqx.familie1@example.org"
    assert result.counts["households"] == 1
    assert result.counts["participants"] == 4
    kept = Participant.objects.filter(registration__event=next_event)
    assert list(kept.values_list("name", flat=True)) == ["Zqxkind"]
    old = Participant.objects.filter(registration__event__sub_event__festival=festival)
    assert set(old.values_list("name", flat=True)) == {"—"}


def test_a_failing_handler_rolls_the_whole_run_back():
    festival = build_world()
    before = snapshot()

    def broken(festival):
        raise RuntimeError("disk full")

    registry.register_retention_handler("zz_broken", lambda f: {}, broken)
    try:
        with pytest.raises(RuntimeError):
            retention_run(festival=festival, now=retention_due_at(festival))
    finally:
        registry.unregister_retention_handler("zz_broken")

    assert snapshot() == before


def test_the_task_runs_due_festivals_through_celery():
    festival = build_world()
    not_due = FestivalFactory(
        slug="zukunft", start_date=dt.date(2030, 6, 1), end_date=dt.date(2030, 6, 7)
    )

    counts = tasks.retention_run_due.apply().get()  # as a worker runs it
    assert list(counts) == [festival.slug]
    assert counts[festival.slug]["households"] == 2
    assert Festival.objects.get(pk=festival.pk).anonymised_at is not None
    assert Festival.objects.get(pk=not_due.pk).anonymised_at is None
    assert tasks.retention_run_due.apply().get() == {}


def test_the_command_prints_the_counts_and_dry_run_changes_nothing():
    festival = build_world()
    before = snapshot()
    out = io.StringIO()

    call_command("retention_run", "--dry-run", "--festival", festival.slug, stdout=out)

    assert snapshot() == before
    lines = out.getvalue().splitlines()
    kept_until = festival.end_date + dt.timedelta(days=90)
    assert lines[0] == f"festwoche: dry_run (kept until {kept_until})"
    assert "  households: 2" in lines
    assert "  sellers: 2" in lines

    out = io.StringIO()
    call_command("retention_run", stdout=out)

    assert out.getvalue().splitlines()[0].startswith("festwoche: done")
    assert marked_values() == []


def test_the_command_with_now_before_the_date_says_not_due():
    festival = build_world()
    day = (festival.end_date + dt.timedelta(days=90)).isoformat()
    out = io.StringIO()

    call_command(
        "retention_run", "--festival", "festwoche", "--now", f"{day}T23:59", stdout=out
    )

    assert out.getvalue().splitlines() == [f"festwoche: not_due (kept until {day})"]


def test_the_command_refuses_an_unknown_festival_and_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("retention_run", "--festival", "gibt-es-nicht")
    with pytest.raises(CommandError):
        call_command("retention_run", "--now", "morgen")


@pytest.mark.parametrize(
    ("days", "code"),
    [
        (-1, "days_out_of_range"),
        (3651, "days_out_of_range"),
        ("abc", "invalid_days"),
        ("9\x00", "invalid_days"),
        (None, "invalid_days"),
        (True, "invalid_days"),
    ],
)
def test_the_period_refuses_bad_values(days, code):
    festival = FestivalFactory()

    with pytest.raises(ValidationError) as err:
        festival_retention_set(festival=festival, days=days, actor=None)

    assert err.value.code == code
    assert Festival.objects.get(pk=festival.pk).retention_days == 90


def test_the_period_is_changed_and_logged_until_the_data_is_gone():
    festival = FestivalFactory()

    festival_retention_set(festival=festival, days="30", actor=None)

    assert Festival.objects.get(pk=festival.pk).retention_days == 30
    entry = AuditEntry.objects.get(action="events.retention_days_set")
    assert entry.summary == "90 -> 30"
    Festival.objects.filter(pk=festival.pk).update(anonymised_at=timezone.now())
    with pytest.raises(ValidationError) as err:
        festival_retention_set(festival=festival, days=60, actor=None)
    assert err.value.code == "already_anonymised"


def test_beat_runs_the_retention_task_nightly(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["events-retention-run-due"]

    assert entry["task"] == "events.tasks.retention_run_due"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({3}, {15})


def test_the_personal_calendar_feeds_stop_working():
    from calendars.models import FeedToken
    from calendars.services import feed_token_get

    festival = build_world()
    feed_token_get(household=Household.objects.get(email="zqx.familie1@example.org"))
    feed_token_get(volunteer=Volunteer.objects.get(email="zqx.helferin@example.org"))

    retention_run(festival=festival, now=retention_due_at(festival))

    assert FeedToken.objects.count() == 2
    assert FeedToken.objects.valid().count() == 0
