"""The basic statistical tables of party members and organizations, for a subtree on a date.

HD 11-HD/BTCTW (13/12/2021) sets the official basic statistical forms, but their codes and column
lists were not found (rules.md §2.10, a known GAP). These tables are built from the dimensions the
committees actually report (rules.md §2.10: Quảng Trị 2018 and the admission reports) and are named
"Biểu TK…" of this system, not the official form numbers; swap in the official columns when the annex
of HD 11 is at hand. One row per organization directly under the one reported on, and a totals row.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import Substr

from xaydungdang.members.choices import EducationLevel, Occupation, Qualification, TheoryLevel
from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.organizations.models import Organization
from xaydungdang.reports.dimensions import AGE_BANDS, DIMENSIONS, PARTY_AGE_BANDS
from xaydungdang.reports.selectors import subtree_statistics
from xaydungdang.reports.selectors.children import children_on, counts_by_child
from xaydungdang.reports.selectors.organizations import below, existing_on

GAP_NOTE = (
    "Ghi chú: danh mục biểu và cột chính thức theo Hướng dẫn 11-HD/BTCTW ngày 13/12/2021 chưa được cập nhật; "
    "các biểu này lập theo các chỉ tiêu cấp ủy thường báo cáo (số lượng, cơ cấu, chất lượng đảng viên và tổ chức đảng)."
)


@dataclass
class Column:
    label: str
    value: Callable[[dict], int]


@dataclass
class Table:
    code: str
    title: str
    source: str  # "members" or "organizations"
    columns: list[Column]


@dataclass
class FilledTable:
    table: Table
    organization: Organization
    on: dt.date
    rows: list[tuple[str, list[int]]]
    total: list[int]


def _bucket(dimension: str, key: str) -> Callable[[dict], int]:
    return lambda counts: counts[dimension].get(key, 0)


def _kinds(*kinds: str) -> Callable[[dict], int]:
    return lambda counts: sum(counts["by_kind"].get(kind, 0) for kind in kinds)


def _labelled(dimension: str, keys) -> list[Column]:
    labels = dict(DIMENSIONS[dimension][1])
    return [Column(str(labels[key]), _bucket(dimension, key)) for key in keys]


TABLES = [
    Table(
        "TK01",
        "Số lượng tổ chức đảng",
        "organizations",
        [
            Column("Tổng số tổ chức đảng", lambda c: c["total"]),
            Column("Đảng bộ cấp trên trực tiếp cơ sở", _kinds(K.UPPER_GRASSROOTS)),
            Column("Tổ chức cơ sở đảng", _kinds(K.GRASSROOTS_COMMITTEE, K.GRASSROOTS_CELL)),
            Column("Trong đó: đảng bộ cơ sở", _kinds(K.GRASSROOTS_COMMITTEE)),
            Column("Trong đó: chi bộ cơ sở", _kinds(K.GRASSROOTS_CELL)),
            Column("Đảng bộ bộ phận", _kinds(K.PARTIAL_COMMITTEE)),
            Column("Chi bộ trực thuộc", _kinds(K.CELL)),
        ],
    ),
    Table(
        "TK02",
        "Số lượng và cơ cấu đảng viên",
        "members",
        [
            Column("Tổng số đảng viên", _bucket("total", "")),
            Column("Đảng viên dự bị", _bucket("status", "probationary")),
            Column("Đảng viên chính thức", _bucket("status", "official")),
            Column("Nữ", _bucket("gender", "female")),
            Column("Dân tộc thiểu số", _bucket("minority", "minority")),
            Column("Có đạo", lambda c: c["total"][""] - c["religion"].get("none", 0)),
            Column("Miễn công tác và sinh hoạt đảng", _bucket("exempted", "yes")),
        ],
    ),
    Table("TK03", "Đảng viên theo độ tuổi", "members", _labelled("age_band", [key for key, _e, _l in AGE_BANDS[1:]])),
    Table(
        "TK04",
        "Đảng viên theo trình độ",
        "members",
        _labelled("education", EducationLevel.values)
        + _labelled("qualification", Qualification.values[1:])
        + _labelled("theory_level", TheoryLevel.values[1:]),
    ),
    Table("TK05", "Đảng viên theo nghề nghiệp", "members", _labelled("occupation", Occupation.values)),
    Table(
        "TK06",
        "Đảng viên theo tuổi đảng",
        "members",
        _labelled("party_age_band", [key for key, _e, _l in PARTY_AGE_BANDS]),
    ),
]
TABLES_BY_CODE = {table.code: table for table in TABLES}


def organization_counts_by_child(organization, on: dt.date) -> dict[str, dict]:
    """Organizations existing on `on` in each child's subtree (the child included), by kind."""
    length = len(organization.path) + Organization.steplen
    rows = (
        below(organization)
        .filter(existing_on(on))
        .annotate(child=Substr("path", 1, length))
        .values("child", "kind")
        .annotate(n=Count("pk"))
    )
    result: dict[str, dict] = {}
    for row in rows:
        counts = result.setdefault(row["child"], {"total": 0, "by_kind": {}})
        counts["by_kind"][row["kind"]] = row["n"]
        counts["total"] += row["n"]
    return result


def fill(organization, on: dt.date, tables: list[Table] = TABLES) -> list[FilledTable]:
    """Every table for the subtree on `on`: three queries for the rows plus the totals."""
    stats = subtree_statistics(organization=organization, on=on)
    member_rows = counts_by_child(organization, on)
    organization_rows = organization_counts_by_child(organization, on)
    children = children_on(organization, on)
    filled = []
    for table in tables:
        if table.source == "members":
            rows = [(child.name, [c.value(counts) for c in table.columns]) for child, counts in member_rows]
            total = [c.value(stats["members"]) for c in table.columns]
        else:
            empty = {"total": 0, "by_kind": {}}
            rows = [
                (child.name, [c.value(organization_rows.get(child.path, empty)) for c in table.columns])
                for child in children
            ]
            total = [c.value(stats["organizations"]) for c in table.columns]
        filled.append(FilledTable(table, organization, on, rows, total))
    return filled
