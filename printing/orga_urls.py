"""The organisers' printed documents, under /orga/print/."""

from django.urls import path

from printing import views

app_name = "printing-orga"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("status.json", views.status, name="status"),
    path("rebuild/<str:kind>/", views.rebuild, name="rebuild"),
    path("events/<slug:slug>/attendance.pdf", views.attendance, name="attendance"),
    path("shifts/<str:day>/<slug:slug>.pdf", views.shift_plan, name="shift-plan"),
    path("badges.pdf", views.badges, name="badges"),
]
