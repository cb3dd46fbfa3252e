"""Bulk reads of personal data alert the administrators (issue 16, defect 4).

The access app logs each read (`access.services.log_personal_read`) and sends `personal_data_read`; it may
not import notifications (a lower layer), so the alert is raised here, on that signal. A user whose reads in
the last `ACCESS_LOG_BULK_ALERT_MINUTES` add up to `ACCESS_LOG_BULK_ALERT_ROWS` records or more raises one
alert per window (the notification's key names the user and the window): no duplicate while they go on.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Sum
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xaydungdang.access.models import PERSONAL_READ_KINDS, AccessLog
from xaydungdang.access.policy import administrators
from xaydungdang.access.signals import personal_data_read
from xaydungdang.notifications.services import notify

KIND = "bulk_read"


def _window_start(now: dt.datetime, minutes: int) -> dt.datetime:
    """The start of the fixed window holding `now` (windows of `minutes` from the epoch)."""
    seconds = max(minutes, 1) * 60
    return dt.datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=dt.UTC)


@receiver(personal_data_read, dispatch_uid="notifications.bulk_read_alert")
def alert_bulk_read(sender, log: AccessLog, **kwargs) -> None:
    threshold = settings.ACCESS_LOG_BULK_ALERT_ROWS
    minutes = settings.ACCESS_LOG_BULK_ALERT_MINUTES
    since = log.at - dt.timedelta(minutes=minutes)
    rows = AccessLog.objects.filter(user_id=log.user_id, kind__in=PERSONAL_READ_KINDS, at__gt=since, at__lte=log.at)
    total = rows.aggregate(total=Sum("count"))["total"] or 0
    if total < threshold:
        return
    window = _window_start(log.at, minutes)
    user = log.user
    url = reverse("admin:access_accesslog_changelist") + f"?user__id__exact={user.pk}"
    title = _("Cảnh báo: %(user)s đã xem %(count)s bản ghi có dữ liệu cá nhân trong %(minutes)s phút") % {
        "user": user.get_full_name() or user.username,
        "count": total,
        "minutes": minutes,
    }
    body = _(
        "Tài khoản %(username)s đã đọc dữ liệu cá nhân của %(count)s bản ghi từ %(since)s (ngưỡng cảnh báo: "
        "%(threshold)s bản ghi). Lần gần nhất: %(what)s, từ địa chỉ %(ip)s. Hãy kiểm tra nhật ký truy cập."
    ) % {
        "username": user.username,
        "count": total,
        "since": timezone.localtime(since).strftime("%H:%M %d/%m/%Y"),
        "threshold": threshold,
        "what": log.what,
        "ip": log.ip_address or "—",
    }
    notify(
        recipients=administrators(),
        kind=KIND,
        title=title,
        body=body,
        url=url,
        key=f"{KIND}:{user.pk}:{window:%Y%m%d%H%M}",
    )
