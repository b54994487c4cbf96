"""URLs of the conference module (public and organisers')."""

from django.urls import path

from . import views

app_name = "conference"

urlpatterns = [
    path("conference/", views.grid, name="grid"),
    path("conference/cfp/", views.cfp, name="cfp"),
    path("conference/cfp/withdraw/<str:token>/", views.withdraw, name="withdraw"),
    path("orga/conference/", views.overview, name="overview"),
    path("orga/conference/submissions/", views.submissions, name="submissions"),
    path("orga/conference/submissions/<int:pk>/", views.review, name="review"),
]
