"""What the apps' JSON APIs share besides pagination and the error format
(events.drf): the body parser, the 413 and 429 errors, fields strict about JSON
types, and the error responses of the OpenAPI description.

Decisions an API client meets in every app:
- JSON only: malformed or deeply nested JSON is 400 `parse_error`, more than 1 MiB
  is 413 `request_too_large`, other media types 415;
- too many requests from one address is 429 `rate_limited` with Retry-After;
- fields are strict about JSON types: "7" is no number and "yes" no consent. A
  lenient coercion would accept what a client got wrong and store something it did
  not mean.
"""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.parsers import JSONParser

from events.serializers import ErrorSerializer

# Descriptions of the error statuses every app's API answers alike; each app adds
# its own 400, 403 and 404.
ERROR_DESCRIPTIONS = {
    401: "Not signed in (send `Authorization: Token <token>`).",
    413: "The body is larger than 1 MiB (`request_too_large`).",
    415: "Only application/json is accepted.",
    429: "Too many registrations from this address (`rate_limited`); see Retry-After.",
}


def error_responses(
    descriptions: dict[int, str], *statuses: int
) -> dict[int, OpenApiResponse]:
    """The schema's responses for these error statuses, in the core's format."""
    return {
        code: OpenApiResponse(ErrorSerializer, description=descriptions[code])
        for code in statuses
    }


# What the schema says of an error status an operation did not describe itself.
_IMPLIED_ERRORS = {
    400: "Refused input; `code` says why.",
    401: "The credentials sent are not valid (`authentication_failed`), or none "
    "were sent where they are needed (`not_authenticated`).",
    403: "Not allowed (`permission_denied`), or a session's write without its CSRF "
    "token.",
    404: "No such object, or no such page of the list (`not_found`).",
    **ERROR_DESCRIPTIONS,
}


class ErrorsAutoSchema(AutoSchema):
    """drf-spectacular's schema plus every error status the view's machinery can
    answer, in the core's error format: DRF answers 401 for a bad token on any view
    that authenticates, 403 for a session's write without CSRF token, 404 for a
    page past the end of a list, 415 for a body in another media type — statuses
    an operation's own annotations tend to forget. What an operation describes
    itself is kept."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(
            path, path_regex, path_prefix, method, registry
        )
        if operation is None:
            return None
        responses = operation["responses"]
        for code in self._implied_errors(operation):
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, _IMPLIED_ERRORS[code]), str(code)
                )
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _implied_errors(self, operation: dict) -> set[int]:
        view = self.view
        places = {parameter["in"] for parameter in operation.get("parameters", [])}
        codes = set()
        if "requestBody" in operation:
            codes |= {400, 415}
            if any(isinstance(p, JSONBodyParser) for p in view.get_parsers()):
                codes.add(413)
        if "query" in places:
            codes.add(400)
        if "path" in places or (
            self._is_list_view() and self._get_paginator() is not None
        ):
            codes.add(404)
        authenticators = view.get_authenticators()
        if authenticators:
            codes.add(401)
        unsafe = self.method not in permissions.SAFE_METHODS
        if any(
            not isinstance(p, permissions.AllowAny) for p in view.get_permissions()
        ) or (
            unsafe and any(isinstance(a, SessionAuthentication) for a in authenticators)
        ):
            codes.add(403)
        if view.get_throttles():
            codes.add(429)
        return codes


def refuse(field: str, message: str, code: str) -> ValidationError:
    """A refusal tied to one field of the body (400 with `errors[field]`)."""
    return ValidationError({field: ValidationError(message, code=code)})


class RateLimited(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = gettext_lazy(
        "Too many registrations from your address. Please wait a minute and try again."
    )
    default_code = "rate_limited"

    def __init__(self, wait: int) -> None:
        super().__init__()
        self.wait = wait  # DRF's exception handler turns it into Retry-After


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("The request is too large.")
    default_code = "request_too_large"


def _no_constants(name: str):
    raise ValueError(f"{name} is not valid JSON")


class JSONBodyParser(JSONParser):
    """DRF's JSON parser with a size limit, and a 400 for JSON nested so deeply
    that Python's decoder gives up (a RecursionError, which DRF would let through
    as a 500)."""

    max_bytes = 1024 * 1024

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        raw = stream.read(self.max_bytes + 1) if stream is not None else b""
        if len(raw) > self.max_bytes:
            raise RequestTooLarge()
        try:
            return json.loads(raw.decode(encoding), parse_constant=_no_constants)
        except (ValueError, RecursionError) as exc:
            raise exceptions.ParseError(
                _("The body is not valid JSON: %(error)s") % {"error": exc}
            ) from None


class StrictCharField(serializers.CharField):
    """A JSON string, nothing else (DRF would turn 7 into "7")."""

    default_error_messages = {"invalid": gettext_lazy("Not a valid string.")}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    """A JSON integer, nothing else (DRF would accept "7", 7.0 and true)."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return data


class StrictBooleanField(serializers.BooleanField):
    """JSON true or false, nothing else (DRF would accept "yes", 1 and "on")."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid")
        return data
