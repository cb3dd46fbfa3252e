"""Filters of the member list. One FilterSet serves today's list (Member rows) and a dated list
(MembershipPeriod rows: `status` and `organization` are then the member's status and cell on that date)."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xaydungdang.members.choices import ACTIVE_STATUSES, Gender, MemberStatus
from xaydungdang.members.ethnicities import ETHNICITIES
from xaydungdang.members.models import Member
from xaydungdang.members.totals import ALL, CURRENT, OTHERS
from xaydungdang.members.widgets import FastSelect
from xaydungdang.organizations.models import Organization

SORT_CHOICES = [("name", _("Tên A → Z")), ("-name", _("Tên Z → A"))]
# Without a status the page lists the current members (what the dashboard and the organization's box count),
# searches included; "all", "others" or one status on request. The empty choice keeps the address short.
STATUS_CHOICES = [
    (ALL, _("Mọi tình trạng")),
    (OTHERS, _("Không còn sinh hoạt")),
    *MemberStatus.choices,
]


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo họ tên"), method="filter_q")
    status = django_filters.ChoiceFilter(
        label=_("Tình trạng"),
        choices=STATUS_CHOICES,
        empty_label=_("Đang sinh hoạt"),  # probationary and official: the headcount
        method="filter_status",
        widget=FastSelect,
    )
    gender = django_filters.ChoiceFilter(
        label=_("Giới tính"),
        choices=Gender.choices,
        empty_label=_("Tất cả"),
        method="filter_member_field",
        widget=FastSelect,
    )
    ethnicity = django_filters.ChoiceFilter(
        label=_("Dân tộc"),
        choices=ETHNICITIES,
        empty_label=_("Tất cả"),
        method="filter_member_field",
        widget=FastSelect,
    )
    org = django_filters.ModelChoiceFilter(
        label=_("Tổ chức"),
        queryset=Organization.objects.none(),
        empty_label=_("Toàn bộ phạm vi"),
        method="filter_org",
        widget=FastSelect,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sắp xếp"), choices=SORT_CHOICES, empty_label=_("Theo tên"), method="filter_sort", widget=FastSelect
    )

    default_status = CURRENT  # without a status: the current members

    def __init__(self, data=None, queryset=None, *, user, organizations: QuerySet, member_prefix: str = "", **kw):
        super().__init__(data, queryset, **kw)
        self.user = user
        self.member_prefix = member_prefix  # "" for Member rows, "member__" for MembershipPeriod rows
        self.filters["org"].queryset = organizations

    def filter_q(self, queryset, name, value):
        if not self.member_prefix:
            return queryset.search(value)
        return queryset.filter(member__in=Member.objects.search(value).values("pk"))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            queryset = self.filter_status(queryset, "status", self.default_status)
        return queryset

    def filter_status(self, queryset, name, value):
        if value == CURRENT:
            return queryset.filter(status__in=ACTIVE_STATUSES)
        if value == OTHERS:
            return queryset.exclude(status__in=ACTIVE_STATUSES)
        return queryset if value == ALL else queryset.filter(status=value)

    def filter_member_field(self, queryset, name, value):
        return queryset.filter(**{f"{self.member_prefix}{name}": value})

    def filter_org(self, queryset, name, value):
        return queryset.filter(organization__path__startswith=value.path)

    def filter_sort(self, queryset, name, value):
        field = f"{self.member_prefix}sort_name"
        return queryset.order_by(f"-{field}" if value == "-name" else field, "pk")
