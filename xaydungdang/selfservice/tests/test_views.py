"""My space and the request pages as each user reaches them: the member, the cell's secretary, outsiders (404)."""

import datetime as dt

import pytest
from django.urls import reverse

from xaydungdang.committees.models import Holding, PostKind, Term
from xaydungdang.core.dates import today
from xaydungdang.meetings import rules as meeting_rules
from xaydungdang.meetings import services as meeting_services
from xaydungdang.meetings.choices import MeetingKind, Presence
from xaydungdang.members.models import Member
from xaydungdang.reviews.models import Review
from xaydungdang.selfservice import services
from xaydungdang.selfservice.choices import RequestKind, RequestStatus
from xaydungdang.selfservice.models import SelfRequest

pytestmark = pytest.mark.django_db


def test_member_only_user_lands_on_my_space(client, users):
    client.force_login(users.member)
    assert client.get(reverse("home")).url == reverse("selfservice:home")
    client.force_login(users.secretary)
    assert client.get(reverse("home")).url != reverse("selfservice:home")


def test_my_space_shows_every_section_of_the_member(client, users, members, tree):
    day = today() - dt.timedelta(days=3)
    meeting = meeting_services.meeting_plan(
        actor=users.secretary, organization=tree.cell_1, kind=MeetingKind.REGULAR, planned_on=day
    )
    meeting_services.attendance_record(
        actor=users.secretary, meeting=meeting, held_on=day, entries={members.hung.pk: (Presence.EXCUSED, "Ốm")}
    )
    meeting_services.task_add(
        actor=users.secretary, meeting=meeting, title="Rà soát hồ sơ đảng viên", owner=members.hung, due_on=today()
    )
    _start, end = meeting_rules.period_of(MeetingKind.REGULAR, today())  # the next one in the next period, so
    meeting_services.meeting_plan(  # that it never falls in the period of the one above (the 4th to 8th of a month)
        actor=users.secretary,
        organization=tree.cell_1,
        kind=MeetingKind.REGULAR,
        planned_on=end + dt.timedelta(days=5),
    )
    members.hung.address = "5 Hòa Bình, Ninh Kiều"
    members.hung.save()
    client.force_login(users.member)
    page = client.get(reverse("selfservice:home")).content.decode()
    for section in (
        "ho-so",
        "tuoi-dang",
        "chuc-vu",
        "sinh-hoat",
        "nhiem-vu",
        "dang-phi",
        "hoc-tap",
        "danh-gia",
        "de-nghi",
    ):
        assert f'id="{section}"' in page
    assert "5 Hòa Bình, Ninh Kiều" in page  # the member sees their own personal data in full
    assert "Vắng có lý do" in page and "Rà soát hồ sơ đảng viên" in page
    assert "Huy hiệu tiếp theo: 30 năm tuổi Đảng" in page  # admitted 2010: the first milestone
    assert "Tuổi đảng" in page and "dạng che" in page


def test_my_space_is_the_members_own_and_needs_a_record(client, users):
    client.force_login(users.secretary)  # no member record
    assert client.get(reverse("selfservice:home")).status_code == 404
    client.logout()
    assert client.get(reverse("selfservice:home")).status_code == 302


def test_posts_in_a_committee_above_the_cell_are_the_members_own(users, members, tree):
    from xaydungdang.selfservice.selectors import my_space

    term = Term.objects.create(organization=tree.school, starts_on=dt.date(2020, 10, 1), ends_on=dt.date(2025, 10, 1))
    post = PostKind.objects.first()
    Holding.objects.create(
        term=term, member=members.hung, post_kind=post, started_on=dt.date(2020, 10, 1), obtained_by="elected"
    )
    space = my_space(users.member, Member.objects.get(pk=members.hung.pk))
    assert [h.term.organization for h in space.posts] == [tree.school]
    assert not Review.objects.visible_to(users.member).exclude(member=members.hung).exists()


def test_request_pages_end_to_end_by_the_views(client, users, members, tree):
    client.force_login(users.member)
    url = reverse("selfservice:request_new", args=[RequestKind.CORRECT_DATA])
    form = client.get(url)
    assert form.status_code == 200
    bad = client.post(url, {"phone": "abc" * 10, "qualification": "none", "theory_level": "none"})
    assert bad.status_code == 200 and "invalid-feedback" in bad.content.decode()
    response = client.post(url, {"phone": "0988777666", "qualification": "none", "theory_level": "none"})
    assert response.status_code == 302
    request = SelfRequest.objects.get(member=members.hung)
    assert request.payload == {"phone": "0988777666"}
    detail = reverse("selfservice:request", args=[request.pk])
    assert client.get(detail).status_code == 200  # the member reads their own
    assert client.post(reverse("selfservice:approve", args=[request.pk])).status_code == 404  # never self-approved

    client.force_login(users.leader)  # a leader over the cell reads the member's records, decides nothing
    leader_page = client.get(detail).content.decode()
    assert "0988777666" not in leader_page and "0988••••66" in leader_page  # personal data masked
    assert client.post(reverse("selfservice:approve", args=[request.pk])).status_code == 404
    for outsider in (users.outsider, users.nobody):
        client.force_login(outsider)
        assert client.get(detail).status_code == 404
        assert client.post(reverse("selfservice:approve", args=[request.pk])).status_code == 404
        assert client.get(reverse("selfservice:cell_requests", args=[tree.cell_1.pk])).status_code == 404
    client.force_login(users.leader)
    assert client.get(reverse("selfservice:cell_requests", args=[tree.cell_1.pk])).status_code == 404

    client.force_login(users.secretary)
    listing = client.get(reverse("selfservice:cell_requests", args=[tree.cell_1.pk])).content.decode()
    assert "Nguyễn Văn Hùng" in listing
    empty = client.post(reverse("selfservice:return", args=[request.pk]), {"reason": ""})
    assert empty.status_code == 400 and "Phải ghi lý do trả lại" in empty.content.decode()
    assert client.post(reverse("selfservice:approve", args=[request.pk])).status_code == 302
    assert Member.objects.get(pk=members.hung.pk).phone == "0988777666"
    assert SelfRequest.objects.get(pk=request.pk).status == RequestStatus.DONE
    again = client.post(reverse("selfservice:approve", args=[request.pk]))
    assert again.status_code == 400 and "đã được xử lý" in again.content.decode()


def test_document_download_is_the_member_and_the_cell_only(client, users, members):
    request = services.request_create(
        actor=users.member, member=members.hung, kind=RequestKind.PARTY_AGE, payload={"purpose": "bổ sung hồ sơ"}
    )
    services.request_approve(actor=users.secretary, request=request)
    url = reverse("selfservice:document", args=[request.pk])
    cases = (
        (users.member, 200),
        (users.secretary, 200),
        (users.leader, 404),
        (users.outsider, 404),
        (users.nobody, 404),
    )
    for user, status in cases:
        client.force_login(user)
        assert client.get(url).status_code == status
