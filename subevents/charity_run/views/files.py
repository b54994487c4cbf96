"""The organisers' files: certificates (one runner, a team, everyone), sponsor
letters (one sponsor or all), and the CSV/XLSX exports of runners and pledges."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from events.audit import audit_request
from events.spreadsheets import XLSX, cell_safe, csv_bytes, xlsx_bytes

from .. import rules, selectors
from ..models import Runner, Team
from ..pdfs import certificates_pdf, letters_pdf
from .common import orga_page


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
@orga_page("view_runner")
def certificates(request: HttpRequest, run) -> HttpResponse:
    """All runners' certificates, or a team's (?team=<id>), one page each."""
    runners = run.runners.select_related("team").order_by("start_number")
    title = _("Certificates: %(event)s") % {"event": run.event.title}
    name = "urkunden"
    team_id = request.GET.get("team", "")
    if team_id:
        team = get_object_or_404(Team, run=run, pk=selectors.pk_of(team_id))
        runners = runners.filter(team=team)
        title = _("Certificates: %(team)s") % {"team": team.name}
        name = f"urkunden-{slugify(team.name)[:40]}"
    runners = list(runners)
    audit_request(
        request,
        action="charity_run.certificates_read",
        obj=run,
        summary=f"{len(runners)} rows",
    )
    return _pdf(certificates_pdf(run, runners, title=title), f"{name}.pdf")


@require_GET
@orga_page("view_runner")
def certificate(request: HttpRequest, run, pk: int) -> HttpResponse:
    runner = get_object_or_404(Runner.objects.select_related("team"), run=run, pk=pk)
    title = _("Certificate: %(name)s") % {"name": runner.name}
    audit_request(request, action="charity_run.certificate_read", obj=runner)
    return _pdf(
        certificates_pdf(run, [runner], title=title),
        f"urkunde-{runner.start_number}.pdf",
    )


@require_GET
@orga_page("view_pledge")
def letters(request: HttpRequest, run) -> HttpResponse:
    """Every sponsor's letter in one file, or one sponsor's (?sponsor=<key>)."""
    sponsor = request.GET.get("sponsor", "")
    found = selectors.sponsor_letters(run, sponsor=sponsor)
    if sponsor and not found:
        raise Http404("sponsor")
    title = (
        _("Sponsor letter: %(name)s") % {"name": found[0].sponsor_name}
        if sponsor
        else _("Sponsor letters: %(event)s") % {"event": run.event.title}
    )
    name = f"brief-{found[0].number}.pdf" if sponsor else "sponsorenbriefe.pdf"
    audit_request(
        request,
        action="charity_run.letters_read",
        obj=run,
        summary=f"{len(found)} letters",
    )
    return _pdf(letters_pdf(run, found, title=title), name)


def _runner_rows(run) -> tuple[list[str], list[list]]:
    header = [
        _("Start number"),
        _("First name"),
        _("Last name"),
        _("Team"),
        _("Age group"),
        _("T-shirt size"),
        _("E-mail"),
        _("Parent or guardian"),
        _("Laps"),
        _("Distance (km)"),
    ]
    rows = [
        [
            r.start_number,
            cell_safe(r.first_name),
            cell_safe(r.last_name),
            cell_safe(r.team.name if r.team_id else ""),
            r.get_age_group_display(),
            r.tshirt_size,
            cell_safe(r.email),
            cell_safe(r.guardian_name),
            r.laps,
            rules.distance_km(r.laps, run.lap_length_m),
        ]
        for r in selectors.runner_list(run)
    ]
    return header, rows


def _pledge_rows(run) -> tuple[list[str], list[list]]:
    header = [
        _("Letter"),
        _("Sponsor"),
        _("E-mail"),
        _("Postal address"),
        _("For"),
        _("Kind"),
        _("Per lap (cents)"),
        _("At most (cents)"),
        _("Fixed (cents)"),
        _("Laps"),
        _("Due (cents)"),
        _("Received (cents)"),
        _("Open (cents)"),
        _("Entered"),
    ]
    rows = []
    for letter in selectors.sponsor_letters(run):
        for p in letter.pledges:
            target = (
                f"{p.runner.start_number} {p.runner.name}"
                if p.runner_id
                else _("Team %(team)s") % {"team": p.team.name}
            )
            rows.append(
                [
                    letter.number,
                    cell_safe(p.sponsor_name),
                    cell_safe(p.sponsor_email),
                    cell_safe(p.sponsor_address.replace("\n", ", ")),
                    cell_safe(target),
                    p.get_kind_display(),
                    p.per_lap_cents,
                    p.cap_cents or "",
                    p.fixed_cents,
                    p.laps,
                    p.due,
                    p.received_cents or 0,
                    p.open,
                    p.get_source_display(),
                ]
            )
    return header, rows


@require_GET
@orga_page("view_pledge")
def export(request: HttpRequest, run, what: str, fmt: str) -> HttpResponse:
    if what == "runners":
        header, rows = _runner_rows(run)
        title = _("Runners")
    elif what == "pledges":
        header, rows = _pledge_rows(run)
        title = _("Pledges")
    else:
        raise Http404(what)
    filename = f"{run.slug}-{what}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(
            csv_bytes(header, rows), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(title, header, rows), content_type=XLSX)
    else:
        raise Http404(fmt)
    audit_request(
        request,
        action="charity_run.export",
        obj=run,
        summary=f"{what}, {fmt.upper()}: {len(rows)} rows",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
