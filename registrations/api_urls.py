from django.urls import path  # noqa: F401 - routes follow with the registration API

app_name = "registrations-api"

urlpatterns: list = []
