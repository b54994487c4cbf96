"""The project's middleware: the chosen language, and 503 when the database is away.

Language: German unless the visitor chose English with the language switch.

Django's LocaleMiddleware would follow the browser's Accept-Language, so a parent
with an English-language phone would land on an English site of a German town's
festival. We follow only the explicit choice (the cookie set by /i18n/setlang/).
"""

import logging

from django import db
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.html import escape
from django.utils.translation import gettext

logger = logging.getLogger(__name__)


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class DatabaseUnavailableMiddleware:
    """The database away (restarting, connections cut): 503 with Retry-After, not 500.

    A view's writes run in atomic blocks, so an error in the middle rolls back
    everything the request wrote; the client may simply send the request again.
    /api/ answers {"code": "database_unavailable"}, pages a short German page that
    needs no database (no layout, no context processors).
    """

    RETRY_AFTER = 5

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (db.OperationalError, db.InterfaceError)):
            return None
        logger.warning(
            "database unavailable, answered 503: %s %s (%s)",
            request.method,
            request.path,
            type(exception).__name__,
        )
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {
                    "code": "database_unavailable",
                    "detail": gettext(
                        "The database is briefly unavailable. Please try again "
                        "in a few seconds."
                    ),
                },
                status=503,
            )
        else:
            title = gettext("Briefly unavailable")
            text = gettext(
                "The database is briefly unavailable. Please try again in a few "
                "seconds."
            )
            language = escape(translation.get_language() or settings.LANGUAGE_CODE)
            response = HttpResponse(
                f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
                f"<title>{escape(title)}</title></head><body><h1>{escape(title)}</h1>"
                f"<p>{escape(text)}</p></body></html>",
                status=503,
            )
        response["Retry-After"] = str(self.RETRY_AFTER)
        add_never_cache_headers(response)
        return response
