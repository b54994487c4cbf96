"""Runs, teams and runners: start numbers are handed out under the run's row
lock, so two sign-ups at the same moment never get the same number."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events.models import Event, SubEvent
from events.notifications import mail_send

from .. import rules
from ..models import Run, Runner, Team, new_token


@transaction.atomic
def run_setup(*, event: Event, **fields: Any) -> Run:
    """Make `event` a charity run, or change its settings (lap length, cause,
    bank details...). Only an event of a charity-run sub-event (`not_a_run`)."""
    if event.sub_event.kind != SubEvent.Kind.CHARITY_RUN:
        raise ValidationError(
            _("Only an event of a charity run can be set up as a run."),
            code="not_a_run",
        )
    run, _created = Run.objects.get_or_create(event=event, defaults=fields)
    if not _created and fields:
        for key, value in fields.items():
            setattr(run, key, value)
        run.full_clean(exclude=["event"])
        run.save()
    return run


def _locked(run: Run) -> Run:
    return Run.objects.select_for_update().get(pk=run.pk)


@transaction.atomic
def team_create(
    *,
    run: Run,
    name: str,
    kind: str = Team.Kind.OTHER,
    contact_name: str = "",
    contact_email: str = "",
) -> Team:
    """A team with the next free block of start numbers; `team_name_taken` if the
    run has a team of that name."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("Please name the team."), code="team_name_missing")
    if kind not in Team.Kind.values:
        raise ValidationError(_("Please choose the kind of team."), code="team_kind")
    run = _locked(run)
    if run.teams.filter(name__iexact=name).exists():
        raise ValidationError(
            _("A team called “%(name)s” already exists.") % {"name": name},
            code="team_name_taken",
        )
    block = rules.next_team_block(
        team_blocks=run.teams.values_list("block", flat=True),
        individual_numbers=run.runners.filter(team=None).values_list(
            "start_number", flat=True
        ),
        block_size=run.team_block_size,
    )
    return Team.objects.create(
        run=run,
        name=name,
        kind=kind,
        contact_name=contact_name,
        contact_email=contact_email,
        block=block,
    )


def _check_runner(
    *,
    run: Run,
    first_name: str,
    last_name: str,
    age_group: str,
    tshirt_size: str,
    guardian_name: str,
    guardian_consent: bool,
    team: Team | None,
    by_staff: bool,
) -> None:
    if not run.signup_open and not by_staff:
        raise ValidationError(
            _("Sign-up for this run is closed."), code="signup_closed"
        )
    if not first_name or not last_name:
        raise ValidationError(
            _("Please give the runner's first and last name."), code="name_missing"
        )
    if age_group not in Runner.AgeGroup.values:
        raise ValidationError(_("Please choose an age group."), code="age_group")
    if tshirt_size not in Runner.Shirt.values:
        raise ValidationError(_("Please choose a T-shirt size."), code="tshirt_size")
    if age_group != Runner.AgeGroup.ADULT and not (guardian_name and guardian_consent):
        raise ValidationError(
            _(
                "Runners under 18 need the consent of a parent or guardian: please "
                "give their name and tick the consent box."
            ),
            code="guardian_consent_missing",
        )
    if team is not None and team.run_id != run.pk:
        raise ValidationError(_("This team runs in another run."), code="team_unknown")


@transaction.atomic
def runner_register(
    *,
    run: Run,
    first_name: str,
    last_name: str,
    age_group: str,
    tshirt_size: str = "",
    email: str = "",
    guardian_name: str = "",
    guardian_consent: bool = False,
    team: Team | None = None,
    by_staff: bool = False,
    send_mail: bool = True,
) -> Runner:
    """Sign a runner up and give them the next start number: their team's block,
    or the individuals' range. Refuses `signup_closed`, `name_missing`,
    `guardian_consent_missing`, `team_full`..."""
    first_name = " ".join((first_name or "").split())
    last_name = " ".join((last_name or "").split())
    guardian_name = " ".join((guardian_name or "").split())
    _check_runner(
        run=run,
        first_name=first_name,
        last_name=last_name,
        age_group=age_group,
        tshirt_size=tshirt_size,
        guardian_name=guardian_name,
        guardian_consent=guardian_consent,
        team=team,
        by_staff=by_staff,
    )
    run = _locked(run)  # every number of this run is handed out under this lock
    if team is not None:
        number = rules.next_team_number(
            taken=team.runners.values_list("start_number", flat=True),
            block=team.block,
            block_size=run.team_block_size,
        )
        if number is None:
            raise ValidationError(
                _("The team “%(name)s” is full.") % {"name": team.name},
                code="team_full",
            )
    else:
        number = rules.next_individual_number(
            taken=run.runners.filter(team=None).values_list("start_number", flat=True),
            team_blocks=run.teams.values_list("block", flat=True),
            block_size=run.team_block_size,
        )
    minor = age_group != Runner.AgeGroup.ADULT
    runner = Runner.objects.create(
        run=run,
        team=team,
        first_name=first_name,
        last_name=last_name,
        age_group=age_group,
        tshirt_size=tshirt_size,
        email=email,
        guardian_name=guardian_name if minor else "",
        guardian_consent_at=timezone.now() if minor else None,
        start_number=number,
    )
    if email and send_mail:
        # Stored in the outbox in this transaction: a runner who is signed up
        # always gets the mail (events.notifications).
        _mail_signed_up(runner, get_language())
    return runner


def _mail_signed_up(runner: Runner, language: str | None) -> None:
    mail_send(
        to=[runner.email],
        template="charity_run/mail/signed_up",
        context={
            "runner": runner,
            "event": runner.run.event,
            "path": reverse("charity_run:runner", kwargs={"token": runner.token}),
        },
        language=language,
    )


@transaction.atomic
def runner_link_renew(*, runner: Runner) -> Runner:
    """Give a runner a new personal link; the old one then 404s."""
    runner.token = new_token()
    runner.save(update_fields=["token"])
    return runner
