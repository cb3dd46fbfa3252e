"""Committees' terms, posts held, cadre plans and appointments, through the committees services and scope.

Kept in the api app, not in committees/api.py: it builds on the api's scoped viewset and error handling, and
committees sits below api in the layers."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from xaydungdang.api.filters import IdFilter, SubtreeFilterSet
from xaydungdang.api.ids import id_in_range
from xaydungdang.api.views import ScopedViewSetMixin
from xaydungdang.committees import planning, services
from xaydungdang.committees.choices import AppointmentKind, EndReason, ObtainedBy, TermOrigin
from xaydungdang.committees.models import Appointment, CadrePlan, Holding, PlanEntry, PostKind, Term
from xaydungdang.core.dates import today
from xaydungdang.members.models import Member
from xaydungdang.organizations.models import Organization


@extend_schema_field(OpenApiTypes.INT)
class ScopedKeyField(serializers.PrimaryKeyRelatedField):
    """A row by id among those the user may see; an id out of the database's range is "does not exist"."""

    def __init__(self, model, **kwargs):
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.model.objects.visible_to(self.context["request"].user)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not id_in_range(data):
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


class PostKindField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=PostKind.objects.all(), **kwargs)

    def to_internal_value(self, data):
        # A code with a NUL byte is no code; PostgreSQL would refuse the lookup with an error (a 500).
        if not isinstance(data, str) or "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=str(data).replace("\x00", ""))
        return super().to_internal_value(data)


class TermSerializer(serializers.ModelSerializer):
    organization_code = serializers.CharField(source="organization.code", read_only=True)
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Term
        fields = [
            "id", "organization", "organization_code", "label", "starts_on", "ends_on", "closed_on", "origin",
            "congress_date", "congress_kind", "delegates_called", "delegates_present", "decision_number",
            "decision_date", "issued_by", "carried_from", "note",
        ]  # fmt: skip
        read_only_fields = fields


class TermWriteSerializer(serializers.Serializer):
    organization = ScopedKeyField(Organization)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True)
    origin = serializers.ChoiceField(choices=TermOrigin.choices, default=TermOrigin.CONGRESS)
    congress_date = serializers.DateField(required=False, allow_null=True)
    congress_kind = serializers.CharField(required=False, allow_blank=True, default="")
    delegates_called = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    delegates_present = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    decision_number = serializers.CharField(required=False, allow_blank=True, default="")
    decision_date = serializers.DateField(required=False, allow_null=True)
    issued_by = serializers.CharField(required=False, allow_blank=True, default="")
    seats = serializers.DictField(child=serializers.IntegerField(min_value=0), required=False)


class TermFilter(SubtreeFilterSet):
    class Meta:
        model = Term
        fields: list[str] = []


