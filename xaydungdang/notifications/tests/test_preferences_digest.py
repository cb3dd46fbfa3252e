"""Preferences (per kind: e-mail, digest), the daily digest for office holders, and the triggers of other
apps (transfer letters, review deadlines): inbox rows and Django's mail outbox, never twice."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django_q.models import Schedule

from xaydungdang.members.lifecycle import services as lifecycle
from xaydungdang.notifications import digest, preferences, services
from xaydungdang.notifications.models import Notification, Preference
from xaydungdang.reviews import reminders
from xaydungdang.reviews import services as review_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(users):
    for user, address in ((users.officer, "bantochuc@example.vn"), (users.secretary, "bithu@example.vn"),
                          (users.member, "dangvien@example.vn")):  # fmt: skip
        user.email = address
        user.save()
    return users


def test_preferences_page_saves_the_users_own_choices(client, people):
    client.force_login(people.officer)
    assert client.get(reverse("notifications:preferences")).status_code == 200
    response = client.post(reverse("notifications:preferences"), {"due-digest": "on", "meeting_notice-email": "on"})
    assert response.status_code == 302
    due = Preference.objects.get(user=people.officer, kind="due")
    assert (due.email, due.digest) == (False, True)
    assert Preference.objects.get(user=people.officer, kind="meeting_notice").email is True
    assert not Preference.objects.filter(user=people.secretary).exists()
    html = client.get(reverse("notifications:preferences")).content.decode()
    assert 'name="due-email" id="due-email" ' in html and 'name="due-digest" id="due-digest" checked' in html


def test_email_off_keeps_the_inbox(people, django_capture_on_commit_callbacks):
    preferences.preferences_save(actor=people.officer, values={"due": {"email": False, "digest": True}})
    officer = type(people.officer).objects.get(pk=people.officer.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(recipients=[officer], kind="due.probation", title="Hết dự bị", key="k1")
        services.notify(recipients=[officer], kind="meeting_notice", title="Họp chi bộ", key="k2")
    assert Notification.objects.filter(user=officer).count() == 2
    assert [m.subject for m in mail.outbox] == ["Họp chi bộ"]


def test_daily_digest_once_a_day(people, tree, django_capture_on_commit_callbacks):
    services.notify(recipients=[people.secretary], kind="meeting_notice", title="Họp chi bộ tháng 12", email=False)
    day = dt.date(2024, 12, 2)
    with django_capture_on_commit_callbacks(execute=True):
        made = digest.send_daily_digests(on=day)
    assert made >= 1
    note = Notification.objects.get(user=people.secretary, kind="digest")
    assert "1 thông báo chưa đọc" in note.title and "Họp chi bộ tháng 12" in note.body
    assert [m.to for m in mail.outbox if m.subject == note.title] == [["bithu@example.vn"]]
    assert not Notification.objects.filter(user=people.member, kind="digest").exists()  # members get none
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert digest.send_daily_digests(on=day) == 0
    assert len(mail.outbox) == sent
    assert Notification.objects.filter(user=people.secretary, kind="digest").count() == 1


def test_digest_counts_due_work_and_respects_the_digest_choice(
    people, tree, members, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://dang.example.vn"
    lifecycle.transfer_issue(
        actor=people.officer, member=members.hung, to_organization=tree.village_b,
        letter_number="25-GGT/ĐU", issued_on=dt.date(2024, 5, 6),
    )  # fmt: skip
    for title, key in (("Họp chi bộ tháng 5", "m5"), ("Họp chi bộ chuyên đề", "m6")):
        services.notify(recipients=[people.secretary], kind="meeting_notice", title=title, url="/meetings/7/", key=key)
    services.notify(recipients=[people.secretary], kind="request.correction", title="Đề nghị của Hùng", email=False)
    preferences.preferences_save(actor=people.secretary, values={"request": {"email": True, "digest": False}})
    preferences.preferences_save(actor=people.member, values={"digest": {"email": True, "digest": False}})
    preferences.preferences_save(actor=people.outsider, values={"digest": {"email": True, "digest": False}})
    people.outsider.email = "ngoai@example.vn"
    people.outsider.save()
    mail.outbox.clear()
    day = dt.date(2024, 5, 7)
    with django_capture_on_commit_callbacks(execute=True):
        digest.send_daily_digests(on=day)
    [message] = [m for m in mail.outbox if m.to == ["bithu@example.vn"]]
    lines = message.body.splitlines()
    assert message.subject.startswith("Tóm tắt ngày 07/05/2024: 2 thông báo chưa đọc, ")
    # Unread notifications counted per kind (the requests' kind is out of this user's digest), with their links.
    assert lines[:4] == [
        "Thông báo chưa đọc: 2",
        "- Thông báo sinh hoạt chi bộ: 2",
        "- Họp chi bộ chuyên đề — https://dang.example.vn/meetings/7/",
        "- Họp chi bộ tháng 5 — https://dang.example.vn/meetings/7/",
    ]
    assert "Đề nghị của Hùng" not in message.body
    # Việc cần làm counted per section, each line linking to that section of the cell's list.
    transfers = f"https://dang.example.vn{reverse('duework:organization', args=[tree.cell_1.pk])}?kind=transfers"
    assert f"- Chuyển sinh hoạt đảng chờ tiếp nhận: 1 — {transfers}" in lines
    due_lines = lines[lines.index("") + 2 : -2]
    total = sum(int(line.rsplit(" — ", 1)[0].rsplit(": ", 1)[1]) for line in due_lines)
    assert lines[lines.index("") + 1] == f"Việc cần làm: {total}"
    assert message.subject.endswith(f", {total} việc cần làm")
    assert lines[-1] == "https://dang.example.vn" + reverse("notifications:inbox")
    # Those who turned the digest off get none (neither inbox row nor e-mail); a second run sends nothing.
    assert not Notification.objects.filter(user__in=[people.member, people.outsider], kind="digest").exists()
    assert not [m for m in mail.outbox if m.to == ["ngoai@example.vn"]]
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert digest.send_daily_digests(on=day) == 0
    assert len(mail.outbox) == sent
    assert Notification.objects.filter(user=people.secretary, kind="digest").count() == 1


def test_transfer_letter_notifies_the_receiving_side(people, tree, members, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        transfer = lifecycle.transfer_issue(
            actor=people.secretary, member=members.lan, to_organization=tree.village_a,
            letter_number="31-GGT/ĐU", issued_on=dt.date(2024, 5, 6),
        )  # fmt: skip
    # No secretary on the hamlet cell: the officers whose subtree covers it answer for it.
    note = Notification.objects.get(key=f"transfer:{transfer.pk}")
    assert note.user == people.officer and "Trần Thị Lan" in note.title
    assert note.url == reverse("lifecycle:arrival", args=[tree.village_a.pk])
    assert [m.to for m in mail.outbox] == [["bantochuc@example.vn"]]
    assert not Notification.objects.filter(user=people.secretary, kind="transfer.incoming").exists()


def test_review_deadline_reminders_once(people, tree, members):
    period = review_services.period_open(
        actor=people.officer, organization=tree.province, year=2024, deadlines={"cell": dt.date(2024, 12, 10)}
    )
    assert reminders.send_deadline_reminders(on=dt.date(2024, 12, 1)) == 0  # more than a week before
    sent = reminders.send_deadline_reminders(on=dt.date(2024, 12, 4))
    assert sent == 2
    assert Notification.objects.get(user=people.secretary, kind="review.deadline").url == reverse(
        "reviews:dossier", kwargs={"period_pk": period.pk, "org_pk": tree.cell_1.pk}
    )
    assert Notification.objects.get(user=people.member, kind="review.self_review").url == reverse(
        "reviews:self_review", args=[period.pk]
    )
    assert reminders.send_deadline_reminders(on=dt.date(2024, 12, 5)) == 0


def test_the_jobs_are_scheduled_on_the_queue():
    names = set(Schedule.objects.values_list("name", flat=True))
    assert {"notifications.daily_digest", "reviews.deadline_reminders"} <= names
    assert Schedule.objects.get(name="notifications.daily_digest").schedule_type == Schedule.DAILY
