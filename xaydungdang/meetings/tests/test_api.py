import datetime as dt

from xaydungdang.api.tests.clients import client_for
from xaydungdang.meetings.choices import Presence
from xaydungdang.meetings.models import Attendance, Meeting

D = dt.date
URL = "/api/v1/meetings/"


def test_plan_through_the_api_with_the_services_rules(users, tree):
    client = client_for(users.secretary)
    response = client.post(
        URL, {"organization": tree.cell_1.code, "kind": "thematic", "planned_on": "10/03/2025"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["topic"] == ["Sinh hoạt chuyên đề phải ghi chuyên đề."]
    response = client.post(
        URL, {"organization": tree.cell_2.pk, "kind": "regular", "planned_on": "2025-03-10"}, format="json"
    )
    assert response.status_code == 400  # Chi bộ 2 is not the secretary's: not among the organizations offered
    response = client.post(
        URL, {"organization": tree.cell_1.pk, "kind": "regular", "planned_on": "2025-03-10", "planned_time": "14:00"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201
    assert response.json()["period_start"] == "2025-03-01"


def test_attendance_through_the_api_is_all_or_nothing(users, members, plan):
    meeting = plan(D(2025, 3, 10))
    client = client_for(users.secretary)
    url = f"{URL}{meeting.pk}/attendance/"
    body = {"held_on": "10/03/2025", "entries": [{"member": members.lan.pk, "presence": "excused"}]}
    response = client.post(url, body, format="json")
    assert response.status_code == 400
    assert response.json()[f"m{members.lan.pk}"] == ["Trần Thị Lan vắng có lý do: phải ghi lý do."]
    assert not Attendance.objects.exists()
    body["entries"][0]["reason"] = "Ốm"
    response = client.post(url, body, format="json")
    assert response.status_code == 200
    rows = {row["member_name"]: row["presence"] for row in response.json()["attendance"]}
    assert rows == {"Nguyễn Văn Hùng": Presence.PRESENT, "Trần Thị Lan": Presence.EXCUSED}


def test_scope_of_the_api(users, members, plan):
    meeting = plan(D(2025, 3, 10))
    from xaydungdang.meetings.services import attendance_record

    attendance_record(actor=users.officer, meeting=meeting, held_on=D(2025, 3, 10), entries={})
    assert client_for(users.outsider).get(f"{URL}{meeting.pk}/").status_code == 404
    assert client_for(users.outsider).get(URL).json()["count"] == 0
    own = client_for(users.member).get(f"{URL}{meeting.pk}/").json()["attendance"]
    assert [row["member_name"] for row in own] == ["Nguyễn Văn Hùng"]  # a member sees their own row only
    response = client_for(users.member).post(f"{URL}{meeting.pk}/invite/")
    assert response.status_code == 404
    response = client_for(users.leader).post(
        f"{URL}{meeting.pk}/reschedule/", {"planned_on": "2025-03-11", "reason": "x"}
    )
    assert response.status_code == 404
    assert client_for(None).get(URL).status_code in (401, 403)


def test_reschedule_and_filters(users, plan, tree):
    meeting = plan(D(2025, 3, 10))
    plan(D(2025, 3, 12), organization=tree.cell_2)
    client = client_for(users.officer)
    response = client.post(
        f"{URL}{meeting.pk}/reschedule/", {"planned_on": "12/03/2025", "reason": "Trùng lịch"}, format="json"
    )
    assert response.status_code == 200 and response.json()["planned_on"] == "2025-03-12"
    assert client.get(URL, {"org": tree.cell_2.pk}).json()["count"] == 1
    assert client.get(URL, {"since": "2025-03-11"}).json()["count"] == 2
    assert Meeting.objects.get(pk=meeting.pk).history.count() == 2
