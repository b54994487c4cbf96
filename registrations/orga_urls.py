"""The organisers' pages, under /orga/."""

from django.urls import path, re_path
from django.views.generic import RedirectView

from registrations import orga_households, orga_views

app_name = "registrations-orga"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="registrations-orga:events")),
    path("events/", orga_views.event_list, name="events"),
    path(
        "events/<slug:slug>/registrations/",
        orga_views.registrations_board,
        name="registrations",
    ),
    path(
        "events/<slug:slug>/registrations/add/",
        orga_views.party_add,
        name="party-add",
    ),
    path(
        "events/<slug:slug>/registrations/<int:pk>/cancel/",
        orga_views.party_cancel,
        name="party-cancel",
    ),
    path(
        "events/<slug:slug>/registrations/<int:pk>/move/",
        orga_views.party_move,
        name="party-move",
    ),
    path(
        "events/<slug:slug>/participants/<int:pk>/cancel/",
        orga_views.participant_remove,
        name="participant-cancel",
    ),
    path(
        "events/<slug:slug>/capacity/",
        orga_views.capacity_change,
        name="capacity",
    ),
    path(
        "events/<slug:slug>/registrations.csv",
        orga_views.export_csv,
        name="export-csv",
    ),
    path(
        "events/<slug:slug>/registrations.xlsx",
        orga_views.export_xlsx,
        name="export-xlsx",
    ),
    path("events/<slug:slug>/checkin/", orga_views.checkin, name="checkin"),
    path(
        "events/<slug:slug>/checkin/participants/<int:pk>/",
        orga_views.checkin_participant,
        name="checkin-participant",
    ),
    path(
        "events/<slug:slug>/checkin/registrations/<int:pk>/",
        orga_views.checkin_party,
        name="checkin-party",
    ),
    path("households/", orga_households.household_search, name="households"),
    path(
        "households/<int:pk>/",
        orga_households.household_detail,
        name="household",
    ),
    path(
        "households/<int:pk>/data/",
        orga_households.household_data,
        name="household-data",
    ),
    path(
        "households/<int:pk>/data.json",
        orga_households.household_data_json,
        name="household-data-json",
    ),
    path(
        "households/<int:pk>/delete/",
        orga_households.household_delete,
        name="household-delete",
    ),
    # Registration tokens are URL-safe base64 (registrations.models.new_token).
    re_path(
        r"^checkin/(?P<token>[A-Za-z0-9_-]{1,64})/$",
        orga_views.checkin_entry,
        name="checkin-entry",
    ),
]
