"""The Bildungskonferenz: tracks, sessions, speakers, the call for proposals
and its review, personal conference plans."""

from django.apps import AppConfig


class ConferenceConfig(AppConfig):
    name = "subevents.conference"
    label = "conference"
    verbose_name = "Bildungskonferenz"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Plug into the core through events.registry (see the module's docs)."""
        from events.registry import registry

        from .demo import demo_conference
        from .selectors import detail_lines, session_conflicts
        from .services import session_overlap_check

        registry.register_household_rule(session_overlap_check)
        registry.register_detail_provider(detail_lines)
        registry.register_conflict_provider(session_conflicts)
        registry.register_demo_extension(demo_conference)
