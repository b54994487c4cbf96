"""The Kleider- und Spielzeugmarkt: sellers' applications, pitches on a site
plan, allocation, fees, confirmations."""

from django.apps import AppConfig


class FleaMarketConfig(AppConfig):
    name = "subevents.flea_market"
    label = "flea_market"
    verbose_name = "Kleider- und Spielzeugmarkt"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Plug into the core through events.registry (see the module's docs)."""
