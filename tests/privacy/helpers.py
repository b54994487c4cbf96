"""Helpers of the privacy tests: find a string anywhere in the database."""

from django.apps import apps
from django.db import models

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def rows_containing(text: str) -> list[str]:
    """ "app.Model.field" for every stored value that contains `text` (any case),
    over every text and JSON column of every model."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, TEXT_FIELDS):
                continue
            lookup = {f"{field.name}__icontains": text}
            if model._default_manager.filter(**lookup).exists():
                found.append(f"{model._meta.label}.{field.name}")
    return found
