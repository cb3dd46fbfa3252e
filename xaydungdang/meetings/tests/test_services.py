import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaydungdang.access.policy import OutOfScope
from xaydungdang.meetings import services
from xaydungdang.meetings.choices import MeetingKind, MeetingState, Presence
from xaydungdang.meetings.models import Attendance
from xaydungdang.members.lifecycle.services import member_exempt, member_temporary_start

D = dt.date


def test_plan_counts_the_meeting_for_the_month_of_its_day(plan, tree):
    meeting = plan(D(2025, 3, 10))
    assert meeting.period_start == D(2025, 3, 1)
    assert meeting.state == MeetingState.PLANNED


def test_a_second_regular_meeting_for_the_same_month_is_refused(plan):
    plan(D(2025, 3, 10))
    with pytest.raises(ValidationError) as error:
        plan(D(2025, 3, 20))
    assert "đã có buổi «Sinh hoạt thường kỳ»" in str(error.value.message_dict["period_start"])


def test_a_late_meeting_names_the_month_it_makes_up_for(plan):
    meeting = plan(D(2025, 4, 3), period_start=D(2025, 3, 1))
    assert meeting.period_start == D(2025, 3, 1)
    with pytest.raises(ValidationError) as error:
        plan(D(2025, 4, 3), period_start=D(2025, 3, 5))
    assert "period_start" in error.value.message_dict


def test_thematic_meeting_needs_a_topic_and_does_not_take_the_month(plan, users, tree):
    with pytest.raises(ValidationError) as error:
        services.meeting_plan(
            actor=users.officer, organization=tree.cell_1, kind=MeetingKind.THEMATIC, planned_on=D(2025, 3, 20)
        )
    assert error.value.message_dict["topic"] == ["Sinh hoạt chuyên đề phải ghi chuyên đề."]
    plan(D(2025, 3, 10))
    thematic = plan(D(2025, 3, 20), kind=MeetingKind.THEMATIC)
    assert thematic.period_start == D(2025, 1, 1)


def test_kinds_follow_the_organization(plan, tree):
    with pytest.raises(ValidationError) as error:
        plan(D(2025, 3, 10), organization=tree.school)  # a grassroots committee meets twice a year
    assert "không tổ chức loại sinh hoạt" in str(error.value)
    assert plan(D(2025, 5, 10), kind=MeetingKind.COMMITTEE, organization=tree.school).period_start == D(2025, 1, 1)
    with pytest.raises(ValidationError):
        plan(D(2025, 5, 10), kind=MeetingKind.REGULAR, organization=tree.commune_a)


def test_outsiders_and_members_cannot_plan(users, tree):
    for user in (users.outsider, users.member, users.leader):
        with pytest.raises(OutOfScope):
            services.meeting_plan(actor=user, organization=tree.cell_1, kind="regular", planned_on=D(2025, 3, 1))


def test_reschedule_keeps_the_former_date_in_history_with_the_reason(plan, users):
    meeting = plan(D(2025, 3, 10))
    with pytest.raises(ValidationError) as error:
        services.meeting_reschedule(actor=users.secretary, meeting=meeting, planned_on=D(2025, 3, 12), reason=" ")
    assert error.value.message_dict["reason"] == ["Phải ghi lý do."]
    services.meeting_reschedule(
        actor=users.secretary, meeting=meeting, planned_on=D(2025, 3, 12), reason="Trùng lịch họp cơ quan"
    )
    records = list(meeting.history.order_by("history_date", "history_id"))
    assert [r.planned_on for r in records] == [D(2025, 3, 10), D(2025, 3, 12)]
    assert records[-1].history_change_reason == "Đổi lịch: Trùng lịch họp cơ quan"
    assert records[-1].history_user == users.secretary


def test_a_cancelled_or_held_meeting_cannot_be_rescheduled(held, users):
    meeting = held(D(2025, 3, 10))
    with pytest.raises(ValidationError):
        services.meeting_reschedule(actor=users.officer, meeting=meeting, planned_on=D(2025, 3, 12), reason="x")


def test_attendance_defaults_and_reasons(held, members, users):
    meeting = held(
        D(2025, 3, 10),
        entries={members.lan: (Presence.EXCUSED, "Ốm"), members.hung: (Presence.PRESENT, "")},
    )
    rows = {a.member_id: (a.presence, a.reason) for a in Attendance.objects.filter(meeting=meeting)}
    assert rows == {members.hung.pk: (Presence.PRESENT, ""), members.lan.pk: (Presence.EXCUSED, "Ốm")}
    assert meeting.state == MeetingState.HELD and meeting.held_on == D(2025, 3, 10)


def test_absent_with_reason_needs_the_reason(plan, members, users):
    meeting = plan(D(2025, 3, 10))
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            actor=users.officer, meeting=meeting, held_on=D(2025, 3, 10), entries={members.lan.pk: ("excused", "")}
        )
    assert error.value.message_dict[f"m{members.lan.pk}"] == ["Trần Thị Lan vắng có lý do: phải ghi lý do."]
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PLANNED and not Attendance.objects.exists()  # all or nothing


