"""The organisers' review of partners' event proposals: the list (by state,
part of the week and partner) and a proposal's page with the conversation and the
actions — ask back, schedule as a draft event, publish, decline.

Who may: the Orga-Team every proposal, module leads the proposals for their
sub-events (any other is a 404 for them), with the model permissions of their
group; the volunteer coordination and partners get the 403 page. Publishing also
needs events.roles.can_publish for the event.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from events import roles
from planning.forms.proposals import (
    AskForm,
    DeclineForm,
    OrgaCommentForm,
    ProposalFilterForm,
    ScheduleForm,
)
from planning.models import Proposal
from planning.selectors.proposals import (
    proposal_list,
    proposal_with_thread,
    proposals_reviewable_by,
)
from planning.services.proposals import (
    proposal_ask,
    proposal_comment_orga,
    proposal_decline,
    proposal_publish,
    proposal_schedule,
)
from planning.views.access import current_festival, error_text, planner_page, require

VIEW = "planning.view_proposal"
CHANGE = "planning.change_proposal"
COMMENT = "planning.add_comment"
ADD_EVENT = "events.add_event"


@planner_page
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    require(request, VIEW)
    festival = current_festival()
    filters = ProposalFilterForm(request.GET, festival=festival).filters()
    listing = proposal_list(
        user=request.user,
        festival=festival,
        state=filters.get("state", ""),
        sub_event=filters.get("sub_event"),
        partner=filters.get("partner"),
    )
    return render(
        request,
        "planning/proposals/list.html",
        {
            "festival": festival,
            "listing": listing,
            "filters": filters,
            "states": [
                (value, label, listing.counts[value])
                for value, label in Proposal.State.choices
            ],
        },
    )


def _proposal(request: HttpRequest, pk: int) -> Proposal:
    proposal = proposal_with_thread(
        proposals_reviewable_by(request.user, current_festival()), pk, internal=True
    )
    if proposal is None:
        raise Http404
    return proposal


def _page(request: HttpRequest, proposal: Proposal, status: int = 200, **forms):
    """The proposal's page; the forms given replace the empty ones (a refused
    action shows its errors)."""
    user = request.user
    festival = proposal.festival
    open_state = proposal.state in Proposal.OPEN_STATES
    may_change = user.has_perm(CHANGE)
    context = {
        "proposal": proposal,
        # A refused action whose form is not shown (the state changed meanwhile).
        "action_errors": [
            error for form in forms.values() for error in form.non_field_errors()
        ],
        "comment_form": forms.get("comment") or OrgaCommentForm(),
        "ask_form": forms.get("ask") or AskForm(),
        "decline_form": forms.get("decline") or DeclineForm(),
        "schedule_form": forms.get("schedule")
        or ScheduleForm(
            initial=ScheduleForm.initial_for(proposal),
            festival=festival,
            sub_events=roles.sub_events_for(user),
        ),
        "may_comment": user.has_perm(COMMENT),
        "may_ask": may_change and open_state,
        "may_decline": may_change and open_state,
        "may_schedule": may_change and open_state and user.has_perm(ADD_EVENT),
        "may_publish": (
            may_change
            and proposal.state == Proposal.State.SCHEDULED
            and proposal.event is not None
            and roles.can_publish(user, proposal.event)
        ),
    }
    return render(request, "planning/proposals/detail.html", context, status=status)


@planner_page
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, VIEW)
    return _page(request, _proposal(request, pk))


def _done(request: HttpRequest, proposal: Proposal, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("planning:proposal", pk=proposal.pk)


@planner_page
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, VIEW, COMMENT)
    proposal = _proposal(request, pk)
    form = OrgaCommentForm(request.POST)
    if form.is_valid():
        try:
            proposal_comment_orga(
                proposal=proposal,
                author=request.user,
                text=form.cleaned_data["text"],
                internal=form.cleaned_data["internal"],
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            return _done(
                request,
                proposal,
                _("Your internal note is saved.")
                if form.cleaned_data["internal"]
                else _("Your comment was sent to the partner."),
            )
    return _page(request, proposal, 400, comment=form)


@planner_page
@require_POST
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, VIEW, CHANGE, COMMENT)
    proposal = _proposal(request, pk)
    form = AskForm(request.POST)
    if form.is_valid():
        try:
            proposal_ask(
                proposal=proposal, author=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            return _done(request, proposal, _("Your question was sent to the partner."))
    return _page(request, proposal, 400, ask=form)


@planner_page
@require_POST
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, VIEW, CHANGE, ADD_EVENT)
    proposal = _proposal(request, pk)
    form = ScheduleForm(
        request.POST,
        festival=proposal.festival,
        sub_events=roles.sub_events_for(request.user),
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            proposal_schedule(
                proposal=proposal,
                by=request.user,
                sub_event=data["sub_event"],
                venue=data["venue"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                capacity=data["capacity"],
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            return _done(
                request,
                proposal,
                _("The proposal is scheduled as a draft event; the partner is told."),
            )
    return _page(request, proposal, 400, schedule=form)


@planner_page
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, VIEW, CHANGE)
    proposal = _proposal(request, pk)
    if proposal.event is not None and not roles.can_publish(
        request.user, proposal.event
    ):
        raise PermissionDenied
    try:
        proposal_publish(proposal=proposal)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return _page(request, proposal, 400)
    return _done(request, proposal, _("The event is published; the partner is told."))


@planner_page
@require_POST
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, VIEW, CHANGE)
    proposal = _proposal(request, pk)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            proposal_decline(proposal=proposal, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            return _done(
                request, proposal, _("The proposal is declined; the partner is told.")
            )
    return _page(request, proposal, 400, decline=form)


urlpatterns = [
    path("proposals/", index, name="proposals"),
    path("proposals/<int:pk>/", detail, name="proposal"),
    path("proposals/<int:pk>/comment/", comment, name="proposal-comment"),
    path("proposals/<int:pk>/ask/", ask, name="proposal-ask"),
    path("proposals/<int:pk>/schedule/", schedule, name="proposal-schedule"),
    path("proposals/<int:pk>/publish/", publish, name="proposal-publish"),
    path("proposals/<int:pk>/decline/", decline, name="proposal-decline"),
]
