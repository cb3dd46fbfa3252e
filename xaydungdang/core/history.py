"""The "Lịch sử thay đổi" of a record, read from django-simple-history and shown field by field.

Each entry is one saved change: when, by whom, why, and for every changed field its label, old value and
new value, formatted for people (choices by label, dates dd/mm/yyyy, related rows by name). Sensitive
fields are masked for viewers who may not see personal data, exactly as on the record's own page.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.core.dates import format_vn_date

# Fields holding personal data: masked unless the viewer `sees_personal_data` (DESIGN.md §5).
SENSITIVE_FIELDS = frozenset({"national_id", "address", "phone"})
MASK = "•"
# Storage details, not facts a user recorded: never listed as changes.
HIDDEN_FIELDS = frozenset({"id", "path", "depth", "numchild", "search_name", "sort_name"})
# A tree node's parent lives in its materialized path; the history shows it as this pseudo-field.
PARENT_LABEL = gettext_lazy("tổ chức cấp trên")

# simple-history's history_change_reason column; the full text stays on the row or event itself.
HISTORY_REASON_LENGTH = 100

ACTION_LABELS = {
    "+": gettext_lazy("Tạo mới"),
    "~": gettext_lazy("Sửa đổi"),
    "-": gettext_lazy("Xóa"),
}


def mask(value) -> str:
    """`092085000123` -> `0920••••••23`: enough to recognise a number, not enough to use it."""
    text = "" if value is None else str(value)
    if not text:
        return ""
    if len(text) <= 6:
        return MASK * len(text)
    return text[:4] + MASK * (len(text) - 6) + text[-2:]


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    at: dt.datetime
    user: str
    reason: str
    action: str
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))


def acting_user(actor):
    """The user to record as the author of a change: None for the system actor (commands, jobs)."""
    return actor if isinstance(actor, models.Model) else None


def history_reason(reason) -> str:
    """The change reason as the history stores it: text, cut to the column with an ellipsis."""
    text = "" if reason is None else str(reason)
    return text if len(text) <= HISTORY_REASON_LENGTH else text[: HISTORY_REASON_LENGTH - 1] + "…"


def save_with_history(obj: models.Model, *, actor, reason="", **save_kwargs) -> models.Model:
    """Save `obj` with who and why in its simple-history row (the one way services record them)."""
    obj._history_user = acting_user(actor)
    obj._change_reason = history_reason(reason) or None  # set every time: no stale reason from a former save
    obj.save(**save_kwargs)
    return obj


def history_entries(obj: models.Model, *, viewer, limit: int = 100) -> list[HistoryEntry]:
    """The object's changes, newest first. Queries: the history rows (with users) and one per related model."""
    from xaydungdang.access.policy import policy_for

    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    records.reverse()  # oldest first, so each record is diffed against the one before it
    shows_personal = policy_for(viewer).sees_personal_data(obj)
    formatter = _Formatter(type(obj), records, shows_personal=shows_personal)
    entries = []
    for previous, record in zip([None, *records], records, strict=False):
        if previous is None and len(records) > limit:
            continue  # the oldest fetched row only serves as the base of the next diff
        changes = formatter.changes(previous, record)
        if record.history_type == "~" and not changes and not record.history_change_reason:
            continue  # a technical re-save that changed nothing visible
        entries.append(
            HistoryEntry(
                at=timezone.localtime(record.history_date),
                user=_user_label(record.history_user),
                reason=record.history_change_reason or "",
                action=record.history_type,
                changes=changes,
            )
        )
    entries.reverse()
    return entries


def _user_label(user) -> str:
    if user is None:
        return _("Hệ thống")
    return user.get_full_name() or user.get_username()


def value_text(model_field, value) -> str:
    """A field's value as people read it: "—" for none, choices by label, dates dd/mm/yyyy."""
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")
    if isinstance(value, dt.date):
        return format_vn_date(value)
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    return str(value)


class _Formatter:
    """Turns raw historical values into text, looking up related rows in one query per related model."""

    def __init__(self, model: type[models.Model], records: list, *, shows_personal: bool) -> None:
        self.model = model
        self.shows_personal = shows_personal
        self.order = {f.name: i for i, f in enumerate(model._meta.fields)}
        self.fields = [f.name for f in model._meta.fields if f.editable and f.name not in HIDDEN_FIELDS and f.concrete]
        self.names = self._related_names(records)
        self.parent_names = self._parent_names(records)

    def changes(self, previous, record) -> list[FieldChange]:
        if previous is None:
            return []
        tracked = {f.name for f in record.tracked_fields}
        delta = record.diff_against(previous, included_fields=[f for f in self.fields if f in tracked])
        changes = sorted(delta.changes, key=lambda change: self.order.get(change.field, 0))
        result = [
            FieldChange(str(self._label(c.field)), self._text(c.field, c.old), self._text(c.field, c.new))
            for c in changes
        ]
        parent_change = self._parent_change(previous, record)
        if parent_change:
            result.insert(0, parent_change)
        return result

    def _label(self, name: str) -> str:
        verbose = self.model._meta.get_field(name).verbose_name
        text = str(verbose)
        return text[:1].upper() + text[1:]

    def _text(self, name: str, value) -> str:
        if value is None or value == "":
            return "—"
        model_field = self.model._meta.get_field(name)
        if name in SENSITIVE_FIELDS and not self.shows_personal:
            return mask(value)
        if isinstance(model_field, models.ForeignKey):
            return self.names.get(name, {}).get(value, f"#{value}")
        return value_text(model_field, value)

    def _related_names(self, records: list) -> dict[str, dict]:
        names: dict[str, dict] = {}
        for model_field in self.model._meta.fields:
            if not isinstance(model_field, models.ForeignKey) or model_field.name not in self.fields:
                continue
            ids = {getattr(r, model_field.attname) for r in records} - {None}
            if len(ids) < 2:
                continue  # never changed: no need to name it
            related = model_field.related_model._default_manager.filter(pk__in=ids)
            names[model_field.name] = {row.pk: str(row) for row in related}
        return names

    # --- tree nodes: the parent is part of the path ----------------------------------------------
    def _parent_path(self, record) -> str | None:
        steplen = getattr(self.model, "steplen", None)
        path = getattr(record, "path", None)
        if not steplen or not path or len(path) <= steplen:
            return None
        return path[:-steplen]

    def _parent_names(self, records: list) -> dict[str, str]:
        paths = {self._parent_path(r) for r in records} - {None}
        if len(paths) < 2:
            return {}
        return dict(self.model._default_manager.filter(path__in=paths).values_list("path", "name"))

    def _parent_change(self, previous, record) -> FieldChange | None:
        old, new = self._parent_path(previous), self._parent_path(record)
        if old == new:
            return None
        return FieldChange(
            str(PARENT_LABEL).capitalize(),
            self.parent_names.get(old, "—") if old else "—",
            self.parent_names.get(new, "—") if new else "—",
        )
