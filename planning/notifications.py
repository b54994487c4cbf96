"""The e-mails of the planning workspace: the conversation about a partner's event
proposal between the partner and the Orga-Team.

Each function renders templates/planning/mail/<name>_{subject,body}.txt and
_body.html through events.notifications.mail_send, which sends after commit (a
refused or rolled-back change sends nothing). German for now: the default language.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from events import roles
from events.notifications import mail_send
from planning.models import Comment, Proposal

_muted: ContextVar[bool] = ContextVar("planning_mails_muted", default=False)


@contextmanager
def muted() -> Iterator[None]:
    """No planning mail is rendered or sent inside: for the demo loader, whose
    partners and Orga-Team live at example.org."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def orga_recipients(proposal: Proposal) -> list[str]:
    """The festival's contact address and every active Orga-Team account's."""
    emails = (
        {proposal.festival.contact_email} if proposal.festival.contact_email else set()
    )
    emails |= set(
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.ORGA)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return sorted(emails)


def partner_recipients(proposal: Proposal) -> list[str]:
    """The organisation's contact address and the coordinator who submitted."""
    emails = set()
    if proposal.partner.contact_email:
        emails.add(proposal.partner.contact_email)
    user = proposal.submitted_by
    if user is not None and user.is_active and user.email:
        emails.add(user.email)
    return sorted(emails)


def review_url(proposal: Proposal) -> str:
    return settings.SITE_URL + reverse("planning:proposal", kwargs={"pk": proposal.pk})


def partner_url(proposal: Proposal) -> str:
    return settings.SITE_URL + reverse(
        "planning:partner-proposal", kwargs={"pk": proposal.pk}
    )


def _send(to: list[str], name: str, proposal: Proposal, url: str, **context) -> None:
    if _muted.get() or not to:
        return
    mail_send(
        to=to,
        template=f"planning/mail/{name}",
        context={"proposal": proposal, "page_url": url, **context},
    )


def _to_orga(name: str, proposal: Proposal, **context) -> None:
    _send(orga_recipients(proposal), name, proposal, review_url(proposal), **context)


def _to_partner(name: str, proposal: Proposal, **context) -> None:
    _send(
        partner_recipients(proposal), name, proposal, partner_url(proposal), **context
    )


def proposal_submitted(proposal: Proposal) -> None:
    """The Orga-Team hears of a new proposal; the partner gets a confirmation."""
    _to_orga("submitted_orga", proposal)
    _to_partner("submitted_partner", proposal)


def proposal_question(proposal: Proposal, comment: Comment) -> None:
    _to_partner("question", proposal, comment=comment)


def proposal_message(proposal: Proposal, comment: Comment) -> None:
    """An organiser wrote to the partner without asking back."""
    _to_partner("message", proposal, comment=comment)


def proposal_answered(proposal: Proposal, comment: Comment) -> None:
    _to_orga("answered", proposal, comment=comment)


def proposal_withdrawn(proposal: Proposal) -> None:
    _to_orga("withdrawn", proposal)


def proposal_scheduled(proposal: Proposal) -> None:
    _to_partner("scheduled", proposal, event=proposal.event)


def proposal_published(proposal: Proposal) -> None:
    _to_partner(
        "published",
        proposal,
        event=proposal.event,
        event_url=settings.SITE_URL + proposal.event.get_absolute_url(),
    )


def proposal_declined(proposal: Proposal) -> None:
    _to_partner("declined", proposal)
