"""The organisers' pages (/orga/market/...): applications, the site plan board
(drag a seller onto a pitch, or the same action as a plain form), automatic
allocation, payments, and the printouts and exports.

Who may: the Orga-Team (every permission of this app) and the module leads of
the market's sub-event (the scope in events.roles): seeing needs view, acting
needs change permission or the lead role.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.audit import audit_request
from events.orga import error_text
from events.roles import user_leads

from .. import selectors, services
from ..forms import DeclineForm, MoveForm, PaidForm
from ..models import Application, Market, Pitch, PitchType

VIEW = "flea_market.view_application"
CHANGE = "flea_market.change_application"


def may(user, market: Market, *, write: bool) -> bool:
    if not (user.is_active and user.is_staff):
        return False
    if user.has_perm(CHANGE if write else VIEW):
        return True
    return user_leads(user, market.event.sub_event)


def orga_page(*, write: bool = False) -> Callable:
    def decorate(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args, **kwargs) -> HttpResponse:
            market = selectors.market_get(slug=slug)
            if market is None:
                raise Http404("no market")
            if not may(request.user, market, write=write):
                raise PermissionDenied
            return view(request, market, *args, **kwargs)

        return wrapper

    return decorate


@login_required
def index(request: HttpRequest) -> HttpResponse:
    markets = [m for m in selectors.markets_all() if may(request.user, m, write=False)]
    if not markets and not request.user.has_perm(VIEW):
        raise PermissionDenied
    return render(request, "flea_market/orga/index.html", {"markets": markets})


def _nav(market: Market, current: str) -> dict:
    return {"market": market, "event": market.event, "current": current}


@orga_page()
def applications(request: HttpRequest, market: Market) -> HttpResponse:
    filters = {
        "status": request.GET.get("status", ""),
        "pitch_type": request.GET.get("pitch_type", ""),
        "seller_kind": request.GET.get("seller_kind", ""),
        "paid": request.GET.get("paid", ""),
        "search": request.GET.get("q", "").replace("\x00", "").strip()[:100],
    }
    if filters["status"] not in Application.Status.values:
        filters["status"] = ""
    if filters["seller_kind"] not in Application.SellerKind.values:
        filters["seller_kind"] = ""
    pitch_type = filters["pitch_type"]
    if not (pitch_type.isascii() and pitch_type.isdigit() and len(pitch_type) < 10):
        filters["pitch_type"] = ""  # isdigit() alone lets "²" and overflows through
    if filters["paid"] not in ("yes", "no"):
        filters["paid"] = ""
    rows = selectors.application_list(market, **filters)
    # The search term may be a name: it is not logged.
    audit_request(request, action="flea_market.applications_read", obj=market)
    return render(
        request,
        "flea_market/orga/applications.html",
        {
            **_nav(market, "applications"),
            "rows": rows,
            "filters": filters,
            "types": list(PitchType.objects.filter(market=market)),
            "statuses": Application.Status.choices,
            "kinds": Application.SellerKind.choices,
            "may_change": may(request.user, market, write=True),
        },
    )


@orga_page()
def board(request: HttpRequest, market: Market) -> HttpResponse:
    plans = selectors.plan_views(market)
    waiting = selectors.application_list(market, status=Application.Status.WAITING)
    # The plan and the waiting list name the sellers.
    audit_request(request, action="flea_market.board_read", obj=market)
    return render(
        request,
        "flea_market/orga/board.html",
        {
            **_nav(market, "board"),
            "plans": plans,
            "waiting": waiting,
            "rows": selectors.type_rows(market),
            "form": MoveForm(),
            "may_change": may(request.user, market, write=True),
        },
    )


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _refusal(request, market, message: str, code: str) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"code": code, "detail": message}, status=400)
    messages.error(request, message)
    return redirect("flea_market:orga-board", slug=market.event.slug)


@require_POST
@orga_page(write=True)
def move(request: HttpRequest, market: Market) -> HttpResponse:
    """Put a seller on a pitch by its number (the board's drop and its form)."""
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _refusal(
            request, market, _("Please give a seller and a pitch number."), "invalid"
        )
    application = Application.objects.filter(
        market=market, pk=form.cleaned_data["application"]
    ).first()
    pitch = Pitch.objects.filter(
        market=market, number=form.cleaned_data["pitch"]
    ).first()
    if application is None:
        return _refusal(request, market, _("Unknown seller."), "application_unknown")
    if pitch is None:
        return _refusal(
            request,
            market,
            _("There is no pitch %(number)d.") % {"number": form.cleaned_data["pitch"]},
            "pitch_unknown",
        )
    try:
        services.application_move(
            application=application, pitch=pitch, swap=form.cleaned_data["swap"]
        )
    except ValidationError as exc:
        return _refusal(request, market, error_text(exc), exc.code or "invalid")
    message = _("%(name)s is now on pitch %(number)d.") % {
        "name": application,
        "number": pitch.number,
    }
    if _wants_json(request):
        return JsonResponse(
            {
                "application": application.pk,
                "pitch": pitch.number,
                "status": Application.Status.ALLOCATED,
                "detail": message,
            }
        )
    messages.success(request, message)
    return redirect("flea_market:orga-board", slug=market.event.slug)


@require_POST
@orga_page(write=True)
def allocate(request: HttpRequest, market: Market) -> HttpResponse:
    allocated = services.pitches_allocate(market=market)
    messages.success(
        request,
        _("%(count)d waiting sellers got a pitch.") % {"count": len(allocated)}
        if allocated
        else _("No free pitch fits anyone on the waiting list."),
    )
    target = (
        "flea_market:orga-applications"
        if request.POST.get("next") == "list"
        else "flea_market:orga-board"
    )
    return redirect(target, slug=market.event.slug)


def _back(market: Market) -> HttpResponse:
    return redirect("flea_market:orga-applications", slug=market.event.slug)


@require_POST
@orga_page(write=True)
def paid(request: HttpRequest, market: Market, pk: int) -> HttpResponse:
    application = get_object_or_404(Application, market=market, pk=pk)
    form = PaidForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give a valid amount."))
        return _back(market)
    try:
        services.application_mark_paid(
            application=application,
            by=request.user,
            paid=form.cleaned_data["paid"],
            amount_cents=form.amount_cents(),
        )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            _("Payment of %(name)s saved.") % {"name": application},
        )
    return _back(market)


@require_POST
@orga_page(write=True)
def cancel(request: HttpRequest, market: Market, pk: int) -> HttpResponse:
    application = get_object_or_404(Application, market=market, pk=pk)
    try:
        services.application_cancel(application=application, by_staff=True)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Cancelled; the seller has been told."))
    return _back(market)


@require_POST
@orga_page(write=True)
def decline(request: HttpRequest, market: Market, pk: int) -> HttpResponse:
    application = get_object_or_404(Application, market=market, pk=pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():  # an overlong reason: declining without it would lose it
        for error in form.errors["reason"]:
            messages.error(request, f"{form['reason'].label}: {error}")
        return _back(market)
    try:
        services.application_decline(
            application=application, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Declined; the seller has been told."))
    return _back(market)
