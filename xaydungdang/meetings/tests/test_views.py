import datetime as dt
import os
import shutil
import subprocess  # noqa: S404 - LibreOffice converts the minutes the test produced

import pytest
from django.urls import reverse

from xaydungdang.meetings import services
from xaydungdang.meetings.choices import MeetingState, Presence
from xaydungdang.meetings.models import Attendance, Meeting

D = dt.date


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("nobody", 404), ("outsider", 404), ("member", 200), ("secretary", 200), ("leader", 200)],
)
def test_calendar_scope(client, users, tree, plan, who, status):
    plan(D(2025, 3, 10))
    user = None if who == "anonymous" else getattr(users, who)
    response = _get(client, user, reverse("meetings:calendar", args=[tree.cell_1.pk]) + "?month=2025-03")
    assert response.status_code == status
    if status == 200:
        assert "Sinh hoạt thường kỳ" in response.content.decode()


def test_calendar_of_a_subtree_and_a_bad_month(client, users, tree, plan):
    plan(D(2025, 3, 10))
    plan(D(2025, 3, 12), organization=tree.cell_2)
    response = _get(client, users.leader, reverse("meetings:calendar", args=[tree.school.pk]) + "?month=2025-03")
    assert len(response.context["meetings"]) == 2
    response = client.get(reverse("meetings:calendar", args=[tree.school.pk]) + "?month=03/2025")
    assert response.status_code == 400  # a bad query parameter: 400 naming it (core.querystring)
    assert "Tham số “month” không hợp lệ" in response.content.decode()


@pytest.mark.parametrize(("who", "status"), [("member", 404), ("leader", 404), ("outsider", 404), ("secretary", 200)])
def test_only_who_may_change_the_cell_plans(client, users, tree, who, status):
    assert _get(client, getattr(users, who), reverse("meetings:plan", args=[tree.cell_1.pk])).status_code == status


def test_plan_form_prefilled_from_due_work_and_errors_in_vietnamese(client, users, tree):
    client.force_login(users.secretary)
    url = reverse("meetings:plan", args=[tree.cell_1.pk])
    page = client.get(url + "?kind=thematic&period_start=2025-01-01")
    assert page.context["form"]["kind"].value() == "thematic"
    response = client.post(url, {"kind": "thematic", "planned_on": "10/02/2025", "period_start": "01/01/2025"})
    assert response.status_code == 200
    assert "Sinh hoạt chuyên đề phải ghi chuyên đề." in response.content.decode()
    response = client.post(url, {"kind": "regular", "planned_on": "31/02/2025"})
    assert response.status_code == 200 and "planned_on" in response.context["form"].errors
    response = client.post(
        url, {"kind": "regular", "planned_on": "10/02/2025", "planned_time": "19:30", "place": "Nhà văn hóa"}
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and meeting.planned_time == dt.time(19, 30)


def test_meeting_page_for_a_member_shows_no_history_and_no_actions(client, users, plan):
    meeting = plan(D(2025, 3, 10))
    page = _get(client, users.member, reverse("meetings:detail", args=[meeting.pk]))
    assert page.status_code == 200 and not page.context["can_change"] and page.context["history_entries"] == []
    assert _get(client, users.outsider, reverse("meetings:detail", args=[meeting.pk])).status_code == 404


def test_attendance_form_records_the_meeting(client, users, members, plan):
    meeting = plan(D(2025, 3, 10))
    client.force_login(users.secretary)
    url = reverse("meetings:attendance", args=[meeting.pk])
    assert client.get(url).status_code == 200
    data = {"held_on": "10/03/2025", f"m{members.hung.pk}": "present", f"m{members.lan.pk}": "excused",
            f"r{members.lan.pk}": ""}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Trần Thị Lan vắng có lý do: phải ghi lý do." in response.content.decode()
    data[f"r{members.lan.pk}"] = "Ốm"
    assert client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.HELD
    assert Attendance.objects.get(member=members.lan).reason == "Ốm"
    assert _get(client, users.member, url).status_code == 404


def test_minutes_docx_opens_in_libreoffice(client, users, members, held, tmp_path):
    soffice = shutil.which("soffice") or ("/usr/bin/soffice" if os.path.exists("/usr/bin/soffice") else None)
    meeting = held(D(2025, 3, 10), entries={members.lan: (Presence.EXCUSED, "Ốm")})
    services.task_add(actor=users.officer, meeting=meeting, title="Hoàn thành kế hoạch năm học", owner=members.hung,
                      due_on=D(2025, 4, 30))  # fmt: skip
    services.minutes_save(
        actor=users.officer, meeting=meeting, chair="Nguyễn Văn Hùng", secretary="Trần Thị Lan",
        sections={"fees": "Thu đảng phí tháng 3 đủ 2/2 đảng viên.", "news": "Quán triệt Chỉ thị 50-CT/TW."},
        conclusion="Chi bộ thống nhất các nhiệm vụ tháng 4.", started_at=dt.time(14, 0),
    )  # fmt: skip
    client.force_login(users.secretary)
    response = client.get(reverse("meetings:minutes_docx", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing on CI")
        pytest.skip("LibreOffice is not installed")
    source = tmp_path / "bien-ban.docx"
    source.write_bytes(response.content)
    env = {**os.environ, "HOME": str(tmp_path)}  # a private LibreOffice profile
    for target in ("pdf", "txt:Text"):
        subprocess.run(  # noqa: S603 - fixed arguments
            [soffice, "--headless", "--convert-to", target, "--outdir", str(tmp_path), str(source)],
            check=True, capture_output=True, timeout=180, env=env,
        )  # fmt: skip
    pdf = (tmp_path / "bien-ban.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        command = [pdftotext, str(tmp_path / "bien-ban.pdf"), "-"]
        text = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    else:  # the same rendering engine's text export
        text = (tmp_path / "bien-ban.txt").read_text(encoding="utf-8-sig")
    for expected in (
        "BIÊN BẢN",
        "CHI BỘ GIÁO VIÊN 1",
        "Thu đảng phí",
        "Hoàn thành kế hoạch năm học",
        "Trần Thị Lan (Ốm)",
    ):
        assert expected in text


def test_statistics_page_and_xlsx_for_who_reads_the_subtree(client, users, tree, held):
    held(D(2025, 3, 10))
    url = reverse("meetings:stats", args=[tree.school.pk]) + "?start=01/01/2025&end=31/03/2025"
    assert _get(client, users.secretary, url).status_code == 404  # a node grant on one cell
    assert _get(client, users.outsider, url).status_code == 404
    page = _get(client, users.leader, url)
    assert page.status_code == 200
    assert page.context["figures"].by_kind["regular"].held == 1
    bad = client.get(reverse("meetings:stats", args=[tree.school.pk]) + "?start=31/03/2025&end=01/01/2025")
    assert bad.status_code == 400 and "Đến ngày phải sau Từ ngày." in bad.content.decode()
    xlsx = client.get(reverse("meetings:stats_xlsx", args=[tree.school.pk]) + "?start=01/01/2025&end=31/03/2025")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_my_meetings_and_the_organization_tab(client, users, tree, plan):
    meeting = plan(dt.date.today() + dt.timedelta(days=3))
    assert list(_get(client, users.member, reverse("meetings:mine")).context["meetings"]) == [meeting]
    tab = client.get(reverse("meetings:organization_tab", args=[tree.cell_1.pk]))
    assert tab.status_code == 200 and meeting in tab.context["meetings"]
