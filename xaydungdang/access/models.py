from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xaydungdang.access.choices import Role, Scope


class Assignment(models.Model):
    """A user's role on an organization, covering that node only or its whole subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    scope = models.CharField(_("phạm vi"), max_length=10, choices=Scope.choices, default=Scope.SUBTREE)
    valid_until = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "organization"], name="unique_assignment"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organization}"


class AccessLog(models.Model):
    """Who read or exported personal data, and who logged in: kept apart from record history.

    Rows are only ever added (`access.services.access_log_record` / `log_personal_read`): the admin shows
    them read-only and a saved row refuses to be saved again; no setting turns the log off."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Đăng nhập")
        LOGIN_FAILED = "login_failed", _("Đăng nhập không thành công")
        READ = "read", _("Xem dữ liệu cá nhân")
        EXPORT = "export", _("Xuất dữ liệu")
        IMPORT = "import", _("Nhập dữ liệu")
        DOCUMENT = "document", _("Tạo văn bản")

    class Channel(models.TextChoices):
        PAGE = "page", _("Trang web")
        API = "api", _("API")
        EXPORT = "export", _("Tệp xuất")
        DOCUMENT = "document", _("Văn bản")
        IMPORT = "import", _("Tệp nhập")
        LOGIN = "login", _("Đăng nhập")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), null=True, on_delete=models.SET_NULL
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("kênh"), max_length=20, choices=Channel.choices, blank=True, default="")
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    what = models.CharField(_("nội dung"), max_length=500)
    count = models.PositiveIntegerField(_("số bản ghi"), default=0)
    fields = models.JSONField(_("trường dữ liệu cá nhân"), default=list, blank=True)
    detail = models.JSONField(_("chi tiết"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhật ký truy cập")
        verbose_name_plural = _("nhật ký truy cập")
        ordering = ["-at"]
        indexes = [models.Index(fields=["user", "at"], name="accesslog_user_at")]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.user} {self.get_kind_display()}: {self.what}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError("An access log row is never changed once written.")
        super().save(*args, **kwargs)


# Kinds whose rows show personal data to their user: their counts add up towards the bulk-read alert.
PERSONAL_READ_KINDS = frozenset({AccessLog.Kind.READ, AccessLog.Kind.EXPORT, AccessLog.Kind.DOCUMENT})
