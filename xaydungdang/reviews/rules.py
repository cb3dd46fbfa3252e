"""The Party's rules on review and quality rating (rules.md §2.1), as plain functions.

Current text: QĐ 366-QĐ/TW (30/8/2025) + HD 43-HD/BTCTW (31/10/2025) + KL 198-KL/TW, which replaced
QĐ 124-QĐ/TW + HD 25-HD/BTCTW (2023) ← QĐ 132-QĐ/TW + HD 16/HD 21-HD/BTCTW (2018, 2019). Where the 2025
text was not found, the rule keeps the last text found and says so in its parameter's legal basis.
Every number is a parameter (core.parameters); a deployment overrides it with a RuleSetting row.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.core import parameters
from xaydungdang.core.dates import months_between
from xaydungdang.organizations.choices import GRASSROOTS_KINDS, OrganizationKind
from xaydungdang.reviews.choices import LEVEL_RANK, Level, NotRated, Subject, TaskProgress

QD366 = "QĐ 366-QĐ/TW 30/8/2025 Điều 11"
EXCELLENT_MIN_SCORE = parameters.define(
    "reviews.excellent_min_score", 90, legal_basis=QD366, description="Điểm tối thiểu mức hoàn thành xuất sắc"
)
GOOD_MIN_SCORE = parameters.define(
    "reviews.good_min_score", 70, legal_basis=QD366, description="Điểm tối thiểu mức hoàn thành tốt"
)
COMPLETED_MIN_SCORE = parameters.define(
    "reviews.completed_min_score", 50, legal_basis=QD366, description="Điểm tối thiểu mức hoàn thành nhiệm vụ"
)
EXCEEDED_TASKS_PERCENT = parameters.define(
    "reviews.exceeded_tasks_percent",
    30,
    legal_basis=QD366 + " khoản 1",
    description="Tỷ lệ nhiệm vụ vượt mức tối thiểu để xếp loại hoàn thành xuất sắc (%)",
)
LATE_TASKS_MAX_PERCENT = parameters.define(
    "reviews.late_tasks_max_percent",
    20,
    legal_basis=QD366 + " khoản 3",
    description="Tỷ lệ nhiệm vụ chậm tiến độ tối đa của mức hoàn thành nhiệm vụ (%)",
)
EXCELLENT_QUOTA_PERCENT = parameters.define(
    "reviews.excellent_quota_percent",
    20,
    legal_basis="HD 21-HD/BTCTW 2019 mục II.2.3a (lời văn trong QĐ 124/QĐ 366 chưa tìm thấy) [UNSURE]",
    description="Số đảng viên hoàn thành xuất sắc không vượt quá tỷ lệ này của số hoàn thành tốt (%)",
)
EXCELLENT_QUOTA_PERCENT_OUTSTANDING_UNIT = parameters.define(
    "reviews.excellent_quota_percent_outstanding_unit",
    20,
    legal_basis="NĐ 335/2025/NĐ-CP: ngoại lệ cho đơn vị hoàn thành xuất sắc; chưa tìm thấy con số [UNSURE]",
    description="Tỷ lệ áp dụng khi tổ chức cơ sở đảng được xếp loại hoàn thành xuất sắc (%)",
)
EXCELLENT_QUOTA_BASE_INCLUDES_EXCELLENT = parameters.define(
    "reviews.excellent_quota_base_includes_excellent",
    True,
    legal_basis="HD 21-HD/BTCTW 2019: đảng viên xuất sắc được chọn trong số đạt mức tốt [INFERRED]",
    description="Số 'hoàn thành tốt' làm cơ sở tính tỷ lệ gồm cả những người được chọn xuất sắc",
)
EXCELLENT_QUOTA_SCOPE = parameters.define(
    "reviews.excellent_quota_scope",
    "grassroots",
    legal_basis="HD 21-HD/BTCTW 2019: 'trong từng tổ chức cơ sở đảng'",
    description="Phạm vi tính tỷ lệ: 'grassroots' (từng tổ chức cơ sở đảng) hoặc 'dossier' (từng chi bộ)",
)
DISCIPLINE_MAX_LEVEL = parameters.define(
    "reviews.discipline_max_level",
    Level.FAILED.value,
    legal_basis="HD 21-HD/BTCTW 2019 mục II.2b; QĐ 124-QĐ/TW Điều 12: bị kỷ luật trong năm",
    description="Mức cao nhất của đảng viên, tổ chức bị kỷ luật trong kỳ",
)
NEW_MEMBER_MIN_MONTHS = parameters.define(
    "reviews.new_member_min_months",
    6,
    legal_basis="HD 21-HD/BTCTW 2019 mục II.6: đảng viên mới kết nạp chưa đủ 6 tháng không xếp loại",
    description="Số tháng từ ngày kết nạp đến cuối kỳ để được xếp loại",
)
NEW_ORGANIZATION_MIN_MONTHS = parameters.define(
    "reviews.new_organization_min_months",
    6,
    legal_basis="HD 21-HD/BTCTW 2019 mục II.6: tổ chức mới thành lập chưa đủ 6 tháng không xếp loại",
    description="Số tháng từ ngày thành lập đến cuối kỳ để được xếp loại",
)
SICK_LEAVE_MONTHS = parameters.define(
    "reviews.sick_leave_months",
    3,
    legal_basis="HD 21-HD/BTCTW 2019 mục II.6: nghỉ ốm từ 3 tháng trở lên không xếp loại tốt trở lên",
    description="Số tháng nghỉ ốm trong kỳ từ đó chỉ xếp tối đa mức hoàn thành nhiệm vụ",
)
RATE_EXEMPTED_MEMBERS = parameters.define(
    "reviews.rate_exempted_members",
    False,
    legal_basis="Đảng viên miễn công tác và sinh hoạt đảng: kiểm điểm, không xếp loại [INFERRED]",
    description="Có xếp loại đảng viên được miễn công tác và sinh hoạt đảng",
)

# Messages of the checks, as constants so tests assert them.
LEVEL_ABOVE_CEILING = gettext_lazy(
    "%(name)s: mức “%(chosen)s” cao hơn mức tối đa “%(ceiling)s” mà điều kiện cho phép (%(why)s)."
)
LEVEL_ABOVE_SCORE = gettext_lazy(
    "%(name)s: tổng điểm %(score)s chỉ đạt mức “%(band)s”, không thể xếp “%(chosen)s” (%(rule)s)."
)
LEVEL_MISSING = gettext_lazy("%(name)s: chưa xếp loại; hãy nhập điểm hoặc chọn mức xếp loại.")
LEVEL_NOT_ALLOWED = gettext_lazy("%(name)s: %(reason)s Hãy để trống mức xếp loại.")
QUOTA_EXCEEDED = gettext_lazy(
    "%(group)s: %(excellent)s đảng viên hoàn thành xuất sắc nhiệm vụ (%(names)s), vượt quá %(allowed)s "
    "= %(percent)s%% của %(base)s đảng viên hoàn thành tốt nhiệm vụ trở lên (HD 21-HD/BTCTW, tỷ lệ xuất sắc)."
)
SCORE_OUT_OF_RANGE = gettext_lazy("Điểm nhóm “%(group)s” phải từ 0 đến %(max)s.")
TOTAL_OUT_OF_RANGE = gettext_lazy("Tổng điểm phải từ 0 đến 100.")


class Params(dict):
    """The review parameters in force on one day, read in one query (a grid checks many rows at once)."""

    @classmethod
    def on(cls, day: dt.date | None = None) -> "Params":
        from xaydungdang.core.dates import today
        from xaydungdang.core.models import RuleSetting

        day = day or today()
        keys = [key for key in parameters.REGISTRY if key.startswith("reviews.")]
        values = {key: parameters.REGISTRY[key].default for key in keys}
        overrides = RuleSetting.objects.valid_on(day).filter(key__in=keys).order_by("valid_from", "id")
        for key, value in overrides.values_list("key", "value"):
            values[key] = value  # the latest valid_from wins, as parameters.value() decides
        return cls(values)


def _value(parameter, params: "Params | None", on) -> object:
    return params[parameter.key] if params is not None else parameters.value(parameter.key, on)


def level_label(level: str | None) -> str:
    return str(Level(level).label) if level else _("không xếp loại")


def lower(a: str, b: str) -> str:
    return a if LEVEL_RANK[a] <= LEVEL_RANK[b] else b


def score_band(score: Decimal, *, on: dt.date | None = None, params: Params | None = None) -> str:
    """The level a total score reaches on the 100-point scale (QĐ 366-QĐ/TW Điều 11): ≥90, 70–<90, 50–<70, <50."""
    if score >= _value(EXCELLENT_MIN_SCORE, params, on):
        return Level.EXCELLENT
    if score >= _value(GOOD_MIN_SCORE, params, on):
        return Level.GOOD
    if score >= _value(COMPLETED_MIN_SCORE, params, on):
        return Level.COMPLETED
    return Level.FAILED


@dataclass(frozen=True)
class Facts:
    """What the rating depends on, for one member or organization in one period."""

    subject: str = Subject.MEMBER
    score: Decimal | None = None
    task_progress: str = TaskProgress.ON_TIME
    serious_violation: bool = False
    disciplined: bool = False
    discipline_note: str = ""
    sick_leave_months: int = 0
    shortcomings_fixed: bool = True
    unit_disciplined: bool = False
    not_rated: str = ""


@dataclass(frozen=True)
class Proposal:
    """The level the system proposes, the highest level the conditions allow, and why (in Vietnamese)."""

    level: str | None
    ceiling: str | None
    reasons: tuple[str, ...] = field(default_factory=tuple)
    ceiling_reasons: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def _caps(facts: Facts, on: dt.date | None, params: Params | None) -> list[tuple[str, str]]:  # noqa: C901 - one flat list of conditions
    """Each condition that caps or forces a level, as (level at most, reason)."""
    caps: list[tuple[str, str]] = []
    exceeded = _value(EXCEEDED_TASKS_PERCENT, params, on)
    late = _value(LATE_TASKS_MAX_PERCENT, params, on)
    if facts.task_progress == TaskProgress.ON_TIME:
        caps.append((Level.GOOD, _("chưa có ít nhất %(p)s%% nhiệm vụ hoàn thành vượt mức") % {"p": exceeded}))
    elif facts.task_progress == TaskProgress.SOME_LATE:
        caps.append((Level.COMPLETED, _("có nhiệm vụ chậm tiến độ (không quá %(p)s%%)") % {"p": late}))
    elif facts.task_progress == TaskProgress.NOT_DONE:
        caps.append((Level.FAILED, _("không hoàn thành nhiệm vụ được giao hoặc chậm quá %(p)s%%") % {"p": late}))
    if not facts.shortcomings_fixed:
        caps.append((Level.GOOD, _("chưa khắc phục hết hạn chế, khuyết điểm đã được chỉ ra")))
    if facts.subject == Subject.ORGANIZATION and facts.unit_disciplined:
        caps.append((Level.GOOD, _("có đơn vị trực thuộc hoặc thành viên tập thể lãnh đạo bị kỷ luật")))
    months = _value(SICK_LEAVE_MONTHS, params, on)
    if facts.sick_leave_months >= months:
        caps.append(
            (
                Level.COMPLETED,
                _("nghỉ ốm %(n)s tháng trong kỳ (từ %(m)s tháng trở lên)")
                % {"n": facts.sick_leave_months, "m": months},
            )
        )
    if facts.disciplined:
        note = f" ({facts.discipline_note})" if facts.discipline_note else ""
        caps.append((_value(DISCIPLINE_MAX_LEVEL, params, on), _("bị kỷ luật trong kỳ đánh giá") + note))
    if facts.serious_violation:
        caps.append(
            (
                Level.FAILED,
                _("suy thoái về tư tưởng chính trị, đạo đức, lối sống hoặc vi phạm điều đảng viên không được làm"),
            )
        )
    return caps


def propose(facts: Facts, *, on: dt.date | None = None, params: Params | None = None) -> Proposal:
    """Propose a level from the score and the conditions of QĐ 366-QĐ/TW Điều 11, with the reasons.

    The score gives a band (≥90 / 70–<90 / 50–<70 / <50); each condition caps the level (a discipline or a
    serious violation forces "không hoàn thành"). The proposal is the lower of the band and every cap.
    """
    if facts.not_rated:
        reason = _("Không xếp loại: %(reason)s.") % {"reason": NotRated(facts.not_rated).label}
        return Proposal(level=None, ceiling=None, reasons=(reason,))
    ceiling, reasons, ceiling_reasons = Level.EXCELLENT, [], []
    for cap, why in _caps(facts, on, params):
        ceiling = lower(ceiling, cap)
        text = _("Tối đa “%(level)s”: %(why)s.") % {"level": level_label(cap), "why": why}
        reasons.append(text)
        ceiling_reasons.append((cap, why))
    if facts.score is None:
        level = Level.FAILED if ceiling == Level.FAILED else None
        reasons.insert(0, _("Chưa có điểm: hãy nhập điểm hoặc chọn mức xếp loại."))
    else:
        band = score_band(facts.score, on=on, params=params)
        level = lower(band, ceiling)
        reasons.insert(
            0,
            _("Tổng điểm %(score)s: đạt điểm mức “%(level)s” (%(rule)s).")
            % {"score": format_points(facts.score), "level": level_label(band), "rule": QD366},
        )
    if level:
        reasons.append(_("Đề xuất: “%(level)s”.") % {"level": level_label(level)})
    return Proposal(level=level, ceiling=ceiling, reasons=tuple(reasons), ceiling_reasons=tuple(ceiling_reasons))


def level_errors(
    *, name: str, chosen: str | None, proposal: Proposal, score: Decimal | None, on=None, params: Params | None = None
) -> list[str]:
    """What is wrong with the level chosen for one subject (empty when it may be submitted)."""
    if proposal.ceiling is None:  # not rated
        return [] if not chosen else [LEVEL_NOT_ALLOWED % {"name": name, "reason": proposal.reasons[0]}]
    effective = chosen or proposal.level
    if not effective:
        return [LEVEL_MISSING % {"name": name}]
    errors = []
    if score is not None and LEVEL_RANK[effective] > LEVEL_RANK[score_band(score, on=on, params=params)]:
        band = level_label(score_band(score, on=on, params=params))
        errors.append(
            LEVEL_ABOVE_SCORE
            % {
                "name": name,
                "score": format_points(score),
                "band": band,
                "chosen": level_label(effective),
                "rule": QD366,
            }
        )
    if LEVEL_RANK[effective] > LEVEL_RANK[proposal.ceiling]:
        errors.append(
            LEVEL_ABOVE_CEILING
            % {
                "name": name,
                "chosen": level_label(effective),
                "ceiling": level_label(proposal.ceiling),
                "why": "; ".join(
                    why for cap, why in proposal.ceiling_reasons if LEVEL_RANK[cap] < LEVEL_RANK[effective]
                ),
            }
        )
    return errors


def format_points(score: Decimal) -> str:
    """92, 87,5 — the Vietnamese way, without useless decimals."""
    text = f"{score.normalize():f}" if score == score.to_integral_value() else f"{score:.2f}".rstrip("0")
    return text.replace(".", ",")


# --- quota of "excellent" ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Quota:
    excellent: int
    good: int
    base: int
    percent: Decimal
    allowed: int

    @property
    def ok(self) -> bool:
        return self.excellent <= self.allowed


def excellent_quota(
    *, excellent: int, good: int, outstanding_unit: bool = False, on=None, params: Params | None = None
) -> Quota:
    """How many members may be rated excellent in a group (HD 21-HD/BTCTW 2019 §II.2.3a).

    "Không vượt quá 20% số đảng viên được xếp loại hoàn thành tốt": allowed = ⌊base × percent / 100⌋, rounded
    DOWN because any more would exceed the share. Base = good (+ excellent, by default: the excellent are
    chosen among those who reached "good"). So 4 good → 0 excellent, 5 → 1, 10 → 2, 0 → 0.
    An outstanding grassroots organization (itself rated excellent) uses its own percentage (NĐ 335/2025).
    """
    parameter = EXCELLENT_QUOTA_PERCENT_OUTSTANDING_UNIT if outstanding_unit else EXCELLENT_QUOTA_PERCENT
    percent = Decimal(str(_value(parameter, params, on)))
    base = good + excellent if _value(EXCELLENT_QUOTA_BASE_INCLUDES_EXCELLENT, params, on) else good
    allowed = int((Decimal(base) * percent / 100).to_integral_value(rounding=ROUND_FLOOR))
    return Quota(excellent=excellent, good=good, base=base, percent=percent, allowed=allowed)


def quota_message(quota: Quota, *, group: str, names: list[str]) -> str:
    return QUOTA_EXCEEDED % {
        "group": group,
        "excellent": quota.excellent,
        "names": ", ".join(names),
        "allowed": quota.allowed,
        "percent": format_points(quota.percent),
        "base": quota.base,
    }


# --- who is rated -------------------------------------------------------------------------------------
def _required_months(parameter, start: dt.date, end: dt.date, params: Params | None) -> int:
    """The rule's months, but never more than the period lasts (a quarter asks 3 months) [INFERRED]."""
    length = months_between(start, end + dt.timedelta(days=1))
    return min(_value(parameter, params, end), length)


