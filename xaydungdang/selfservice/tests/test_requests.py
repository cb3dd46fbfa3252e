"""Members' own requests, end to end: the member files, the cell's secretary approves or returns, the
change goes through the member edit service with the member as requester and the secretary in the history."""

import io
import zipfile

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xaydungdang.access.policy import OutOfScope
from xaydungdang.core.history import history_entries
from xaydungdang.duework.registry import items_of
from xaydungdang.members.choices import EventKind, TheoryLevel
from xaydungdang.members.models import Member
from xaydungdang.notifications.models import Notification
from xaydungdang.selfservice import services
from xaydungdang.selfservice.choices import RequestKind, RequestStatus
from xaydungdang.selfservice.models import SelfRequest

pytestmark = pytest.mark.django_db(transaction=False)


def pdf(name="chung-chi.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


@pytest.fixture
def secretary_mail(users):
    users.secretary.email = "bithu@example.org"
    users.secretary.save()
    users.member.email = "hung@example.org"
    users.member.save()
    return users


def correction(users, members, **payload):
    return services.request_create(
        actor=users.member, member=members.hung, kind=RequestKind.CORRECT_DATA, payload=payload, note="Chuyển nhà"
    )


def test_correction_approved_goes_through_member_update_with_requester_and_approver(
    secretary_mail, members, django_capture_on_commit_callbacks
):
    users = secretary_mail
    with django_capture_on_commit_callbacks(execute=True):
        request = correction(users, members, address="12 Trần Phú, Ninh Kiều", phone="0912345678")
    # The cell's secretary is told, in the inbox and by e-mail; the request is in their due work.
    assert Notification.objects.filter(user=users.secretary, url=reverse("selfservice:request", args=[request.pk]))
    assert [m.to for m in mail.outbox] == [["bithu@example.org"]]
    due = items_of(
        "selfservice_requests",
        organization=members.hung.organization,
        on=request.submitted_at.date(),
        user=users.secretary,
    )
    assert [item.subject for item in due] == [request]
    assert Member.objects.get(pk=members.hung.pk).address == ""  # nothing changes before the approval

    with django_capture_on_commit_callbacks(execute=True):
        services.request_approve(actor=users.secretary, request=request)
    hung = Member.objects.get(pk=members.hung.pk)
    assert (hung.address, hung.phone) == ("12 Trần Phú, Ninh Kiều", "0912345678")
    request.refresh_from_db()
    assert request.status == RequestStatus.DONE and request.decided_by == users.secretary
    # The member's history: the secretary as the user, the member as the requester in the reason.
    latest = hung.history.latest()
    assert latest.history_user == users.secretary
    assert "Theo đề nghị của đảng viên Nguyễn Văn Hùng" in latest.history_change_reason
    event = hung.events.get(kind=EventKind.DATA_CORRECTED)
    assert event.recorded_by == users.secretary and "Nguyễn Văn Hùng" in event.reason
    assert event.data["address"] == ["", "12 Trần Phú, Ninh Kiều"]
    entries = history_entries(hung, viewer=users.secretary)
    assert entries[0].user == users.secretary.get_full_name() or users.secretary.username
    # The member is told; the request leaves the secretary's due work.
    assert Notification.objects.filter(user=users.member, key=f"selfrequest:{request.pk}:done").exists()
    assert not items_of(
        "selfservice_requests", organization=hung.organization, on=request.submitted_at.date(), user=users.secretary
    )


def test_theory_level_needs_a_certificate_and_email_updates_the_account(users, members):
    with pytest.raises(ValidationError) as error:
        correction(users, members, theory_level=TheoryLevel.INTERMEDIATE)
    assert "certificate" in error.value.message_dict
    request = services.request_create(
        actor=users.member,
        member=members.hung,
        kind=RequestKind.CORRECT_DATA,
        payload={"theory_level": TheoryLevel.INTERMEDIATE, "email": "hung.moi@example.org"},
        certificate=pdf(),
    )
    assert request.certificate.name.endswith(".pdf")
    services.request_approve(actor=users.secretary, request=request)
    members.hung.refresh_from_db()
    users.member.refresh_from_db()
    assert members.hung.theory_level == TheoryLevel.INTERMEDIATE
    assert users.member.email == "hung.moi@example.org"


def test_bad_values_are_refused_by_field(users, members):
    with pytest.raises(ValidationError) as error:
        correction(users, members, email="khong-phai-thu", theory_level="bogus")
    assert set(error.value.message_dict) >= {"email", "theory_level"}
    with pytest.raises(ValidationError) as error:
        correction(users, members, address="")  # same as today: nothing to correct
    assert "payload" in error.value.message_dict


def test_returned_with_reason_changes_nothing(users, members):
    request = correction(users, members, phone="0900000000")
    with pytest.raises(ValidationError):
        services.request_return(actor=users.secretary, request=request, reason="  ")
    services.request_return(actor=users.secretary, request=request, reason="Số điện thoại thiếu một chữ số")
    request.refresh_from_db()
    assert request.status == RequestStatus.RETURNED
    assert request.return_reason == "Số điện thoại thiếu một chữ số"
    assert Member.objects.get(pk=members.hung.pk).phone == ""
    assert Notification.objects.get(user=users.member, key=f"selfrequest:{request.pk}:returned").body
    assert request.history.latest().history_user == users.secretary
    with pytest.raises(ValidationError):  # decided once
        services.request_approve(actor=users.secretary, request=request)


def test_only_the_member_files_and_only_officers_of_the_cell_decide(users, members):
    with pytest.raises(OutOfScope):  # a secretary cannot file for a member
        services.request_create(
            actor=users.secretary, member=members.hung, kind=RequestKind.PARTY_AGE, payload={"purpose": "x"}
        )
    request = services.request_create(
        actor=users.member, member=members.hung, kind=RequestKind.PARTY_AGE, payload={"purpose": "Nộp hồ sơ"}
    )
    with pytest.raises(ValidationError):  # one open request of a kind at a time
        services.request_create(
            actor=users.member, member=members.hung, kind=RequestKind.PARTY_AGE, payload={"purpose": "Lần hai"}
        )
    for outsider in (users.member, users.leader, users.outsider, users.nobody):
        with pytest.raises(OutOfScope):
            services.request_approve(actor=outsider, request=request)
    services.request_approve(actor=users.officer, request=request)  # the officer above the cell may


def test_document_request_produces_the_docx_and_sends_it(secretary_mail, members, django_capture_on_commit_callbacks):
    users = secretary_mail
    request = services.request_create(
        actor=users.member,
        member=members.hung,
        kind=RequestKind.INTRODUCTION,
        payload={"addressee": "Sở Giáo dục và Đào tạo", "purpose": "liên hệ công tác"},
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_approve(actor=users.secretary, request=request, document_number="12-GGT/CB")
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED and request.document
    xml = zipfile.ZipFile(io.BytesIO(request.document.read())).read("word/document.xml").decode()
    for text in ("GIẤY GIỚI THIỆU", "Nguyễn Văn Hùng", "Sở Giáo dục và Đào tạo", "liên hệ công tác", "12-GGT/CB"):
        assert text in xml
    sent = [m for m in mail.outbox if m.to == ["hung@example.org"]]
    assert sent and sent[0].attachments[0][0].endswith(".docx")
    services.request_mark_done(actor=users.secretary, request=request)
    assert SelfRequest.objects.get(pk=request.pk).status == RequestStatus.DONE


def test_party_age_confirmation_states_the_party_age(users, members):
    request = services.request_create(
        actor=users.member, member=members.hung, kind=RequestKind.PARTY_AGE, payload={"purpose": "bổ sung hồ sơ"}
    )
    services.request_approve(actor=users.secretary, request=request)
    request.refresh_from_db()
    xml = zipfile.ZipFile(io.BytesIO(request.document.read())).read("word/document.xml").decode()
    assert "GIẤY XÁC NHẬN" in xml and "10/05/2010" in xml and " năm " in xml
