"""The statistical forms of Hướng dẫn 11-HD/BTCTW (2021) as data (`forms.yaml`), filled from the reports'
selectors (the rollups behind `subtree_statistics`, `member_changes`): no scan of members per cell.

The official annex's exact rows and columns were not available when this was written: every form says so with
`exact_layout: false`, and the page names those forms. A province corrects a form by editing the YAML.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

import yaml

from xaydungdang.reports.dimensions import DIMENSIONS

FORMS_FILE = Path(__file__).resolve().parent / "forms.yaml"
SOURCES = ("members", "organizations", "changes")
COLUMN_LABELS = {"count": "Số lượng", "share": "Tỷ lệ (%)"}


class FormError(ValueError):
    """The YAML of a form is malformed; the message names the form and the field."""


@dataclass(frozen=True)
class Row:
    label: str
    keys: tuple[str, ...] = ()
    heading: bool = False


@dataclass(frozen=True)
class Form:
    code: str
    title: str
    source: str
    exact_layout: bool
    base: str | None
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    note: str = ""

    @property
    def column_labels(self) -> list[str]:
        return [COLUMN_LABELS[c] for c in self.columns]


@dataclass
class FilledForm:
    form: Form
    organization: object
    on: dt.date
    start: dt.date
    rows: list[tuple[Row, list]] = field(default_factory=list)


def _rows(code: str, specs: list) -> tuple[Row, ...]:
    rows = []
    for spec in specs:
        if "dimension" in spec:
            name = spec["dimension"]
            if name not in DIMENSIONS:
                raise FormError(f"Biểu {code}: không có chiều thống kê “{name}”.")
            rows += [Row(str(label), (f"{name}:{bucket}",)) for bucket, label in DIMENSIONS[name][1]]
        elif "heading" in spec:
            rows.append(Row(str(spec["heading"]), heading=True))
        elif "key" in spec or "keys" in spec:
            keys = tuple(spec.get("keys") or [spec["key"]])
            rows.append(Row(str(spec.get("label", "")), keys))
        else:
            raise FormError(f"Biểu {code}: mỗi dòng cần “key”, “keys”, “dimension” hoặc “heading”.")
    return tuple(rows)


def parse(data: list) -> list[Form]:
    forms = []
    for spec in data:
        code = str(spec.get("code", "?"))
        if spec.get("source") not in SOURCES:
            raise FormError(f"Biểu {code}: “source” phải là một trong {', '.join(SOURCES)}.")
        columns = tuple(spec.get("columns") or ["count"])
        if any(c not in COLUMN_LABELS for c in columns):
            raise FormError(f"Biểu {code}: cột chỉ được là count hoặc share.")
        forms.append(
            Form(
                code=code,
                title=str(spec["title"]),
                source=spec["source"],
                exact_layout=bool(spec.get("exact_layout", False)),
                base=spec.get("base"),
                columns=columns,
                rows=_rows(code, spec.get("rows") or []),
                note=str(spec.get("note") or ""),
            )
        )
    return forms


@lru_cache(maxsize=2)
def _load(path: Path, mtime: float) -> tuple[Form, ...]:
    return tuple(parse(yaml.safe_load(path.read_text(encoding="utf-8"))))


def forms() -> tuple[Form, ...]:
    return _load(FORMS_FILE, FORMS_FILE.stat().st_mtime)


def form_by_code(code: str) -> Form | None:
    return next((f for f in forms() if f.code == code), None)


def not_exact() -> list[Form]:
    return [f for f in forms() if not f.exact_layout]


# --- filling ----------------------------------------------------------------------------------------
def _value(source: str, figures: dict, key: str) -> int:
    if source == "organizations":
        if key == "total":
            return figures["total"]
        return figures["by_kind"].get(key.split(":", 1)[1], 0)
    group, _sep, bucket = key.partition(":")
    return figures.get(group, {}).get(bucket, 0)


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def figures_for(source: str, organization, on: dt.date, start: dt.date, cache: dict) -> dict:
    from xaydungdang.reports.selectors import subtree_statistics
    from xaydungdang.reports.selectors.changes import member_changes

    if source == "changes":
        if "changes" not in cache:
            cache["changes"] = member_changes(organization, start, on)
        return cache["changes"]
    if "stats" not in cache:
        cache["stats"] = subtree_statistics(organization=organization, on=on)
    return cache["stats"][source]


def fill(form: Form, organization, on: dt.date, *, start: dt.date | None = None, cache=None) -> FilledForm:
    """The form's rows for the subtree on `on` (changes: from `start`, by default 31/12 of the year before)."""
    start = start or dt.date(on.year - 1, 12, 31)
    figures = figures_for(form.source, organization, on, start, {} if cache is None else cache)
    base = _value(form.source, figures, form.base) if form.base else None
    filled = FilledForm(form, organization, on, start)
    for row in form.rows:
        if row.heading:
            filled.rows.append((row, []))
            continue
        count = sum(_value(form.source, figures, key) for key in row.keys)
        values = [count if c == "count" else _share(count, base or 0) for c in form.columns]
        filled.rows.append((row, values))
    return filled


def fill_all(organization, on: dt.date) -> list[FilledForm]:
    cache: dict = {}
    return [fill(form, organization, on, cache=cache) for form in forms()]
