"""Sổ danh sách đảng viên (mẫu 7-HSĐV) of an organization's subtree as the book stood on a date (rules.md §2.3).

The book keeps a row for everyone who belonged to the organization, with the dates they came, left or died;
"as of D" shows the people attached by D and only what had happened by D.
"""

import datetime as dt
import io
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from xaydungdang.core.dates import format_vn_date
from xaydungdang.core.spreadsheets import Workbook
from xaydungdang.members.choices import AttachmentKind, EventKind, Occupation
from xaydungdang.members.models import Member, MembershipEvent, MembershipPeriod

# The personal fields the register shows (for the access log of its exports).
REGISTER_FIELDS = ("full_name", "gender", "ethnicity", "religion", "hometown", "party_card_number", "record_number")
COLUMNS = (
    _("Họ và tên"),
    _("Nam, nữ; dân tộc; tôn giáo"),
    _("Quê quán"),
    _("Văn hóa; lý luận chính trị; chuyên môn nghiệp vụ; ngoại ngữ"),
    _("Nghề nghiệp"),
    _("Ngày vào Đảng; ngày chính thức"),
    _("Số thẻ; số lý lịch; số huy hiệu"),
    _("Bộ đội, công an, hưu trí"),
    _("Ngày chuyển đi"),
    _("Ngày chuyển đến; từ đâu đến"),
    _("Ngày từ trần"),
    _("Lý do"),
    _("Ngày và hình thức ra khỏi Đảng"),
    _("Ghi chú"),
)
LEAVING = {
    EventKind.STRUCK_OFF,
    EventKind.EXPELLED,
    EventKind.DISMISSED,
    EventKind.RESIGNED,
    EventKind.ADMISSION_ANNULLED,
}


@dataclass
class RegisterRow:
    number: int
    member: Member
    cells: tuple[str, ...]


def register_members(organization, on: dt.date, user):
    """Everyone attached to the subtree by `on` (members then, and those who had left by then), with the
    events up to `on`: the register's rows, unbuilt. Not "members on D" (Member.objects.of): the book keeps
    the people who left, with the date and the manner."""
    ever = MembershipPeriod.objects.filter(
        organization__path__startswith=organization.path, attachment=AttachmentKind.OFFICIAL, valid_from__lte=on
    ).values("member_id")
    queryset = Member.objects.visible_to(user).filter(pk__in=ever)
    return queryset.prefetch_related(
        Prefetch(
            "events",
            queryset=MembershipEvent.objects.filter(effective_date__lte=on)
            .select_related("from_organization")
            .order_by("effective_date", "id"),
        ),
        "badges",
    ).order_by("admission_date", "full_name", "id")


def register_row(number: int, member: Member, on: dt.date) -> RegisterRow:
    events = list(member.events.all())
    last = {event.kind: event for event in events}
    admitted = next((e for e in events if e.kind in (EventKind.ADMITTED, EventKind.READMITTED)), None)
    official = last.get(EventKind.RECOGNIZED_OFFICIAL)
    out = last.get(EventKind.TRANSFERRED_OUT)
    came = last.get(EventKind.TRANSFERRED_IN)
    died = last.get(EventKind.DECEASED)
    left = next((e for e in reversed(events) if e.kind in LEAVING), None)
    badges = ", ".join(b.badge_number or f"{b.years} năm" for b in member.badges.all() if b.awarded_on <= on)
    corps = (
        member.get_occupation_display() if member.occupation in (Occupation.ARMED_FORCES, Occupation.RETIRED) else ""
    )
    came_from = ""
    if came:
        came_from = str(came.from_organization or came.external_organization or "")
    cells = (
        member.full_name,
        "; ".join([member.get_gender_display(), member.get_ethnicity_display(), member.get_religion_display()]),
        member.hometown,
        "; ".join(
            filter(
                None,
                [
                    member.get_education_level_display(),
                    member.get_theory_level_display(),
                    member.get_qualification_display(),
                ],
            )
        ),
        member.get_occupation_display(),
        "; ".join(
            filter(
                None,
                [
                    format_vn_date(admitted and admitted.effective_date),
                    format_vn_date(official and official.effective_date),
                ],
            )
        ),
        "; ".join(filter(None, [member.party_card_number, member.record_number or "", badges])),
        corps,
        format_vn_date(out and out.effective_date),
        "; ".join(filter(None, [format_vn_date(came and came.effective_date), came_from])),
        format_vn_date(died and died.effective_date),
        (left or died).reason if (left or died) else "",
        f"{format_vn_date(left.effective_date)} — {left.get_kind_display()}" if left else "",
        _("Miễn công tác và sinh hoạt đảng") if member.is_exempted and not left else "",
    )
    return RegisterRow(number, member, tuple(str(c) for c in cells))


def register_rows(organization, on: dt.date, user) -> list[RegisterRow]:
    members = register_members(organization, on, user)
    return [register_row(n, member, on) for n, member in enumerate(members, start=1)]


def register_xlsx(organization, on: dt.date, user, *, target=None, progress=None) -> bytes | None:
    """The register as an Excel workbook, the way offices exchange it (core.spreadsheets: constant memory,
    text never a formula). Written to `target` when given (a path or file), else returned as bytes;
    `progress(rows_written)` is called every 1,000 rows."""
    buffer = io.BytesIO() if target is None else None
    widths = (5, 26, 22, 20, 28, 20, 22, 26, 14, 12, 24, 12, 22, 24, 20)
    with Workbook(buffer if target is None else target) as workbook:
        sheet = workbook.sheet("7-HSĐV", widths=widths)
        sheet.title(_("SỔ DANH SÁCH ĐẢNG VIÊN (Mẫu 7-HSĐV)"), size=14)
        sheet.row([f"{organization.name} — {_('tính đến ngày')} {format_vn_date(on)}"])
        sheet.blank()
        sheet.header([_("STT"), *COLUMNS], height=45, align="center")
        numbers = workbook.format(align="center", italic=True)
        sheet.row(list(range(1, len(COLUMNS) + 2)), [numbers] * (len(COLUMNS) + 1))
        sheet.worksheet.freeze_panes(sheet.next_row, 2)
        written = 0
        for number, member in enumerate(register_members(organization, on, user).iterator(chunk_size=2000), start=1):
            sheet.row([number, *register_row(number, member, on).cells])
            written += 1
            if progress and written % 1000 == 0:
                progress(written)
        if progress:
            progress(written)
    return buffer.getvalue() if buffer is not None else None
