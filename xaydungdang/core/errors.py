"""The domain's errors: a ValidationError whose messages name the field and the rule."""

from django.core.exceptions import ValidationError

__all__ = ["ValidationError", "field_error"]


def field_error(field: str, message: str, code: str | None = None) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})
