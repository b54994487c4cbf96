from django.apps import AppConfig


class CinemaConfig(AppConfig):
    name = "subevents.cinema"
    label = "cinema"
    verbose_name = "Kinowoche"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Plug into the core through events.registry (see the module's docs)."""
