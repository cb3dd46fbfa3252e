"""The narrative report: Vietnamese sentences written from the figures of a subtree and a period."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from xaydungdang.core.dates import format_vn_date
from xaydungdang.core.numbers import share, vn_int, vn_percent
from xaydungdang.members.choices import MemberStatus
from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.reports.compare import change_phrase
from xaydungdang.reports.selectors import subtree_statistics
from xaydungdang.reports.selectors.admissions import achievement, admissions
from xaydungdang.reports.selectors.changes import TRANSFERRED, member_changes
from xaydungdang.reports.selectors.organizations import organization_changes

KIND_NOUNS = {
    K.PROVINCIAL: "đảng bộ trực thuộc Trung ương",
    K.UPPER_GRASSROOTS: "đảng bộ cấp trên trực tiếp cơ sở",
    K.PARTIAL_COMMITTEE: "đảng bộ bộ phận",
    K.CELL: "chi bộ trực thuộc",
}
LEFT_NOUNS = {
    TRANSFERRED: "chuyển sinh hoạt đi",
    MemberStatus.DECEASED: "từ trần",
    MemberStatus.STRUCK_OFF: "bị xóa tên",
    MemberStatus.EXPELLED: "bị khai trừ",
    MemberStatus.DISMISSED: "cho ra khỏi Đảng",
    MemberStatus.RESIGNED: "xin ra khỏi Đảng",
    MemberStatus.ANNULLED: "không công nhận kết nạp",
}


@dataclass
class Narrative:
    organization: object
    start: dt.date
    end: dt.date
    sections: list[tuple[str, list[str]]] = field(default_factory=list)


def _pct(part: int, whole: int) -> str:
    return vn_percent(share(part, whole))


def organizations_sentence(name: str, on: dt.date, by_kind: dict) -> str:
    """ "Tính đến 31/12/2025, Đảng bộ … có 26 tổ chức cơ sở đảng (…) và 188 chi bộ trực thuộc"."""
    parts = []
    for kind in (K.PROVINCIAL, K.UPPER_GRASSROOTS):
        if by_kind.get(kind):
            parts.append(f"{vn_int(by_kind[kind])} {KIND_NOUNS[kind]}")
    committees, cells = by_kind.get(K.GRASSROOTS_COMMITTEE, 0), by_kind.get(K.GRASSROOTS_CELL, 0)
    if committees + cells:
        detail = (
            f" (gồm {vn_int(committees)} đảng bộ cơ sở và {vn_int(cells)} chi bộ cơ sở)" if committees and cells else ""
        )
        parts.append(f"{vn_int(committees + cells)} tổ chức cơ sở đảng{detail}")
    for kind in (K.PARTIAL_COMMITTEE, K.CELL):
        if by_kind.get(kind):
            parts.append(f"{vn_int(by_kind[kind])} {KIND_NOUNS[kind]}")
    if not parts:
        return f"Tính đến ngày {format_vn_date(on)}, {name} không có tổ chức đảng trực thuộc."
    listed = ", ".join(parts[:-1]) + (" và " if len(parts) > 1 else "") + parts[-1]
    return f"Tính đến ngày {format_vn_date(on)}, {name} có {listed}."


CELL_KINDS = (K.GRASSROOTS_CELL, K.CELL)


def subject_of(organization) -> str:
    """How the report names the whole it speaks of: "Chi bộ" for a cell, "Toàn đảng bộ" otherwise."""
    return "Chi bộ" if organization.kind in CELL_KINDS else "Toàn đảng bộ"


def _listed(parts: list[str]) -> str:
    return ", ".join(parts[:-1]) + (" và " if len(parts) > 1 else "") + parts[-1]


def members_sentence(members: dict, subject: str = "Toàn đảng bộ") -> str:
    """ "Toàn đảng bộ có 2.517 đảng viên, trong đó 740 nữ (29,4%) …"; a cell: "Chi bộ có 35 đảng viên …".
    Parts whose figure is zero are left out."""
    total = members["total"][""]
    if not total:
        return f"{subject} chưa có đảng viên sinh hoạt."
    probationary = members["status"].get(MemberStatus.PROBATIONARY, 0)
    women = members["gender"].get("female", 0)
    minority = members["minority"].get("minority", 0)
    religious = total - members["religion"].get("none", 0)
    exempted = members["exempted"].get("yes", 0)
    parts = [
        f"{vn_int(n)} {noun} ({_pct(n, total)})"
        for n, noun in (
            (probationary, "đảng viên dự bị"),
            (women, "nữ"),
            (minority, "người dân tộc thiểu số"),
            (religious, "người có đạo"),
        )
        if n
    ]
    text = f"{subject} có {vn_int(total)} đảng viên"
    if parts:
        text += ", trong đó " + ", ".join(parts)
    if exempted:
        text += f"; {vn_int(exempted)} đảng viên được miễn công tác và sinh hoạt đảng"
    return text + "."


def age_sentence(members: dict) -> str:
    total = members["total"][""]
    bands = [
        ("18_30", "từ 18 đến 30 tuổi"),
        ("31_40", "từ 31 đến 40 tuổi"),
        ("41_50", "từ 41 đến 50 tuổi"),
        ("51_60", "từ 51 đến 60 tuổi"),
        ("61", "từ 61 tuổi trở lên"),
    ]
    parts = [
        f"{label} có {vn_int(members['age_band'][key])} đảng viên ({_pct(members['age_band'][key], total)})"
        for key, label in bands
        if members["age_band"].get(key)
    ]
    return "Về độ tuổi: " + "; ".join(parts) + "." if parts else ""


def theory_sentence(members: dict) -> str:
    levels = members["theory_level"]
    parts = [
        f"{label} {vn_int(n)} đảng viên"
        for label, n in (
            ("cao cấp, cử nhân", levels.get("advanced", 0) + levels.get("bachelor", 0)),
            ("trung cấp", levels.get("intermediate", 0)),
            ("sơ cấp", levels.get("elementary", 0)),
            ("chưa qua đào tạo", levels.get("none", 0)),
        )
        if n
    ]
    return "Về trình độ lý luận chính trị: " + "; ".join(parts) + "." if parts else ""


def admissions_sentence(organization, start: dt.date, end: dt.date) -> str:
    """Admissions of the period and against the year's plan; nothing when there is neither."""
    admitted = admissions(organization, start, end)
    total, _rows = achievement(organization, end.year, end)
    period = f"Từ ngày {format_vn_date(start)} đến ngày {format_vn_date(end)}"
    if admitted:
        text = f"{period}, kết nạp {vn_int(admitted)} đảng viên mới"
    elif total.planned:
        text = f"{period}, chưa kết nạp đảng viên mới"
    else:
        return ""
    if total.planned:
        text += f"; riêng năm {end.year} kết nạp {vn_int(total.admitted)} đảng viên, đạt {vn_percent(total.rate)} kế hoạch năm ({vn_int(total.planned)} đảng viên)"
    return text + "."


