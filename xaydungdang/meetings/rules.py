"""The Party's rules on cell meetings (rules.md §2.9), each citing its source; numbers are parameters.

- Cells (chi bộ, chi bộ cơ sở) meet every month; a thematic meeting at least once a quarter, which does not
  replace the monthly one (CT 50-CT/TW 23/7/2025; HD 42-HD/BTCTW 28/10/2025; HD 09-HD/BTCTW 02/3/2012).
- A grassroots committee (đảng bộ cơ sở) meets twice a year (QĐ 24-QĐ/TW §20).
- Absent from party activity without good reason in 3 months of a year is a ground for xóa tên (QĐ 24 §8.1).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from xaydungdang.core import parameters
from xaydungdang.core.dates import add_months
from xaydungdang.meetings.choices import MeetingKind, QualityLevel
from xaydungdang.organizations.choices import OrganizationKind

REGULAR_MONTHS = parameters.define(
    "meetings.regular_period_months",
    1,
    legal_basis="Điều lệ Đảng; CT 50-CT/TW (23/7/2025); HD 09-HD/BTCTW (02/3/2012): chi bộ sinh hoạt định kỳ hằng tháng",
    description="Chu kỳ sinh hoạt chi bộ thường kỳ (tháng)",
)
THEMATIC_MONTHS = parameters.define(
    "meetings.thematic_period_months",
    3,
    legal_basis="HD 09-HD/BTCTW (2012), giữ trong CT 50-CT/TW và HD 42-HD/BTCTW (2025): sinh hoạt chuyên đề ít nhất mỗi quý một lần",
    description="Chu kỳ sinh hoạt chuyên đề (tháng)",
)
COMMITTEE_MONTHS = parameters.define(
    "meetings.committee_period_months",
    6,
    legal_basis="QĐ 24-QĐ/TW §20: đảng bộ cơ sở sinh hoạt mỗi năm hai lần (sơ kết 6 tháng, tổng kết năm)",
    description="Chu kỳ sinh hoạt đảng bộ cơ sở (tháng)",
)
LOOKBACK_MONTHS = parameters.define(
    "meetings.due_lookback_months",
    6,
    legal_basis="[INFERRED] Việc cần làm nhắc các kỳ sinh hoạt bị bỏ trong 6 tháng gần nhất",
    description="Số tháng gần nhất xét kỳ sinh hoạt bị bỏ trong Việc cần làm",
)
ABSENCE_MONTHS = parameters.define(
    "meetings.absence_months",
    3,
    legal_basis="QĐ 24-QĐ/TW §8.1: bỏ sinh hoạt đảng 3 tháng trong năm không có lý do chính đáng là căn cứ xóa tên",
    description="Số tháng vắng sinh hoạt không có lý do trong năm để xem xét xóa tên",
)
QUALITY_THRESHOLDS = parameters.define(
    "meetings.quality_thresholds",
    {"good": 90, "fair": 70, "average": 50},
    legal_basis="[INFERRED] HD 12-HD/BTCTW (2018) xếp chất lượng sinh hoạt chi bộ Tốt, Khá, Trung bình, Kém; "
    "ngưỡng điểm chưa tìm thấy văn bản [GAP], tham số hóa để thay theo HD 42-HD/BTCTW (2025)",
    description="Điểm tối thiểu (trên 100) của mỗi mức chất lượng sinh hoạt",
)


@dataclass(frozen=True)
class Requirement:
    """A meeting the rules make due: its kind, who holds it and how often (a parameter in months)."""

    kind: str
    organization_kinds: frozenset[str]
    months: parameters.Parameter


CELL_KINDS = frozenset({OrganizationKind.CELL, OrganizationKind.GRASSROOTS_CELL})
REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(MeetingKind.REGULAR, CELL_KINDS, REGULAR_MONTHS),
    Requirement(MeetingKind.THEMATIC, CELL_KINDS, THEMATIC_MONTHS),
    Requirement(MeetingKind.COMMITTEE, frozenset({OrganizationKind.GRASSROOTS_COMMITTEE}), COMMITTEE_MONTHS),
)
PERIODIC_KINDS = frozenset(r.kind for r in REQUIREMENTS)
REQUIRED_ORGANIZATION_KINDS = frozenset().union(*(r.organization_kinds for r in REQUIREMENTS))


def requirements_for(organization_kind: str) -> list[Requirement]:
    return [r for r in REQUIREMENTS if organization_kind in r.organization_kinds]


def period_months(kind: str, on: dt.date) -> int:
    """The length of `kind`'s period in months (extraordinary meetings count for the month they are held)."""
    for requirement in REQUIREMENTS:
        if requirement.kind == kind:
            return int(parameters.value(requirement.months.key, on=on))
    return 1


