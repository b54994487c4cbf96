"""URLs of the cinema module (public and organisers')."""

from django.urls import path

from . import views

app_name = "cinema"

urlpatterns = [
    path("films/", views.week, name="week"),
    path("films/<slug:slug>/", views.film, name="film"),
    path("orga/cinema/", views.orga_films, name="orga-films"),
]
