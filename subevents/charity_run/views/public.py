"""The public pages: the run with its sign-up (alone, or with a team's join
link), the runner's own page by token, and the live board for the finish."""

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from events.models import Event
from events.orga import error_text
from events.ratelimit import ratelimit_exceeded, too_many_response
from events.tokens import token_lookup

from .. import rules, selectors, services
from ..forms import PledgeForm, SignupForm
from ..models import Pledge, Runner, Team
from ..pdfs import certificates_pdf
from .common import run_or_404

SIGNUP_LIMIT = {"scope": "charity-run-signup", "limit": 30, "window": 600}
PLEDGE_LIMIT = {"scope": "charity-run-pledge", "limit": 30, "window": 600}
BOARD_SECONDS = 2


def _public_run(slug: str):
    run = run_or_404(slug)
    if run.event.status != Event.Status.PUBLISHED:
        raise Http404("not published")
    return run


def _signup(request: HttpRequest, run, team: Team | None) -> HttpResponse:
    form = SignupForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if ratelimit_exceeded(request, **SIGNUP_LIMIT):
            return too_many_response(
                request,
                window=SIGNUP_LIMIT["window"],
                template="charity_run/too_many.html",
            )
        if form.is_valid():
            data = dict(form.cleaned_data)
            if data.pop("website"):
                # A bot filled the hidden field: look done, store nothing.
                return redirect("charity_run:run", slug=run.slug)
            data.pop("consent_privacy")
            try:
                runner = services.runner_register(run=run, team=team, **data)
            except ValidationError as exc:
                field = (
                    "guardian_consent"
                    if exc.code == "guardian_consent_missing"
                    else None
                )
                form.add_error(field, error_text(exc))
            else:
                messages.success(
                    request,
                    _(
                        "Welcome to the run! Your start number is %(number)d. Keep "
                        "this page's address: here you add sponsors and later find "
                        "your certificate."
                    )
                    % {"number": runner.start_number},
                )
                return redirect("charity_run:runner", token=runner.token)
        status = 400
    return render(
        request,
        "charity_run/run.html",
        {"run": run, "event": run.event, "team": team, "form": form},
        status=status,
    )


def run_page(request: HttpRequest, slug: str) -> HttpResponse:
    return _signup(request, _public_run(slug), None)


def join(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    run = _public_run(slug)
    team = token_lookup(Team.objects.filter(run=run), code, field="join_code")
    if team is None:
        raise Http404
    return _signup(request, run, team)


def runner_page(request: HttpRequest, token: str) -> HttpResponse:
    runner = token_lookup(Runner.objects.select_related("run__event", "team"), token)
    if runner is None:
        raise Http404
    run = runner.run
    form = PledgeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if ratelimit_exceeded(request, **PLEDGE_LIMIT):
            return too_many_response(
                request,
                window=PLEDGE_LIMIT["window"],
                template="charity_run/too_many.html",
            )
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.pledge_create(
                    run=run,
                    runner=runner,
                    sponsor_name=data["sponsor_name"],
                    sponsor_email=data["sponsor_email"],
                    sponsor_address=data["sponsor_address"],
                    source=Pledge.Source.ONLINE,
                    **form.amounts(),
                )
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, _("Thank you! The pledge is saved."))
                return redirect("charity_run:runner", token=token)
        status = 400
    laps = selectors.runner_laps(runner.pk, run.pk)
    pledges = list(runner.pledges.all())
    for pledge in pledges:
        pledge.due = rules.pledge_due(pledge, laps)
    return render(
        request,
        "charity_run/runner.html",
        {
            "run": run,
            "event": run.event,
            "runner": runner,
            "laps": laps,
            "distance": rules.distance_km(laps, run.lap_length_m),
            "pledges": pledges,
            "pledged": sum(p.due for p in pledges),
            "form": form,
        },
        status=status,
    )


@require_GET
def runner_certificate(request: HttpRequest, token: str) -> HttpResponse:
    runner = get_object_or_404(
        Runner.objects.select_related("run__event__sub_event__festival", "team"),
        token=token,
    )
    if not runner.run.is_finished:
        raise Http404("not finished")
    data = certificates_pdf(
        runner.run, [runner], title=_("Certificate: %(name)s") % {"name": runner.name}
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="urkunde-{runner.start_number}.pdf"'
    )
    return response


@require_GET
def board(request: HttpRequest, slug: str) -> HttpResponse:
    run = _public_run(slug)
    return render(
        request,
        "charity_run/board.html",
        {"run": run, "event": run.event, "data": board_json_data(run)},
    )


def board_json_data(run) -> dict:
    """The board's figures, cached for a moment: a projector and many phones
    polling every few seconds cost one computation per BOARD_SECONDS."""
    # Per language: the figures are formatted ("1.684" in German, "1,684" in English).
    key = f"charity_run:board:{run.pk}:{get_language()}"
    data = cache.get(key)
    if data is None:
        data = selectors.board_data(run)
        cache.set(key, data, BOARD_SECONDS)
    return data


@require_GET
def board_json(request: HttpRequest, slug: str) -> JsonResponse:
    run = _public_run(slug)
    response = JsonResponse(board_json_data(run))
    response["Cache-Control"] = f"public, max-age={BOARD_SECONDS}"
    return response
