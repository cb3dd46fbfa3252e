"""The minutes (biên bản) of a meeting as a Word document in the Party's layout (HD 36-HD/VPTW 2018):
A4, the superior organization over the issuing body on the left, the Party's name and the date on the
right, the title, the body in the agenda's order, the signature blocks of the chair and the secretary."""

from xaydungdang.core import docx as layout
from xaydungdang.core.dates import format_vn_date
from xaydungdang.meetings import rules
from xaydungdang.meetings.choices import Presence
from xaydungdang.meetings.models import Meeting, Minutes
from xaydungdang.meetings.selectors import carried_tasks
from xaydungdang.organizations.models import Organization


def _paragraph(container, text: str, *, bold=False, italic=False, size=14, align="justify", underline=False):
    return layout.paragraph(container, text, bold=bold, italic=italic, size=size, align=align, underline=underline)


def _situation(meeting: Meeting) -> str:
    counts = {p: 0 for p in Presence.values}
    absent = []
    for row in meeting.attendance.select_related("member"):
        counts[row.presence] += 1
        if row.presence in (Presence.EXCUSED, Presence.UNEXCUSED):
            reason = row.reason or Presence(row.presence).label.lower()
            absent.append(f"{row.member.full_name} ({reason})")
    total = sum(counts.values())
    text = (
        f"Tổng số đảng viên: {total}; có mặt: {counts[Presence.PRESENT]}; vắng có lý do: {counts[Presence.EXCUSED]}; "
        f"vắng không có lý do: {counts[Presence.UNEXCUSED]}; miễn sinh hoạt: {counts[Presence.EXEMPTED]}; "
        f"sinh hoạt tạm thời nơi khác: {counts[Presence.ELSEWHERE]}."
    )
    if absent:
        text += " Vắng: " + "; ".join(absent) + "."
    return text


def minutes_docx(meeting: Meeting, minutes: Minutes) -> bytes:
    document = layout.new_document()
    organization = meeting.organization
    root = Organization.objects.get_root(organization)
    day = meeting.held_on or meeting.planned_on
    layout.header(
        document,
        layout.letterhead(organization, standing=False),
        number=None,
        place=layout.place_of(root.name),
        day=day,
    )
    _paragraph(document, "BIÊN BẢN", bold=True, size=15, align="center")
    _paragraph(document, f"{meeting.get_kind_display()} {meeting.organization.name}", bold=True, align="center")
    if meeting.topic:
        _paragraph(document, f"Chuyên đề: {meeting.topic}", bold=True, align="center")
    when = format_vn_date(meeting.held_on)
    if minutes.started_at:
        when = f"{minutes.started_at:%H giờ %M}, ngày {when}"
    _paragraph(document, f"Thời gian: {when}.")
    _paragraph(document, f"Địa điểm: {'trực tuyến' if meeting.online else meeting.place or '…'}.")
    _paragraph(document, f"Chủ trì: {minutes.chair}. Thư ký: {minutes.secretary}.")
    guests = [g for g in meeting.guests.all() if g.present]
    if guests:
        _paragraph(document, "Khách mời dự: " + "; ".join(str(g) for g in guests) + ".")
    carried = list(carried_tasks(meeting))
    for item in rules.agenda_for(meeting.kind):
        _paragraph(document, str(item.title), bold=True)
        text = minutes.sections.get(item.key, "")
        if item.key == "situation":
            text = "\n".join(t for t in (_situation(meeting), text) if t)
        for line in text.splitlines():
            _paragraph(document, line)
        if item.key == "review" and carried:
            for task in carried:
                done = f"đã hoàn thành {format_vn_date(task.done_on)}" if task.done_on else "chưa hoàn thành"
                _paragraph(document, f"- {task.title} ({task.owner_label or '…'}): {done}.")
    tasks = list(meeting.tasks.select_related("owner"))
    if minutes.conclusion or tasks:
        _paragraph(document, "Kết luận", bold=True)
        for line in minutes.conclusion.splitlines():
            _paragraph(document, line)
        for task in tasks:
            due = f", hạn {format_vn_date(task.due_on)}" if task.due_on else ""
            _paragraph(document, f"- {task.title} ({task.owner_label or '…'}{due}).")
    if minutes.ended_at:
        _paragraph(document, f"Buổi sinh hoạt kết thúc lúc {minutes.ended_at:%H giờ %M} cùng ngày.")
    signatures = document.add_table(rows=1, cols=2)
    left, right = signatures.rows[0].cells
    for cell, post, name in ((left, "THƯ KÝ", minutes.secretary), (right, "CHỦ TRÌ", minutes.chair)):
        cell.paragraphs[0].text = ""
        _paragraph(cell, post, bold=True, align="center")
        _paragraph(cell, "(Ký, ghi rõ họ tên)", italic=True, size=13, align="center")
        _paragraph(cell, "", align="center")
        _paragraph(cell, name, bold=True, align="center")
    return layout.to_bytes(document)


def filename(meeting: Meeting) -> str:
    return f"bien-ban-sinh-hoat-{meeting.organization.code}-{(meeting.held_on or meeting.planned_on):%Y-%m-%d}.docx"
