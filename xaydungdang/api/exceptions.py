"""Errors as JSON: a service's Django ValidationError becomes a DRF ValidationError with the same
Vietnamese messages, keyed by field (`{"national_id": ["Số CCCD phải gồm đúng 12 chữ số."]}`); the policy's
refusal of a write is a 404, as on the pages (access.policy.refusal_as_404); a body over Django's size limit
is a JSON 400, not the HTML error page; fields a write does not take are named in a 400."""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from xaydungdang.access.policy import OutOfScope, refusal_as_404
from xaydungdang.core.versions import EditConflict


def as_detail(error: DjangoValidationError) -> dict[str, list[str]]:
    if not hasattr(error, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: list(error.messages)}
    return {
        (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): list(messages)
        for field, messages in error.message_dict.items()
    }


def exception_handler(exc, context):
    if isinstance(exc, EditConflict):  # a stale version: 409 with what changed since
        body = {
            "detail": str(exc.message),
            "version": exc.version,
            "conflicts": [conflict.as_dict() for conflict in exc.conflicts],
        }
        return Response(body, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_detail(exc))
    elif isinstance(exc, OutOfScope):
        exc = refusal_as_404(exc)
    elif isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
        exc = exceptions.ParseError(
            _("Nội dung gửi lên quá lớn: tối đa %(limit)s MB cho một yêu cầu.") % {"limit": f"{limit:.1f}"}
        )
    return drf_exception_handler(exc, context)


UNKNOWN_FIELD = gettext_lazy(
    "Trường “%(name)s” không có trong dữ liệu có thể ghi của yêu cầu này (không tồn tại hoặc chỉ đọc)."
)


def refuse_unknown_fields(serializer, data) -> None:
    """A write that names a field the serializer does not write (unknown, or read-only such as `status`)
    is refused naming each one, instead of answering 200 and silently ignoring it."""
    if not hasattr(data, "keys"):
        return
    writable = {name for name, field in serializer.fields.items() if not field.read_only}
    unknown = sorted(set(data.keys()) - writable)
    if unknown:
        raise exceptions.ValidationError({name: [UNKNOWN_FIELD % {"name": name}] for name in unknown})
