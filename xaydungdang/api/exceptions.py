"""Errors as JSON: a service's Django ValidationError becomes a DRF ValidationError with the same
Vietnamese messages, keyed by field (`{"national_id": ["Số CCCD phải gồm đúng 12 chữ số."]}`); the policy's
refusal of a write is a 404, as on the pages (access.policy.refusal_as_404)."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from xaydungdang.access.policy import OutOfScope, refusal_as_404


def as_detail(error: DjangoValidationError) -> dict[str, list[str]]:
    if not hasattr(error, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: list(error.messages)}
    return {
        (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): list(messages)
        for field, messages in error.message_dict.items()
    }


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_detail(exc))
    elif isinstance(exc, OutOfScope):
        exc = refusal_as_404(exc)
    return drf_exception_handler(exc, context)
