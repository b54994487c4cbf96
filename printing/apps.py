from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrintingConfig(AppConfig):
    name = "printing"
    verbose_name = _("Printed material")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The document modules register their kinds when imported.
        from importlib import import_module

        for module in DOCUMENT_MODULES:
            import_module(module)


DOCUMENT_MODULES = [
    "printing.documents.booklet",
    "printing.documents.posters",
    "printing.documents.lists",
]
