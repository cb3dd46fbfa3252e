"""Writes of notifications: `notify` from any app, and the recipient marking them read.

E-mail goes out after the transaction commits (Zulip's rule: side effects on commit), through Django's mail
framework: the console backend by default, SMTP when the settings say so (EMAIL_BACKEND, EMAIL_HOST…).
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from xaydungdang.notifications.models import Notification
from xaydungdang.notifications.preferences import wants_email

logger = logging.getLogger(__name__)

TITLE_LENGTH = Notification._meta.get_field("title").max_length
URL_LENGTH = Notification._meta.get_field("url").max_length


def _recipients(recipients: Iterable) -> list:
    """Real users, each once (the system actor and missing users receive nothing)."""
    seen, users = set(), []
    for user in recipients:
        pk = getattr(user, "pk", None)
        if pk is None or pk in seen:
            continue
        seen.add(pk)
        users.append(user)
    return users


def _store(rows: list[Notification]) -> list[Notification]:
    """Insert the rows; when another transaction stored the same (user, key) meanwhile, keep theirs."""
    try:
        with transaction.atomic():
            return Notification.objects.bulk_create(rows)
    except IntegrityError:
        created = []
        for row in rows:
            try:
                with transaction.atomic():
                    row.save(force_insert=True)
            except IntegrityError:
                continue
            created.append(row)
        return created


@transaction.atomic
def notify(
    *,
    recipients: Iterable,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    key: str | None = None,
    attachments: Iterable = (),
    email: bool = True,
) -> list[Notification]:
    """Put a notification in each recipient's inbox and, after commit, e-mail those who want it.

    With a `key`, a recipient who already has that key gets nothing new (no row, no e-mail): callers can
    notify on every run of a job. `attachments` are (filename, content, mimetype) triples for the e-mail.
    Returns the notifications created.
    """
    users = _recipients(recipients)
    if not users:
        return []
    if key is not None:
        already = set(Notification.objects.filter(user__in=users, key=key).values_list("user_id", flat=True))
        users = [user for user in users if user.pk not in already]
    rows = [
        Notification(
            user=user,
            kind=kind,
            title=str(title)[:TITLE_LENGTH],
            body=str(body),
            url=url[:URL_LENGTH],
            key=key,
        )
        for user in users
    ]
    created = _store(rows) if rows else []
    to_mail = [n for n in created if email and wants_email(n.user, kind)]
    if to_mail:
        attached = list(attachments)
        transaction.on_commit(lambda: _send(to_mail, attached))
    return created


def _message(notification: Notification, attachments: list) -> mail.EmailMessage:
    body = notification.body
    if notification.url:
        link = notification.url if "://" in notification.url else settings.SITE_URL.rstrip("/") + notification.url
        body = f"{body}\n\n{link}" if body else link
    return mail.EmailMessage(
        subject=notification.title,
        body=body,
        to=[notification.user.email],
        attachments=attachments,
    )


def _send(notifications: list[Notification], attachments: list) -> None:
    """Send the e-mails in one connection; a failure is logged and leaves `emailed_at` empty to retry."""
    try:
        with mail.get_connection() as connection:
            connection.send_messages([_message(n, attachments) for n in notifications])
    except Exception:  # noqa: BLE001 - the inbox row is kept; the e-mail is retried by the digest (issue 15)
        logger.exception("Could not e-mail %d notifications", len(notifications))
        return
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=timezone.now())


@transaction.atomic
def notification_mark_read(*, actor, notification: Notification) -> Notification:
    """The recipient has read it (idempotent: the first reading time is kept)."""
    notification = Notification.objects.visible_to(actor).select_for_update().get(pk=notification.pk)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor) -> int:
    """Everything in the actor's inbox is read; returns how many were unread."""
    return Notification.objects.visible_to(actor).unread().update(read_at=timezone.now())
