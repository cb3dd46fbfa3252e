"""Fields of the write API beyond DRF's: an organization given by id or by code, and the `kind` that
tells which event a request records."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

from xaydungdang.api.ids import id_in_range

NO_SUCH_CELL = _("Không có chi bộ đang hoạt động với mã này.")
CODE_LENGTH = 32  # Organization.code


class OrganizationRefField(serializers.Field):
    """An organization given by its id (an integer) or its code (`P92-A-S-1`), among `queryset(request)`.

    The queryset is a callable of the request because it depends on the user (readmission into a cell the
    user may change) or on nothing at all (a transfer's destination lies outside the sender's scope, as
    on the pages, where it is typed by its code).
    """

    default_error_messages = {"does_not_exist": NO_SUCH_CELL}

    def __init__(self, *, queryset, **kwargs):
        self.queryset = queryset
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        candidates = self.queryset(self.context.get("request"))
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("does_not_exist")
        text = str(data).strip()
        if text.isdigit():
            found = candidates.filter(pk=int(text)).first() if id_in_range(text) else None
        else:
            found = candidates.filter(code=text).first() if 0 < len(text) <= CODE_LENGTH else None
        if found is None:
            self.fail("does_not_exist")
        return found

    def to_representation(self, value):
        return value.pk


class OrganizationRefFieldSchema(OpenApiSerializerFieldExtension):
    target_class = OrganizationRefField

    def map_serializer_field(self, auto_schema, direction):
        return {
            "oneOf": [
                {"type": "integer", "minimum": 1, "description": str(_("Mã số (id) của tổ chức"))},
                {"type": "string", "minLength": 1, "maxLength": CODE_LENGTH, "description": str(_("Mã tổ chức"))},
            ]
        }


class KindField(serializers.ChoiceField):
    """The discriminator of a polymorphic request: exactly one kind per serializer."""

    def __init__(self, kind, **kwargs):
        self.kind = str(kind)
        kwargs.setdefault("label", _("Loại sự kiện"))
        kwargs.setdefault("help_text", kind.label)
        super().__init__(choices=[(kind.value, kind.label)], **kwargs)
