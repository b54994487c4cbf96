from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Volunteers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from events.registry import registry
        from volunteers import conflicts, demo, services

        registry.register_demo_extension(demo.demo_volunteers)
        registry.register_event_change_handler(services.on_event_changed)
        # The planners' to-do list (planning) reads these through the registry.
        registry.register_conflict_provider(conflicts.qualification_conflicts)
        registry.register_conflict_provider(conflicts.understaffed_shift_conflicts)
        registry.register_conflict_provider(conflicts.assignment_rule_conflicts)
        from volunteers import retention

        registry.register_retention_handler(
            "volunteers",
            retention.retention_preview,
            retention.retention_anonymise,
            retention.LABELS,
        )
