"""Volunteers' own pages (placeholder: being built)."""

from django.http import HttpResponse


def _todo(request, *args, **kwargs) -> HttpResponse:
    return HttpResponse(status=501)


join = received = link_resend = mine = signup = withdraw = print_list = _todo
