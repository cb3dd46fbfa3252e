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


def members_sentence(members: dict) -> str:
    """ "Toàn đảng bộ có 2.517 đảng viên, trong đó 740 nữ (29,4%), 112 người dân tộc thiểu số (4,4%) …"."""
    total = members["total"][""]
    if not total:
        return "Chưa có đảng viên sinh hoạt."
    probationary = members["status"].get(MemberStatus.PROBATIONARY, 0)
    women = members["gender"].get("female", 0)
    minority = members["minority"].get("minority", 0)
    religious = total - members["religion"].get("none", 0)
    exempted = members["exempted"].get("yes", 0)
    text = (
        f"Toàn đảng bộ có {vn_int(total)} đảng viên, trong đó {vn_int(probationary)} đảng viên dự bị "
        f"({_pct(probationary, total)}), {vn_int(women)} nữ ({_pct(women, total)}), {vn_int(minority)} người dân tộc "
        f"thiểu số ({_pct(minority, total)}), {vn_int(religious)} người có đạo ({_pct(religious, total)})"
    )
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
        f"{label} có {vn_int(members['age_band'].get(key, 0))} đảng viên ({_pct(members['age_band'].get(key, 0), total)})"
        for key, label in bands
    ]
    return "Về độ tuổi: " + "; ".join(parts) + "."


def theory_sentence(members: dict) -> str:
    levels = members["theory_level"]
    high = levels.get("advanced", 0) + levels.get("bachelor", 0)
    return (
        f"Về trình độ lý luận chính trị: cao cấp, cử nhân {vn_int(high)} đảng viên; trung cấp "
        f"{vn_int(levels.get('intermediate', 0))}; sơ cấp {vn_int(levels.get('elementary', 0))}; chưa qua đào tạo "
        f"{vn_int(levels.get('none', 0))}."
    )


def admissions_sentence(organization, start: dt.date, end: dt.date) -> str:
    admitted = admissions(organization, start, end)
    text = f"Từ ngày {format_vn_date(start)} đến ngày {format_vn_date(end)}, kết nạp {vn_int(admitted)} đảng viên mới"
    total, _rows = achievement(organization, end.year, end)
    if total.planned:
        text += f"; riêng năm {end.year} kết nạp {vn_int(total.admitted)} đảng viên, đạt {vn_percent(total.rate)} kế hoạch năm ({vn_int(total.planned)} đảng viên)"
    return text + "."


def changes_sentence(organization, start: dt.date, end: dt.date) -> str:
    changes = member_changes(organization, start, end)
    left = [f"{vn_int(n)} {LEFT_NOUNS.get(key, key)}" for key, n in changes["out"].items() if key != "total" and n]
    text = (
        f"Trong kỳ có {vn_int(changes['in']['total'])} đảng viên được kết nạp, chuyển đến; "
        f"{vn_int(changes['out']['total'])} đảng viên ra khỏi danh sách"
    )
    if left:
        text += " (" + ", ".join(left) + ")"
    orgs = organization_changes(organization, start, end)
    return (
        text
        + f". Thành lập mới {vn_int(orgs['founded']['total'])} tổ chức đảng; giải thể, kết thúc hoạt động {vn_int(orgs['dissolved']['total'])} tổ chức đảng."
    )


def comparison_sentence(first: dict, second: dict, start: dt.date) -> str:
    members = change_phrase(first["members"]["total"][""], second["members"]["total"][""], _("đảng viên"))
    a, b = first["organizations"]["by_kind"], second["organizations"]["by_kind"]
    cells = change_phrase(
        a.get(K.CELL, 0) + a.get(K.GRASSROOTS_CELL, 0), b.get(K.CELL, 0) + b.get(K.GRASSROOTS_CELL, 0), _("chi bộ")
    )
    return f"So với ngày {format_vn_date(start)}, số đảng viên {members}; số chi bộ {cells}."


def narrative(organization, start: dt.date, end: dt.date) -> Narrative:
    at_end = subtree_statistics(organization=organization, on=end)
    at_start = subtree_statistics(organization=organization, on=start)
    report = Narrative(organization, start, end)
    report.sections = [
        (_("I. Tổ chức đảng"), [organizations_sentence(organization.name, end, at_end["organizations"]["by_kind"])]),
        (
            _("II. Đảng viên"),
            [members_sentence(at_end["members"]), age_sentence(at_end["members"]), theory_sentence(at_end["members"])],
        ),
        (_("III. Công tác phát triển đảng viên"), [admissions_sentence(organization, start, end)]),
        (
            _("IV. Biến động trong kỳ"),
            [changes_sentence(organization, start, end), comparison_sentence(at_start, at_end, start)],
        ),
    ]
    return report
