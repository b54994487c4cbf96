"""Routes of the registration API, included at /api/v1/ before the core's."""

from django.urls import path

from registrations import api

app_name = "registrations-api"

urlpatterns = [
    path(
        "registrations/",
        api.RegistrationCreateView.as_view(),
        name="registration-create",
    ),
    path(
        "registrations/<str:token>/",
        api.RegistrationDetailView.as_view(),
        name="registration",
    ),
    path(
        "registrations/<str:token>/participants/<int:participant_id>/",
        api.ParticipantCancelView.as_view(),
        name="participant",
    ),
    path(
        "events/<slug:slug>/registrations/",
        api.EventRegistrationsView.as_view(),
        name="event-registrations",
    ),
]
