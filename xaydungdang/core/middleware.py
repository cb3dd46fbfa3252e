"""Vietnamese unless the user chose another language.

Django's LocaleMiddleware also follows the browser's Accept-Language, which would show English to every
office whose computer runs an English browser. We follow only the user's explicit choice (the language
cookie set by the switcher in the menu, Django's set_language view).
"""

from django.conf import settings
from django.utils import translation


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
