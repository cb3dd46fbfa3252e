"""Transfers of party activity: the letters the user may see, and the receiving side's acceptance.

A letter to a cell of the system is issued by recording the `transferred_out` event on the member
(`POST /api/v1/members/{id}/events/`); the receiving cell sees it here while it waits, and accepts it.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from xaydungdang.api.filters import IdFilter
from xaydungdang.api.views import ScopedViewSetMixin
from xaydungdang.members.lifecycle.choices import TransferKind, TransferState
from xaydungdang.members.lifecycle.models import Transfer
from xaydungdang.members.lifecycle.services import transfer_accept, transfer_cancel


def _waiting_for(user):
    """Letters inside the system waiting for the user's acceptance (the policy's receiver rule)."""
    return Transfer.objects.waiting().receivable_by(user)


def transfers_for(user):
    """The transfers of members the user may see, and the letters addressed to organizations they hold
    office over (Transfer.objects.visible_to covers both)."""
    return Transfer.objects.visible_to(user)


class TransferSerializer(serializers.ModelSerializer):
    member_full_name = serializers.CharField(source="member.full_name", read_only=True)

    class Meta:
        model = Transfer
        fields = [
            "id",
            "member",
            "member_full_name",
            "kind",
            "state",
            "from_organization",
            "to_organization",
            "external_organization",
            "cause_date",
            "transfer_due",
            "letter_number",
            "issued_on",
            "issued_by",
            "present_by",
            "accepted_on",
            "cancelled_on",
            "reason",
            "note",
        ]
        read_only_fields = fields


class TransferAcceptSerializer(serializers.Serializer):
    accepted_on = serializers.DateField(label=_("Ngày tiếp nhận"))
    note = serializers.CharField(
        label=_("Ghi chú, giải trình"),
        help_text=_("Bắt buộc khi giấy giới thiệu xuất trình quá hạn."),
        required=False,
        allow_blank=True,
        default="",
    )


class TransferCancelSerializer(serializers.Serializer):
    cancelled_on = serializers.DateField(label=_("Ngày hủy"))
    reason = serializers.CharField(label=_("Lý do hủy giấy giới thiệu"), allow_blank=True)


class TransferFilter(django_filters.FilterSet):
    member = IdFilter(label=_("Đảng viên (mã số)"), field_name="member_id")
    state = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=TransferState.choices)
    kind = django_filters.ChoiceFilter(label=_("Loại chuyển sinh hoạt"), choices=TransferKind.choices)
    waiting = django_filters.BooleanFilter(
        label=_("Chỉ giấy giới thiệu đang chờ tổ chức của tôi tiếp nhận"), method="filter_waiting"
    )

    class Meta:
        model = Transfer
        fields: list[str] = []

    def filter_waiting(self, queryset, name, value):
        waiting = _waiting_for(getattr(self.request, "user", None)).values("pk")
        return queryset.filter(pk__in=waiting) if value else queryset.exclude(pk__in=waiting)


@extend_schema(tags=[_("Chuyển sinh hoạt đảng")])
class TransferViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Transfers of the members the user may see, plus the letters waiting for the user's organizations
    (`waiting=true`), newest letter first."""

    serializer_class = TransferSerializer
    write_serializers = {"accept": TransferAcceptSerializer, "cancel": TransferCancelSerializer}
    filterset_class = TransferFilter

    def get_queryset(self):
        related = ("member", "from_organization", "to_organization")
        return transfers_for(self.request.user).select_related(*related).order_by("-issued_on", "-id")

    def _done(self, transfer) -> Response:
        transfer = Transfer.objects.select_related("member").get(pk=transfer.pk)
        return Response(TransferSerializer(transfer, context=self.get_serializer_context()).data)

    @extend_schema(request=TransferAcceptSerializer, responses=TransferSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The receiving cell accepts the member (who then moves there); for a letter to outside the system,
        the sending side records the receiver's confirmation. Late presentation needs a `note`."""
        transfer = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._done(transfer_accept(actor=request.user, transfer=transfer, **serializer.validated_data))

    @extend_schema(request=TransferCancelSerializer, responses=TransferSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """The sending side withdraws a letter that lapsed before acceptance: the member stays."""
        transfer = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._done(transfer_cancel(actor=request.user, transfer=transfer, **serializer.validated_data))
