from django.urls import path

from registrations import views

app_name = "registrations"

urlpatterns = [
    path("events/<slug:slug>/register/", views.register, name="register"),
    path("events/<slug:slug>/register/received/", views.received, name="received"),
    path("r/", views.link_resend, name="link"),
    path("r/<str:token>/", views.manage, name="manage"),
    path("r/<str:token>/registered/", views.registered, name="registered"),
    path(
        "r/<str:token>/cancel/", views.cancel_registration, name="cancel_registration"
    ),
    path(
        "r/<str:token>/cancel-person/",
        views.cancel_participant,
        name="cancel_participant",
    ),
    path("r/<str:token>/change/<int:pk>/", views.change_party, name="change_party"),
    path("r/<str:token>/data.json", views.data_json, name="data_json"),
    path("r/<str:token>/data/", views.data_page, name="data"),
    path("r/<str:token>/delete/", views.data_delete, name="delete"),
    path("r/<str:token>/renew/", views.link_renew, name="link_renew"),
]
