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
]
