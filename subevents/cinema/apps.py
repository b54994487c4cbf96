"""The Kinowoche: films, FSK ratings, screenings."""

from django.apps import AppConfig


class CinemaConfig(AppConfig):
    name = "subevents.cinema"
    label = "cinema"
    verbose_name = "Kinowoche"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Plug into the core through events.registry (see the module's docs)."""
        from events.registry import registry

        from . import demo, rules

        registry.register_eligibility_rule(rules.fsk_rule)
        registry.register_detail_provider(rules.film_details)
        registry.register_demo_extension(demo.demo_cinema)
        registry.register_page_panel("event", rules.event_panel)
        registry.register_page_panel("sub_event", rules.sub_event_panel)
