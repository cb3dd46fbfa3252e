import datetime as dt

from django.core import mail

from xaydungdang.meetings import services
from xaydungdang.meetings.choices import GuestKind
from xaydungdang.meetings.selectors import upcoming_for
from xaydungdang.members.lifecycle.services import member_exempt
from xaydungdang.notifications.models import Notification

D = dt.date


def _with_email(user, address):
    user.email = address
    user.save()
    return user


def test_invite_sends_inbox_and_email_with_ics_to_members_and_guests(
    plan, users, members, django_capture_on_commit_callbacks
):
    _with_email(users.member, "hung@example.vn")  # Nguyễn Văn Hùng's account
    leader = _with_email(users.leader, "lanhdao@example.vn")
    day = dt.date.today() + dt.timedelta(days=5)
    meeting = plan(day, planned_time=dt.time(14, 0), place="Hội trường nhà trường")
    services.guest_add(actor=users.officer, meeting=meeting, kind=GuestKind.HIGHER_LEVEL, full_name="Lê Thanh Bình",
                       post="Đảng ủy viên", user=leader)  # fmt: skip
    services.guest_add(actor=users.officer, meeting=meeting, kind=GuestKind.RESIDENCE, full_name="Võ Văn Tâm",
                       post="Bí thư chi bộ khu vực 3", email="tam@example.vn")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.meeting_invite(actor=users.secretary, meeting=meeting)
    assert sent == 3
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"dangvien", "lanhdao"}
    assert sorted(m.to[0] for m in mail.outbox) == ["hung@example.vn", "lanhdao@example.vn", "tam@example.vn"]
    message = mail.outbox[0]
    assert "Chi bộ Giáo viên 1" in message.subject
    name, content, mimetype = message.attachments[0]
    assert name == "sinh-hoat.ics" and mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in content and f"DTSTART:{day:%Y%m%d}T070000Z" in content  # 14:00 in Hà Nội time
    assert "LOCATION:Hội trường nhà trường" in content
    assert list(upcoming_for(users.member, dt.date.today())) == [meeting]


def test_reschedule_after_invite_sends_a_new_notice_and_exempted_members_are_not_called(
    plan, users, members, django_capture_on_commit_callbacks
):
    _with_email(users.member, "hung@example.vn")
    member_exempt(actor=users.officer, member=members.hung, effective_date=D(2024, 1, 1), reason="Tuổi cao, sức yếu")
    meeting = plan(dt.date.today() + dt.timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.meeting_invite(actor=users.secretary, meeting=meeting) == 0
    assert mail.outbox == []


def test_reschedule_of_an_invited_meeting_notifies_again(plan, users, members, django_capture_on_commit_callbacks):
    _with_email(users.member, "hung@example.vn")
    meeting = plan(dt.date.today() + dt.timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_invite(actor=users.secretary, meeting=meeting)
        services.meeting_reschedule(
            actor=users.secretary, meeting=meeting, planned_on=meeting.planned_on + dt.timedelta(days=1),
            reason="Trùng lịch",
        )  # fmt: skip
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject.startswith("Đổi lịch")
    assert "SEQUENCE:" in mail.outbox[1].attachments[0][1]
    assert Notification.objects.filter(user=users.member).count() == 2
