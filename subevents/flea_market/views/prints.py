"""The organisers' printouts and exports: the seller list (PDF, CSV, XLSX), the
A3 site plan for the entrance (internal version with names) and a seller's
confirmation."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from events.audit import audit_request
from events.spreadsheets import XLSX, cell_safe, csv_bytes, xlsx_bytes

from .. import pdf, selectors
from ..formats import euro
from ..models import Application, Market
from .orga import orga_page


def _file(content: bytes, mimetype: str, filename: str, inline: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=mimetype)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@orga_page()
def sellers_pdf(request: HttpRequest, market: Market) -> HttpResponse:
    audit_request(
        request, action="flea_market.export", obj=market, summary="sellers, PDF"
    )
    return _file(
        pdf.seller_list_pdf(market),
        "application/pdf",
        f"{market.event.slug}-verkaeufer.pdf",
        True,
    )


@orga_page()
def site_plan_pdf(request: HttpRequest, market: Market) -> HttpResponse:
    names = request.GET.get("names") == "1"
    suffix = "-intern" if names else ""
    if names:  # the public version names no one
        audit_request(
            request,
            action="flea_market.export",
            obj=market,
            summary="site plan with names, PDF",
        )
    return _file(
        pdf.site_plan_pdf(market, with_names=names),
        "application/pdf",
        f"{market.event.slug}-lageplan{suffix}.pdf",
        True,
    )


@orga_page()
def confirmation_pdf(request: HttpRequest, market: Market, pk: int) -> HttpResponse:
    application = get_object_or_404(
        Application.objects.select_related(
            "market__event__venue", "pitch__site_plan", "pitch_type"
        ),
        market=market,
        pk=pk,
        status=Application.Status.ALLOCATED,
    )
    audit_request(request, action="flea_market.confirmation_read", obj=application)
    return _file(
        pdf.confirmation_pdf(application),
        "application/pdf",
        f"stand-{application.pitch.number}.pdf",
        True,
    )


def _table(market: Market) -> tuple[list[str], list[list]]:
    header = [
        _("Pitch"),
        _("Area"),
        _("Status"),
        _("Waiting position"),
        _("Name"),
        _("Association"),
        _("Seller"),
        _("E-mail"),
        _("Phone"),
        _("Pitch type"),
        _("Power"),
        _("Goods"),
        _("Fee"),
        _("Paid"),
        _("Applied"),
    ]
    rows = []
    for a in selectors.application_list(market):
        rows.append(
            [
                a.pitch.number if a.pitch else "",
                cell_safe(a.pitch.site_plan.name) if a.pitch else "",
                str(a.get_status_display()),
                a.position or "",
                cell_safe(a.name),
                cell_safe(a.association),
                str(a.get_seller_kind_display()),
                cell_safe(a.email),
                cell_safe(a.phone),
                cell_safe(str(a.pitch_type)),
                _("yes") if a.needs_electricity else "",
                ", ".join(a.goods_labels()),
                euro(a.fee_cents) if a.fee_cents is not None else "",
                euro(a.paid_cents) if a.paid_at else "",
                a.applied_at.strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return header, rows


@orga_page()
def sellers_csv(request: HttpRequest, market: Market) -> HttpResponse:
    header, rows = _table(market)
    audit_request(
        request,
        action="flea_market.export",
        obj=market,
        summary=f"sellers, CSV: {len(rows)} rows",
    )
    return _file(
        csv_bytes(header, rows),
        "text/csv; charset=utf-8",
        f"{market.event.slug}-verkaeufer.csv",
        False,
    )


@orga_page()
def sellers_xlsx(request: HttpRequest, market: Market) -> HttpResponse:
    header, rows = _table(market)
    audit_request(
        request,
        action="flea_market.export",
        obj=market,
        summary=f"sellers, XLSX: {len(rows)} rows",
    )
    return _file(
        xlsx_bytes(_("Sellers"), header, rows),
        XLSX,
        f"{market.event.slug}-verkaeufer.xlsx",
        False,
    )
