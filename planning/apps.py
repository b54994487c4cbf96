from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = _("Planning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from events.registry import registry
        from planning import demo

        registry.register_demo_extension(demo.demo_planning)
