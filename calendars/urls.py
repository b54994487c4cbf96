"""Calendar feeds at the addresses of DESIGN.md, and renewing a personal one."""

from django.urls import path

from calendars import views

app_name = "calendars"

urlpatterns = [
    path("calendar/programme.ics", views.programme, name="programme"),
    path("calendar/subevents/<slug:slug>.ics", views.sub_event, name="sub_event"),
    path("calendar/venues/<slug:slug>.ics", views.venue, name="venue"),
    path("calendar/events/<slug:slug>.ics", views.event, name="event"),
    path("calendar/households/<str:token>.ics", views.household, name="household"),
    path("calendar/volunteers/<str:token>.ics", views.volunteer, name="volunteer"),
    path(
        "calendar/households/<str:token>/renew/",
        views.household_renew,
        name="household_renew",
    ),
    path(
        "calendar/volunteers/<str:token>/renew/",
        views.volunteer_renew,
        name="volunteer_renew",
    ),
]
