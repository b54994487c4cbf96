"""DRF plumbing shared by the apps' APIs: pagination and the error format.

Kept apart from the view modules because DRF reads these settings while importing
its generic views.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def _leaves(value) -> list:
    """The ErrorDetails inside a (possibly nested) DRF error structure.

    A list field's errors come as {index: [ErrorDetail]}; without this they would
    be shown as the repr of that dict.
    """
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


def _flatten(detail) -> dict:
    """DRF error detail → {field: [{"code", "message"}]}."""
    if isinstance(detail, dict):
        return {
            field: [
                {"code": getattr(item, "code", "invalid"), "message": str(item)}
                for item in _leaves(value)
            ]
            for field, value in detail.items()
        }
    return {
        "non_field_errors": [
            {"code": getattr(item, "code", "invalid"), "message": str(item)}
            for item in _leaves(detail)
        ]
    }


def _django_errors(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): [
                {"code": err.code or "invalid", "message": " ".join(err.messages)}
                for err in errors
            ]
            for field, errors in exc.error_dict.items()
        }
    return {
        "non_field_errors": [
            {"code": err.code or "invalid", "message": " ".join(err.messages)}
            for err in exc.error_list
        ]
    }


def exception_handler(exc, context):
    """Give every error a machine-readable `code` and a readable `detail`."""
    if isinstance(exc, DjangoValidationError):
        errors = _django_errors(exc)
        first = next(iter(errors.values()))[0]
        return Response(
            {"code": first["code"], "detail": first["message"], "errors": errors},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        first = next(iter(errors.values()))[0]
        response.data = {
            "code": first["code"],
            "detail": first["message"],
            "errors": errors,
        }
    else:
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        response.data = {
            "code": codes if isinstance(codes, str) else "error",
            "detail": str(getattr(exc, "detail", exc)),
        }
    return response
