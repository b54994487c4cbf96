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
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from django.utils.translation import gettext_lazy as _

        from events.registry import PrintGrid, registry
        from events.signals import programme_changed

        from .demo import demo_conference
        from .models import Session, Speaker, Track
        from .selectors import (
            detail_lines,
            print_grid_data,
            print_grid_fingerprint,
            session_conflicts,
        )
        from .services import session_overlap_check

        registry.register_household_rule(session_overlap_check)
        registry.register_detail_provider(detail_lines)
        registry.register_conflict_provider(session_conflicts)
        registry.register_demo_extension(demo_conference)
        from . import retention

        registry.register_retention_handler(
            "conference",
            retention.retention_preview,
            retention.retention_anonymise,
            retention.LABELS,
        )
        registry.register_print_grid(
            PrintGrid(
                name="conference-grid",
                title=_("Conference programme grid"),
                build=print_grid_data,
                fingerprint=print_grid_fingerprint,
            )
        )

        # The sessions' detail lines are cached per programme version (cache
        # bookkeeping only, as the core does for its own models).
        for model in (Track, Speaker, Session):
            post_save.connect(
                programme_changed, sender=model, dispatch_uid=f"pv-save-{model}"
            )
            post_delete.connect(
                programme_changed, sender=model, dispatch_uid=f"pv-del-{model}"
            )
        m2m_changed.connect(
            programme_changed,
            sender=Session.speakers.through,
            dispatch_uid="pv-m2m-conference-speakers",
        )
