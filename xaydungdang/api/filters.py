"""Filters of the API: the member filter is the pages' own (members.filters.MemberFilter)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from xaydungdang.api.ids import MAX_ID, BoundedModelChoiceField
from xaydungdang.members.choices import EventKind
from xaydungdang.members.filters import MemberFilter
from xaydungdang.members.models import Member, MembershipEvent
from xaydungdang.members.totals import ALL
from xaydungdang.organizations.choices import OrganizationKind
from xaydungdang.organizations.models import Organization


@extend_schema_field(OpenApiTypes.INT)
class OrganizationIdFilter(django_filters.ModelChoiceFilter):
    """An organization by id (the API documents it as an integer)."""

    field_class = BoundedModelChoiceField


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.Filter):
    """A row id: an integer in the database's range."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=MAX_ID, **kwargs)


class ApiMemberFilter(MemberFilter):
    """`q`, `status`, `gender`, `ethnicity`, `org` (its whole subtree) and `sort`, as on /members/; without
    `status` the API lists every record (as it always has), the page today's members."""

    default_status = ALL

    org = OrganizationIdFilter(
        label=_("Tổ chức (cả các tổ chức trực thuộc)"), queryset=Organization.objects.none(), method="filter_org"
    )

    class Meta:
        model = Member
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        user = getattr(request, "user", None)
        organizations = Organization.objects.visible_to(user)
        super().__init__(data, queryset, user=user, organizations=organizations, request=request, **kwargs)


class OrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo tên hoặc mã"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("Loại tổ chức"), choices=OrganizationKind.choices)
    within = IdFilter(label=_("Trong tổ chức (mã số)"), method="filter_within")
    active = django_filters.BooleanFilter(label=_("Đang hoạt động"), method="filter_active")

    class Meta:
        model = Organization
        fields = ["kind"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value.strip()) | Q(code__iexact=value.strip()))

    def filter_within(self, queryset, name, value):
        """The organization's subtree (itself included); an organization the user cannot see gives nothing."""
        top = queryset.filter(pk=value).values_list("path", flat=True).first()
        return queryset.filter(path__startswith=top) if top else queryset.none()

    def filter_active(self, queryset, name, value):
        return queryset.filter(dissolved_on__isnull=value)


class EventFilter(django_filters.FilterSet):
    member = IdFilter(label=_("Đảng viên (mã số)"), field_name="member_id")
    kind = django_filters.MultipleChoiceFilter(label=_("Loại sự kiện"), choices=EventKind.choices)
    date_from = django_filters.DateFilter(label=_("Từ ngày"), field_name="effective_date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("Đến ngày"), field_name="effective_date", lookup_expr="lte")

    class Meta:
        model = MembershipEvent
        fields: list[str] = []


class SubtreeFilterSet(django_filters.FilterSet):
    """`org`: rows under an organization the user may see (its whole subtree); `org_path` is the lookup from
    the row to the organization whose path decides."""

    org = OrganizationIdFilter(
        label=_("Tổ chức (cả các tổ chức trực thuộc)"), queryset=Organization.objects.none(), method="filter_org"
    )
    org_path = "organization__path"

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        self.filters["org"].queryset = Organization.objects.visible_to(getattr(request, "user", None))

    def filter_org(self, queryset, name, value):
        return queryset.filter(**{f"{self.org_path}__startswith": value.path})
