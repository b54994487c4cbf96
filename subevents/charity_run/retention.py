"""The Spendenlauf's part of the retention period (see events.retention).

Runners lose their names, guardian and contact e-mail (first name "—"), and
their family link stops working; sponsors their name, e-mail and postal address;
teams their contact person. Start numbers, age groups, T-shirt sizes, teams,
laps and every amount (pledged, received) stay, so the run's totals and
certificates' figures still add up.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.models import Festival

from .models import Pledge, Runner, Team, new_token

ERASED = "—"

LABELS = {
    "runners": _("runners (names, guardian, e-mail)"),
    "sponsors": _("sponsors' pledges (name, e-mail, address)"),
    "team_contacts": _("team contact persons"),
}


def _querysets(festival: Festival) -> tuple:
    runners = Runner.objects.filter(run__event__sub_event__festival=festival).exclude(
        first_name=ERASED
    )
    pledges = Pledge.objects.filter(run__event__sub_event__festival=festival).exclude(
        sponsor_name=ERASED
    )
    teams = Team.objects.filter(run__event__sub_event__festival=festival).filter(
        ~Q(contact_name="") | ~Q(contact_email="")
    )
    return runners, pledges, teams


def retention_preview(festival: Festival) -> dict[str, int]:
    runners, pledges, teams = _querysets(festival)
    return {
        "runners": runners.count(),
        "sponsors": pledges.count(),
        "team_contacts": teams.count(),
    }


def retention_anonymise(festival: Festival) -> dict[str, int]:
    runners, pledges, teams = _querysets(festival)
    runners = list(runners.order_by("pk"))
    for runner in runners:
        runner.first_name = ERASED
        runner.last_name = ""
        # A minor's row must name a guardian (a check constraint): "—" then.
        runner.guardian_name = ERASED if runner.guardian_name else ""
        runner.email = ""
        runner.token = new_token()
    Runner.objects.bulk_update(
        runners,
        ["first_name", "last_name", "guardian_name", "email", "token"],
        batch_size=500,
    )
    sponsors = pledges.update(sponsor_name=ERASED, sponsor_email="", sponsor_address="")
    team_contacts = teams.update(contact_name="", contact_email="")
    return {
        "runners": len(runners),
        "sponsors": sponsors,
        "team_contacts": team_contacts,
    }
