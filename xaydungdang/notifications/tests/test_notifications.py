"""notify(): inbox rows for each recipient, e-mail on commit, never twice for the same (user, key)."""

import pytest
from django.core import mail
from django.urls import reverse

from xaydungdang.access.policy import SYSTEM
from xaydungdang.notifications import services
from xaydungdang.notifications.models import Notification
from xaydungdang.notifications.preferences import wants_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(users):
    users.officer.email = "bantochuc@example.vn"
    users.officer.save()
    users.secretary.email = "bithu@example.vn"
    users.secretary.save()
    return users


def test_notify_fills_the_inboxes_and_mails_after_commit(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        created = services.notify(
            recipients=[people.officer, people.secretary, people.leader, SYSTEM, None, people.officer],
            kind="probation_due",
            title="Đảng viên Trần Thị Lan sắp hết thời gian dự bị",
            body="Chi bộ xét công nhận chính thức trước 15/07/2025.",
            url="/members/2/",
        )
        assert mail.outbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    assert {n.user for n in created} == {people.officer, people.secretary, people.leader}
    assert sorted(m.to[0] for m in mail.outbox) == ["bantochuc@example.vn", "bithu@example.vn"]  # leader: no address
    message = mail.outbox[0]
    assert message.subject == "Đảng viên Trần Thị Lan sắp hết thời gian dự bị"
    assert "http://127.0.0.1:8000/members/2/" in message.body
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2


def test_the_same_key_never_notifies_twice(people, django_capture_on_commit_callbacks):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.notify(recipients=[people.officer], kind="badge", title="Huy hiệu 30 năm", key="badge:7:30")
    assert Notification.objects.filter(user=people.officer, key="badge:7:30").count() == 1
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):  # a new recipient of the same key still gets it
        created = services.notify(
            recipients=[people.officer, people.secretary], kind="badge", title="Huy hiệu 30 năm", key="badge:7:30"
        )
    assert [n.user for n in created] == [people.secretary] and len(mail.outbox) == 2


def test_attachments_ride_with_the_mail_and_email_can_be_off(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            recipients=[people.officer],
            kind="register",
            title="Sổ danh sách đảng viên",
            attachments=[("so-danh-sach.xlsx", b"PK...", "application/octet-stream")],
        )
        services.notify(recipients=[people.secretary], kind="info", title="Chỉ trong hộp thư", email=False)
    [message] = mail.outbox
    assert message.attachments[0][0] == "so-danh-sach.xlsx"
    assert Notification.objects.filter(user=people.secretary).exists()


def test_a_rolled_back_write_sends_nothing(people, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                services.notify(recipients=[people.officer], kind="info", title="Không gửi")
                raise RuntimeError
        except RuntimeError:
            pass
    assert mail.outbox == [] and not Notification.objects.exists()


def test_wants_email_is_the_one_place_that_decides(people):
    assert wants_email(people.officer, "any")
    assert not wants_email(people.leader, "any")  # no address
    people.officer.is_active = False
    assert not wants_email(people.officer, "any")


# --- the inbox -----------------------------------------------------------------------------------------
def _two_for_the_officer(people):
    services.notify(recipients=[people.officer], kind="info", title="Thứ nhất", url="/due/", email=False)
    services.notify(recipients=[people.secretary], kind="info", title="Của bí thư", email=False)
    services.notify(recipients=[people.officer], kind="info", title="Thứ hai", email=False)
    return Notification.objects.filter(user=people.officer).order_by("id")


@pytest.mark.parametrize(("who", "status"), [(None, 302), ("nobody", 200), ("officer", 200)])
def test_inbox_scope(client, people, who, status):
    _two_for_the_officer(people)
    if who:
        client.force_login(getattr(people, who))
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == status
    if who == "officer":
        text = response.content.decode()
        assert "Thứ nhất" in text and "Thứ hai" in text and "Của bí thư" not in text
    if who == "nobody":
        assert "Chưa có thông báo nào." in response.content.decode()


def test_the_menu_counts_the_unread(client, people):
    _two_for_the_officer(people)
    client.force_login(people.officer)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert 'aria-label="chưa đọc">2</span>' in page


def test_reading_one_is_a_post_that_goes_to_its_page(client, people):
    first, second = _two_for_the_officer(people)
    client.force_login(people.officer)
    assert client.get(reverse("notifications:read", args=[first.pk])).status_code == 405
    response = client.post(reverse("notifications:read", args=[first.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/due/"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_read and not second.is_read
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(user=people.officer, read_at__isnull=True).exists()


def test_another_users_notification_is_404(client, people):
    _two_for_the_officer(people)
    theirs = Notification.objects.get(user=people.secretary)
    client.force_login(people.officer)
    assert client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_the_inbox_runs_a_constant_number_of_queries(client, people, django_assert_max_num_queries):
    for n in range(30):
        services.notify(recipients=[people.officer], kind="info", title=f"Thông báo {n}", email=False)
    client.force_login(people.officer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("notifications:inbox"))
    assert response.content.decode().count("data-notification=") == 30
