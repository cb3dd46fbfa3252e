"""The daily digest for office holders: their unread notifications and their Việc cần làm counts, in their
inbox and by e-mail (per their preferences), once a day (the notification key "digest:<day>").

Run by django-q2 each morning (the Schedule made by migration 0003) or by hand:
    .venv/bin/python manage.py shell -c "from xaydungdang.notifications.digest import send_daily_digests; send_daily_digests()"
"""

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xaydungdang.access.choices import Role
from xaydungdang.access.models import Assignment
from xaydungdang.access.policy import policy_for
from xaydungdang.duework import registry
from xaydungdang.notifications import kinds
from xaydungdang.notifications.models import Notification
from xaydungdang.notifications.preferences import wants_digest
from xaydungdang.notifications.services import notify

logger = logging.getLogger(__name__)
KIND = "digest"
SHOWN = 10  # unread titles listed; the rest counted
OFFICE_ROLES = (Role.ADMIN, Role.OFFICER, Role.SECRETARY, Role.LEADER)


def key_of(day: dt.date) -> str:
    return f"{KIND}:{day.isoformat()}"


def officers(day: dt.date):
    """Active users holding a current office grant (not only a member's own)."""
    holders = Assignment.objects.filter(role__in=OFFICE_ROLES).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )
    return get_user_model().objects.filter(is_active=True, pk__in=holders.values("user_id")).order_by("pk")


def absolute(url: str) -> str:
    """The link as an e-mail reader needs it: the site's address before a path."""
    return url if "://" in url else settings.SITE_URL.rstrip("/") + url


def due_counts(user, day: dt.date) -> list[tuple[str, int, str]]:
    """(section heading, number of items, link to the section) of the user's Việc cần làm from their highest
    organizations (the link is to the first organization's list of that section)."""
    counts: dict[str, list] = {}
    for organization in policy_for(user).root_organizations():
        for section, items in registry.collect(organization=organization, on=day, user=user, limit=1):
            if items.total:
                heading = section.heading(registry.DueQuery(organization=organization, on=day, user=user))
                url = reverse("duework:organization", args=[organization.pk]) + f"?kind={section.key}"
                counts.setdefault(heading, [0, url])[0] += items.total
    return [(heading, count, url) for heading, (count, url) in counts.items()]


def unread_lines(unread: list[Notification]) -> list[str]:
    """The count per kind of the unread notifications, then the newest titles with their links."""
    labels = dict(kinds.choices())
    per_kind: dict[str, int] = {}
    for note in unread:
        family = kinds.family(note.kind)
        per_kind[family] = per_kind.get(family, 0) + 1
    lines = [_("Thông báo chưa đọc: %(n)s") % {"n": len(unread)}]
    lines += [f"- {labels[family]}: {count}" for family, count in per_kind.items()]
    lines += [f"- {n.title}" + (f" — {absolute(n.url)}" if n.url else "") for n in unread[:SHOWN]]
    if len(unread) > SHOWN:
        lines.append(_("… và %(n)s thông báo khác") % {"n": len(unread) - SHOWN})
    return lines


def digest_for(user, day: dt.date) -> Notification | None:
    """Make (at most once a day) the user's digest; None when there is nothing to tell, it was made, or the
    user turned the digest off (the "digest" kind's digest choice)."""
    key = key_of(day)
    if not wants_digest(user, KIND) or Notification.objects.filter(user=user, key=key).exists():
        return None
    unread = [
        n
        for n in Notification.objects.visible_to(user).unread().exclude(kind=KIND).order_by("-created_at", "-id")
        if wants_digest(user, n.kind)
    ]
    due = due_counts(user, day) if wants_digest(user, "due") else []
    if not unread and not due:
        return None
    total_due = sum(count for _heading, count, _url in due)
    lines = unread_lines(unread) if unread else []
    if due:
        lines.append("")
        lines.append(_("Việc cần làm: %(n)s") % {"n": total_due})
        lines += [f"- {heading}: {count} — {absolute(url)}" for heading, count, url in due]
    title = _("Tóm tắt ngày %(day)s: %(unread)s thông báo chưa đọc, %(due)s việc cần làm") % {
        "day": f"{day:%d/%m/%Y}",
        "unread": len(unread),
        "due": total_due,
    }
    created = notify(
        recipients=[user], kind=KIND, title=title, body="\n".join(lines), url=reverse("notifications:inbox"), key=key
    )
    return created[0] if created else None


def send_daily_digests(on: dt.date | None = None) -> int:
    """Every office holder's digest of the day; returns how many were made (0 on a second run that day)."""
    day = on or timezone.localdate()
    made = 0
    for user in officers(day):
        try:
            made += digest_for(user, day) is not None
        except Exception:  # noqa: BLE001 - one user's failure must not stop the others' digests
            logger.exception("Digest of user %s failed", user.pk)
    return made
