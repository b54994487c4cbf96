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
        from events.registry import registry

        from . import demo, hooks

        registry.register_detail_provider(hooks.run_details)
        registry.register_page_panel("event", hooks.event_panel)
        registry.register_page_panel("sub_event", hooks.sub_event_panel)
        registry.register_demo_extension(demo.demo_charity_run)
        from . import retention

        registry.register_retention_handler(
            "charity_run",
            retention.retention_preview,
            retention.retention_anonymise,
            retention.LABELS,
        )
