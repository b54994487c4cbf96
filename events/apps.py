from django.apps import AppConfig
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
        # After every app's migration, not only this one's: the apps above the core
        # create their permissions in their own post_migrate, after ours, and the
        # groups must get those too (roles_ensure is idempotent).
        post_migrate.connect(
            lambda **kwargs: roles_ensure(), dispatch_uid="events-roles"
        )
