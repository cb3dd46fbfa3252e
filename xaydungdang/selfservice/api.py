"""The REST face of members' own requests (/api/v1/self-requests/): a member lists and files their own; the
cell's secretary lists those of their scope, approves or returns them. Same scoping (`visible_to`, 404
outside it, the residence cell's narrow grant included) and the same services as the pages.

This module belongs to the API layer (registered from `api/urls.py`): it builds on the API's base classes."""

import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.api.views import PersonalReadLogMixin, ScopedViewSetMixin
from xaydungdang.core.history import SENSITIVE_FIELDS, mask
from xaydungdang.members.selectors import own_member
from xaydungdang.selfservice import services
from xaydungdang.selfservice.choices import RequestKind, RequestStatus
from xaydungdang.selfservice.models import SelfRequest

PERSONAL_FIELDS = SENSITIVE_FIELDS | {"email"}
NO_MEMBER_RECORD = _("Tài khoản của bạn không gắn với hồ sơ đảng viên nào: không gửi được đề nghị.")
TAG = _("Đề nghị của đảng viên")


class SelfRequestSerializer(serializers.ModelSerializer):
    member_full_name = serializers.CharField(source="member.full_name", read_only=True, label=_("Họ và tên"))
    kind_display = serializers.CharField(source="get_kind_display", read_only=True, label=_("Tên loại đề nghị"))
    status_display = serializers.CharField(source="get_status_display", read_only=True, label=_("Tên trạng thái"))
    payload = serializers.SerializerMethodField(
        label=_("Giá trị đề nghị"), help_text=_("Dữ liệu cá nhân được che với người không được xem.")
    )
    personal_data_visible = serializers.SerializerMethodField(label=_("Xem được dữ liệu cá nhân"))
    has_document = serializers.SerializerMethodField(label=_("Đã có giấy cấp"))

    class Meta:
        model = SelfRequest
        fields = [
            "id",
            "member",
            "member_full_name",
            "kind",
            "kind_display",
            "status",
            "status_display",
            "payload",
            "personal_data_visible",
            "note",
            "submitted_at",
            "decided_by",
            "decided_at",
            "return_reason",
            "document_number",
            "has_document",
        ]
        read_only_fields = fields

    def _sees(self, obj) -> bool:
        return policy_for(self.context["request"].user).sees_member_personal_data(obj.member)

    def get_personal_data_visible(self, obj) -> bool:
        return self._sees(obj)

    def get_payload(self, obj) -> dict[str, str]:
        shown = self._sees(obj)
        return {
            name: value if shown or name not in PERSONAL_FIELDS or not value else mask(value)
            for name, value in obj.payload.items()
        }

    def get_has_document(self, obj) -> bool:
        return bool(obj.document)


class SelfRequestCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(label=_("Loại đề nghị"), choices=RequestKind.choices)
    address = serializers.CharField(label=_("Nơi cư trú"), max_length=255, required=False, allow_blank=True)
    phone = serializers.CharField(label=_("Số điện thoại"), max_length=20, required=False, allow_blank=True)
    email = serializers.CharField(label=_("Thư điện tử"), max_length=254, required=False, allow_blank=True)
    education_level = serializers.CharField(
        label=_("Giáo dục phổ thông"), max_length=20, required=False, allow_blank=True
    )
    qualification = serializers.CharField(label=_("Chuyên môn nghiệp vụ"), max_length=20, required=False)
    theory_level = serializers.CharField(label=_("Lý luận chính trị"), max_length=20, required=False)
    addressee = serializers.CharField(
        label=_("Giới thiệu đến"), help_text=_("Giấy giới thiệu: cơ quan, tổ chức nơi đến."), max_length=255,
        required=False, allow_blank=True,
    )  # fmt: skip
    purpose = serializers.CharField(label=_("Mục đích xin cấp giấy"), max_length=255, required=False, allow_blank=True)
    note = serializers.CharField(label=_("Lý do đề nghị"), required=False, allow_blank=True, default="")
    certificate = serializers.FileField(
        label=_("Bằng, chứng chỉ kèm theo"),
        help_text=_("Bắt buộc khi đính chính chuyên môn hoặc lý luận chính trị: tệp PDF, JPG hoặc PNG, tối đa 10 MB."),
        required=False,
    )

    def payload(self) -> dict:
        """The proposed values; for a correction, the fields not given keep the member's current values."""
        data = self.validated_data
        if data["kind"] == RequestKind.CORRECT_DATA:
            current = services.current_values(self.context["member"])
            return {name: data.get(name, current.get(name) or "") for name in services.CORRECTABLE_FIELDS}
        return {name: data.get(name, "") for name in ("addressee", "purpose")}


