"""Demo notifications: each demo account finds in its inbox the first items of its own Việc cần làm.

They are made the way a daily job will make them (issue 15): from the due-work registry, as the account sees
it, one notification per item with a key, so running the seed again adds nothing.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse

from xaydungdang.access.policy import policy_for
from xaydungdang.duework.registry import DueQuery, run, sections
from xaydungdang.notifications.services import notify

ACCOUNTS = ("bantochuc", "bithu", "dangvien")
PER_SECTION = 3


def _notify_due_work(user, on) -> int:
    organization = policy_for(user).root_organizations().first()
    if organization is None:
        return 0
    query = DueQuery(organization=organization, on=on, user=user, limit=PER_SECTION)
    page = reverse("duework:organization", kwargs={"pk": organization.pk})
    count = 0
    for section in sections():
        for item in run(section, query):
            due = f" — hạn {item.due:%d/%m/%Y}" if item.due else ""
            created = notify(
                recipients=[user],
                kind=f"due.{section.key}",
                title=f"{section.heading(query)}: {item.title}",
                body=f"{organization.name}{due}",
                url=item.url or page,
                key=f"due:{section.key}:{getattr(item.subject, 'pk', item.title)}:{item.due or ''}",
                email=False,
            )
            count += len(created)
    return count


def seed(ctx) -> None:
    total = 0
    for user in get_user_model().objects.filter(username__in=ACCOUNTS).order_by("username"):
        total += _notify_due_work(user, ctx.today)
    ctx.write(f"  {total} thông báo việc cần làm cho các tài khoản dùng thử")
