from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Festival planning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from events import signals
        from events.roles import roles_ensure

        signals.connect()

        def roles_after_migrate(sender, **kwargs) -> None:
            # Once, after the last app's post_migrate: the apps above the core
            # create their permissions in their own post_migrate, after ours, and
            # the groups must get those too.
            with_models = [c for c in apps.get_app_configs() if c.models_module]
            if sender is with_models[-1]:
                roles_ensure()

        post_migrate.connect(roles_after_migrate, dispatch_uid="events-roles")
