from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "calendars"
    verbose_name = _("Calendar feeds")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from calendars import panels, services
        from events.registry import registry

        for kind, panel in panels.PANELS.items():
            registry.register_page_panel(kind, panel)
        registry.register_erase_handler(services.feed_tokens_revoke)
        registry.register_export_provider(services.feed_tokens_export)
