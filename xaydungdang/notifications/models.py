from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xaydungdang.notifications.querysets import NotificationQuerySet


class Notification(models.Model):
    """One message to one user in their inbox (and by e-mail when they want it), from any app.

    `key` makes a notification idempotent: the same (user, key) is never stored, nor e-mailed, twice
    (e.g. "probation:<member id>:<end date>"). No simple-history: the row is written once by the system and
    its only change, `read_at`, is made by its recipient and records when.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("loại thông báo"), max_length=50)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    read_at = models.DateTimeField(_("thời điểm đọc"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("thời điểm gửi thư"), null=True, blank=True)
    key = models.CharField(_("khóa chống trùng"), max_length=200, null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The menu's unread count and the inbox, newest first.
            models.Index(fields=["user", "read_at"], name="notification_user_read"),
            models.Index(fields=["user", "-created_at"], name="notification_user_created"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=Q(key__isnull=False), name="notification_unique_user_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.title}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Preference(models.Model):
    """A user's choice for one kind of notification (`kinds.KINDS`): by e-mail at once, and in the daily
    digest. Without a row, both are on. The inbox always receives everything."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("loại thông báo"), max_length=50)
    email = models.BooleanField(_("gửi thư ngay"), default=True)
    digest = models.BooleanField(_("đưa vào thư tóm tắt hằng ngày"), default=True)

    class Meta:
        verbose_name = _("tùy chọn thông báo")
        verbose_name_plural = _("tùy chọn thông báo")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind}"
