"""Pages of the cinema module: the week's screenings, a film's page (public) and
the organisers' list of films."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from events import roles
from events.selectors import festival_current

from . import selectors
from .rules import film_facts


@require_GET
def week(request: HttpRequest) -> HttpResponse:
    festival = festival_current()
    return render(
        request,
        "cinema/week.html",
        {
            "festival": festival,
            "days": selectors.cinema_week(festival=festival),
            "films": selectors.film_list(festival=festival),
        },
    )


@require_GET
def film(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.film_detail(slug=slug)
    if found is None:
        raise Http404
    film, rows = found
    return render(
        request,
        "cinema/film.html",
        {"film": film, "facts": film_facts(film), "rows": rows},
    )


@login_required
@require_GET
def orga_films(request: HttpRequest) -> HttpResponse:
    """Films and their screenings for those who plan the week as a whole."""
    if not roles.sees_whole_programme(request.user):
        raise PermissionDenied
    return render(request, "cinema/orga/films.html", {"films": selectors.orga_films()})