def changes_sentence(organization, start: dt.date, end: dt.date) -> str:
    """Members in and out, organizations founded and dissolved: only the figures that are not zero."""
    changes = member_changes(organization, start, end)
    clauses = []
    if changes["in"]["total"]:
        clauses.append(f"{vn_int(changes['in']['total'])} đảng viên được kết nạp, chuyển đến")
    if changes["out"]["total"]:
        left = [f"{vn_int(n)} {LEFT_NOUNS.get(key, key)}" for key, n in changes["out"].items() if key != "total" and n]
        out = f"{vn_int(changes['out']['total'])} đảng viên ra khỏi danh sách"
        clauses.append(out + (" (" + ", ".join(left) + ")" if left else ""))
    sentences = ["Trong kỳ có " + "; ".join(clauses) + "."] if clauses else []
    if organization.kind not in CELL_KINDS:
        orgs = organization_changes(organization, start, end)
        founded, dissolved = orgs["founded"]["total"], orgs["dissolved"]["total"]
        org_parts = []
        if founded:
            org_parts.append(f"thành lập mới {vn_int(founded)} tổ chức đảng")
        if dissolved:
            org_parts.append(f"giải thể, kết thúc hoạt động {vn_int(dissolved)} tổ chức đảng")
        if org_parts:
            text = "; ".join(org_parts) + "."
            sentences.append(text[0].upper() + text[1:])
    return " ".join(sentences)


def comparison_sentence(first: dict, second: dict, start: dt.date, *, cells_apply: bool = True) -> str:
    """Members (and cells, where the organization has any) against the start: nothing when both are zero."""
    before, after = first["members"]["total"][""], second["members"]["total"][""]
    parts = []
    if before or after:
        parts.append(f"số đảng viên {change_phrase(before, after, _('đảng viên'))}")
    if cells_apply:
        a, b = first["organizations"]["by_kind"], second["organizations"]["by_kind"]
        cells_before = a.get(K.CELL, 0) + a.get(K.GRASSROOTS_CELL, 0)
        cells_after = b.get(K.CELL, 0) + b.get(K.GRASSROOTS_CELL, 0)
        if cells_before or cells_after:
            parts.append(f"số chi bộ {change_phrase(cells_before, cells_after, _('chi bộ'))}")
    if not parts:
        return ""
    return f"So với ngày {format_vn_date(start)}, " + "; ".join(parts) + "."


