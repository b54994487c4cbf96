"""Routes of the volunteers' API, included at /api/v1/ (volunteers.api)."""

from django.urls import path

from volunteers import api

app_name = "volunteers-api"

urlpatterns = [
    path("volunteer-roles/", api.RoleListView.as_view(), name="roles"),
    path("shifts/", api.ShiftListView.as_view(), name="shifts"),
    path("shifts/<int:pk>/", api.ShiftDetailView.as_view(), name="shift"),
    path("volunteers/", api.VolunteerRegisterView.as_view(), name="volunteer-register"),
    path(
        "volunteers/<str:token>/",
        api.VolunteerDetailView.as_view(),
        name="volunteer",
    ),
    path(
        "volunteers/<str:token>/data/",
        api.VolunteerDataView.as_view(),
        name="volunteer-data",
    ),
    path(
        "volunteers/<str:token>/assignments/",
        api.VolunteerAssignmentsView.as_view(),
        name="volunteer-assignments",
    ),
    path(
        "volunteers/<str:token>/assignments/<int:pk>/",
        api.VolunteerAssignmentView.as_view(),
        name="volunteer-assignment",
    ),
    path(
        "volunteers/<str:token>/open-shifts/",
        api.VolunteerOpenShiftsView.as_view(),
        name="volunteer-open-shifts",
    ),
    path(
        "orga/volunteers/",
        api.OrgaVolunteerListView.as_view(),
        name="orga-volunteers",
    ),
    path(
        "orga/volunteers/<int:pk>/",
        api.OrgaVolunteerDetailView.as_view(),
        name="orga-volunteer",
    ),
    path(
        "orga/volunteers/<int:pk>/qualifications/",
        api.OrgaQualificationListView.as_view(),
        name="orga-volunteer-qualifications",
    ),
    path(
        "orga/qualifications/<int:pk>/",
        api.OrgaQualificationDetailView.as_view(),
        name="orga-qualification",
    ),
    path(
        "orga/assignments/",
        api.OrgaAssignmentListView.as_view(),
        name="orga-assignments",
    ),
    path(
        "orga/assignments/<int:pk>/",
        api.OrgaAssignmentDetailView.as_view(),
        name="orga-assignment",
    ),
    path("orga/coverage/", api.OrgaCoverageView.as_view(), name="orga-coverage"),
]
