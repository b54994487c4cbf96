from django.urls import path  # noqa: F401 - routes follow with the organisers' pages

app_name = "registrations-orga"

urlpatterns: list = []
