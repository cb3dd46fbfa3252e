from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatchQuerySet(models.QuerySet):
    def visible_to(self, user, action: str = "view") -> "ImportBatchQuerySet":
        """A batch belongs to the user who uploaded it; administrators see every batch."""
        from xaydungdang.access.policy import policy_for

        if not (user and user.is_authenticated):
            return self.none()
        return self if policy_for(user).is_admin else self.filter(user=user)


class ImportBatch(models.Model):
    """One uploaded file and what became of it: its own audit record (who, which file, counts, errors)."""

    class Kind(models.TextChoices):
        MEMBERS = "members", _("Đảng viên")
        ORGANIZATIONS = "organizations", _("Tổ chức đảng")
        COMMITTEES = "committees", _("Cấp ủy")

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ xử lý")
        VALIDATING = "validating", _("Đang kiểm tra")
        VALID = "valid", _("Hợp lệ, chờ xác nhận")
        INVALID = "invalid", _("Có lỗi")
        COMMITTING = "committing", _("Đang ghi dữ liệu")
        DONE = "done", _("Đã nhập")
        FAILED = "failed", _("Không nhập được")

    RUNNING = (Status.PENDING, Status.VALIDATING, Status.COMMITTING)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), null=True, on_delete=models.SET_NULL
    )
    kind = models.CharField(_("loại dữ liệu"), max_length=20, choices=Kind.choices, default=Kind.MEMBERS)
    file_name = models.CharField(_("tên tệp"), max_length=255)
    content = models.BinaryField(_("nội dung tệp"), editable=False)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(_("số dòng"), default=0)
    processed_rows = models.PositiveIntegerField(_("số dòng đã xử lý"), default=0)
    created_count = models.PositiveIntegerField(_("số bản ghi mới"), default=0)
    updated_count = models.PositiveIntegerField(_("số bản ghi cập nhật"), default=0)
    unchanged_count = models.PositiveIntegerField(_("số bản ghi không đổi"), default=0)
    error_count = models.PositiveIntegerField(_("số lỗi"), default=0)
    errors = models.JSONField(_("lỗi"), default=list, blank=True)
    created_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    # The job last queued: when, and whether it writes (confirm) or only checks (upload).
    scheduled_at = models.DateTimeField(_("thời điểm xếp hàng"), null=True, blank=True)
    scheduled_commit = models.BooleanField(_("ghi dữ liệu"), default=False)
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt nhập dữ liệu")
        verbose_name_plural = _("đợt nhập dữ liệu")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def summary(self) -> str:
        return _("%(created)s mới, %(updated)s cập nhật, %(unchanged)s không đổi") % {
            "created": self.created_count,
            "updated": self.updated_count,
            "unchanged": self.unchanged_count,
        }

    @property
    def progress_percent(self) -> int:
        if self.status in (self.Status.DONE, self.Status.VALID, self.Status.INVALID, self.Status.FAILED):
            return 100
        return min(100, self.processed_rows * 100 // self.total_rows) if self.total_rows else 0


class ExportJobQuerySet(models.QuerySet):
    def visible_to(self, user, action: str = "view") -> "ExportJobQuerySet":
        """A file belongs to the user who asked for it (it holds what that user may see)."""
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(user=user)


class ExportJob(models.Model):
    """A large export made in the background: what was asked, its progress and the file it made."""

    class Kind(models.TextChoices):
        MEMBERS = "members", _("Danh sách đảng viên")
        REGISTER = "register", _("Sổ danh sách đảng viên (7-HSĐV)")
        REVIEW_RESULTS = "review_results", _("Kết quả xếp loại")

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ xử lý")
        RUNNING = "running", _("Đang tạo tệp")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Không tạo được")

    RUNNING = (Status.PENDING, Status.RUNNING)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), on_delete=models.CASCADE)
    kind = models.CharField(_("loại tệp"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("tiêu đề"), max_length=300)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(_("số dòng"), default=0)
    processed_rows = models.PositiveIntegerField(_("số dòng đã ghi"), default=0)
    file = models.FileField(_("tệp"), upload_to="exports/%Y/%m/", blank=True)
    file_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("thời điểm yêu cầu"), auto_now_add=True)
    scheduled_at = models.DateTimeField(_("thời điểm xếp hàng"), null=True, blank=True)
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("tệp xuất")
        verbose_name_plural = _("tệp xuất")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def progress_percent(self) -> int:
        if not self.is_running:
            return 100
        return min(100, self.processed_rows * 100 // self.total_rows) if self.total_rows else 0


class ImportedRow(models.Model):
    """The row of a file a member was last seen unchanged in: hashes of the row (of its cells' values, and
    of its raw XML in its workbook's context), with the member's cell, cell code and keys then. A re-import
    that finds either hash counts the row unchanged without parsing it (raw) or checking it (values).
    The row is only valid while the member is as it was: a database trigger (migration 0007) deletes it
    when any editable field, the cell, or the member itself changes, by whatever path."""

    member = models.OneToOneField(  # a cache: no constraint checked row by row at COMMIT (Django cascades)
        "members.Member",
        verbose_name=_("đảng viên"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        db_constraint=False,
    )
    row_hash = models.CharField(_("mã băm của dòng"), max_length=32, db_index=True)
    raw_hash = models.CharField(_("mã băm của dòng gốc"), max_length=32, null=True, blank=True)
    organization_id = models.BigIntegerField(_("chi bộ"))
    organization_code = models.CharField(_("mã tổ chức"), max_length=50)
    national_id = models.CharField(_("số CCCD"), max_length=12, null=True, blank=True)
    record_number = models.CharField(_("số lý lịch đảng viên"), max_length=12, null=True, blank=True)

    class Meta:
        verbose_name = _("dòng đã nhập")
        verbose_name_plural = _("dòng đã nhập")
        indexes = [models.Index(fields=["raw_hash"], name="exchange_importedrow_raw")]

    def __str__(self) -> str:
        return f"{self.member_id} {self.row_hash}"
