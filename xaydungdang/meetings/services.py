"""Writes of meetings: plan, reschedule, cancel, invite, record attendance, minutes, tasks, attachments,
and the quality self-assessment. Every write checks the actor's scope on the meeting's organization."""

import datetime as dt

from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.core.dates import format_vn_date, today
from xaydungdang.core.history import acting_user, save_with_history
from xaydungdang.core.validators import require_not_in_future
from xaydungdang.meetings import rules
from xaydungdang.meetings.choices import MeetingKind, MeetingState, Presence
from xaydungdang.meetings.ics import meeting_ics
from xaydungdang.meetings.models import (
    Attendance,
    Guest,
    Meeting,
    MeetingAttachment,
    MeetingTask,
    Minutes,
    QualityAssessment,
    QualityCriterion,
)
from xaydungdang.meetings.selectors import roster
from xaydungdang.notifications.services import notify

WRONG_KIND = gettext_lazy("%(organization)s không tổ chức loại sinh hoạt «%(kind)s».")
TOPIC_REQUIRED = gettext_lazy("Sinh hoạt chuyên đề phải ghi chuyên đề.")
PERIOD_TAKEN = gettext_lazy("%(organization)s đã có buổi «%(kind)s» của kỳ bắt đầu ngày %(day)s.")
NOT_A_PERIOD = gettext_lazy("Ngày đầu kỳ phải là ngày đầu tháng, quý hoặc nửa năm của loại sinh hoạt này (%(day)s).")
BEFORE_PERIOD = gettext_lazy("Ngày sinh hoạt không được trước kỳ sinh hoạt (bắt đầu %(day)s).")
INACTIVE = gettext_lazy("Tổ chức không hoạt động vào ngày này.")
NOT_PLANNED = gettext_lazy("Buổi sinh hoạt đã %(state)s, không thay đổi được nữa.")
REASON_REQUIRED = gettext_lazy("Phải ghi lý do.")
HELD_IN_FUTURE = gettext_lazy("Ngày sinh hoạt không được ở tương lai.")
NOT_ON_ROSTER = gettext_lazy("Đảng viên mã số %(member)s không sinh hoạt ở tổ chức này vào ngày %(day)s.")
EXEMPTED_NOT_ABSENT = gettext_lazy(
    "%(member)s được miễn công tác và sinh hoạt đảng: không tính vắng mặt (ghi «Miễn sinh hoạt» hoặc «Có mặt»)."
)
NOT_EXEMPTED = gettext_lazy("%(member)s không được miễn sinh hoạt vào ngày này.")
NOT_ELSEWHERE = gettext_lazy("%(member)s không sinh hoạt tạm thời ở nơi khác vào ngày này.")
ABSENCE_REASON = gettext_lazy("%(member)s vắng có lý do: phải ghi lý do.")
NOT_HELD = gettext_lazy("Buổi sinh hoạt chưa được ghi là đã sinh hoạt.")
UNKNOWN_SECTION = gettext_lazy("Mục «%(key)s» không có trong chương trình sinh hoạt.")
ATTACHMENT_TOO_LARGE = gettext_lazy("Tệp lớn hơn %(mb)s MB.")
MAX_ATTACHMENT_MB = 20
NOTICE_KIND = "meeting_notice"


def _require(actor, organization) -> None:
    policy_for(actor).require_in_organization(Action.CHANGE, organization)


def _lock(actor, meeting: Meeting) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("organization").get(pk=meeting.pk)
    _require(actor, meeting.organization)
    return meeting


def _check_kind(organization, kind: str) -> None:
    allowed = {r.kind for r in rules.requirements_for(organization.kind)}
    if allowed:
        allowed.add(MeetingKind.EXTRAORDINARY)
    if kind not in allowed:
        message = WRONG_KIND % {"organization": organization, "kind": MeetingKind(kind).label}
        raise ValidationError({"kind": [message]})


def _period_taken(meeting: Meeting) -> bool:
    if meeting.kind not in (MeetingKind.REGULAR, MeetingKind.COMMITTEE):
        return False
    return (
        Meeting.objects.not_cancelled()
        .filter(organization=meeting.organization, kind=meeting.kind, period_start=meeting.period_start)
        .exclude(pk=meeting.pk)
        .exists()
    )


