"""Accounts of members: officers create them in bulk for a cell (the member sets the password on a one-time
link), and a member who leaves the Party loses access on the day they leave."""

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from xaydungdang.access.choices import Action, Role, Scope
from xaydungdang.access.models import Assignment
from xaydungdang.access.policy import policy_for
from xaydungdang.core.dates import format_vn_date, today
from xaydungdang.core.history import save_with_history
from xaydungdang.core.text import fold
from xaydungdang.members.choices import ACTIVE_STATUSES
from xaydungdang.members.lifecycle.rules import LEAVING_KINDS
from xaydungdang.members.models import Member, MembershipEvent

logger = logging.getLogger(__name__)
USERNAME_LENGTH = 150


def activation_url(user) -> str:
    """The one-time link on which the member sets their password (Django's password reset token: it stops
    working once a password is set, and after PASSWORD_RESET_TIMEOUT)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("selfservice:activate", args=[uid, token])
    return settings.SITE_URL.rstrip("/") + path


def _username(member: Member) -> str:
    base = fold(member.full_name).replace(" ", "")[: USERNAME_LENGTH - 8] or "dangvien"
    User = get_user_model()
    taken = set(User.objects.filter(username__startswith=base).values_list("username", flat=True))
    if base not in taken:
        return base
    number = 2
    while f"{base}{number}" in taken:
        number += 1
    return f"{base}{number}"


def _invitation(user, member: Member, organization) -> mail.EmailMessage:
    body = _(
        "Kính gửi đồng chí %(name)s,\n\n"
        "%(organization)s đã tạo tài khoản cho đồng chí trên hệ thống Xây dựng Đảng.\n"
        "Tên đăng nhập: %(username)s\n\n"
        "Mở đường dẫn dưới đây để đặt mật khẩu (đường dẫn chỉ dùng được một lần):\n%(link)s\n"
    ) % {
        "name": member.full_name,
        "organization": organization.name,
        "username": user.username,
        "link": activation_url(user),
    }
    return mail.EmailMessage(subject=_("Tài khoản Xây dựng Đảng của đồng chí"), body=body, to=[user.email])


def _send_invitations(messages: list[mail.EmailMessage]) -> None:
    try:
        with mail.get_connection() as connection:
            connection.send_messages(messages)
    except Exception:  # noqa: BLE001 - the accounts are kept; the officer resends the link from the page
        logger.exception("Could not e-mail %d account invitations", len(messages))


def _clean_entries(organization, entries: dict[int, str]) -> list[tuple[Member, str]]:
    User = get_user_model()
    members = {
        m.pk: m
        for m in Member.objects.select_for_update().filter(
            pk__in=list(entries), organization=organization, status__in=ACTIVE_STATUSES
        )
    }
    errors: dict[str, list] = {}
    cleaned = []
    emails = [(e or "").strip().lower() for e in entries.values()]
    used = set(User.objects.filter(email__in=[e for e in emails if e]).values_list("email", flat=True))
    for member_id, email in entries.items():
        member = members.get(member_id)
        key = f"email_{member_id}"
        email = (email or "").strip().lower()
        if member is None:
            errors.setdefault("members", []).append(_("Đảng viên số %s không sinh hoạt tại chi bộ này.") % member_id)
            continue
        if member.user_id is not None:
            errors.setdefault(key, []).append(_("%s đã có tài khoản.") % member.full_name)
            continue
        try:
            validate_email(email)
        except ValidationError:
            errors.setdefault(key, []).append(
                _("Thư điện tử của %s: hãy ghi một địa chỉ hợp lệ để gửi đường dẫn đặt mật khẩu.") % member.full_name
            )
            continue
        if email in used or emails.count(email) > 1:
            errors.setdefault(key, []).append(
                _("Thư điện tử %(email)s của %(name)s đã được dùng cho tài khoản khác.")
                % {"email": email, "name": member.full_name}
            )
            continue
        cleaned.append((member, email))
    if not entries:
        errors["members"] = [_("Hãy chọn ít nhất một đảng viên chưa có tài khoản.")]
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def member_accounts_create(*, actor, organization, entries: dict[int, str]) -> list:
    """Create an account for each chosen member of the cell (`entries`: member id → e-mail), with no usable
    password, the member's own grant on the cell, and the one-time link e-mailed after commit."""
    policy_for(actor).require_in_organization(Action.CHANGE, organization)
    User = get_user_model()
    created, messages = [], []
    for member, email in _clean_entries(organization, entries):
        family, _sep, given = member.full_name.rpartition(" ")
        user = User(username=_username(member), email=email, first_name=given, last_name=family)
        user.set_unusable_password()
        user.save()
        member.user = user
        save_with_history(member, actor=actor, reason=_("Tạo tài khoản cho đảng viên"))
        Assignment.objects.get_or_create(
            user=user, role=Role.MEMBER, organization=organization, defaults={"scope": Scope.NODE}
        )
        created.append(user)
        messages.append(_invitation(user, member, organization))
    transaction.on_commit(lambda: _send_invitations(messages))
    return created


@transaction.atomic
def member_account_resend(*, actor, member: Member):
    """E-mail a new one-time link to a member whose account has no password yet."""
    member = Member.objects.select_related("user", "organization").get(pk=member.pk)
    policy_for(actor).require_in_organization(Action.CHANGE, member.organization)
    user = member.user
    if user is None or user.has_usable_password() or not user.is_active:
        raise ValidationError(_("Chỉ gửi lại đường dẫn cho tài khoản chưa đặt mật khẩu."))
    message = _invitation(user, member, member.organization)
    transaction.on_commit(lambda: _send_invitations([message]))
    return user


def _close(user, effective_date: dt.date, on: dt.date | None = None) -> None:
    """The user's grants end the day before `effective_date`; from that day they cannot log in."""
    last_day = effective_date - dt.timedelta(days=1)
    Assignment.objects.filter(user=user).filter(Q(valid_until__isnull=True) | Q(valid_until__gt=last_day)).update(
        valid_until=last_day
    )
    if effective_date <= (on or today()) and user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])


def close_account_on_exit(*, actor, member: Member, kind: str, effective_date: dt.date) -> None:
    """The exit hook (members.lifecycle.exits): a member who leaves the Party loses access on that date
    (grants end the day before; the account cannot log in from that day)."""
    if member.user_id is not None:
        _close(member.user, effective_date)


def close_left_accounts(on: dt.date | None = None) -> int:
    """The daily check (a django-q2 schedule): accounts of members who left the Party by `on` and can still
    log in are closed: leavings recorded without the exit hook (imports of events) or accounts reopened by
    hand. Returns how many were closed."""
    on = on or today()
    latest = {}
    events = (
        MembershipEvent.objects.filter(member__user__is_active=True, member__user__isnull=False)
        .order_by("member_id", "effective_date", "id")
        .values_list("member_id", "kind", "effective_date")
    )
    for member_id, kind, effective_date in events:
        latest[member_id] = (kind, effective_date)
    closed = 0
    for member in Member.objects.filter(pk__in=list(latest)).select_related("user"):
        kind, effective_date = latest[member.pk]
        if kind in LEAVING_KINDS and effective_date <= on:
            with transaction.atomic():
                _close(member.user, effective_date, on)
            closed += 1
            logger.info("Closed the account of %s (left on %s)", member.pk, format_vn_date(effective_date))
    return closed
