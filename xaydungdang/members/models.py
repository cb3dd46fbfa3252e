from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Upper
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xaydungdang.members.choices import (
    AttachmentKind,
    EventKind,
    MemberStatus,
    TheoryLevel,
)
from xaydungdang.members.identity import PersonIdentity
from xaydungdang.members.querysets import MemberQuerySet, MembershipPeriodQuerySet, PersonalScopedQuerySet


class Member(PersonIdentity):
    """A party member (đảng viên): identity, party data, and a cache of their current state.

    `status`, `organization` and `is_exempted` are a cache of the member's events (MembershipEvent) and
    of the effective-dated MembershipPeriod rows; only the services in members.services write them.
    """

    # Identity (PersonIdentity), and the name's derived columns: infix search without diacritics (trigram
    # index on PostgreSQL, migration 0002) and the Vietnamese order of lists (by given name), which is indexed
    # (see refresh_names).
    search_name = models.CharField(_("tên không dấu"), max_length=150, editable=False)
    sort_name = models.CharField(_("khóa sắp xếp theo tên"), max_length=400, editable=False)
    national_id = models.CharField(_("số CCCD"), max_length=12, unique=True, null=True, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    # Party data
    admission_decision_date = models.DateField(_("ngày quyết định kết nạp"), null=True, blank=True)
    admission_date = models.DateField(_("ngày vào Đảng (lễ kết nạp)"), null=True, blank=True)
    official_date = models.DateField(_("ngày chính thức"), null=True, blank=True)
    party_card_number = models.CharField(_("số thẻ đảng viên"), max_length=20, blank=True)
    record_number = models.CharField(_("số lý lịch đảng viên"), max_length=12, unique=True, null=True, blank=True)
    # Education and work (besides PersonIdentity's)
    theory_level = models.CharField(
        _("lý luận chính trị"), max_length=20, choices=TheoryLevel.choices, default=TheoryLevel.NONE
    )
    # Current state (cache of the events)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("chi bộ sinh hoạt"),
        on_delete=models.PROTECT,
        related_name="members",
        db_index=False,  # member_org_status (organization, status) serves every lookup by organization
    )
    status = models.CharField(_("tình trạng"), max_length=20, choices=MemberStatus.choices, db_index=True)
    is_exempted = models.BooleanField(_("miễn công tác và sinh hoạt đảng"), default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )

    scope_path = "organization__path"
    scope_owner = "user"
    scope_personal = True

    objects = MemberQuerySet.as_manager()
    # The history is read by member (its `id`) and by date only: the copies of the member's own indexes
    # would cost every write (an import writes a history row per member) and serve no query. Its user is an
    # audit note, not integrity: no foreign-key check per row at COMMIT (deleting a user still sets it to
    # null, Django's own SET_NULL; the index stays for that).
    history = HistoricalRecords(
        excluded_fields=["search_name", "sort_name"],
        no_db_index=["national_id", "record_number", "status", "organization", "user"],
        user_db_constraint=False,
    )

    class Meta:
        verbose_name = _("đảng viên")
        verbose_name_plural = _("đảng viên")
        indexes = [
            models.Index(fields=["organization", "status"], name="member_org_status"),
            # The list's order with its tie-break, and the status the list filters by (current members by
            # default): a deep page is an index-only walk (members.paging).
            models.Index(fields=["sort_name", "id"], name="member_sort_name_id", include=["status"]),
            # The search's order (MemberQuerySet.search) with the folded name and the status: an index-only walk.
            models.Index(
                Length("search_name"), "sort_name", "id", name="member_search_order", include=["search_name", "status"]
            ),
            # The menu's search by number, whatever the case typed (members.views_search.find_members).
            models.Index(Upper("party_card_number"), name="member_card_number_upper"),
            models.Index(Upper("record_number"), name="member_record_number_upper"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(official_date__isnull=True)
                | Q(admission_date__isnull=True)
                | Q(official_date__gt=models.F("admission_date")),
                name="member_official_after_admission",
                violation_error_message=_("Ngày chính thức phải sau ngày vào Đảng."),
            ),
        ]

    def save(self, *args, **kwargs) -> None:
        self.refresh_names()
        super().save(*args, **kwargs)

    def refresh_names(self) -> None:
        """Keep the derived name columns in step with the name (bulk loaders call this too)."""
        from xaydungdang.core.text import fold, normalize_name, sort_key

        self.full_name = normalize_name(self.full_name)
        self.search_name = fold(self.full_name)
        self.sort_name = sort_key(self.full_name)

    @property
    def is_active_member(self) -> bool:
        return self.status in (MemberStatus.PROBATIONARY, MemberStatus.OFFICIAL)


