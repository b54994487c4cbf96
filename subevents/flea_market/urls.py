"""URLs of the module (public pages and the organisers' pages)."""

from django.urls import path  # noqa: F401

app_name = "flea_market"

urlpatterns: list = []