@extend_schema(tags=[_("Cấp ủy")])
class TermViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Terms of the organizations the user may see; `org` filters a subtree. POST opens a term."""

    serializer_class = TermSerializer
    write_serializers = {"create": TermWriteSerializer}
    filterset_class = TermFilter

    def get_queryset(self):
        return (
            Term.objects.visible_to(self.request.user)
            .select_related("organization")
            .prefetch_related("carried_from")
            .order_by("organization__path", "-starts_on", "id")
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        term = services.term_create(actor=request.user, **serializer.validated_data)
        return self.respond(term, status.HTTP_201_CREATED)


class HoldingSerializer(serializers.ModelSerializer):
    post_kind = serializers.CharField(source="post_kind.code", read_only=True)
    post_name = serializers.CharField(source="post_kind.name", read_only=True)
    organization = serializers.IntegerField(source="term.organization_id", read_only=True)
    member_name = serializers.CharField(source="member.full_name", read_only=True)

    class Meta:
        model = Holding
        fields = [
            "id", "term", "organization", "member", "member_name", "post_kind", "post_name", "started_on",
            "ended_on", "obtained_by", "decision_number", "decision_date", "end_reason", "end_decision_number",
        ]  # fmt: skip
        read_only_fields = fields


class HoldingWriteSerializer(serializers.Serializer):
    term = ScopedKeyField(Term)
    member = ScopedKeyField(Member)
    post_kind = PostKindField()
    started_on = serializers.DateField()
    obtained_by = serializers.ChoiceField(choices=ObtainedBy.choices, default=ObtainedBy.ELECTED)
    decision_number = serializers.CharField(required=False, allow_blank=True, default="")
    decision_date = serializers.DateField(required=False, allow_null=True)


class HoldingEndSerializer(serializers.Serializer):
    ended_on = serializers.DateField()
    reason = serializers.ChoiceField(choices=EndReason.choices)
    decision_number = serializers.CharField(required=False, allow_blank=True, default="")


class HoldingFilter(SubtreeFilterSet):
    org_path = "term__organization__path"
    on = django_filters.DateFilter(label=_("Giữ chức vụ vào ngày"), method="filter_on")
    member = IdFilter(label=_("Đảng viên"), field_name="member_id")

    class Meta:
        model = Holding
        fields: list[str] = []

    def filter_on(self, queryset, name, value):
        return queryset.on(value)


@extend_schema(tags=[_("Cấp ủy")])
class HoldingViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Posts held (`on=YYYY-MM-DD`: the committee on that day; `member`: one member's posts). POST adds a post;
    POST …/end/ ends one."""

    serializer_class = HoldingSerializer
    write_serializers = {"create": HoldingWriteSerializer, "end": HoldingEndSerializer}
    filterset_class = HoldingFilter

    def get_queryset(self):
        return (
            Holding.objects.visible_to(self.request.user)
            .select_related("post_kind", "term", "member")
            .order_by("term__organization__path", "-post_kind__rank", "started_on", "id")
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self.respond(
            services.holding_create(actor=request.user, **serializer.validated_data), status.HTTP_201_CREATED
        )

    @extend_schema(request=HoldingEndSerializer, responses=HoldingSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        holding = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self.respond(services.holding_end(actor=request.user, holding=holding, **serializer.validated_data))


class PlanEntrySerializer(serializers.ModelSerializer):
    post_kind = serializers.CharField(source="post_kind.code", read_only=True)
    organization = serializers.IntegerField(source="plan.organization_id", read_only=True)
    period = serializers.SerializerMethodField()

    class Meta:
        model = PlanEntry
        fields = [
            "id",
            "plan",
            "organization",
            "period",
            "member",
            "post_kind",
            "added_on",
            "added_reason",
            "removed_on",
            "removed_reason",
        ]
        read_only_fields = fields

    def get_period(self, entry) -> str:
        return f"{entry.plan.start_year}–{entry.plan.end_year}"


class PlanEntryWriteSerializer(serializers.Serializer):
    plan = ScopedKeyField(CadrePlan)
    member = ScopedKeyField(Member)
    post_kind = PostKindField()
    added_on = serializers.DateField(default=today)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class PlanEntryFilter(SubtreeFilterSet):
    org_path = "plan__organization__path"

    class Meta:
        model = PlanEntry
        fields: list[str] = []


@extend_schema(tags=[_("Quy hoạch, bổ nhiệm")])
class PlanEntryViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """People in cadre plans. POST adds one (QĐ 377 limits checked by the service)."""

    serializer_class = PlanEntrySerializer
    write_serializers = {"create": PlanEntryWriteSerializer}
    filterset_class = PlanEntryFilter

    def get_queryset(self):
        return (
            PlanEntry.objects.visible_to(self.request.user).select_related("plan", "post_kind").order_by("plan", "id")
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entry = planning.plan_entry_add(actor=request.user, **serializer.validated_data)
        return self.respond(entry, status.HTTP_201_CREATED)


class AppointmentSerializer(serializers.ModelSerializer):
    post_kind = serializers.CharField(source="post_kind.code", read_only=True)

    class Meta:
        model = Appointment
        fields = [
            "id", "organization", "member", "post_kind", "kind", "status", "proposed_on", "effective_on",
            "tenure_months", "decision_number", "decision_date", "signed_by", "note",
        ]  # fmt: skip
        read_only_fields = fields


class AppointmentWriteSerializer(serializers.Serializer):
    organization = ScopedKeyField(Organization)
    member = ScopedKeyField(Member)
    post_kind = PostKindField()
    kind = serializers.ChoiceField(choices=AppointmentKind.choices)
    proposed_on = serializers.DateField(default=today)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AppointmentDecideSerializer(serializers.Serializer):
    effective_on = serializers.DateField()
    decision_number = serializers.CharField()
    decision_date = serializers.DateField(required=False, allow_null=True)
    signed_by = serializers.CharField(required=False, allow_blank=True, default="")


class AppointmentFilter(SubtreeFilterSet):
    class Meta:
        model = Appointment
        fields: list[str] = []


@extend_schema(tags=[_("Quy hoạch, bổ nhiệm")])
class AppointmentViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Appointment proposals and decisions. POST proposes; POST …/decide/ records the decision."""

    serializer_class = AppointmentSerializer
    write_serializers = {"create": AppointmentWriteSerializer, "decide": AppointmentDecideSerializer}
    filterset_class = AppointmentFilter

    def get_queryset(self):
        return (
            Appointment.objects.visible_to(self.request.user)
            .select_related("post_kind")
            .order_by("-proposed_on", "-id")
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        appointment = planning.appointment_propose(actor=request.user, **serializer.validated_data)
        return self.respond(appointment, status.HTTP_201_CREATED)

    @extend_schema(request=AppointmentDecideSerializer, responses=AppointmentSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        appointment = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(
            AppointmentSerializer(
                planning.appointment_decide(actor=request.user, appointment=appointment, **serializer.validated_data)
            ).data
        )