def reviews_sentences(organization, end: dt.date) -> list[str]:
    """The latest annual review with approved results up to `end`: organizations (grassroots together) and
    members, with the rate "hoàn thành tốt nhiệm vụ trở lên" as the committees publish it."""
    from xaydungdang.reviews import selectors as review_selectors
    from xaydungdang.reviews.choices import LEVELS_BEST_FIRST, Level, PeriodKind
    from xaydungdang.reviews.models import ReviewPeriod

    periods = (
        ReviewPeriod.objects.covering(organization).filter(kind=PeriodKind.YEAR, year__lte=end.year).order_by("-year")
    )
    for period in periods[:2]:
        members = review_selectors.member_results(period, organization)
        groups = review_selectors.organization_results(period, organization)
        if not members.rated and not any(g.rated for g in groups):
            continue
        sentences = []
        if organization.kind not in CELL_KINDS:
            for group in groups:
                if not group.rated or group.kind in (K.GRASSROOTS_COMMITTEE, K.GRASSROOTS_CELL):
                    continue  # the grassroots organizations are told together, as "N tổ chức cơ sở đảng"
                noun = "tổ chức cơ sở đảng" if group.kind == review_selectors.GRASSROOTS_KIND else group.label.lower()
                sentences.append(
                    f"Năm {period.year}, {vn_int(group.rated)} {noun} được đánh giá, xếp loại: "
                    + _level_parts(group, LEVELS_BEST_FIRST, Level)
                    + f"; tỷ lệ hoàn thành tốt nhiệm vụ trở lên đạt {vn_percent(group.good_or_better_rate)}."
                )
        if members.rated:
            sentences.append(
                f"Năm {period.year}, {vn_int(members.rated)} đảng viên được đánh giá, xếp loại: "
                + _level_parts(members, LEVELS_BEST_FIRST, Level)
                + f"; tỷ lệ hoàn thành tốt nhiệm vụ trở lên đạt {vn_percent(members.good_or_better_rate)}."
            )
        return sentences
    return []


def _level_parts(counts, levels, level_class) -> str:
    parts = [
        f"{vn_int(counts.counts.get(level, 0))} {str(level_class(level).label).lower()} "
        f"({vn_percent(share(counts.counts.get(level, 0), counts.rated))})"
        for level in levels
        if counts.counts.get(level, 0)
    ]
    return ", ".join(parts)


def narrative(organization, start: dt.date, end: dt.date) -> Narrative:
    at_end = subtree_statistics(organization=organization, on=end)
    at_start = subtree_statistics(organization=organization, on=start)
    is_cell = organization.kind in CELL_KINDS
    by_kind = at_end["organizations"]["by_kind"]
    subordinate = {kind: n for kind, n in by_kind.items() if n and kind != organization.kind}
    report = Narrative(organization, start, end)
    sections = []
    if not is_cell or subordinate:
        sections.append((_("Tổ chức đảng"), [organizations_sentence(organization.name, end, by_kind)]))
    members = at_end["members"]
    sections += [
        (
            _("Đảng viên"),
            [
                members_sentence(members, subject_of(organization)),
                age_sentence(members) if members["total"][""] else "",
                theory_sentence(members) if members["total"][""] else "",
            ],
        ),
        (_("Công tác phát triển đảng viên"), [admissions_sentence(organization, start, end)]),
        (
            _("Biến động trong kỳ"),
            [
                changes_sentence(organization, start, end),
                comparison_sentence(at_start, at_end, start, cells_apply=not is_cell),
            ],
        ),
        (_("Đánh giá, xếp loại chất lượng"), reviews_sentences(organization, end)),
    ]
    numerals = ["I", "II", "III", "IV", "V", "VI"]
    kept = [(title, [s for s in sentences if s]) for title, sentences in sections]
    kept = [(title, sentences) for title, sentences in kept if sentences]
    report.sections = [(f"{numerals[i]}. {title}", sentences) for i, (title, sentences) in enumerate(kept)]
    return report