def _check_dates(meeting: Meeting) -> None:
    errors: dict[str, list[str]] = {}
    start, end = rules.period_of(meeting.kind, meeting.period_start)
    if start != meeting.period_start:
        errors["period_start"] = [NOT_A_PERIOD % {"day": format_vn_date(start)}]
    elif meeting.planned_on < start:
        errors["planned_on"] = [BEFORE_PERIOD % {"day": format_vn_date(start)}]
    if not rules.active_during(meeting.organization, meeting.planned_on, meeting.planned_on):
        errors.setdefault("planned_on", []).append(INACTIVE)
    if not errors and _period_taken(meeting):
        day = format_vn_date(meeting.period_start)
        errors["period_start"] = [
            PERIOD_TAKEN % {"organization": meeting.organization, "kind": meeting.get_kind_display(), "day": day}
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def meeting_plan(
    *,
    actor,
    organization,
    kind: str,
    planned_on: dt.date,
    planned_time: dt.time | None = None,
    place: str = "",
    online: bool = False,
    topic: str = "",
    period_start: dt.date | None = None,
) -> Meeting:
    """Put a meeting on the organization's plan; it counts for the period of `period_start` (by default
    the period containing the planned day; a late meeting names the period it makes up for)."""
    _require(actor, organization)
    _check_kind(organization, kind)
    if kind == MeetingKind.THEMATIC and not topic.strip():
        raise ValidationError({"topic": [TOPIC_REQUIRED]})
    meeting = Meeting(
        organization=organization,
        kind=kind,
        planned_on=planned_on,
        planned_time=planned_time,
        place=place,
        online=online,
        topic=topic.strip(),
        period_start=period_start or rules.period_of(kind, planned_on)[0],
    )
    _check_dates(meeting)
    meeting.full_clean(validate_constraints=False)
    save_with_history(meeting, actor=actor, reason=_("Lên kế hoạch sinh hoạt"))
    return meeting


def _require_planned(meeting: Meeting) -> None:
    if meeting.state != MeetingState.PLANNED:
        raise ValidationError({"state": [NOT_PLANNED % {"state": meeting.get_state_display().lower()}]})


@transaction.atomic
def meeting_reschedule(
    *,
    actor,
    meeting: Meeting,
    planned_on: dt.date,
    reason: str,
    planned_time: dt.time | None = None,
    place: str | None = None,
    online: bool | None = None,
) -> Meeting:
    """Move a planned meeting; the former date stays in its history with the reason. Those already
    invited get a new notice (and a calendar entry that replaces the old one)."""
    meeting = _lock(actor, meeting)
    _require_planned(meeting)
    if not reason.strip():
        raise ValidationError({"reason": [REASON_REQUIRED]})
    meeting.planned_on, meeting.planned_time = planned_on, planned_time
    if place is not None:
        meeting.place = place
    if online is not None:
        meeting.online = online
    _check_dates(meeting)
    reason_text = _("Đổi lịch: %(reason)s") % {"reason": reason.strip()}
    save_with_history(meeting, actor=actor, reason=reason_text)
    if meeting.invited_at:
        _send_notice(meeting, changed=reason.strip())
    return meeting


@transaction.atomic
def meeting_cancel(*, actor, meeting: Meeting, reason: str) -> Meeting:
    meeting = _lock(actor, meeting)
    _require_planned(meeting)
    if not reason.strip():
        raise ValidationError({"reason": [REASON_REQUIRED]})
    meeting.state, meeting.cancel_reason = MeetingState.CANCELLED, reason.strip()
    save_with_history(meeting, actor=actor, reason=_("Hủy buổi sinh hoạt"))
    return meeting


# --- notices ---------------------------------------------------------------------------------------
def _notice_text(meeting: Meeting, changed: str = "") -> tuple[str, str]:
    when = format_vn_date(meeting.planned_on)
    if meeting.planned_time:
        when = f"{meeting.planned_time:%H:%M} {when}"
    where = _("trực tuyến") if meeting.online else meeting.place
    title = _("Thông báo %(kind)s: %(organization)s, %(when)s") % {
        "kind": meeting.get_kind_display().lower(),
        "organization": meeting.organization,
        "when": when,
    }
    if changed:
        title = _("Đổi lịch %(title)s") % {"title": title[0].lower() + title[1:]}
    lines = [
        _("Thời gian: %(when)s") % {"when": when},
        _("Địa điểm: %(where)s") % {"where": where or _("(sẽ thông báo)")},
    ]
    if meeting.topic:
        lines.append(_("Chuyên đề: %(topic)s") % {"topic": meeting.topic})
    if changed:
        lines.append(_("Lý do đổi lịch: %(reason)s") % {"reason": changed})
    return title, "\n".join(lines)


def notice_recipients(meeting: Meeting) -> list:
    """The users of the members called (not the exempted ones) and of the guests with an account."""
    members = [row.member for row in roster(meeting) if not row.exempted and row.member.user_id]
    users = [m.user for m in members]
    users += [g.user for g in meeting.guests.select_related("user") if g.user_id]
    return users


def _send_notice(meeting: Meeting, changed: str = "") -> int:
    title, body = _notice_text(meeting, changed)
    sequence = meeting.history.count()
    ics = meeting_ics(meeting, summary=title, description=body, sequence=sequence)
    attachment = ("sinh-hoat.ics", ics, "text/calendar; method=REQUEST; charset=UTF-8")
    url = reverse("meetings:detail", args=[meeting.pk])
    created = notify(
        recipients=notice_recipients(meeting),
        kind=NOTICE_KIND,
        title=title,
        body=body,
        url=url,
        key=f"meeting-{meeting.pk}-{sequence}",
        attachments=[attachment],
    )
    outsiders = [g.email for g in meeting.guests.all() if g.email and not g.user_id]
    if outsiders:
        messages = [
            mail.EmailMessage(subject=title, body=body, to=[email], attachments=[attachment]) for email in outsiders
        ]
        transaction.on_commit(lambda: mail.get_connection().send_messages(messages))
    return len(created) + len(outsiders)


@transaction.atomic
def meeting_invite(*, actor, meeting: Meeting) -> int:
    """Send the notice to the members and guests (inbox and e-mail with an .ics); returns how many."""
    meeting = _lock(actor, meeting)
    _require_planned(meeting)
    sent = _send_notice(meeting)
    meeting.invited_at = timezone.now()
    save_with_history(meeting, actor=actor, reason=_("Gửi thông báo sinh hoạt"))
    return sent


@transaction.atomic
def guest_add(
    *, actor, meeting: Meeting, kind: str, full_name: str, post: str = "", user=None, email: str = ""
) -> Guest:
    meeting = _lock(actor, meeting)
    guest = Guest(meeting=meeting, kind=kind, full_name=full_name.strip(), post=post.strip(), user=user, email=email)
    guest.full_clean()
    save_with_history(guest, actor=actor, reason=_("Mời dự sinh hoạt"))
    return guest


# --- attendance ------------------------------------------------------------------------------------
def _presence_errors(row, presence: str, reason: str) -> list[str]:
    names = {"member": row.member.full_name}
    if row.exempted and presence in (Presence.EXCUSED, Presence.UNEXCUSED):
        return [EXEMPTED_NOT_ABSENT % names]
    if presence == Presence.EXEMPTED and not row.exempted:
        return [NOT_EXEMPTED % names]
    if presence == Presence.ELSEWHERE and not row.elsewhere:
        return [NOT_ELSEWHERE % names]
    if presence == Presence.EXCUSED and not reason.strip():
        return [ABSENCE_REASON % names]
    return []


@transaction.atomic
def attendance_record(
    *, actor, meeting: Meeting, held_on: dt.date, entries: dict[int, tuple[str, str]], guests_present=()
) -> Meeting:
    """Record that the meeting was held on `held_on` and who attended: `entries` maps a member's id to
    (presence, reason). Members of the roster left out keep their default (exempted, elsewhere, present).
    All or nothing: one refused row refuses the whole entry, each error naming its member."""
    meeting = _lock(actor, meeting)
    if meeting.state == MeetingState.CANCELLED:
        raise ValidationError({"state": [NOT_PLANNED % {"state": meeting.get_state_display().lower()}]})
    require_not_in_future(HELD_IN_FUTURE, held_on=held_on)
    meeting.held_on, meeting.state = held_on, MeetingState.HELD
    _check_held_on(meeting)
    rows = {row.member.pk: row for row in roster(meeting)}
    errors: dict[str, list[str]] = {}
    for member_id, (presence, _reason) in entries.items():
        if member_id not in rows:
            errors[f"m{member_id}"] = [NOT_ON_ROSTER % {"member": member_id, "day": format_vn_date(held_on)}]
        elif presence not in Presence.values:
            errors[f"m{member_id}"] = [_("Tình hình dự không hợp lệ.")]
        else:
            messages = _presence_errors(rows[member_id], presence, _reason)
            if messages:
                errors[f"m{member_id}"] = messages
    if errors:
        raise ValidationError(errors)
    save_with_history(meeting, actor=actor, reason=_("Ghi kết quả sinh hoạt"))
    existing = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting)}
    for member_id, row in rows.items():
        presence, reason = entries.get(member_id, (row.default_presence, ""))
        reason = reason.strip() if presence in (Presence.EXCUSED, Presence.UNEXCUSED) else ""
        attendance = existing.pop(member_id, None) or Attendance(meeting=meeting, member=row.member)
        if attendance.pk and (attendance.presence, attendance.reason) == (presence, reason):
            continue
        attendance.presence, attendance.reason = presence, reason
        save_with_history(attendance, actor=actor, reason=_("Điểm danh"))
    for stale in existing.values():  # no longer on the roster of the day given
        stale.delete()
    present = set(guests_present)
    for guest in meeting.guests.all():
        if guest.present != (guest.pk in present):
            guest.present = guest.pk in present
            save_with_history(guest, actor=actor, reason=_("Điểm danh khách mời"))
    return meeting


