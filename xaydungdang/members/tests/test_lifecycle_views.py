"""Lifecycle pages: the scope matrix, the forms recording events, transfers accepted by the receiver."""

import datetime as dt

import pytest
from django.urls import reverse

from conftest import PASSWORD
from xaydungdang.members.choices import EventKind, MemberStatus
from xaydungdang.members.lifecycle import services as svc
from xaydungdang.members.lifecycle.choices import TransferState

pytestmark = pytest.mark.django_db


def client_for(client, user):
    if user is not None:
        client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (None, 302),
        ("nobody", 404),
        ("member", 200),
        ("secretary", 200),
        ("leader", 200),
        ("officer", 200),
        ("outsider", 404),
    ],
)
def test_timeline_scope_matrix(client, users, members, who, expected):
    user = getattr(users, who) if who else None
    response = client_for(client, user).get(reverse("lifecycle:timeline", args=[members.hung.pk]))
    assert response.status_code == expected
    if expected == 302:
        assert "/accounts/login/" in response["Location"]
    if expected == 200:
        assert "Kết nạp" in response.content.decode()
        assert ("Ghi sự kiện" in response.content.decode()) == (who in ("secretary", "officer"))


def test_timeline_of_a_cellmate_is_hidden_from_a_plain_member(client, users, members):
    response = client_for(client, users.member).get(reverse("lifecycle:timeline", args=[members.lan.pk]))
    assert response.status_code == 404


def test_timeline_lists_events_with_document_links_and_party_age(client, users, members):
    response = client_for(client, users.secretary).get(reverse("lifecycle:timeline", args=[members.hung.pk]))
    html = response.content.decode()
    assert "Tuổi Đảng" in html and "Tải văn bản (.docx)" in html
    assert "19/05/2010" in html


@pytest.mark.parametrize(("who", "expected"), [("leader", 404), ("member", 404), ("outsider", 404), ("secretary", 200)])
def test_event_form_needs_change_scope(client, users, members, who, expected):
    url = reverse("lifecycle:event_create", args=[members.hung.pk, EventKind.EXEMPTED])
    assert client_for(client, getattr(users, who)).get(url).status_code == expected


def test_event_form_records_through_the_service_and_shows_refusals_on_fields(client, users, members):
    client_for(client, users.secretary)
    url = reverse("lifecycle:event_create", args=[members.hung.pk, EventKind.EXEMPTED])
    response = client.post(url, {"effective_date": "01/02/2024", "reason": ""})
    assert response.status_code == 200
    assert "Phải ghi lý do miễn công tác" in response.content.decode()
    response = client.post(url, {"effective_date": "01/02/2024", "reason": "Tuổi cao, sức yếu"})
    assert response.status_code == 302
    members.hung.refresh_from_db()
    assert members.hung.is_exempted


def test_event_form_for_discipline_refuses_removal_from_post_for_probationary(client, users, tree):
    from xaydungdang.members.lifecycle.testing import admit

    member = admit(users.officer, tree.cell_1, ceremony=dt.date(2024, 6, 1))
    client_for(client, users.secretary)
    url = reverse("lifecycle:event_create", args=[member.pk, EventKind.DISCIPLINED])
    response = client.post(url, {"effective_date": "01/08/2024", "form": "removal_from_post", "reason": "Vi phạm"})
    assert "Đảng viên dự bị chỉ bị kỷ luật khiển trách hoặc cảnh cáo" in response.content.decode()


def test_transfer_form_then_acceptance_by_the_receiving_side(client, users, members, tree):
    client_for(client, users.secretary)
    url = reverse("lifecycle:event_create", args=[members.hung.pk, EventKind.TRANSFERRED_OUT])
    response = client.post(
        url, {"effective_date": "06/05/2024", "decision_number": "25-GGT/ĐU", "to_organization": tree.village_b.code}
    )
    assert response.status_code == 302, response.content.decode()
    transfer = members.hung.transfers.get()
    accept = reverse("lifecycle:transfer_accept", args=[transfer.pk])
    assert client.get(accept).status_code == 404  # the sender cannot accept for the receiver
    client.logout()
    client_for(client, users.outsider)
    assert client.get(accept).status_code == 200
    response = client.post(accept, {"accepted_on": "20/05/2024"})
    assert response.status_code == 302
    members.hung.refresh_from_db()
    assert members.hung.organization == tree.village_b
    transfer.refresh_from_db()
    assert transfer.state == TransferState.ACCEPTED


def test_unknown_event_kind_is_404(client, users, members):
    url = reverse("lifecycle:event_create", args=[members.hung.pk, "bogus"])
    assert client_for(client, users.secretary).get(url).status_code == 404


