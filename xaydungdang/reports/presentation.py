"""Chart and table payloads of the dashboard: pure functions of the statistics (no queries)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from xaydungdang.core.charts import chart_data
from xaydungdang.core.numbers import share, vn_percent
from xaydungdang.organizations.choices import OrganizationKind
from xaydungdang.reports.dimensions import DIMENSIONS

# Dashboard sections: dimension, chart type. Ethnicity details and exemption are in the tables only.
CHARTED = [
    ("status", "doughnut"),
    ("gender", "doughnut"),
    ("minority", "doughnut"),
    ("age_band", "bar"),
    ("party_age_band", "bar"),
    ("religion", "bar"),
    ("education", "bar"),
    ("qualification", "bar"),
    ("theory_level", "bar"),
    ("occupation", "bar"),
]


@dataclass
class Section:
    key: str
    title: str
    chart: str
    rows: list[tuple[str, int, str]] = field(default_factory=list)  # label, count, share of the total

    @property
    def payload(self) -> dict | None:
        """What the chart draws (core.charts): None when every count is zero, a top-N with "Khác" past 12 rows."""
        return chart_data([r[0] for r in self.rows], [r[1] for r in self.rows]).payload(type=self.chart)


def member_sections(counts: dict) -> list[Section]:
    total = counts["total"][""]
    sections = []
    for dimension, chart in CHARTED:
        title, buckets = DIMENSIONS[dimension]
        rows = [
            (label, counts[dimension].get(key, 0), vn_percent(share(counts[dimension].get(key, 0), total)))
            for key, label in buckets
        ]
        if dimension in ("education", "occupation", "religion", "age_band"):
            rows = [row for row in rows if row[1] or not str(row[0]).startswith(("Chưa rõ", "Dưới 18"))]
        sections.append(Section(dimension, str(title), chart, rows))
    return sections


def organization_section(organization_counts: dict) -> Section:
    rows = [
        (label, organization_counts["by_kind"].get(kind, 0), "")
        for kind, label in OrganizationKind.choices
        if organization_counts["by_kind"].get(kind, 0)
    ]
    return Section("organizations", str(_("Tổ chức đảng theo loại")), "bar", rows)


def ethnicity_rows(counts: dict) -> list[tuple[str, int, str]]:
    """Ethnic groups present, largest first."""
    total = counts["total"][""]
    labels = dict(DIMENSIONS["ethnicity"][1])
    rows = [(labels.get(key, key), n, vn_percent(share(n, total))) for key, n in counts["ethnicity"].items() if n]
    return sorted(rows, key=lambda row: -row[1])


def plan_payload(rows) -> dict | None:
    """Planned and admitted per organization (grouped bars): the largest plans and "Khác" past 12 units."""
    data = chart_data(
        [row.organization.name for row in rows], [row.planned or 0 for row in rows], [row.admitted for row in rows]
    )
    return data.payload(type="plan", names=[str(_("Kế hoạch")), str(_("Đã kết nạp"))])