def _check_held_on(meeting: Meeting) -> None:
    start, _end = rules.period_of(meeting.kind, meeting.period_start)
    if meeting.held_on < start:
        raise ValidationError({"held_on": [BEFORE_PERIOD % {"day": format_vn_date(start)}]})
    if not rules.active_during(meeting.organization, meeting.held_on, meeting.held_on):
        raise ValidationError({"held_on": [INACTIVE]})


# --- minutes, conclusions, attachments -------------------------------------------------------------
@transaction.atomic
def minutes_save(
    *,
    actor,
    meeting: Meeting,
    chair: str,
    secretary: str,
    sections: dict[str, str],
    conclusion: str = "",
    started_at: dt.time | None = None,
    ended_at: dt.time | None = None,
) -> Minutes:
    """The minutes of a held meeting, one text per agenda item of the guide."""
    meeting = _lock(actor, meeting)
    if meeting.state != MeetingState.HELD:
        raise ValidationError({"meeting": [NOT_HELD]})
    keys = {item.key for item in rules.agenda_for(meeting.kind)}
    unknown = [key for key in sections if key not in keys]
    if unknown:
        raise ValidationError({"sections": [UNKNOWN_SECTION % {"key": key} for key in unknown]})
    minutes = Minutes.objects.filter(meeting=meeting).first() or Minutes(meeting=meeting)
    minutes.chair, minutes.secretary, minutes.conclusion = chair.strip(), secretary.strip(), conclusion.strip()
    minutes.started_at, minutes.ended_at = started_at, ended_at
    minutes.sections = {key: text.strip() for key, text in sections.items() if text and text.strip()}
    minutes.full_clean()
    save_with_history(minutes, actor=actor, reason=_("Ghi biên bản"))
    return minutes


