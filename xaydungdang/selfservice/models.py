from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xaydungdang.access.querysets import ScopedQuerySet
from xaydungdang.selfservice.choices import DOCUMENT_KINDS, RequestKind, RequestStatus


class SelfRequest(models.Model):
    """A member's own request to the cell's secretary: correct their data (the proposed values in
    `payload`, a certificate attached for a qualification), or issue a document (confirmation of party
    age, an introduction letter). The secretary approves or returns it with a reason; approval applies the
    change through the member edit service, or produces the document."""

    member = models.ForeignKey(
        "members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="self_requests"
    )
    kind = models.CharField(_("loại đề nghị"), max_length=20, choices=RequestKind.choices)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
    )
    payload = models.JSONField(_("giá trị đề nghị"), default=dict, blank=True)
    note = models.TextField(_("nội dung, lý do đề nghị"), blank=True)
    certificate = models.FileField(
        _("bằng, chứng chỉ kèm theo"), upload_to="selfservice/certificates/%Y/%m/", blank=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đề nghị"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("thời điểm duyệt"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    document_number = models.CharField(_("số giấy"), max_length=50, blank=True)
    document = models.FileField(_("giấy đã cấp"), upload_to="selfservice/documents/%Y/%m/", blank=True)

    scope_path = "member__organization__path"
    scope_owner = "member__user"
    scope_personal = True

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đề nghị của đảng viên")
        verbose_name_plural = _("đề nghị của đảng viên")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["status", "submitted_at"], name="selfrequest_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.member}"

    @property
    def is_document(self) -> bool:
        return self.kind in DOCUMENT_KINDS

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.SUBMITTED
