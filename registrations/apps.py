from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Registrations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from events.registry import registry
        from registrations import demo, selectors, services

        registry.register_seats_provider(selectors.seats_taken)
        registry.register_event_change_handler(services.on_event_changed)
        registry.register_demo_extension(demo.demo_registrations)
        from registrations import retention

        registry.register_retention_handler(
            "registrations",
            retention.retention_preview,
            retention.retention_anonymise,
            retention.LABELS,
        )
