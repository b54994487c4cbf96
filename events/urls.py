from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.programme, name="programme"),
    path("events/<slug:slug>/", views.event_detail, name="event"),
    path("venues/<slug:slug>/", views.venue_detail, name="venue"),
    path("subevents/<slug:slug>/", views.subevent_detail, name="subevent"),
    path("datenschutz/", views.privacy, name="privacy"),
]
