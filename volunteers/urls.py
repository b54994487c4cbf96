"""Volunteers' own pages: join, the personal page ("Meine Einsätze"), sign-up."""

from django.urls import path

from volunteers import views

app_name = "volunteers"

urlpatterns = [
    path("volunteers/", views.join, name="join"),
    path("volunteers/welcome/", views.received, name="received"),
    path("volunteers/link/", views.link_resend, name="link"),
    path("v/<str:token>/", views.mine, name="mine"),
    path("v/<str:token>/shifts/<int:pk>/signup/", views.signup, name="signup"),
    path(
        "v/<str:token>/assignments/<int:pk>/withdraw/",
        views.withdraw,
        name="withdraw",
    ),
    path("v/<str:token>/print/", views.print_list, name="print"),
    path("v/<str:token>/data.json", views.data_json, name="data_json"),
    path("v/<str:token>/data/", views.data_page, name="data"),
    path("v/<str:token>/delete/", views.data_delete, name="delete"),
    path("v/<str:token>/renew/", views.link_renew, name="link_renew"),
]
