"""The REST face of the fees: payments (with corrections), bases, reliefs and remittances written through
the same services as the pages, and the computed sheet and reconciliation, all scoped by the policy.

This module belongs to the API layer (registered from `api/urls.py`): it builds on the API's base classes."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import OUT_OF_SCOPE, OutOfScope, policy_for
from xaydungdang.api.fields import OrganizationRefField
from xaydungdang.api.filters import SubtreeFilterSet
from xaydungdang.api.ids import id_in_range
from xaydungdang.api.views import ScopedViewSetMixin
from xaydungdang.fees import selectors, services
from xaydungdang.fees.choices import Category, PaymentMethod, ReliefKind, ReliefReason, Zone
from xaydungdang.fees.exports import row_values
from xaydungdang.fees.models import FeeBasis, FeePayment, FeeRelief, Remittance
from xaydungdang.fees.rules import competent_level, first_of_month, months_in
from xaydungdang.members.models import Member
from xaydungdang.organizations.models import Organization

MAX_AMOUNT = 10**12  # đồng: far above any fee, below what the database stores
NO_SUCH_MEMBER = _("Không có đảng viên với mã số này.")
REPORT_MAX_MONTHS = 24


@extend_schema_field(OpenApiTypes.INT)
class MemberRefField(serializers.Field):
    """A member by id, among those the user may see."""

    default_error_messages = {"does_not_exist": NO_SUCH_MEMBER}

    def to_internal_value(self, data):
        if isinstance(data, bool) or not id_in_range(data) or not str(data).strip().isdigit():
            self.fail("does_not_exist")
        found = Member.objects.visible_to(self.context["request"].user).filter(pk=int(data)).first()
        if found is None:
            self.fail("does_not_exist")
        return found

    def to_representation(self, value):
        return value.pk


def _changeable_orgs(request):
    return Organization.objects.visible_to(getattr(request, "user", None))


def _amount(**kwargs):
    return serializers.IntegerField(min_value=0, max_value=MAX_AMOUNT, **kwargs)


# --- payments --------------------------------------------------------------------------------------
class FeePaymentSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)

    class Meta:
        model = FeePayment
        fields = [
            "id",
            "member",
            "member_name",
            "organization",
            "month",
            "amount",
            "paid_on",
            "method",
            "receipt_number",
            "statement_line",
        ]
        read_only_fields = fields


class FeePaymentCreateSerializer(serializers.Serializer):
    member = MemberRefField()
    first_month = serializers.DateField()
    months = serializers.IntegerField(min_value=1, max_value=120, default=1)
    amount = _amount(required=False, allow_null=True, default=None)
    paid_on = serializers.DateField()
    method = serializers.ChoiceField(choices=PaymentMethod.choices, default=PaymentMethod.CASH)
    receipt_number = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")


class FeePaymentCorrectSerializer(serializers.Serializer):
    amount = _amount(required=False)
    paid_on = serializers.DateField(required=False)
    method = serializers.ChoiceField(choices=PaymentMethod.choices, required=False)
    receipt_number = serializers.CharField(max_length=50, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=255)


class FeePaymentFilter(SubtreeFilterSet):
    month = django_filters.DateFilter(label=_("Tháng (ngày đầu tháng)"))
    member = django_filters.NumberFilter(label=_("Đảng viên"), method="filter_member")

    class Meta:
        model = FeePayment
        fields: list[str] = []

    def filter_member(self, queryset, name, value):
        return queryset.filter(member_id=int(value)) if id_in_range(value) else queryset.none()


@extend_schema(tags=[_("Đảng phí")])
class FeePaymentViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Payments recorded in the collection sheets (sổ thu đảng phí) the user may see; filter by `org`
    (its subtree), `month` and `member`. POST records one or several months (in advance); `correct` edits
    one with a reason, `cancel` removes one with a reason (history keeps both)."""

    serializer_class = FeePaymentSerializer
    filterset_class = FeePaymentFilter
    write_serializers = {"create": FeePaymentCreateSerializer, "correct": FeePaymentCorrectSerializer}

    def get_queryset(self):
        return (
            FeePayment.objects.visible_to(self.request.user)
            .select_related("member")
            .order_by("organization__path", "month", "member__sort_name", "id")
        )

    @extend_schema(request=FeePaymentCreateSerializer, responses={201: FeePaymentSerializer(many=True)})
    def create(self, request, *args, **kwargs):
        serializer = FeePaymentCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        payments = services.payment_record(actor=request.user, **serializer.validated_data)
        data = FeePaymentSerializer(payments, many=True, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(request=FeePaymentCorrectSerializer, responses={200: FeePaymentSerializer})
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        serializer = FeePaymentCorrectSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        payment = services.payment_correct(actor=request.user, payment=self.get_object(), **serializer.validated_data)
        return self.respond(payment)

    @extend_schema(request=FeePaymentCorrectSerializer, responses={204: None})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        serializer = FeePaymentCorrectSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        reason = serializer.validated_data.get("reason", "")
        services.payment_cancel(actor=request.user, payment=self.get_object(), reason=reason)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- bases and reliefs -----------------------------------------------------------------------------
class FeeBasisSerializer(serializers.ModelSerializer):
    class Meta:
        model = FeeBasis
        fields = [
            "id",
            "member",
            "category",
            "amount",
            "zone",
            "voluntary_amount",
            "voluntary_approval",
            "valid_from",
            "valid_to",
            "note",
        ]
        read_only_fields = fields


class FeeBasisCreateSerializer(serializers.Serializer):
    member = MemberRefField()
    category = serializers.ChoiceField(choices=Category.choices)
    valid_from = serializers.DateField()
    amount = _amount(default=0)
    zone = serializers.ChoiceField(choices=Zone.choices, required=False, allow_null=True, default=None)
    voluntary_amount = _amount(required=False, allow_null=True, default=None)
    voluntary_approval = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class MemberSubtreeFilter(SubtreeFilterSet):
    org_path = "member__organization__path"

    class Meta:
        model = FeeBasis
        fields: list[str] = []


class FeeReliefFilter(MemberSubtreeFilter):
    class Meta:
        model = FeeRelief
        fields: list[str] = []


class _CreateThroughService(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    create_serializer: type[serializers.Serializer]

    def create(self, request, *args, **kwargs):
        serializer = self.create_serializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return self.respond(self.perform_service_create(serializer.validated_data), status.HTTP_201_CREATED)


@extend_schema(tags=[_("Đảng phí")])
class FeeBasisViewSet(_CreateThroughService):
    """What members' fees are computed from, dated; POST records a new basis (the one before ends)."""

    serializer_class = FeeBasisSerializer
    filterset_class = MemberSubtreeFilter
    create_serializer = FeeBasisCreateSerializer
    write_serializers = {"create": FeeBasisCreateSerializer}

    def get_queryset(self):
        return FeeBasis.objects.visible_to(self.request.user).order_by("member_id", "valid_from", "id")

    def perform_service_create(self, data):
        return services.fee_basis_set(actor=self.request.user, **data)


class FeeReliefSerializer(serializers.ModelSerializer):
    class Meta:
        model = FeeRelief
        fields = [
            "id",
            "member",
            "kind",
            "reason",
            "reduction_percent",
            "valid_from",
            "valid_to",
            "decision_number",
            "decision_date",
            "decided_by",
            "note",
        ]
        read_only_fields = fields


@extend_schema_serializer(
    description=_("Cấp quyết định là cấp có thẩm quyền đối với chi bộ của đảng viên (không chọn được).")
)
class FeeReliefCreateSerializer(serializers.Serializer):
    """The deciding level is the competent one for the member's cell (not chosen)."""

    member = MemberRefField()
    kind = serializers.ChoiceField(choices=ReliefKind.choices)
    reason = serializers.ChoiceField(choices=ReliefReason.choices)
    reduction_percent = serializers.IntegerField(min_value=0, max_value=100, required=False, allow_null=True)
    valid_from = serializers.DateField()
    valid_to = serializers.DateField()
    decision_number = serializers.CharField(max_length=100)
    decision_date = serializers.DateField()
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


@extend_schema(tags=[_("Đảng phí")])
class FeeReliefViewSet(_CreateThroughService):
    """Exemptions and reductions by decision; POST records one (by who holds office over the competent level)."""

    serializer_class = FeeReliefSerializer
    filterset_class = FeeReliefFilter
    create_serializer = FeeReliefCreateSerializer
    write_serializers = {"create": FeeReliefCreateSerializer}

    def get_queryset(self):
        return FeeRelief.objects.visible_to(self.request.user).order_by("member_id", "valid_from", "id")

    def perform_service_create(self, data):
        level = competent_level(data["member"].organization)
        if level is None:
            raise OutOfScope(OUT_OF_SCOPE)
        return services.relief_grant(actor=self.request.user, decided_by=level, **data)


# --- remittances -----------------------------------------------------------------------------------
class RemittanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Remittance
        fields = [
            "id",
            "organization",
            "to_organization",
            "period_start",
            "period_end",
            "amount",
            "remitted_on",
            "reference",
        ]
        read_only_fields = fields


class RemittanceCreateSerializer(serializers.Serializer):
    organization = OrganizationRefField(queryset=_changeable_orgs)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    amount = _amount()
    remitted_on = serializers.DateField()
    reference = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class RemittanceFilter(SubtreeFilterSet):
    class Meta:
        model = Remittance
        fields: list[str] = []


@extend_schema(tags=[_("Đảng phí")])
class RemittanceViewSet(_CreateThroughService):
    """What each level remitted to the level above, by month or quarter."""

    serializer_class = RemittanceSerializer
    filterset_class = RemittanceFilter
    create_serializer = RemittanceCreateSerializer
    write_serializers = {"create": RemittanceCreateSerializer}

    def get_queryset(self):
        return Remittance.objects.visible_to(self.request.user).order_by("organization__path", "period_start", "id")

    def perform_service_create(self, data):
        return services.remittance_record(actor=self.request.user, **data)


# --- computed reads --------------------------------------------------------------------------------
class SheetQuerySerializer(serializers.Serializer):
    org = OrganizationRefField(queryset=_changeable_orgs, help_text=_("Chi bộ: mã số hoặc mã tổ chức"))
    month = serializers.DateField(help_text=_("Tháng của sổ thu (một ngày bất kỳ trong tháng)"))


class PeriodQuerySerializer(serializers.Serializer):
    org = OrganizationRefField(
        queryset=_changeable_orgs, help_text=_("Tổ chức (cả các tổ chức trực thuộc): mã số hoặc mã tổ chức")
    )
    start = serializers.DateField(help_text=_("Tháng bắt đầu của kỳ (một ngày bất kỳ trong tháng)"))
    end = serializers.DateField(help_text=_("Tháng kết thúc của kỳ (một ngày bất kỳ trong tháng)"))

    def validate(self, attrs):
        start, end = first_of_month(attrs["start"]), first_of_month(attrs["end"])
        if start > end or len(months_in(start, end)) > REPORT_MAX_MONTHS:
            raise serializers.ValidationError(
                {
                    "end": [
                        _("Kỳ phải từ tháng bắt đầu đến tháng kết thúc, tối đa %(months)s tháng.")
                        % {"months": REPORT_MAX_MONTHS}
                    ]
                }
            )
        return {**attrs, "start": start, "end": end}


class SheetRowSerializer(serializers.Serializer):
    member = serializers.IntegerField(source="member.pk")
    full_name = serializers.CharField(source="member.full_name")
    month = serializers.DateField(source="fee.month")
    amount = serializers.IntegerField(source="fee.amount")
    full_amount = serializers.IntegerField(source="fee.full")
    exempt_reason = serializers.CharField(source="fee.exempt_reason")
    reduction_percent = serializers.IntegerField(source="fee.reduction_percent")
    problem = serializers.CharField(source="fee.problem")
    payment = serializers.IntegerField(source="payment.pk", allow_null=True, default=None)
    paid_amount = serializers.IntegerField(source="payment.amount", allow_null=True, default=None)


RECONCILIATION_FIELDS = [
    "due",
    "collected",
    "exempt",
    "reduced",
    "reduced_amount",
    "received",
    "kept",
    "remit_due",
    "remitted",
    "difference",
]


@extend_schema(tags=[_("Đảng phí")])
class FeeSummaryViewSet(ScopedViewSetMixin, viewsets.ViewSet):
    """Computed reads: a cell's sheet for a month, and the reconciliation of a subtree over a period."""

    @extend_schema(parameters=[SheetQuerySerializer], responses={200: SheetRowSerializer(many=True)})
    @action(detail=False, methods=["get"])
    def sheet(self, request):
        query = SheetQuerySerializer(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        organization = query.validated_data["org"]
        policy_for(request.user).require_in_organization(Action.VIEW, organization)
        rows = selectors.collection_sheet(organization, query.validated_data["month"]).rows
        return Response(SheetRowSerializer(rows, many=True).data)

    @extend_schema(parameters=[PeriodQuerySerializer], responses={200: dict})
    @action(detail=False, methods=["get"])
    def reconciliation(self, request):
        query = PeriodQuerySerializer(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        organization = query.validated_data["org"]
        if not policy_for(request.user).reads_subtree(organization):
            raise OutOfScope(OUT_OF_SCOPE)
        rows = selectors.reconciliation(organization, query.validated_data["start"], query.validated_data["end"])
        levels = [
            {
                "organization": row.organization.pk,
                "code": row.organization.code,
                **dict(zip(RECONCILIATION_FIELDS, row_values(row), strict=True)),
            }
            for row in rows
        ]
        total = dict(zip(RECONCILIATION_FIELDS, row_values(selectors.totals(rows)), strict=True))
        return Response({"levels": levels, "total": total})