class MembershipEvent(models.Model):
    """One dated event of a member's life in the Party, with the decision that made it."""

    member = models.ForeignKey(Member, verbose_name=_("đảng viên"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("loại sự kiện"), max_length=30, choices=EventKind.choices)
    effective_date = models.DateField(_("ngày hiệu lực"))
    decision_number = models.CharField(_("số quyết định"), max_length=100, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    issued_by = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    from_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("từ tổ chức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("đến tổ chức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    external_organization = models.CharField(_("tổ chức ngoài hệ thống"), max_length=255, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    data = models.JSONField(_("dữ liệu bổ sung"), default=dict, blank=True)
    # Who typed the event in, an audit note like the history's user: no foreign-key check per row at COMMIT
    # (deleting a user still sets it to null: Django's own SET_NULL, through the index).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi nhận"),
        null=True,
        on_delete=models.SET_NULL,
        db_constraint=False,
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"), auto_now_add=True)

    scope_path = "member__organization__path"
    scope_owner = "member__user"
    scope_personal = True

    objects = PersonalScopedQuerySet.as_manager()
    # Read by event (its `id`) and by date only: indexes on the copies of the foreign keys serve no query.
    # Its user without a foreign-key check, as the member's history.
    history = HistoricalRecords(
        no_db_index=["member", "from_organization", "to_organization", "recorded_by"], user_db_constraint=False
    )

    class Meta:
        verbose_name = _("sự kiện đảng tịch")
        verbose_name_plural = _("sự kiện đảng tịch")
        ordering = ["member", "effective_date", "id"]
        # Admissions of a window into a subtree (reports.selectors.admissions) read this index only.
        indexes = [models.Index(fields=["kind", "effective_date", "to_organization"], name="event_kind_date_to")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_date:%d/%m/%Y}"


class MembershipPeriod(models.Model):
    """Effective-dated state: the member belonged to `organization` with `status` from `valid_from`
    up to, not including, `valid_to` (open when null). "Who was a member of X on date D" reads this."""

    # Both served by the indexes below, which start with them (no single-column index of their own). A
    # derived table (members.state rebuilds a member's periods from their events, like the rollups): no
    # foreign-key check per row at COMMIT; Django still cascades from the member and protects the organization.
    member = models.ForeignKey(
        Member,
        verbose_name=_("đảng viên"),
        on_delete=models.CASCADE,
        related_name="periods",
        db_index=False,
        db_constraint=False,
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    attachment = models.CharField(
        _("hình thức sinh hoạt"), max_length=10, choices=AttachmentKind.choices, default=AttachmentKind.OFFICIAL
    )
    status = models.CharField(_("tình trạng"), max_length=20, choices=MemberStatus.choices)
    is_exempted = models.BooleanField(_("miễn công tác và sinh hoạt đảng"), default=False)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    # Cache of the lifecycle rule (members.lifecycle.rules.party_intervals), written by the replay: party
    # age during this period counts from this day (the first admission decision plus the days outside the
    # Party before it). The statistics and the rollups (Python and SQL) read it.
    party_age_start = models.DateField(_("tuổi đảng tính từ ngày"), null=True, blank=True)

    scope_path = "organization__path"
    scope_owner = "member__user"
    scope_personal = True

    objects = MembershipPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("giai đoạn sinh hoạt")
        verbose_name_plural = _("giai đoạn sinh hoạt")
        ordering = ["member", "valid_from", "id"]
        indexes = [
            models.Index(fields=["organization", "valid_from"], name="period_org_from"),
            models.Index(fields=["member", "valid_from"], name="period_member_from"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="period_valid_to_after_from",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} @ {self.organization} {self.valid_from}–{self.valid_to or ''}"


from xaydungdang.members.lifecycle.models import Badge, Holiday, Transfer  # noqa: E402, F401