class ApproveSerializer(serializers.Serializer):
    document_number = serializers.CharField(
        label=_("Số giấy"), help_text=_("Giấy xác nhận, giấy giới thiệu: số ghi trên giấy cấp."), max_length=50,
        required=False, allow_blank=True, default="",
    )  # fmt: skip


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(label=_("Lý do trả lại"), allow_blank=True)


class SelfRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=RequestStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Loại đề nghị"), choices=RequestKind.choices)
    mine = django_filters.BooleanFilter(label=_("Chỉ đề nghị của chính tôi"), method="filter_mine")
    to_decide = django_filters.BooleanFilter(
        label=_("Chỉ đề nghị chờ tôi duyệt (thuộc phạm vi tôi được sửa)"), method="filter_to_decide"
    )

    class Meta:
        model = SelfRequest
        fields: list[str] = []

    def filter_mine(self, queryset, name, value):
        mine = queryset.filter(member__user=self.request.user)
        return mine if value else queryset.exclude(pk__in=mine.values("pk"))

    def filter_to_decide(self, queryset, name, value):
        waiting = (
            SelfRequest.objects.visible_to(self.request.user, Action.CHANGE)
            .filter(status=RequestStatus.SUBMITTED)
            .exclude(member__user=self.request.user)
        )
        return queryset.filter(pk__in=waiting.values("pk")) if value else queryset.exclude(pk__in=waiting.values("pk"))


@extend_schema_view(
    list=extend_schema(
        summary=_("Danh sách đề nghị"),
        description=_(
            "Đảng viên thấy đề nghị của chính mình; bí thư, cấp ủy thấy đề nghị của đảng viên trong phạm vi được"
            " xem. Mới nhất trước."
        ),
    ),
    retrieve=extend_schema(summary=_("Một đề nghị"), description=_("Ngoài phạm vi được xem: 404.")),
    create=extend_schema(
        summary=_("Gửi đề nghị"),
        description=_(
            "Đảng viên gửi đề nghị của chính mình: đính chính thông tin (nơi cư trú, số điện thoại, thư điện tử,"
            " trình độ; kèm bằng, chứng chỉ khi đính chính chuyên môn hoặc lý luận chính trị) hoặc xin giấy xác"
            " nhận tuổi đảng, giấy giới thiệu. Bí thư chi bộ được thông báo."
        ),
        request=SelfRequestCreateSerializer,
        responses={201: SelfRequestSerializer},
    ),
)
@extend_schema(tags=[TAG])
class SelfRequestViewSet(
    PersonalReadLogMixin, ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Members' own requests, approved or returned by the cell's secretary."""

    serializer_class = SelfRequestSerializer
    write_serializers = {
        "create": SelfRequestCreateSerializer,
        "approve": ApproveSerializer,
        "return_": ReturnSerializer,
    }
    filterset_class = SelfRequestFilter
    personal_fields = ("payload",)

    def get_queryset(self):
        return SelfRequest.objects.visible_to(self.request.user).select_related("member__organization", "decided_by")

    def create(self, request, *args, **kwargs):
        member = own_member(request.user)
        if member is None:
            raise ValidationError({"member": [str(NO_MEMBER_RECORD)]})
        serializer = SelfRequestCreateSerializer(
            data=request.data, context={**self.get_serializer_context(), "member": member}
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        created = services.request_create(
            actor=request.user,
            member=member,
            kind=data["kind"],
            payload=serializer.payload(),
            note=data.get("note", ""),
            certificate=data.get("certificate"),
        )
        return self.respond(created, status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Duyệt đề nghị"),
        description=_(
            "Người được sửa hồ sơ trong chi bộ của đảng viên (không phải chính đảng viên) duyệt: đính chính được"
            " cập nhật vào hồ sơ qua cùng nghiệp vụ sửa hồ sơ (lịch sử ghi đảng viên đề nghị, người duyệt);"
            " giấy được cấp và gửi cho đảng viên. Ngoài phạm vi: 404."
        ),
        request=ApproveSerializer,
        responses=SelfRequestSerializer,
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, services.request_approve)

    @extend_schema(
        summary=_("Trả lại đề nghị"),
        description=_("Trả lại đề nghị cho đảng viên kèm lý do (bắt buộc); hồ sơ không thay đổi. Ngoài phạm vi: 404."),
        request=ReturnSerializer,
        responses=SelfRequestSerializer,
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        return self._decide(request, services.request_return)

    def _decide(self, request, service):
        """A decision on a request the user sees, through the service (which refuses non-deciders: 404)."""
        self_request = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self.respond(service(actor=request.user, request=self_request, **serializer.validated_data))