def test_recognition_form(client, users, tree):
    from xaydungdang.members.lifecycle.testing import admit

    member = admit(users.officer, tree.cell_1, ceremony=dt.date(2023, 6, 1))
    client_for(client, users.secretary)
    url = reverse("lifecycle:event_create", args=[member.pk, EventKind.RECOGNIZED_OFFICIAL])
    response = client.post(url, {"decision_number": "7-QĐ/ĐU", "decision_date": "15/06/2024"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.status, member.official_date) == (MemberStatus.OFFICIAL, dt.date(2024, 6, 1))


def test_transfer_accept_refuses_transfers_already_done(client, users, members, tree):
    transfer = svc.transfer_issue(
        actor=users.officer,
        member=members.hung,
        to_organization=tree.cell_2,
        letter_number="1",
        issued_on=dt.date(2024, 5, 6),
    )
    svc.transfer_accept(actor=users.officer, transfer=transfer, accepted_on=dt.date(2024, 5, 7))
    assert (
        client_for(client, users.officer).get(reverse("lifecycle:transfer_accept", args=[transfer.pk])).status_code
        == 404
    )


def test_timeline_offers_only_the_events_that_fit_the_members_state(client, users, members):
    svc.member_strike_off(actor=users.officer, member=members.lan, ground="other", effective_date=dt.date(2020, 1, 1))
    html = (
        client_for(client, users.secretary).get(reverse("lifecycle:timeline", args=[members.lan.pk])).content.decode()
    )
    assert "Kết nạp lại" in html and "Công nhận đảng viên chính thức</a>" not in html
    html = client.get(reverse("lifecycle:timeline", args=[members.hung.pk])).content.decode()
    assert "Cấp thẻ đảng viên" in html and "Kết nạp lại</a>" not in html


def test_readmission_form(client, users, members, tree):
    svc.member_strike_off(actor=users.officer, member=members.lan, ground="other", effective_date=dt.date(2020, 1, 1))
    client_for(client, users.officer)
    url = reverse("lifecycle:event_create", args=[members.lan.pk, EventKind.READMITTED])
    data = {
        "organization": tree.cell_2.code,
        "decision_number": "9-QĐ/ĐU",
        "decision_date": "01/03/2023",
        "issued_by": "ĐU",
        "ceremony_date": "05/03/2023",
    }
    assert client.post(url, data).status_code == 302
    members.lan.refresh_from_db()
    assert (members.lan.status, members.lan.organization) == (MemberStatus.PROBATIONARY, tree.cell_2)


@pytest.mark.parametrize(("who", "expected"), [("leader", 404), ("outsider", 404), ("secretary", 200)])
def test_arrival_from_outside_page(client, users, tree, who, expected):
    url = reverse("lifecycle:arrival", args=[tree.cell_1.pk])
    client_for(client, getattr(users, who))
    assert client.get(url).status_code == expected
    if expected != 200:
        return
    data = {
        "full_name": "Lâm Văn Sơn", "gender": "male", "birth_date": "01/01/1980", "status": "official",
        "admission_decision_date": "01/03/2005", "admission_date": "03/03/2005", "official_date": "03/03/2006",
        "from_organization": "Đảng bộ tỉnh Sóc Trăng", "letter_number": "15-GGT/TU", "letter_date": "20/02/2024",
        "arrived_on": "01/03/2024",
    }  # fmt: skip
    assert client.post(url, {**data, "official_date": ""}).content.decode().count("phải có ngày chính thức") == 1
    response = client.post(url, data)
    assert response.status_code == 302
    assert tree.cell_1.members.filter(full_name="Lâm Văn Sơn", status=MemberStatus.OFFICIAL).exists()


def test_badge_card_and_badge_events_read_the_same_log_and_name_the_badge(client, users, members):
    """Issue 17 item 11: an award recorded as an event only (the demo builder, an import) was in the events
    but the card said "Chưa có."; each badge event now names its milestone."""
    from xaydungdang.members.models import Badge, MembershipEvent

    hung = members.hung
    MembershipEvent.objects.create(
        member=hung, kind=EventKind.BADGE_AWARDED, effective_date=dt.date(2040, 2, 3), data={"years": 30}
    )
    Badge.objects.create(member=hung, years=40, awarded_on=dt.date(2050, 2, 3), badge_number="92E000123")
    MembershipEvent.objects.create(
        member=hung, kind=EventKind.BADGE_AWARDED, effective_date=dt.date(2050, 2, 3), data={"years": 40}
    )
    html = client_for(client, users.secretary).get(reverse("lifecycle:timeline", args=[hung.pk])).content.decode()
    assert "Chưa có." not in html
    card = html.split("Huy hiệu Đảng</div>", 1)[1]
    assert "Huy hiệu 30 năm tuổi Đảng — 03/02/2040" in card
    assert "Huy hiệu 40 năm tuổi Đảng — 03/02/2050 (92E000123)" in card
    assert 'Tặng Huy hiệu Đảng: <span class="badge-of">Huy hiệu 30 năm tuổi Đảng</span>' in html
    assert 'Tặng Huy hiệu Đảng: <span class="badge-of">Huy hiệu 40 năm tuổi Đảng</span>' in html