def test_exempted_member_is_not_counted_absent(plan, members, users):
    member_exempt(actor=users.officer, member=members.lan, effective_date=D(2024, 1, 1), reason="Tuổi cao, sức yếu")
    meeting = plan(D(2025, 3, 10))
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            actor=users.officer, meeting=meeting, held_on=D(2025, 3, 10), entries={members.lan.pk: ("unexcused", "")}
        )
    assert "không tính vắng mặt" in error.value.message_dict[f"m{members.lan.pk}"][0]
    services.attendance_record(actor=users.officer, meeting=meeting, held_on=D(2025, 3, 10), entries={})
    assert Attendance.objects.get(member=members.lan).presence == Presence.EXEMPTED


def test_exempted_and_elsewhere_are_refused_for_members_who_are_not(plan, members, users, tree):
    meeting = plan(D(2025, 3, 10))
    for presence, text in ((Presence.EXEMPTED, "không được miễn"), (Presence.ELSEWHERE, "không sinh hoạt tạm thời")):
        with pytest.raises(ValidationError) as error:
            services.attendance_record(
                actor=users.officer, meeting=meeting, held_on=D(2025, 3, 10), entries={members.hung.pk: (presence, "")}
            )
        assert text in error.value.message_dict[f"m{members.hung.pk}"][0]


def test_temporary_activity_elsewhere_is_the_default_and_the_host_calls_them(plan, members, users, tree):
    member_temporary_start(
        actor=users.officer, member=members.lan, effective_date=D(2025, 1, 5), to_organization=tree.cell_2
    )
    home = plan(D(2025, 3, 10))
    services.attendance_record(actor=users.officer, meeting=home, held_on=D(2025, 3, 10), entries={})
    assert Attendance.objects.get(meeting=home, member=members.lan).presence == Presence.ELSEWHERE
    host = plan(D(2025, 3, 11), organization=tree.cell_2)
    services.attendance_record(actor=users.officer, meeting=host, held_on=D(2025, 3, 11), entries={})
    assert set(Attendance.objects.filter(meeting=host).values_list("member_id", flat=True)) == {
        members.hoa.pk,
        members.lan.pk,
    }


def test_a_member_not_of_the_cell_is_refused(plan, members, users):
    meeting = plan(D(2025, 3, 10))
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            actor=users.officer, meeting=meeting, held_on=D(2025, 3, 10), entries={members.tuan.pk: ("present", "")}
        )
    assert f"m{members.tuan.pk}" in error.value.message_dict


def test_held_in_the_future_is_refused(plan, users):
    meeting = plan(D(2025, 3, 10))
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            actor=users.officer, meeting=meeting, held_on=dt.date.today() + dt.timedelta(days=2), entries={}
        )
    assert "held_on" in error.value.message_dict


def test_tasks_are_carried_to_the_next_meeting_until_done(held, users):
    from xaydungdang.meetings.selectors import carried_tasks

    march = held(D(2025, 3, 10))
    task = services.task_add(actor=users.officer, meeting=march, title="Vận động quần chúng", owner_name="Chi ủy")
    april = held(D(2025, 4, 10))
    assert list(carried_tasks(april)) == [task]
    services.task_complete(actor=users.officer, task=task, done_on=D(2025, 4, 20), result="Đã vận động 2 quần chúng")
    may = held(D(2025, 5, 10))
    assert list(carried_tasks(may)) == []
    assert list(carried_tasks(april)) == [task]  # still shown at the meeting it was reviewed at


def test_minutes_only_for_a_held_meeting_and_only_agenda_sections(plan, held, users):
    planned = plan(D(2025, 2, 10))
    with pytest.raises(ValidationError):
        services.minutes_save(actor=users.officer, meeting=planned, chair="A", secretary="B", sections={})
    meeting = held(D(2025, 3, 10))
    with pytest.raises(ValidationError) as error:
        services.minutes_save(actor=users.officer, meeting=meeting, chair="A", secretary="B", sections={"x": "y"})
    assert "sections" in error.value.message_dict
    minutes = services.minutes_save(
        actor=users.officer, meeting=meeting, chair="A", secretary="B", sections={"fees": "Thu đủ", "news": " "}
    )
    assert minutes.sections == {"fees": "Thu đủ"}


def test_self_assessment_points_make_the_level(held, users):
    from xaydungdang.meetings.models import QualityCriterion

    meeting = held(D(2025, 3, 10))
    criteria = list(QualityCriterion.objects.order_by("position"))
    assert sum(c.points for c in criteria) == 100
    assessment = services.assessment_save(actor=users.officer, meeting=meeting, criteria_met=criteria)
    assert (assessment.points, assessment.level) == (100, "good")
    minus_content = [c for c in criteria if c.code not in ("content", "democracy")]
    assessment = services.assessment_save(actor=users.officer, meeting=meeting, criteria_met=minus_content)
    assert (assessment.points, assessment.level) == (65, "average")