@transaction.atomic
def task_add(
    *, actor, meeting: Meeting, title: str, owner=None, owner_name: str = "", due_on: dt.date | None = None
) -> MeetingTask:
    meeting = _lock(actor, meeting)
    task = MeetingTask(meeting=meeting, title=title.strip(), owner=owner, owner_name=owner_name.strip(), due_on=due_on)
    task.full_clean()
    save_with_history(task, actor=actor, reason=_("Kết luận nhiệm vụ"))
    return task


@transaction.atomic
def task_complete(*, actor, task: MeetingTask, done_on: dt.date, result: str = "") -> MeetingTask:
    task = MeetingTask.objects.select_for_update().select_related("meeting__organization").get(pk=task.pk)
    _require(actor, task.meeting.organization)
    require_not_in_future(HELD_IN_FUTURE, done_on=done_on)
    task.done_on, task.result = done_on, result.strip()
    save_with_history(task, actor=actor, reason=_("Hoàn thành nhiệm vụ"))
    return task


@transaction.atomic
def attachment_add(*, actor, meeting: Meeting, title: str, file) -> MeetingAttachment:
    meeting = _lock(actor, meeting)
    if file.size > MAX_ATTACHMENT_MB * 1024 * 1024:
        raise ValidationError({"file": [ATTACHMENT_TOO_LARGE % {"mb": MAX_ATTACHMENT_MB}]})
    attachment = MeetingAttachment(meeting=meeting, title=title.strip() or file.name, file=file)
    attachment.uploaded_by = acting_user(actor)
    attachment.full_clean()
    save_with_history(attachment, actor=actor, reason=_("Tải tài liệu"))
    return attachment


# --- quality self-assessment -----------------------------------------------------------------------
def criteria_on(day: dt.date):
    return QualityCriterion.objects.filter(valid_from__lte=day).exclude(valid_to__lt=day).order_by("position", "code")


@transaction.atomic
def assessment_save(
    *, actor, meeting: Meeting, criteria_met, assessed_on: dt.date | None = None, note: str = ""
) -> QualityAssessment:
    """The cell's self-assessment of a held meeting: the criteria in force that day that were met give
    the points, and the points the level (rules.quality_level)."""
    meeting = _lock(actor, meeting)
    if meeting.state != MeetingState.HELD:
        raise ValidationError({"meeting": [NOT_HELD]})
    in_force = {c.pk: c for c in criteria_on(meeting.held_on)}
    chosen = [in_force[c.pk] for c in criteria_met if c.pk in in_force]
    if len(chosen) != len(list(criteria_met)):
        raise ValidationError({"criteria_met": [_("Có tiêu chí không áp dụng vào ngày sinh hoạt.")]})
    points = sum(c.points for c in chosen)
    assessment = QualityAssessment.objects.filter(meeting=meeting).first() or QualityAssessment(meeting=meeting)
    assessment.points, assessment.level = points, rules.quality_level(points, meeting.held_on)
    assessment.assessed_on, assessment.note = assessed_on or today(), note.strip()
    save_with_history(assessment, actor=actor, reason=_("Tự đánh giá chất lượng sinh hoạt"))
    assessment.criteria_met.set(chosen)
    return assessment
