"""Review periods and review results (đánh giá, xếp loại chất lượng), read-only.

Only results the level above has approved are published here: a dossier still being entered or
reviewed has no result yet. Ratings are entered and approved on the pages (`reviews.services`)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, viewsets

from xaydungdang.api.filters import IdFilter, SubtreeFilterSet
from xaydungdang.api.views import ScopedViewSetMixin
from xaydungdang.reviews.choices import Level, Subject
from xaydungdang.reviews.models import Review, ReviewPeriod
from xaydungdang.reviews.selectors import periods_visible_to


class ReviewPeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewPeriod
        fields = ["id", "organization", "name", "kind", "year", "quarter", "term_label", "starts_on", "ends_on",
                  "is_locked"]  # fmt: skip
        read_only_fields = fields


@extend_schema_serializer(
    description=_(
        "Một kết quả xếp loại đã duyệt: của một đảng viên (`member`) hoặc của một tổ chức đảng (`organization`)."
    )
)
class ReviewResultSerializer(serializers.ModelSerializer):
    """One approved rating: of a member (`member`) or of an organization (`organization`)."""

    period_name = serializers.CharField(source="period.name", read_only=True)
    subject = serializers.ChoiceField(choices=Subject.choices, read_only=True)
    subject_name = serializers.CharField(read_only=True)
    dossier_organization = serializers.IntegerField(source="dossier.organization_id", read_only=True)

    class Meta:
        model = Review
        fields = [
            "id",
            "period",
            "period_name",
            "subject",
            "member",
            "organization",
            "subject_name",
            "dossier_organization",
            "score",
            "level",
            "not_rated",
            "self_assessed",
        ]
        read_only_fields = fields


class ReviewFilter(SubtreeFilterSet):
    org_path = "dossier__organization__path"

    period = IdFilter(label=_("Kỳ đánh giá (mã số)"), field_name="period_id")
    member = IdFilter(label=_("Đảng viên (mã số)"), field_name="member_id")
    level = django_filters.MultipleChoiceFilter(label=_("Xếp loại"), choices=Level.choices)
    subject = django_filters.ChoiceFilter(label=_("Đối tượng"), choices=Subject.choices, method="filter_subject")

    class Meta:
        model = Review
        fields: list[str] = []

    def filter_subject(self, queryset, name, value):
        return queryset.of_members() if value == Subject.MEMBER else queryset.of_organizations()


@extend_schema(tags=[_("Đánh giá, xếp loại")])
class ReviewPeriodViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Review periods that apply to the organizations the user may see, newest first."""

    serializer_class = ReviewPeriodSerializer

    def get_queryset(self):
        return periods_visible_to(self.request.user).order_by("-year", "-quarter", "-id")


@extend_schema(tags=[_("Đánh giá, xếp loại")])
class ReviewResultViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Approved ratings the user may see: the subtree's members and organizations, or a member's own;
    filter by `period`, `org` (its subtree), `level`, `subject` and `member`."""

    serializer_class = ReviewResultSerializer
    filterset_class = ReviewFilter

    def get_queryset(self):
        return (
            Review.objects.visible_to(self.request.user)
            .decided()
            .select_related("period", "member", "organization", "dossier")
            .order_by("-period_id", "dossier__organization__path", "member__sort_name", "id")
        )
