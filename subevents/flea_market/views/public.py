"""The public pages: the market with its pitch types, fees, free pitches, site
plan and the application form; the seller's own page by token."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.orga import error_text
from events.ratelimit import ratelimit_exceeded, too_many_response

from .. import selectors, services
from ..forms import ApplicationForm
from ..pdf import confirmation_pdf

APPLY_LIMIT = {"scope": "flea-market-apply", "limit": 10, "window": 600}


def _notice(request: HttpRequest, text: str, *, error: bool = False) -> None:
    """A one-time note for the seller's page, shown in its own status box (the
    site's message list is no list for screen readers: role=status on a ul)."""
    request.session["flea_market_notice"] = {"text": str(text), "error": error}


def _market_or_404(slug: str):
    """A market whose event the public may see (published or cancelled)."""
    market = selectors.market_get(slug=slug)
    if market is None or not market.is_public:
        raise Http404("no market")
    return market


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        form.add_error(None, error_text(exc))


def market(request: HttpRequest, slug: str) -> HttpResponse:
    market = _market_or_404(slug)
    form = ApplicationForm(
        request.POST if request.method == "POST" else None, market=market
    )
    status = 200
    if request.method == "POST":
        if ratelimit_exceeded(request, **APPLY_LIMIT):
            return too_many_response(
                request,
                window=APPLY_LIMIT["window"],
                template="flea_market/too_many.html",
            )
        if form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("consent")
            if data.pop("website"):
                # A bot filled the hidden field: look successful, store nothing.
                return redirect(market.get_absolute_url())
            try:
                application = services.application_create(market=market, **data)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                _notice(request, _("Thank you, your application is in."))
                return redirect(application.get_absolute_url())
        status = 400
    rows = selectors.type_rows(market)
    return render(
        request,
        "flea_market/market.html",
        {
            "market": market,
            "event": market.event,
            "festival": market.event.sub_event.festival,
            "rows": rows,
            "free_total": sum(r.free for r in rows),
            "plans": selectors.plan_views(market),
            "form": form,
            "open": market.takes_applications(),
        },
        status=status,
    )


def _application_or_404(token: str):
    application = selectors.application_for_token(token)
    if application is None:
        raise Http404("unknown token")
    return application


def seller(request: HttpRequest, token: str) -> HttpResponse:
    application = _application_or_404(token)
    market = application.market
    plan = None
    if application.pitch_id:
        plan = next(
            (
                v
                for v in selectors.plan_views(market)
                if v.plan.pk == application.pitch.site_plan_id
            ),
            None,
        )
    return render(
        request,
        "flea_market/seller.html",
        {
            "application": application,
            "market": market,
            "event": market.event,
            "festival": market.event.sub_event.festival,
            "position": selectors.waiting_position(application),
            "plan": plan,
            "notice": request.session.pop("flea_market_notice", None),
        },
    )


@require_POST
def seller_cancel(request: HttpRequest, token: str) -> HttpResponse:
    application = _application_or_404(token)
    try:
        services.application_cancel(application=application)
    except ValidationError as exc:
        _notice(request, error_text(exc), error=True)
    else:
        _notice(request, _("Your application is cancelled."))
    return redirect(application.get_absolute_url())


def seller_pdf(request: HttpRequest, token: str) -> HttpResponse:
    application = _application_or_404(token)
    if application.pitch_id is None:
        raise Http404("no pitch")
    response = HttpResponse(
        confirmation_pdf(application), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'inline; filename="stand-{application.pitch.number}.pdf"'
    )
    return response
