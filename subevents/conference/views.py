"""Pages of the conference module: the public grid and call for proposals, the
committee's submissions and review pages, the organisers' overview."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from events import roles
from events.orga import current_festival, error_text
from events.ratelimit import ratelimit_exceeded, too_many_response
from events.selectors import festival_current
from events.tokens import token_lookup

from . import selectors, services
from .forms import DeclineForm, ProposalForm, ReviewForm, ScheduleForm
from .models import Criterion, Format, Review, ReviewComment, Submission, Track

CFP_LIMIT = {"scope": "conference-cfp", "limit": 5, "window": 600}


def _sub_event_or_404():
    sub_event = selectors.conference_sub_event(festival_current())
    if sub_event is None:
        raise Http404("no conference")
    return sub_event


def may_review(user, sub_event) -> bool:
    """The programme committee: the permission, or a lead of the conference (the
    one rule for leads, events.roles.user_leads: staff in the Modulleitung)."""
    return user.is_active and (
        user.has_perm("conference.review_submission")
        or roles.user_leads(user, sub_event)
    )


def committee_page(view: Callable) -> Callable:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        sub_event = selectors.conference_sub_event(current_festival())
        if sub_event is None:
            raise Http404("no conference")
        if not (request.user.is_staff and may_review(request.user, sub_event)):
            return render(request, "conference/forbidden.html", status=403)
        try:
            return view(request, sub_event, *args, **kwargs)
        except PermissionDenied:
            return render(request, "conference/forbidden.html", status=403)

    return wrapper


# --- public ------------------------------------------------------------------------


def grid(request: HttpRequest) -> HttpResponse:
    sub_event = _sub_event_or_404()
    days = selectors.conference_grid(sub_event)
    tracks = Track.objects.filter(sub_event=sub_event)
    template = (
        "conference/grid_screen.html"
        if request.GET.get("view") == "screen"
        else "conference/grid.html"
    )
    return render(
        request,
        template,
        {
            "sub_event": sub_event,
            "festival": sub_event.festival,
            "days": days,
            "tracks": tracks,
        },
    )


def cfp(request: HttpRequest) -> HttpResponse:
    sub_event = _sub_event_or_404()
    form = ProposalForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if ratelimit_exceeded(request, **CFP_LIMIT):
            return too_many_response(
                request,
                window=CFP_LIMIT["window"],
                template="conference/too_many.html",
            )
        if form.is_valid():
            data = dict(form.cleaned_data)
            if data.pop("website"):
                # A bot filled the hidden field: look successful, store nothing.
                return render(request, "conference/cfp_thanks.html", {"bot": True})
            try:
                submission = services.submission_create(sub_event=sub_event, **data)
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            else:
                return render(
                    request,
                    "conference/cfp_thanks.html",
                    {"submission": submission, "festival": sub_event.festival},
                )
        status = 400
    return render(
        request,
        "conference/cfp.html",
        {"form": form, "sub_event": sub_event, "festival": sub_event.festival},
        status=status,
    )


def withdraw(request: HttpRequest, token: str) -> HttpResponse:
    submission = token_lookup(Submission.objects.all(), token)
    if submission is None:
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            submission = services.submission_withdraw(token=token)
        except ValidationError as exc:
            error = error_text(exc)
    return render(
        request,
        "conference/withdraw.html",
        {"submission": submission, "error": error},
        status=400 if error else 200,
    )


# --- the committee and the organisers ---------------------------------------------


@committee_page
def overview(request: HttpRequest, sub_event) -> HttpResponse:
    sessions = list(selectors.sessions_of(sub_event, public=False))
    by_track: dict[str, int] = {}
    by_room: dict[str, int] = {}
    for session in sessions:
        key = session.track.name if session.track_id else _("No track")
        by_track[key] = by_track.get(key, 0) + 1
        room = session.event.venue.name if session.event.venue_id else _("No room")
        by_room[room] = by_room.get(room, 0) + 1
    return render(
        request,
        "conference/orga/overview.html",
        {
            "sub_event": sub_event,
            "warnings": selectors.session_conflicts(sub_event.festival),
            "by_track": sorted(by_track.items()),
            "by_room": sorted(by_room.items()),
            "counts": selectors.state_counts(sub_event),
            "session_count": len(sessions),
        },
    )


@committee_page
def submissions(request: HttpRequest, sub_event) -> HttpResponse:
    state = request.GET.get("state", "")
    fmt = request.GET.get("format", "")
    track = request.GET.get("track", "")
    sort = request.GET.get("sort", "score")
    if state not in Submission.State.values:
        state = ""
    if fmt not in Format.values:
        fmt = ""
    if not track.isdigit():
        track = ""
    rows = selectors.submission_list(
        sub_event, state=state, format=fmt, track=track, sort=sort
    )
    return render(
        request,
        "conference/orga/submissions.html",
        {
            "sub_event": sub_event,
            "rows": rows,
            "states": Submission.State.choices,
            "formats": Format.choices,
            "tracks": Track.objects.filter(sub_event=sub_event),
            "state": state,
            "format": fmt,
            "track": track,
            "sort": sort,
        },
    )


def _review_context(request, sub_event, submission, **extra) -> dict:
    criteria = list(Criterion.objects.filter(sub_event=sub_event))
    own = {
        r.criterion_id: r.score
        for r in Review.objects.filter(submission=submission, reviewer=request.user)
    }
    comment = ReviewComment.objects.filter(
        submission=submission, reviewer=request.user
    ).first()
    has_reviewed = bool(own)
    context = {
        "sub_event": sub_event,
        "submission": submission,
        "criteria": criteria,
        "has_reviewed": has_reviewed,
        "review_form": extra.pop("review_form", None)
        or ReviewForm(
            criteria=criteria,
            initial={
                **{f"c{k}": v for k, v in own.items()},
                "comment": comment.text if comment else "",
            },
        ),
        "decline_form": extra.pop("decline_form", None) or DeclineForm(),
        "schedule_form": extra.pop("schedule_form", None) or ScheduleForm(),
        "decidable": submission.state
        in (Submission.State.SUBMITTED, Submission.State.IN_REVIEW),
    }
    if has_reviewed:
        # The others' scores only after one's own: no anchoring on the first voice.
        reviews = list(
            Review.objects.filter(submission=submission).select_related(
                "reviewer", "criterion"
            )
        )
        context["summaries"] = [
            selectors.CriterionSummary(
                criterion=c,
                scores=[r.score for r in reviews if r.criterion_id == c.pk],
            )
            for c in criteria
        ]
        context["score"] = selectors.weighted_score(reviews, criteria)
        context["others"] = [r for r in reviews if r.reviewer_id != request.user.pk]
        context["comments"] = (
            ReviewComment.objects.filter(submission=submission)
            .exclude(reviewer=request.user)
            .exclude(text="")
            .select_related("reviewer")
        )
    context.update(extra)
    return context


@committee_page
def review(request: HttpRequest, sub_event, pk: int) -> HttpResponse:
    submission = get_object_or_404(
        Submission.objects.select_related("track", "session__event"),
        pk=pk,
        sub_event=sub_event,
    )
    action = request.POST.get("action", "") if request.method == "POST" else ""
    status = 200
    extra: dict = {}
    if action == "review":
        criteria = list(Criterion.objects.filter(sub_event=sub_event))
        form = ReviewForm(request.POST, criteria=criteria)
        if form.is_valid():
            try:
                services.review_save(
                    submission=submission,
                    reviewer=request.user,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, _("Your review is saved."))
                return redirect("conference:review", pk=pk)
        extra["review_form"] = form
        status = 400
    elif action == "accept":
        try:
            services.submission_accept(submission=submission)
        except ValidationError as exc:
            extra["action_error"] = error_text(exc)
            status = 400
        else:
            messages.success(request, _("Accepted; the submitter has been told."))
            return redirect("conference:review", pk=pk)
    elif action == "decline":
        form = DeclineForm(request.POST)
        if form.is_valid():
            try:
                services.submission_decline(
                    submission=submission, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, _("Declined; the submitter has been told."))
                return redirect("conference:review", pk=pk)
        extra["decline_form"] = form
        status = 400
    elif action == "schedule":
        form = ScheduleForm(request.POST)
        if form.is_valid():
            try:
                services.submission_schedule(
                    submission=submission,
                    venue=form.cleaned_data["venue"],
                    starts_at=form.cleaned_data["starts_at"],
                    created_by=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, _("The session has been created as a draft."))
                return redirect("conference:review", pk=pk)
        extra["schedule_form"] = form
        status = 400
    elif request.method == "POST":
        status = 400
        extra["action_error"] = _("Unknown action.")
    submission.refresh_from_db()
    return render(
        request,
        "conference/orga/review.html",
        _review_context(request, sub_event, submission, **extra),
        status=status,
    )
