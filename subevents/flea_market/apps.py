"""The Kleider- und Spielzeugmarkt: sellers' applications, pitches on a site
plan, allocation, fees, confirmations."""

from django.apps import AppConfig


class FleaMarketConfig(AppConfig):
    name = "subevents.flea_market"
    label = "flea_market"
    verbose_name = "Kleider- und Spielzeugmarkt"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Plug into the core through events.registry (see the module's docs)."""
        from django.db.models.signals import post_delete, post_save

        from events.registry import registry
        from events.signals import programme_changed

        from . import demo, rules, selectors
        from .models import Market, Pitch, PitchType

        registry.register_detail_provider(selectors.detail_lines)
        registry.register_page_panel("event", rules.event_panel)
        registry.register_page_panel("sub_event", rules.sub_event_panel)
        registry.register_demo_extension(demo.demo_market)
        from . import retention

        registry.register_retention_handler(
            "flea_market",
            retention.retention_preview,
            retention.retention_anonymise,
            retention.LABELS,
        )

        # The detail line (pitches, kinds, set-up time) lands in cached feeds and
        # the booklet: a change to it is a change of the programme and of its
        # event (cache bookkeeping only). Allocations do not touch these rows,
        # so the line and the caches stay stable while sellers come and go.
        for model in (Market, PitchType, Pitch):
            for signal, name in ((post_save, "save"), (post_delete, "del")):
                signal.connect(
                    programme_changed, sender=model, dispatch_uid=f"pv-{name}-{model}"
                )
                signal.connect(
                    rules.market_facts_changed,
                    sender=model,
                    dispatch_uid=f"fm-event-{name}-{model}",
                )
