"""The Denkfabrik: the plenary's ideas on their way to an event.

Viewing, commenting and rating: planning.view_idea / add_comment / add_rating (the
Orga-Team and the module leads). Changing a state, merging, converting and importing:
planning.change_idea (and add_idea for the import), i.e. the Orga-Team; converting
into an event also needs the chosen part of the week in events.roles.sub_events_for.
A refused POST re-renders its page with the reason (status 400) and changes nothing.

The import's two steps: the upload is parsed and shown as a preview; the preview
page carries the file's text back in a hidden field, signed with
django.core.signing (compressed, bound to the festival and the user, valid for an
hour). Signing instead of the session keeps a file of up to 1 MB out of the session
store and lets two browser tabs preview two files without overwriting each other;
the confirming POST parses the text again, so what is stored is checked against the
data as it is then.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from events import roles
from planning.forms.ideas import (
    CommentForm,
    ConvertEventForm,
    ConvertSubEventForm,
    IdeaFilterForm,
    ImportConfirmForm,
    ImportUploadForm,
    MergeForm,
    RatingForm,
    StateForm,
    import_payload,
)
from planning.models import Criterion, Idea
from planning.selectors.ideas import (
    idea_detail,
    idea_filter_choices,
    idea_get,
    idea_list,
    idea_state_counts,
)
from planning.services.comments import comment_add
from planning.services.ideas import (
    idea_convert,
    idea_import,
    idea_import_parse,
    idea_merge,
    idea_rate,
    idea_state_change,
)
from planning.views.access import current_festival, planner_page, require

STATE_ICONS = {
    Idea.State.NEW: "✚",
    Idea.State.REVIEW: "◔",
    Idea.State.ACCEPTED: "✓",
    Idea.State.PLANNED: "▦",
    Idea.State.DONE: "★",
    Idea.State.PARKED: "‖",
    Idea.State.DECLINED: "✕",
    Idea.State.MERGED: "⤳",
}


def _form_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form (on its field when it has one)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@planner_page
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    require(request, "planning.view_idea")
    festival = current_festival()
    sub_events, proposers = idea_filter_choices(festival=festival)
    form = IdeaFilterForm(request.GET, sub_events=sub_events, proposers=proposers)
    filters = form.filters()
    ideas = list(idea_list(festival=festival, filters=filters))
    for idea in ideas:
        idea.icon = STATE_ICONS[idea.state]
    counts = idea_state_counts(festival=festival)
    return render(
        request,
        "planning/ideas/list.html",
        {
            "festival": festival,
            "form": form,
            "filters": filters,
            "ideas": ideas,
            "counts": [
                (state, label, n, STATE_ICONS[state])
                for state, label, n in counts
                if state != Idea.State.MERGED
            ],
            "merged_count": counts[-1][2],
            # Merged ideas are hidden by default, so "all" counts the others.
            "total": sum(n for _state, _label, n in counts[:-1]),
            "icons": STATE_ICONS,
            "filtered": any(
                [filters.state, filters.sub_event, filters.proposer, filters.q]
            ),
        },
    )


def _idea(number: int) -> Idea:
    try:
        return idea_get(festival=current_festival(), number=number)
    except Idea.DoesNotExist:
        raise Http404("no such idea") from None


def _detail(
    request: HttpRequest, idea: Idea, *, status: int = 200, **forms
) -> HttpResponse:
    detail = idea_detail(idea=idea, user=request.user)
    criteria = [stats.criterion for stats in detail.criteria]
    context = {
        "festival": idea.festival,
        "idea": idea,
        "detail": detail,
        "icon": STATE_ICONS[idea.state],
        "icons": STATE_ICONS,
        "comment_form": forms.get("comment_form") or CommentForm(),
        "rating_form": forms.get("rating_form")
        or RatingForm(
            criteria=criteria,
            initial_scores={
                s.criterion.pk: s.mine for s in detail.criteria if s.mine is not None
            },
        ),
        "state_form": forms.get("state_form") or StateForm(idea=idea),
        "merge_form": forms.get("merge_form") or MergeForm(),
        "can_rate": idea.state != Idea.State.MERGED and bool(criteria),
    }
    return render(request, "planning/ideas/detail.html", context, status=status)


@planner_page
@require_GET
def detail(request: HttpRequest, number: int) -> HttpResponse:
    require(request, "planning.view_idea")
    return _detail(request, _idea(number))


@planner_page
@require_POST
def comment(request: HttpRequest, number: int) -> HttpResponse:
    require(request, "planning.view_idea", "planning.add_comment")
    idea = _idea(number)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment_add(author=request.user, text=form.cleaned_data["text"], idea=idea)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Your comment was added."))
            return redirect(reverse("planning:idea", args=[idea.number]) + "#comments")
    return _detail(request, idea, status=400, comment_form=form)


@planner_page
@require_POST
def rate(request: HttpRequest, number: int) -> HttpResponse:
    require(request, "planning.view_idea", "planning.add_rating")
    idea = _idea(number)
    criteria = list(Criterion.objects.filter(festival_id=idea.festival_id))
    form = RatingForm(request.POST, criteria=criteria)
    if form.is_valid():
        try:
            idea_rate(idea=idea, reviewer=request.user, scores=form.scores())
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Your rating was saved."))
            return redirect(reverse("planning:idea", args=[idea.number]) + "#rating")
    return _detail(request, idea, status=400, rating_form=form)


@planner_page
@require_POST
def state(request: HttpRequest, number: int) -> HttpResponse:
    require(request, "planning.view_idea", "planning.change_idea")
    idea = _idea(number)
    form = StateForm(request.POST, idea=idea)
    if form.is_valid():
        try:
            idea = idea_state_change(
                idea=idea,
                state=form.cleaned_data["state"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request,
                _("Idea %(number)d is now “%(state)s”.")
                % {"number": idea.number, "state": idea.get_state_display()},
            )
            return redirect("planning:idea", idea.number)
    return _detail(request, idea, status=400, state_form=form)


@planner_page
@require_POST
def merge(request: HttpRequest, number: int) -> HttpResponse:
    require(request, "planning.view_idea", "planning.change_idea")
    idea = _idea(number)
    form = MergeForm(request.POST)
    if form.is_valid():
        target = Idea.objects.filter(
            festival_id=idea.festival_id, number=form.cleaned_data["into"]
        ).first()
        if target is None:
            form.add_error("into", _("There is no idea with this number."))
        else:
            try:
                idea_merge(idea=idea, into=target)
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Idea %(number)d was merged into idea %(target)d.")
                    % {"number": idea.number, "target": target.number},
                )
                return redirect("planning:idea", target.number)
    return _detail(request, idea, status=400, merge_form=form)


@planner_page
def convert(request: HttpRequest, number: int) -> HttpResponse:
    """GET: the two ways an accepted idea becomes programme; POST to=event or
    to=sub_event."""
    require(request, "planning.view_idea", "planning.change_idea", "events.add_event")
    idea = _idea(number)
    sub_events = roles.sub_events_for(request.user).filter(festival=idea.festival)
    to = request.POST.get("to") if request.method == "POST" else None
    event_form = ConvertEventForm(
        request.POST if to == "event" else None,
        sub_events=sub_events,
        initial={"sub_event": idea.sub_event_id},
    )
    sub_event_form = ConvertSubEventForm(
        request.POST if to == "sub_event" else None, initial={"name": idea.title}
    )
    status = 200
    if request.method == "POST":
        if to == "sub_event":
            require(request, "events.add_subevent")
        form = event_form if to == "event" else sub_event_form
        if to in ("event", "sub_event") and form.is_valid():
            try:
                created = idea_convert(
                    idea=idea, user=request.user, to=to, **form.cleaned_data
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Idea %(number)d is planned: “%(name)s” was created as a draft.")
                    % {"number": idea.number, "name": created},
                )
                return redirect("planning:idea", idea.number)
        status = 400
    return render(
        request,
        "planning/ideas/convert.html",
        {
            "festival": idea.festival,
            "idea": idea,
            "icon": STATE_ICONS[idea.state],
            "event_form": event_form,
            "sub_event_form": sub_event_form,
        },
        status=status,
    )


@planner_page
def import_ideas(request: HttpRequest) -> HttpResponse:
    """Upload → preview (nothing stored) → confirm (the signed text comes back)."""
    require(request, "planning.view_idea", "planning.add_idea", "planning.change_idea")
    festival = current_festival()
    upload_form, preview, confirm_form = ImportUploadForm(), None, None
    problems: list[str] = []
    status = 200
    if request.method == "POST" and "payload" in request.POST:
        confirm_form = ImportConfirmForm(
            request.POST, festival_id=festival.pk, user_id=request.user.pk
        )
        if confirm_form.is_valid():
            try:
                result = idea_import(
                    festival=festival, text=confirm_form.cleaned_data["payload"]
                )
            except ValidationError as exc:
                problems = exc.messages
            else:
                messages.success(
                    request,
                    _(
                        "Import finished: %(created)d new, %(updated)d updated, "
                        "%(unchanged)d unchanged, %(skipped)d rows with problems "
                        "skipped."
                    )
                    % vars(result),
                )
                return redirect("planning:ideas")
        else:
            problems = confirm_form.errors["payload"]
        status, confirm_form = 400, None
    elif request.method == "POST":
        upload_form = ImportUploadForm(request.POST, request.FILES)
        status = 400
        if upload_form.is_valid():
            text = upload_form.cleaned_data["file"]
            try:
                preview = idea_import_parse(festival=festival, text=text)
            except ValidationError as exc:
                _form_errors(upload_form, exc)
            else:
                status = 200
                confirm_form = ImportConfirmForm(
                    initial={
                        "payload": import_payload(
                            text=text,
                            festival_id=festival.pk,
                            user_id=request.user.pk,
                        )
                    },
                    festival_id=festival.pk,
                    user_id=request.user.pk,
                )
    return render(
        request,
        "planning/ideas/import.html",
        {
            "festival": festival,
            "upload_form": upload_form,
            "preview": preview,
            "confirm_form": confirm_form,
            "problems": problems,
        },
        status=status,
    )


urlpatterns = [
    path("ideas/", index, name="ideas"),
    path("ideas/import/", import_ideas, name="ideas-import"),
    path("ideas/<int:number>/", detail, name="idea"),
    path("ideas/<int:number>/comment/", comment, name="idea-comment"),
    path("ideas/<int:number>/rate/", rate, name="idea-rate"),
    path("ideas/<int:number>/state/", state, name="idea-state"),
    path("ideas/<int:number>/merge/", merge, name="idea-merge"),
    path("ideas/<int:number>/convert/", convert, name="idea-convert"),
]
