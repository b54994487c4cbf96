"""Public printed documents (the programme booklet and posters)."""

from django.urls import path

from printing import views

app_name = "printing"

urlpatterns = [
    path("print/", views.downloads, name="downloads"),
    path("print/programme.pdf", views.programme, name="programme"),
    path(
        "print/programme-booklet.pdf",
        views.programme_booklet,
        name="programme-booklet",
    ),
    path(
        "print/posters/venues/<slug:slug>/<str:day>.pdf",
        views.poster_venue_day,
        name="poster-venue-day",
    ),
    path("print/grids/<slug:name>.pdf", views.grid, name="grid"),
    path(
        "print/posters/subevents/<slug:slug>.pdf",
        views.poster_sub_event,
        name="poster-sub-event",
    ),
]
