import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from xaydungdang.core.spreadsheets import csv_bytes
from xaydungdang.exchange.meeting_attendance import attendance_import, template_xlsx
from xaydungdang.meetings import services
from xaydungdang.meetings.choices import MeetingState, Presence
from xaydungdang.meetings.models import Attendance

D = dt.date
HEADER = ["Số lý lịch", "Họ và tên", "Tình hình dự", "Lý do"]


@pytest.fixture
def meeting(users, tree):
    return services.meeting_plan(
        actor=users.officer, organization=tree.cell_1, kind="regular", planned_on=D(2025, 3, 10)
    )


def _import(users, meeting, rows):
    return attendance_import(actor=users.officer, meeting=meeting, held_on=D(2025, 3, 10), file_name="diem-danh.csv",
                             content=csv_bytes(HEADER, rows))  # fmt: skip


def test_the_roster_template_imports_back(users, members, meeting):
    content = template_xlsx(meeting)
    attendance_import(actor=users.officer, meeting=meeting, held_on=D(2025, 3, 10), file_name="t.xlsx", content=content)
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.HELD
    assert set(Attendance.objects.values_list("presence", flat=True)) == {Presence.PRESENT}


def test_labels_without_diacritics_and_reasons(users, members, meeting):
    _import(users, meeting, [[members.lan.record_number, "Trần Thị Lan", "vang co ly do", "Ốm"]])
    lan = Attendance.objects.get(member=members.lan)
    assert (lan.presence, lan.reason) == (Presence.EXCUSED, "Ốm")
    assert Attendance.objects.get(member=members.hung).presence == Presence.PRESENT


def test_bad_rows_are_refused_with_row_and_column_and_nothing_is_written(users, members, meeting):
    rows = [
        [members.lan.record_number, "Trần Thị Lan", "Vắng có lý do", ""],
        [members.tuan.record_number, "Phạm Minh Tuấn", "Có mặt", ""],
        [members.hung.record_number, "Nguyễn Văn Hùng", "Đi chơi", ""],
    ]
    with pytest.raises(ValidationError) as error:
        _import(users, meeting, rows)
    messages = error.value.message_dict["file"]
    assert any("Dòng 3, cột «Số lý lịch»" in m for m in messages)
    assert any("Dòng 4, cột «Tình hình dự»" in m for m in messages)
    with pytest.raises(ValidationError) as error:
        _import(users, meeting, rows[:1])
    assert error.value.message_dict["file"] == ["Dòng 2: Trần Thị Lan vắng có lý do: phải ghi lý do."]
    assert not Attendance.objects.exists()


def test_upload_page_scope_and_errors(client, users, members, meeting):
    url = reverse("exchange:meeting_attendance", args=[meeting.pk])
    client.force_login(users.member)
    assert client.get(url).status_code == 404
    client.force_login(users.secretary)
    assert client.get(reverse("exchange:meeting_attendance_template", args=[meeting.pk])).content[:2] == b"PK"
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("a.csv", csv_bytes(HEADER, [["999999XX", "Ai đó", "Có mặt", ""]]))
    response = client.post(url, {"held_on": "10/03/2025", "file": bad})
    assert response.status_code == 200 and "không có đảng viên «999999XX»" in response.content.decode()
    good = SimpleUploadedFile("a.csv", csv_bytes(HEADER, [[members.lan.record_number, "Trần Thị Lan", "Có mặt", ""]]))
    assert client.post(url, {"held_on": "10/03/2025", "file": good}).status_code == 302
