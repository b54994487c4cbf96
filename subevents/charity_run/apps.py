"""The Spendenlauf: runners and teams, sponsors' pledges, live lap counting,
certificates and sponsor letters."""

from django.apps import AppConfig


class CharityRunConfig(AppConfig):
    name = "subevents.charity_run"
    label = "charity_run"
    verbose_name = "Spendenlauf"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Plug into the core through events.registry (see the module's docs)."""
