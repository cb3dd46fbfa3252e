"""Vietnamese unless the user chose another language.

Django's LocaleMiddleware also follows the browser's Accept-Language, which would show English to every
office whose computer runs an English browser. We follow only the user's explicit choice (the language
cookie set by the switcher in the menu, Django's set_language view).
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation

from xaydungdang.core.htmx import is_htmx_fragment
from xaydungdang.core.querystring import BadQuery


class PreferredLanguageMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class BadQueryMiddleware:
    """A query parameter a view could not read (`BadQuery`) → HTTP 400 naming it: JSON under the API, an
    alert for an htmx fragment, else the 400 page with the message."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, BadQuery):
            return None
        if request.path.startswith("/api/"):
            body = {"detail": f"{exception.heading}: {exception.message}", exception.name: [exception.message]}
            return JsonResponse(body, status=400)
        context = {"heading": exception.heading, "message": exception.message, "back": request.path}
        if not is_htmx_fragment(request):
            return render(request, "400.html", context, status=400)
        response = render(request, "core/_bad_query.html", context, status=400)
        response["HX-Reswap"] = "innerHTML"  # inside the target, which stays for the next request
        return response
