"""Member accounts: created in bulk for a cell with a one-time link (Django's mail outbox), and closed on
the day the member leaves the Party."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse

from xaydungdang.access.choices import Role
from xaydungdang.access.models import Assignment
from xaydungdang.access.policy import OutOfScope
from xaydungdang.accounts.models import User
from xaydungdang.core.dates import today
from xaydungdang.members.lifecycle.services import member_resign
from xaydungdang.members.models import Member
from xaydungdang.selfservice import accounts

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Mat-khau-moi-2025!"


def link_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_bulk_create_mails_a_one_time_link_and_the_member_sets_a_password(
    client, users, members, tree, django_capture_on_commit_callbacks
):
    client.force_login(users.secretary)
    url = reverse("selfservice:accounts", args=[tree.cell_1.pk])
    page = client.get(url).content.decode()
    assert "Trần Thị Lan" in page  # no account yet
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"member": [members.lan.pk], f"email_{members.lan.pk}": "lan@example.org"})
    assert response.status_code == 302
    lan = Member.objects.select_related("user").get(pk=members.lan.pk)
    user = lan.user
    assert user.username == "tranthilan" and user.email == "lan@example.org" and not user.has_usable_password()
    assert Assignment.objects.filter(user=user, role=Role.MEMBER, organization=tree.cell_1).exists()
    assert lan.history.latest().history_user == users.secretary
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lan@example.org"]
    assert "tranthilan" in mail.outbox[0].body

    path = link_path(mail.outbox[0])
    client.logout()
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200 and "new_password1" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done.url == reverse("login")
    assert client.login(username="tranthilan", password=NEW_PASSWORD)
    assert client.get(reverse("home")).url == reverse("selfservice:home")
    client.logout()
    # One time only: the same link no longer sets a password.
    again = client.get(path, follow=True).content.decode()
    assert "new_password1" not in again and "không còn dùng được" in again


def test_bulk_create_refuses_bad_input_by_member_and_outsiders(client, users, members, tree):
    with pytest.raises(accounts.ValidationError) as error:
        accounts.member_accounts_create(
            actor=users.secretary, organization=tree.cell_1, entries={members.lan.pk: "khong-hop-le"}
        )
    assert f"email_{members.lan.pk}" in error.value.message_dict
    with pytest.raises(accounts.ValidationError):  # already has an account
        accounts.member_accounts_create(
            actor=users.secretary, organization=tree.cell_1, entries={members.hung.pk: "h@example.org"}
        )
    with pytest.raises(accounts.ValidationError):  # not a member of this cell
        accounts.member_accounts_create(
            actor=users.secretary, organization=tree.cell_1, entries={members.hoa.pk: "hoa@example.org"}
        )
    with pytest.raises(OutOfScope):
        accounts.member_accounts_create(
            actor=users.outsider, organization=tree.cell_1, entries={members.lan.pk: "lan@example.org"}
        )
    client.force_login(users.secretary)
    response = client.post(reverse("selfservice:accounts", args=[tree.cell_1.pk]), {"member": [members.lan.pk]})
    assert response.status_code == 400 and "Thư điện tử của Trần Thị Lan" in response.content.decode()
    for user in (users.outsider, users.member, users.leader):
        client.force_login(user)
        assert client.get(reverse("selfservice:accounts", args=[tree.cell_1.pk])).status_code == 404


def test_resend_for_an_account_not_activated(users, members, tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        accounts.member_accounts_create(
            actor=users.secretary, organization=tree.cell_1, entries={members.lan.pk: "lan@example.org"}
        )
    with django_capture_on_commit_callbacks(execute=True):
        accounts.member_account_resend(actor=users.secretary, member=members.lan)
    assert len(mail.outbox) == 2
    with pytest.raises(accounts.ValidationError):  # hung has a password
        accounts.member_account_resend(actor=users.secretary, member=members.hung)


def test_a_member_who_leaves_loses_access_that_day(client, users, members):
    member_resign(actor=users.officer, member=members.hung, effective_date=today(), reason="Xin ra khỏi Đảng")
    users.member.refresh_from_db()
    assert not users.member.is_active
    assert not client.login(username="dangvien", password="test-password-123")
    users.member._access_policy = None
    assert not Assignment.objects.filter(user=users.member, valid_until__isnull=True).exists()


def test_the_daily_check_closes_accounts_of_members_who_left_without_the_hook(users, members):
    """A leaving recorded without the exit hook (a bulk import of events, an account reopened by hand) is
    closed by the daily check; members still inside keep theirs."""
    member_resign(actor=users.officer, member=members.hung, effective_date=today(), reason="Xin ra khỏi Đảng")
    User.objects.filter(pk=users.member.pk).update(is_active=True)
    assert accounts.close_left_accounts(on=today() - dt.timedelta(days=1)) == 0
    assert accounts.close_left_accounts(on=today()) == 1
    assert not User.objects.get(pk=users.member.pk).is_active
    assert accounts.close_left_accounts(on=today()) == 0
