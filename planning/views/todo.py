"""todo pages of the planning workspace (a placeholder until written)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from planning.views.access import planner_page


@planner_page
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "planning/placeholder.html")


urlpatterns = [path("todo/", index, name="todo")]
