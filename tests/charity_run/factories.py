"""Factories for the Spendenlauf: a run on a published event of a charity-run
sub-event, with teams, runners and pledges made through the module's services so
that start numbers are handed out as in real use."""

import datetime as dt
import uuid

from django.utils import timezone

from events.models import Event, SubEvent
from subevents.charity_run import services
from subevents.charity_run.models import Pledge, Run, Runner, Team
from tests.events.factories import EventFactory, SubEventFactory, at


def spendenlauf(**kwargs) -> SubEvent:
    defaults = {
        "name": "Spendenlauf",
        "slug": "spendenlauf",
        "kind": SubEvent.Kind.CHARITY_RUN,
    }
    defaults.update(kwargs)
    return SubEventFactory(**defaults)


def make_run(
    *, slug: str = "familienlauf", state: str = Run.State.LIVE, **fields
) -> Run:
    sub_event = SubEvent.objects.filter(slug="spendenlauf").first() or spendenlauf()
    event = EventFactory(
        sub_event=sub_event,
        title="Spendenlauf: Familienlauf",
        slug=slug,
        starts_at=at(5, 11, 15),
        ends_at=at(5, 12, 15),
        status=Event.Status.PUBLISHED,
    )
    fields.setdefault("lap_length_m", 400)
    fields.setdefault("min_lap_seconds", 60)
    fields.setdefault("cause", "Ferienfreizeiten für Kinder")
    fields.setdefault("account_holder", "Bündnis für Familie e. V.")
    fields.setdefault("iban", "DE02120300000000202051")
    fields.setdefault("bic", "BYLADEM1001")
    fields.setdefault("bank_name", "Sparkasse Musterstadt")
    return services.run_setup(event=event, state=state, **fields)


def team(run: Run, name: str = "Klasse 3a", kind: str = Team.Kind.SCHOOL_CLASS) -> Team:
    return services.team_create(run=run, name=name, kind=kind)


def runner(
    run: Run,
    first_name: str = "Mia",
    last_name: str = "Yılmaz",
    *,
    team: Team | None = None,
    age_group: str = Runner.AgeGroup.AGE_7_10,
    **fields,
) -> Runner:
    minor = age_group != Runner.AgeGroup.ADULT
    if minor:
        fields.setdefault("guardian_name", "Ayşe Yılmaz")
        fields.setdefault("guardian_consent", True)
    return services.runner_register(
        run=run,
        first_name=first_name,
        last_name=last_name,
        age_group=age_group,
        team=team,
        send_mail=False,
        **fields,
    )


def pledge(run: Run, **fields) -> Pledge:
    fields.setdefault("sponsor_name", "Oma Gül")
    fields.setdefault("sponsor_email", "oma@example.org")
    if "fixed_cents" in fields:
        fields.setdefault("kind", Pledge.Kind.FIXED)
    else:
        fields.setdefault("kind", Pledge.Kind.PER_LAP)
        fields.setdefault("per_lap_cents", 100)
    return services.pledge_create(run=run, **fields)


def laps(run: Run, target: Runner, count: int, *, start=None, gap_seconds: int = 120):
    """`count` counted taps for `target`, `gap_seconds` apart (client time)."""
    start = start or timezone.now() - dt.timedelta(hours=1)
    return [
        services.lap_tap(
            run=run,
            start_number=target.start_number,
            key=uuid.uuid4(),
            client_time=start + dt.timedelta(seconds=gap_seconds * n),
        )
        for n in range(count)
    ]


def staff(username: str, *groups: str, **kwargs):
    """A staff account in the given organiser groups (created with their rights)."""
    from django.contrib.auth.models import Group, User

    from events import roles

    roles.roles_ensure()
    user = User.objects.create_user(
        username, f"{username}@example.org", "pw", is_staff=True, **kwargs
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user