def period_of(kind: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The period (first and last day) of `kind` that contains `day`: its month, quarter or half-year."""
    months = period_months(kind, day)
    first_month = (day.month - 1) // months * months + 1
    start = dt.date(day.year, first_month, 1)
    return start, add_months(start, months) - dt.timedelta(days=1)


def periods_ending_between(kind: str, first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The periods of `kind` whose last day falls in [first, last], oldest first."""
    periods = []
    start, end = period_of(kind, first)
    while start <= last:
        if first <= end <= last:
            periods.append((start, end))
        start = end + dt.timedelta(days=1)
        start, end = period_of(kind, start)
    return periods


def is_late(kind: str, period_start: dt.date, held_on: dt.date) -> bool:
    """A periodic meeting held after its period ended (the month's meeting held next month)."""
    return kind in PERIODIC_KINDS and held_on > period_of(kind, period_start)[1]


def active_during(organization, start: dt.date, end: dt.date) -> bool:
    """An organization owes the meetings of the periods it existed in (founded before the end, not
    dissolved before the start)."""
    founded, dissolved = organization.founded_on, organization.dissolved_on
    return (founded is None or founded <= end) and (dissolved is None or dissolved >= start)


def absence_ground(unexcused_months: set[tuple[int, int]], year: int, on: dt.date) -> bool:
    """QĐ 24 §8.1: absent without good reason in `ABSENCE_MONTHS` months of the year (distinct months)."""
    months = {m for y, m in unexcused_months if y == year}
    return len(months) >= int(parameters.value(ABSENCE_MONTHS.key, on=on))


def quality_level(points: int, on: dt.date) -> str:
    """The level of a self-assessment by the points of the criteria met (out of 100)."""
    thresholds = parameters.value(QUALITY_THRESHOLDS.key, on=on)
    for level in (QualityLevel.GOOD, QualityLevel.FAIR, QualityLevel.AVERAGE):
        if points >= int(thresholds[level.value]):
            return level
    return QualityLevel.WEAK


# --- the agenda (HD 09-HD/BTCTW 02/3/2012, under CT 10-CT/TW 30/3/2007; kept by HD 42-HD/BTCTW 2025) ----
@dataclass(frozen=True)
class AgendaItem:
    key: str
    title: str
    part: str


OPENING, BODY = _("Phần mở đầu"), _("Phần nội dung")
AGENDA: tuple[AgendaItem, ...] = (
    AgendaItem("fees", _("Thu đảng phí"), OPENING),
    AgendaItem("situation", _("Tình hình đảng viên của chi bộ (có mặt, vắng mặt và lý do, miễn sinh hoạt)"), OPENING),
    AgendaItem("programme", _("Thông qua chương trình, cử thư ký"), OPENING),
    AgendaItem("news", _("Thông tin thời sự, chủ trương, chính sách"), BODY),
    AgendaItem("review", _("Kiểm điểm việc thực hiện nhiệm vụ tháng trước"), BODY),
    AgendaItem("example", _("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"), BODY),
    AgendaItem("opinions", _("Ý kiến của quần chúng, đoàn thể"), BODY),
    AgendaItem("tasks", _("Nhiệm vụ tháng tới"), BODY),
)
TOPIC = AgendaItem("topic", _("Nội dung chuyên đề"), BODY)


def agenda_for(kind: str) -> tuple[AgendaItem, ...]:
    """The guide's order; a thematic meeting discusses its topic after the review of last month."""
    if kind != MeetingKind.THEMATIC:
        return AGENDA
    keys = [item.key for item in AGENDA]
    at = keys.index("review") + 1
    return (*AGENDA[:at], TOPIC, *AGENDA[at:])
