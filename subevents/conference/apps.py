from django.apps import AppConfig


class ConferenceConfig(AppConfig):
    name = "subevents.conference"
    label = "conference"
    verbose_name = "Bildungskonferenz"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Plug into the core through events.registry (see the module's docs)."""
