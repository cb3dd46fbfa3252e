"""Candidates for admission (quần chúng ưu tú) and the steps of their pipeline, read-only.

Candidates are recorded and advanced on the pages (`candidates.services`); the API reads them with the
same scope: the cell's committee and the officers above it, never a plain member."""

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, viewsets

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.api.filters import SubtreeFilterSet
from xaydungdang.api.views import PersonalReadLogMixin, ScopedViewSetMixin
from xaydungdang.candidates.choices import CandidateStatus, Step
from xaydungdang.candidates.models import Candidate, CandidateStep
from xaydungdang.candidates.services import next_step
from xaydungdang.core.history import mask

MASKED = ("national_id", "address")


class CandidateStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = CandidateStep
        fields = [
            "step",
            "done_on",
            "document_number",
            "issued_by",
            "votes_for",
            "votes_eligible",
            "late_approval",
            "note",
        ]
        read_only_fields = fields


@extend_schema_serializer(
    description=_(
        "Quần chúng ưu tú kèm các bước đã qua (cũ nhất trước) và bước tiếp theo (không có khi đã xong). Số "
        "CCCD và nơi cư trú được che nếu người dùng không được sửa hồ sơ của chi bộ."
    )
)
class CandidateSerializer(serializers.ModelSerializer):
    """A candidate with the steps done, oldest first, and the step expected next (none when finished).
    National ID and address are masked unless the user may change the cell's records."""

    organization_code = serializers.CharField(source="organization.code", read_only=True)
    steps = CandidateStepSerializer(many=True, read_only=True)
    next_step = serializers.SerializerMethodField()
    personal_data_visible = serializers.SerializerMethodField()

    class Meta:
        model = Candidate
        fields = [
            "id",
            "organization",
            "organization_code",
            "full_name",
            "gender",
            "birth_date",
            "ethnicity",
            "religion",
            "national_id",
            "hometown",
            "address",
            "education_level",
            "qualification",
            "occupation",
            "step",
            "status",
            "next_step",
            "member",
            "steps",
            "personal_data_visible",
        ]
        read_only_fields = fields

    def get_next_step(self, candidate) -> str | None:
        return next_step(candidate, {s.step for s in candidate.steps.all()})

    def get_personal_data_visible(self, candidate) -> bool:
        return policy_for(self.context["request"].user).can_in_organization(Action.CHANGE, candidate.organization)

    def to_representation(self, candidate):
        data = super().to_representation(candidate)
        if not data["personal_data_visible"]:
            data.update({name: mask(data[name]) for name in MASKED})
        return data


class CandidateFilter(SubtreeFilterSet):
    step = django_filters.MultipleChoiceFilter(label=_("Bước hiện tại"), choices=Step.choices)
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=CandidateStatus.choices)
    q = django_filters.CharFilter(label=_("Tìm theo họ tên"), field_name="full_name", lookup_expr="icontains")

    class Meta:
        model = Candidate
        fields: list[str] = []


@extend_schema(tags=[_("Quần chúng ưu tú")])
class CandidateViewSet(ScopedViewSetMixin, PersonalReadLogMixin, viewsets.ReadOnlyModelViewSet):
    """Candidates of the organizations the user may see, by cell and name; filter by `org` (its subtree),
    current `step` and `status`."""

    serializer_class = CandidateSerializer
    filterset_class = CandidateFilter
    personal_fields = MASKED

    def get_queryset(self):
        steps = Prefetch("steps", queryset=CandidateStep.objects.order_by("done_on", "id"))
        return (
            Candidate.objects.visible_to(self.request.user)
            .select_related("organization")
            .prefetch_related(steps)
            .order_by("organization__path", "full_name", "id")
        )
