"""Edits that carry the version they started from, so that a second save cannot silently revert the first.

A record's version is a short hash of the fields an edit may change, as they are stored: any write to one of
them, by any path (an edit, a lifecycle event, an import), gives a new version, and writes to other fields
(status, counts) do not make an edit stale. The edit form keeps the version in a hidden field; the API gives
it as `version` and as the ETag, and takes it back as `version` or If-Match. A write whose version is not
the stored one is refused with what changed since: each field another user changed, theirs against yours
(the state the editor started from is found in the record's history by its version).
"""

import hashlib
import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from xaydungdang.core.history import value_text

HISTORY_SEARCH = 50  # how many past versions are searched for the one an editor started from

CONFLICT = _(
    "Hồ sơ đã được người khác sửa sau khi bạn mở để sửa, nên chưa lưu được (để không ghi đè thay đổi của họ). "
    "Hãy xem lại các trường dưới đây rồi lưu lại."
)

CONFLICT_LINE = _("%(label)s: người khác đã lưu “%(theirs)s”, bạn nhập “%(yours)s”.")


def version_of(obj, fields) -> str:
    """`obj`'s version over `fields` (a model instance or a historical row): 16 hex digits."""
    values = [_raw(getattr(obj, name)) for name in fields]
    return hashlib.sha256(json.dumps(values, ensure_ascii=False).encode()).hexdigest()[:16]


def _raw(value) -> str:
    return "" if value is None else str(value.isoformat() if hasattr(value, "isoformat") else value)


def expected_version(header: str | None) -> str | None:
    """The version of an If-Match header: `"abc"`, `W/"abc"` or a bare token; None for none or `*`."""
    text = (header or "").strip()
    if not text or text == "*":
        return None
    text = text.split(",")[0].strip()
    if text.startswith("W/"):
        text = text[2:]
    return text.strip('"') or None


@dataclass(frozen=True)
class FieldConflict:
    field: str
    label: str
    theirs: str
    yours: str

    def as_dict(self) -> dict:
        return {"field": self.field, "label": self.label, "theirs": self.theirs, "yours": self.yours}

    def __str__(self) -> str:
        return str(CONFLICT_LINE % {"label": self.label, "theirs": self.theirs, "yours": self.yours})


class EditConflict(ValidationError):
    """A write from a stale version: `conflicts` lists what changed since, `version` is the stored one."""

    def __init__(self, conflicts: list[FieldConflict], version: str) -> None:
        super().__init__(CONFLICT, code="edit_conflict")
        self.conflicts = conflicts
        self.version = version


def require_version(obj: models.Model, fields, expected: str | None, submitted: dict) -> None:
    """Refuse the write of `submitted` onto `obj` (locked by the caller) when `expected` is not its version.
    No `expected` (a client that sends none) checks nothing."""
    if not expected:
        return
    current = version_of(obj, fields)
    if expected == current:
        return
    raise EditConflict(_conflicts(obj, fields, expected, submitted), current)


def _conflicts(obj, fields, expected: str, submitted: dict) -> list[FieldConflict]:
    original = None
    history = getattr(obj, "history", None)
    if history is not None:
        for record in history.order_by("-history_date", "-history_id")[:HISTORY_SEARCH]:
            if version_of(record, fields) == expected:
                original = record
                break
    if original is not None:  # the fields someone else changed since the editor's version
        changed = [name for name in fields if _raw(getattr(original, name)) != _raw(getattr(obj, name))]
    else:  # that version is no longer known: every field where the stored value and the editor's differ
        changed = [name for name in fields if name in submitted and _raw(submitted[name]) != _raw(getattr(obj, name))]
    result = []
    for name in changed:
        model_field = obj._meta.get_field(name)
        yours = submitted[name] if name in submitted else getattr(original, name, None)
        label = str(model_field.verbose_name)
        result.append(
            FieldConflict(
                field=name,
                label=label[:1].upper() + label[1:],
                theirs=value_text(model_field, getattr(obj, name)),
                yours=value_text(model_field, yours),
            )
        )
    return result
