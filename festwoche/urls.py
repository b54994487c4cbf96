from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from festwoche import views

urlpatterns = [
    path("", include("events.urls")),
    path("", include("registrations.urls")),
    path("", include("volunteers.urls")),
    path("", include("calendars.urls")),
    path("", include("printing.urls")),
    path("", include("planning.urls")),
    path("", include("subevents.conference.urls")),
    path("", include("subevents.cinema.urls")),
    path("", include("subevents.charity_run.urls")),
    path("", include("subevents.flea_market.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("dev/outbox/", views.outbox, name="dev-outbox"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/v1/", include("registrations.api_urls")),
    path("api/v1/", include("volunteers.api_urls")),
    path("api/v1/", include("events.api_urls")),
    path("orga/volunteers/", include("volunteers.orga_urls")),
    path("orga/print/", include("printing.orga_urls")),
    path("orga/planning/", include("planning.orga_urls")),
    path("orga/", include("registrations.orga_urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/v1/docs/",
        SpectacularSwaggerView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
]