def member_not_rated(
    *, admission_date, is_exempted: bool, start: dt.date, end: dt.date, params: Params | None = None
) -> str:
    """Why a member is reviewed but not rated in the period ("" when rated). HD 21-HD/BTCTW 2019 §II.6."""
    if admission_date and admission_date > start - dt.timedelta(days=1):
        required = _required_months(NEW_MEMBER_MIN_MONTHS, start, end, params)
        if months_between(admission_date, end + dt.timedelta(days=1)) < required:
            return NotRated.NEW_MEMBER
    if is_exempted and not _value(RATE_EXEMPTED_MEMBERS, params, end):
        return NotRated.EXEMPTED
    return ""


def organization_not_rated(*, founded_on, start: dt.date, end: dt.date) -> str:
    """An organization founded too late in the period is not rated (HD 21-HD/BTCTW 2019 §II.6)."""
    if founded_on and founded_on > start - dt.timedelta(days=1):
        required = _required_months(NEW_ORGANIZATION_MIN_MONTHS, start, end, None)
        if months_between(founded_on, end + dt.timedelta(days=1)) < required:
            return NotRated.NEW_ORGANIZATION
    return ""


# --- discipline -------------------------------------------------------------------------------------
def discipline_counts(day: dt.date, *, window: tuple[dt.date, dt.date], counted: list[tuple[dt.date, dt.date]]) -> bool:
    """Does a discipline dated `day` cap the rating of the period `window`? (rules.md §2.1)

    "Discipline of khiển trách (reprimand) or higher *in the year*" caps the rating of that year, so a
    discipline counts in the period that holds it and only once: when the member was already reviewed in an
    earlier period of the same kind whose dates also hold it (`counted`, e.g. a year opened from 01/12 of
    the year before), it capped that rating and does not cap this one nor any later one. Every recorded
    discipline short of expulsion (khiển trách, cảnh cáo, cách chức) is reprimand or higher.
    """
    start, end = window
    return start <= day <= end and not any(s <= day <= e for s, e in counted)


