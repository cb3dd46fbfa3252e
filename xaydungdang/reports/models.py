from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xaydungdang.access.querysets import ScopedQuerySet


class AdmissionPlan(models.Model):
    """The number of new members an organization plans to admit in a year (kế hoạch kết nạp)."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức đảng"),
        on_delete=models.CASCADE,
        related_name="admission_plans",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    planned = models.PositiveIntegerField(_("số đảng viên dự kiến kết nạp"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    scope_path = "organization__path"

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kế hoạch kết nạp đảng viên")
        verbose_name_plural = _("kế hoạch kết nạp đảng viên")
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="unique_admission_plan")]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}: {self.planned}"


class RollupBase(models.Model):
    """Effective-dated change of a count: `delta` members enter (or leave, when negative) the bucket
    `bucket` of `dimension` in the subtree of `organization` on a date. A count on date D is the sum of
    the deltas up to D. Rows exist only for organizations of the rollup kinds (reports.rollups)."""

    # A derived table (rebuild_rollups makes it again from the raw rows, --verify compares them): no
    # foreign-key constraint in the database, whose per-row check at COMMIT cost a large import ~1 s per
    # 100,000 rows written (deleting an organization still deletes its rows: Django's own cascade), and no
    # index of its own (the primary key starts with it). The primary key is the row's key (organization,
    # date, dimension, bucket), not an `id` beside a unique index on it: one index written per row.
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức đảng"),
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    dimension = models.CharField(_("chiều thống kê"), max_length=20)
    bucket = models.CharField(_("nhóm"), max_length=24, blank=True)
    delta = models.IntegerField(_("thay đổi"))

    class Meta:
        abstract = True


class RollupDay(RollupBase):
    """Deltas by day: read only for the days of the report date's month."""

    pk = models.CompositePrimaryKey("organization", "day", "dimension", "bucket")
    day = models.DateField(_("ngày"))

    class Meta:
        verbose_name = _("số liệu tổng hợp theo ngày")
        verbose_name_plural = _("số liệu tổng hợp theo ngày")

    def __str__(self) -> str:
        return f"{self.organization_id} {self.day} {self.dimension}/{self.bucket} {self.delta:+d}"


class RollupMonth(RollupBase):
    """The same deltas summed by month (`month` is its first day): read for the months before D's."""

    pk = models.CompositePrimaryKey("organization", "month", "dimension", "bucket")
    month = models.DateField(_("tháng"))

    class Meta:
        verbose_name = _("số liệu tổng hợp theo tháng")
        verbose_name_plural = _("số liệu tổng hợp theo tháng")

    def __str__(self) -> str:
        return f"{self.organization_id} {self.month:%m/%Y} {self.dimension}/{self.bucket} {self.delta:+d}"


class RollupYear(RollupBase):
    """The same deltas summed by year (`year` is its 1 January): a read of a date sums the years before
    its year, then that year's months before its month, then that month's days, a bounded number of rows."""

    pk = models.CompositePrimaryKey("organization", "year", "dimension", "bucket")
    year = models.DateField(_("năm"))

    class Meta:
        verbose_name = _("số liệu tổng hợp theo năm")
        verbose_name_plural = _("số liệu tổng hợp theo năm")

    def __str__(self) -> str:
        return f"{self.organization_id} {self.year:%Y} {self.dimension}/{self.bucket} {self.delta:+d}"


class RollupFootprint(models.Model):
    """What one member currently contributes to the rollups (their counted periods and attributes,
    and the rollup organizations they were added to), so that a change subtracts exactly that."""

    member = models.OneToOneField(  # derived, like the rollups: no constraint checked row by row at COMMIT
        "members.Member",
        verbose_name=_("đảng viên"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        db_constraint=False,
    )
    data = models.JSONField(_("dữ liệu"), default=dict)

    class Meta:
        verbose_name = _("dấu vết tổng hợp")
        verbose_name_plural = _("dấu vết tổng hợp")

    def __str__(self) -> str:
        return str(self.member_id)


class RollupFeature(models.Model):
    """A kind of rollup row the stored rollups are complete for (a row per feature, written by the
    rebuild). A database migrated from before a feature existed lacks its row until `rebuild_rollups`
    ran, and readers use the live path meanwhile; a fresh database has it from its migration."""

    CHANGES = "changes"  # entries and exits by reason (contributions.ENTRY / EXIT)
    UPPER_GRASSROOTS = "upper_grassroots"  # rows of the organizations directly above the grassroots
    ADMISSIONS = "admissions"  # admissions and re-admissions (contributions.ADMISSION), in rows and footprints

    name = models.CharField(_("tên"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("loại số liệu tổng hợp đã tính")
        verbose_name_plural = _("loại số liệu tổng hợp đã tính")

    def __str__(self) -> str:
        return self.name


class RollupVersion(models.Model):
    """A token of the state of an organization's rollup rows: every write of its rows (rollups.version,
    in the writer's transaction) gives it a new random token, so a figure cached under the token is
    never served once the rows changed. No row: nothing is cached for the organization."""

    organization = models.OneToOneField(
        "organizations.Organization",
        verbose_name=_("tổ chức đảng"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    token = models.BigIntegerField(_("mã phiên bản"))

    class Meta:
        verbose_name = _("phiên bản số liệu tổng hợp")
        verbose_name_plural = _("phiên bản số liệu tổng hợp")

    def __str__(self) -> str:
        return f"{self.organization_id} {self.token}"
