"""The volunteer coordination's pages, under /orga/volunteers/."""

from django.urls import path

from volunteers import orga_views

app_name = "volunteers-orga"

urlpatterns = [
    path("", orga_views.coverage_board, name="coverage"),
    path("shifts/", orga_views.shift_list, name="shifts"),
    path("shifts/new/", orga_views.shift_add, name="shift-add"),
    path("shifts/template/", orga_views.shift_template, name="shift-template"),
    path("shifts/<int:pk>/", orga_views.shift_detail, name="shift"),
    path("shifts/<int:pk>/edit/", orga_views.shift_edit, name="shift-edit"),
    path("shifts/<int:pk>/delete/", orga_views.shift_remove, name="shift-delete"),
    path("shifts/<int:pk>/assign/", orga_views.assign, name="assign"),
    path("shifts/<int:pk>/message/", orga_views.message, name="message"),
    path(
        "assignments/<int:pk>/withdraw/",
        orga_views.unassign,
        name="unassign",
    ),
    path(
        "assignments/<int:pk>/attendance/",
        orga_views.attendance,
        name="attendance",
    ),
    path("people/", orga_views.volunteer_list, name="volunteers"),
    path("people/add/", orga_views.volunteer_add, name="volunteer-add"),
    path("people/<int:pk>/", orga_views.volunteer_detail, name="volunteer"),
    path("people/<int:pk>/data/", orga_views.volunteer_data, name="volunteer-data"),
    path(
        "people/<int:pk>/data.json",
        orga_views.volunteer_data_json,
        name="volunteer-data-json",
    ),
    path(
        "people/<int:pk>/delete/",
        orga_views.volunteer_delete,
        name="volunteer-delete",
    ),
    path(
        "people/<int:pk>/qualifications/add/",
        orga_views.qualification_add,
        name="qualification-add",
    ),
    path(
        "qualifications/<int:pk>/delete/",
        orga_views.qualification_remove,
        name="qualification-delete",
    ),
    path("qualifications/", orga_views.qualification_overview, name="qualifications"),
    path("export.csv", orga_views.export_csv, name="export-csv"),
    path("export.xlsx", orga_views.export_xlsx, name="export-xlsx"),
]