# --- who rates whom -----------------------------------------------------------------------------------
def ancestors_of(organization) -> list:
    """Ancestors from the root down (one query on the indexed path)."""
    from xaydungdang.organizations.models import Organization
    from xaydungdang.reviews.querysets import ancestor_paths

    return list(Organization.objects.filter(path__in=ancestor_paths(organization.path)[:-1]).order_by("path"))


def approving_organization(organization, ancestors: list | None = None):
    """The organization that decides a dossier's ratings (HD 25-HD/BTCTW 2023 §3; HD 43-HD/BTCTW 2025).

    Members and sub-units (chi bộ trực thuộc, đảng bộ bộ phận) → the đảng ủy cơ sở; grassroots organizations
    → the standing committee of the level directly above; higher levels → their parent. None at the root.
    `ancestors` (root first) may be given when already loaded, so a list of children costs no query each.
    """
    ancestors = ancestors_of(organization) if ancestors is None else ancestors
    if organization.kind in (OrganizationKind.CELL, OrganizationKind.PARTIAL_COMMITTEE):
        for ancestor in reversed(ancestors):
            if ancestor.kind == OrganizationKind.GRASSROOTS_COMMITTEE:
                return ancestor
    return ancestors[-1] if ancestors else None


def quota_organization(organization, params: Params | None = None, ancestors: list | None = None):
    """The group the excellent quota counts in: the grassroots organization (TCCSĐ) holding `organization`,
    or the dossier's own organization when the deployment sets the scope to 'dossier'."""
    if _value(EXCELLENT_QUOTA_SCOPE, params, None) == "dossier" or organization.kind in GRASSROOTS_KINDS:
        return organization
    for ancestor in reversed(ancestors_of(organization) if ancestors is None else ancestors):
        if ancestor.kind in GRASSROOTS_KINDS:
            return ancestor
    return organization
