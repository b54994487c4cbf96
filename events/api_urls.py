from django.urls import include, path
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from events import api

router = DefaultRouter()
router.register("events", api.EventViewSet, basename="event")
router.register("subevents", api.SubEventViewSet, basename="subevent")
router.register("venues", api.VenueViewSet, basename="venue")
router.register("partners", api.PartnerViewSet, basename="partner")

urlpatterns = [
    path("auth/token/", obtain_auth_token, name="api-token"),
    path("", include(router.urls)),
]
