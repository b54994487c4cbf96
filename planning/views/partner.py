"""The partner portal: a partner organisation's coordinators see their events with
the registrations and participant lists, their volunteers with their shifts, and
propose events, follow the conversation about them, change or withdraw them.

Who may: members of a partner organisation (events.roles.partners_of), for their
own organisations only — another organisation's proposal or event is a 404, so
nothing tells whether it exists. The Orga-Team may look at any organisation's
portal and participant lists (it reviews proposals on its own pages: the partners'
proposal pages are a 403 for it). Module leads and the volunteer coordination get
the 403 page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from events import roles
from events.audit import audit_request
from events.models import Partner
from planning.forms.proposals import CommentForm, ProposalForm
from planning.models import Proposal
from planning.selectors.partner import (
    partner_participants,
    partner_portal,
    partners_for,
)
from planning.selectors.proposals import proposal_with_thread
from planning.services.proposals import (
    proposal_comment_partner,
    proposal_submit,
    proposal_update,
    proposal_withdraw,
)
from planning.views.access import current_festival, error_text, partner_page, require

VIEW = "planning.view_proposal"
ADD = "planning.add_proposal"
CHANGE = "planning.change_proposal"
COMMENT = "planning.add_comment"


def _chosen(request: HttpRequest, partners: QuerySet[Partner]) -> QuerySet[Partner]:
    """The Orga-Team looks at one organisation at a time (?partner=<id>); a
    coordinator sees their own organisations."""
    if roles.partners_of(request.user).exists():
        return partners
    wanted = request.GET.get("partner", "")
    if not wanted.isdigit():
        return partners.none()
    return partners.filter(pk=int(wanted))


def _own(request: HttpRequest) -> QuerySet[Partner]:
    """The organisations the user coordinates. Proposals are the coordinators' own
    business: the Orga-Team reviews them on its own pages (403 here)."""
    own = roles.partners_of(request.user)
    if not own.exists():
        raise PermissionDenied
    return own


def _proposal(request: HttpRequest, pk: int) -> Proposal:
    festival = current_festival()
    proposals = Proposal.objects.filter(festival=festival, partner__in=_own(request))
    proposal = proposal_with_thread(proposals, pk, internal=False)
    if proposal is None:
        raise Http404
    return proposal


def _render(
    request: HttpRequest, template: str, context: dict, status: int = 200
) -> HttpResponse:
    # The Orga-Team sees the planning tabs; a coordinator the portal's own.
    context["is_planner"] = roles.sees_whole_programme(request.user)
    return render(request, template, context, status=status)


def _back(proposal: Proposal) -> HttpResponse:
    return redirect("planning:partner-proposal", pk=proposal.pk)


@partner_page
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    festival = current_festival()
    partners = partners_for(request.user)
    chosen = _chosen(request, partners)
    is_member = roles.partners_of(request.user).exists()
    portal = partner_portal(chosen, festival)
    if portal.partners:  # it lists the organisation's volunteers by name
        audit_request(
            request,
            action="planning.partner_portal_read",
            summary=f"{len(portal.partners)} partners, "
            f"{len(portal.volunteers)} volunteers",
        )
    return _render(
        request,
        "planning/partner/portal.html",
        {
            "festival": festival,
            "portal": portal,
            "is_member": is_member,
            # The Orga-Team chooses whose portal to look at.
            "all_partners": None if is_member else partners.order_by("name"),
            "chosen_pk": (
                int(request.GET["partner"])
                if not is_member and request.GET.get("partner", "").isdigit()
                else None
            ),
        },
    )


@partner_page
@require_http_methods(["GET", "POST"])
def proposal_add(request: HttpRequest) -> HttpResponse:
    require(request, ADD)
    festival = current_festival()
    partners = _own(request)
    form = ProposalForm(request.POST or None, festival=festival, partners=partners)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = proposal_submit(
                festival=festival,
                partner=form.cleaned_data["partner"],
                submitted_by=request.user,
                data=form.proposal_input(),
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(
                request,
                _("Thank you! Your proposal was sent to the Orga-Team."),
            )
            return _back(proposal)
    return _render(
        request,
        "planning/partner/proposal_form.html",
        {"form": form, "proposal": None},
        status=400 if form.is_bound else 200,
    )


@partner_page
@require_http_methods(["GET", "POST"])
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposal as the partner sent it, its state and the conversation (without
    the organisers' internal notes); POST: the partner writes (answers)."""
    require(request, VIEW)
    proposal = _proposal(request, pk)
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        require(request, COMMENT)
        if form.is_valid():
            try:
                proposal_comment_partner(
                    proposal=proposal,
                    author=request.user,
                    text=form.cleaned_data["text"],
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Your message was sent to the Orga-Team."))
                return _back(proposal)
    return _render(
        request,
        "planning/partner/proposal_detail.html",
        {
            "proposal": proposal,
            "form": form,
            "editable": proposal.state in Proposal.OPEN_STATES,
            "may_write": proposal.state != Proposal.State.WITHDRAWN,
        },
        status=400 if form.is_bound else 200,
    )


@partner_page
@require_http_methods(["GET", "POST"])
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, CHANGE)
    proposal = _proposal(request, pk)
    festival = proposal.festival
    if request.method == "POST":
        form = ProposalForm(request.POST, festival=festival, partners=None)
        if form.is_valid():
            try:
                proposal_update(proposal=proposal, data=form.proposal_input())
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Your changes are saved."))
                return _back(proposal)
        status = 400
    else:
        if proposal.state not in Proposal.OPEN_STATES:
            messages.error(request, _("This proposal can no longer be changed."))
            return _back(proposal)
        form = ProposalForm(
            initial=ProposalForm.initial_for(proposal), festival=festival, partners=None
        )
        status = 200
    return _render(
        request,
        "planning/partner/proposal_form.html",
        {"form": form, "proposal": proposal},
        status=status,
    )


@partner_page
@require_POST
def proposal_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, CHANGE)
    proposal = _proposal(request, pk)
    try:
        proposal_withdraw(proposal=proposal)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Your proposal is withdrawn."))
    return _back(proposal)


@partner_page
@require_safe
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    """Who comes to an event the organisation hosts: parties with contact name and
    phone, first names and ages (never e-mail addresses)."""
    festival = current_festival()
    board = partner_participants(partners_for(request.user), festival, pk)
    if board is None:
        raise Http404
    audit_request(
        request,
        action="planning.partner_participants_read",
        obj=board.event,
        summary=board.event.title,
    )
    return _render(
        request,
        "planning/partner/participants.html",
        {
            "board": board,
            "event": board.event,
            "portal_url": reverse("planning:partner"),
        },
    )


urlpatterns = [
    path("partner/", index, name="partner"),
    path("partner/proposals/new/", proposal_add, name="partner-proposal-add"),
    path("partner/proposals/<int:pk>/", proposal_detail, name="partner-proposal"),
    path(
        "partner/proposals/<int:pk>/edit/", proposal_edit, name="partner-proposal-edit"
    ),
    path(
        "partner/proposals/<int:pk>/withdraw/",
        proposal_withdraw_view,
        name="partner-proposal-withdraw",
    ),
    path(
        "partner/events/<int:pk>/participants/",
        participants,
        name="partner-participants",
    ),
]
