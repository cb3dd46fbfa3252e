"""Ids in URLs, filters and bodies are bounded to what the database stores (64-bit): a larger number
is a 404 or a 400, never a server error (SQLite overflows, PostgreSQL raises "out of range")."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_ID = 2**63 - 1
LOOKUP_REGEX = "[0-9]{1,18}"  # every 18-digit number is below MAX_ID
OUT_OF_RANGE = _("Mã số không hợp lệ.")


def id_in_range(value) -> bool:
    try:
        return 0 < int(value) <= MAX_ID
    except (TypeError, ValueError):
        return False


class BoundedModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not id_in_range(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)
