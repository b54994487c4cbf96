from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from events import api

router = DefaultRouter()
router.register("events", api.EventViewSet, basename="event")
router.register("subevents", api.SubEventViewSet, basename="subevent")
router.register("venues", api.VenueViewSet, basename="venue")
router.register("partners", api.PartnerViewSet, basename="partner")

urlpatterns = [
    path("auth/token/", api.AuthTokenView.as_view(), name="api-token"),
    path("", include(router.urls)),
    # Last under /api/v1/ (the project includes this module after the other apps'
    # APIs): what no route matched is a JSON 404. The schema and its docs page are
    # routed after the apps, so they are let through; only addresses ending in "/"
    # are caught, so a missing trailing slash still redirects.
    re_path(
        r"^(?!schema/$|docs/$)(?P<path>[\s\S]*/)$", api.not_found, name="not-found"
    ),
]
