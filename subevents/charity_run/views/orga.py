"""The organisers' pages under /orga/run/: the runs, one run's overview with its
totals and counting state, settings, runners, teams, pledges, counting links and
the review of flagged taps."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from events.audit import audit_request
from events.models import Event, SubEvent
from events.orga import error_text
from events.roles import user_is_module_lead

from .. import selectors, services
from ..forms import CounterForm, PaperPledgeForm, ReceivedForm, RunForm, TeamForm, cents
from ..models import Counter, LapEntry, Pledge, Run, Runner
from .common import may, orga_page


@login_required
def runs(request: HttpRequest) -> HttpResponse:
    """Every event of a charity-run sub-event, set up as a run or not yet."""
    user = request.user
    events = (
        Event.objects.filter(sub_event__kind=SubEvent.Kind.CHARITY_RUN)
        .select_related("sub_event", "charity_run")
        .order_by("starts_at")
    )
    if not user.has_perm("charity_run.view_run"):
        # A module lead sees the runs of the sub-events they lead, and only those.
        if not (user.is_staff and user_is_module_lead(user)):
            raise PermissionDenied
        events = events.filter(sub_event__leads=user)
        if not events.exists():
            raise PermissionDenied
    return render(request, "charity_run/orga/runs.html", {"events": list(events)})


@login_required
def settings_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Set an event up as a run, or change its settings."""
    event = get_object_or_404(
        Event.objects.select_related("sub_event"),
        slug=slug,
        sub_event__kind=SubEvent.Kind.CHARITY_RUN,  # not the cinema's or a market's
    )
    run = Run.objects.filter(event=event).first()
    probe = run or Run(event=event)
    if not may(request.user, probe, "change_run"):
        raise PermissionDenied
    form = RunForm(request.POST if request.method == "POST" else None, instance=run)
    if run is not None and run.runners.exists():
        # Numbers already handed out depend on the block size.
        form.fields["team_block_size"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            run = services.run_setup(event=event, **data)
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("The run's settings are saved."))
            return redirect("charity_run:orga-run", slug=slug)
    return render(
        request,
        "charity_run/orga/settings.html",
        {"event": event, "run": run, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@orga_page("view_run")
def overview(request: HttpRequest, run: Run) -> HttpResponse:
    if request.method == "POST":
        if not may(request.user, run, "change_run"):
            raise PermissionDenied
        try:
            services.run_state_set(run=run, state=request.POST.get("state", ""))
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The counting state is changed."))
        return redirect("charity_run:orga-run", slug=run.slug)
    rows = selectors.team_list(run)
    figures = selectors.run_figures(run)
    return render(
        request,
        "charity_run/orga/overview.html",
        {
            "run": run,
            "event": run.event,
            "teams": rows,
            "overall": figures.overall,
            "individual": figures.teams.get(None),
            "flagged": len(selectors.flagged_taps(run)),
            "states": Run.State.choices,
        },
    )


@orga_page("view_runner")
def runners(request: HttpRequest, run: Run) -> HttpResponse:
    team = request.GET.get("team", "")
    age_group = request.GET.get("age_group", "")
    search = request.GET.get("q", "").replace("\x00", "")[:100]
    rows = selectors.runner_list(run, team=team, age_group=age_group, search=search)
    # The search term may be a name: it is not logged.
    audit_request(request, action="charity_run.runners_read", obj=run)
    return render(
        request,
        "charity_run/orga/runners.html",
        {
            "run": run,
            "event": run.event,
            "rows": rows,
            "teams": run.teams.all(),
            "age_groups": Runner.AgeGroup.choices,
            "team": team,
            "age_group": age_group,
            "q": search,
        },
    )


@orga_page("view_team")
def teams(request: HttpRequest, run: Run) -> HttpResponse:
    form = TeamForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not may(request.user, run, "add_team"):
            raise PermissionDenied
        if form.is_valid():
            try:
                team = services.team_create(run=run, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(
                    "name" if exc.code == "team_name_taken" else None, error_text(exc)
                )
            else:
                messages.success(
                    request,
                    _("Team “%(name)s” created: start numbers from %(first)d.")
                    % {
                        "name": team.name,
                        "first": team.first_number(run.team_block_size),
                    },
                )
                return redirect("charity_run:orga-teams", slug=run.slug)
    # The list names each team's contact person.
    audit_request(request, action="charity_run.teams_read", obj=run)
    return render(
        request,
        "charity_run/orga/teams.html",
        {
            "run": run,
            "event": run.event,
            "rows": selectors.team_list(run),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@orga_page("view_pledge")
def pledges(request: HttpRequest, run: Run) -> HttpResponse:
    form = PaperPledgeForm(None, run=run)
    status = 200
    if request.method == "POST" and request.POST.get("action") == "received":
        if not may(request.user, run, "change_pledge"):
            raise PermissionDenied
        pledge = get_object_or_404(
            Pledge, run=run, pk=selectors.pk_of(request.POST.get("pledge"))
        )
        received = ReceivedForm(request.POST)
        try:
            if not received.is_valid():
                raise ValidationError(
                    _("Please give the amount received in euros."), code="received"
                )
            services.pledge_mark_received(
                pledge=pledge,
                cents=cents(received.cleaned_data["received"]),
                by=request.user,
            )
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Saved what was received."))
        return redirect(request.get_full_path())
    if request.method == "POST":
        if not may(request.user, run, "add_pledge"):
            raise PermissionDenied
        form = PaperPledgeForm(request.POST, run=run)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.pledge_create(
                    run=run,
                    runner=data.get("runner"),
                    team=data.get("team"),
                    sponsor_name=data["sponsor_name"],
                    sponsor_email=data["sponsor_email"],
                    sponsor_address=data["sponsor_address"],
                    source=Pledge.Source.PAPER,
                    entered_by=request.user,
                    **form.amounts(),
                )
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, _("The pledge from the paper form is saved."))
                return redirect("charity_run:orga-pledges", slug=run.slug)
        status = 400
    state = request.GET.get("state", "")
    rows, figures = selectors.pledge_list(run, state=state)
    audit_request(request, action="charity_run.pledges_read", obj=run)
    return render(
        request,
        "charity_run/orga/pledges.html",
        {
            "run": run,
            "event": run.event,
            "rows": rows,
            "overall": figures.overall,
            "form": form,
            "state": state,
        },
        status=status,
    )


@orga_page("view_counter")
def counters(request: HttpRequest, run: Run) -> HttpResponse:
    form = CounterForm(None)
    if request.method == "POST":
        if not may(request.user, run, "add_counter"):
            raise PermissionDenied
        if request.POST.get("action") == "revoke":
            counter = get_object_or_404(
                Counter, run=run, pk=selectors.pk_of(request.POST.get("counter"))
            )
            services.counter_revoke(counter=counter)
            messages.success(request, _("The counting link is switched off."))
            return redirect("charity_run:orga-counters", slug=run.slug)
        form = CounterForm(request.POST)
        if form.is_valid():
            services.counter_create(
                run=run, name=form.cleaned_data["name"], by=request.user
            )
            messages.success(request, _("The counting link is ready."))
            return redirect("charity_run:orga-counters", slug=run.slug)
    return render(
        request,
        "charity_run/orga/counters.html",
        {
            "run": run,
            "event": run.event,
            "rows": list(run.counters.all()),
            "form": form,
            "recent": selectors.recent_entries(run),
        },
    )


@orga_page("view_lapentry")
def flagged(request: HttpRequest, run: Run) -> HttpResponse:
    if request.method == "POST":
        if not may(request.user, run, "add_lapentry"):
            raise PermissionDenied
        entry = get_object_or_404(
            LapEntry,
            run=run,
            pk=selectors.pk_of(request.POST.get("entry")),
            kind=LapEntry.Kind.TAP,
        )
        try:
            if request.POST.get("action") == "confirm":
                services.lap_confirm(entry=entry, user=request.user)
                messages.success(request, _("The lap counts now."))
            else:
                services.lap_undo(
                    run=run,
                    target_key=entry.idempotency_key,
                    key=uuid.uuid4(),
                    user=request.user,
                )
                messages.success(request, _("The tap is discarded."))
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        return redirect("charity_run:orga-flagged", slug=run.slug)
    audit_request(request, action="charity_run.flagged_read", obj=run)
    return render(
        request,
        "charity_run/orga/flagged.html",
        {"run": run, "event": run.event, "rows": selectors.flagged_taps(run)},
    )
