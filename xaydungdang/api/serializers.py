"""Serializers of API v1. They only shape data: every write is done by the domain's services."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from xaydungdang.api.ids import id_in_range
from xaydungdang.core.history import SENSITIVE_FIELDS, mask
from xaydungdang.members.models import Member, MembershipEvent
from xaydungdang.members.services import PARTY_DATE_FIELDS, PROFILE_FIELDS, member_version
from xaydungdang.organizations.models import Organization
from xaydungdang.organizations.services import EDITABLE_FIELDS, organization_version


@extend_schema_field(OpenApiTypes.INT)
class VisibleOrganizationField(serializers.PrimaryKeyRelatedField):
    """An organization given by id; one the user cannot see does not exist for them."""

    def get_queryset(self):
        return Organization.objects.visible_to(self.context["request"].user)

    def to_internal_value(self, data):
        if not isinstance(data, bool) and not id_in_range(data):
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


# --- organizations ---------------------------------------------------------------------------------
class OrganizationSerializer(serializers.ModelSerializer):
    parent = serializers.IntegerField(source="parent_id", read_only=True, allow_null=True)
    holds_members = serializers.BooleanField(read_only=True)
    version = serializers.SerializerMethodField(
        help_text=_("Phiên bản hồ sơ (cũng là ETag): gửi lại trong `version` hoặc If-Match khi sửa.")
    )

    class Meta:
        model = Organization
        fields = ["id", "code", "name", "kind", "parent", "depth", "holds_members", *EDITABLE_FIELDS[2:], "version"]
        read_only_fields = fields

    def get_version(self, organization) -> str:
        return organization_version(organization)


class OrganizationCreateSerializer(serializers.ModelSerializer):
    parent = VisibleOrganizationField(label=_("Tổ chức cấp trên"), allow_null=True)
    reason = serializers.CharField(label=_("Lý do"), required=False, allow_blank=True, default="")

    class Meta:
        model = Organization
        fields = ["parent", "code", "name", "kind", *EDITABLE_FIELDS[2:], "reason"]
        extra_kwargs = {"code": {"validators": []}}  # uniqueness is the service's to check, in its transaction


class OrganizationUpdateSerializer(serializers.ModelSerializer):
    reason = serializers.CharField(label=_("Lý do"), required=False, allow_blank=True, default="")
    version = serializers.CharField(
        label=_("Phiên bản"),
        required=False,
        write_only=True,
        help_text=_("Phiên bản hồ sơ khi bắt đầu sửa (hoặc gửi trong If-Match); hồ sơ đã bị sửa sau đó thì trả 409."),
    )

    class Meta:
        model = Organization
        fields = [*EDITABLE_FIELDS, "reason", "version"]
        extra_kwargs = {"code": {"validators": []}}


class OrganizationMoveSerializer(serializers.Serializer):
    new_parent = VisibleOrganizationField(label=_("Tổ chức cấp trên mới"))
    on = serializers.DateField(label=_("Ngày hiệu lực"), required=False, allow_null=True, default=None)
    reason = serializers.CharField(label=_("Lý do"), required=False, allow_blank=True, default="")
    decision_number = serializers.CharField(
        label=_("Số quyết định"), required=False, allow_blank=True, default="", max_length=100
    )
    decision_date = serializers.DateField(label=_("Ngày quyết định"), required=False, allow_null=True, default=None)


# --- members -----------------------------------------------------------------------------------------
@extend_schema_serializer(
    description=_(
        "Đảng viên như người dùng được xem: số CCCD, nơi cư trú và số điện thoại được che (`0920••••••23`) "
        "nếu người dùng không được sửa hồ sơ (trừ hồ sơ của chính mình)."
    )
)
class MemberSerializer(serializers.ModelSerializer):
    """A member as the user may see them: national ID, address and phone are masked (`0920••••••23`)
    unless the user may change the record or it is their own."""

    organization_code = serializers.CharField(source="organization.code", read_only=True)
    personal_data_visible = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField(
        help_text=_("Phiên bản hồ sơ (cũng là ETag): gửi lại trong `version` hoặc If-Match khi sửa.")
    )

    class Meta:
        model = Member
        fields = [
            "id",
            *PROFILE_FIELDS,
            *PARTY_DATE_FIELDS,
            "organization",
            "organization_code",
            "status",
            "is_exempted",
            "personal_data_visible",
            "version",
        ]
        read_only_fields = fields

    def _sees(self, member) -> bool:
        from xaydungdang.access.policy import policy_for

        return policy_for(self.context["request"].user).sees_member_personal_data(member)

    def get_personal_data_visible(self, member) -> bool:
        return self._sees(member)

    def get_version(self, member) -> str:
        return member_version(member)

    def to_representation(self, member):
        data = super().to_representation(member)
        if not self._sees(member):
            data.update({name: mask(data[name]) for name in SENSITIVE_FIELDS})
        return data


UNIQUE_KEYS = _("Số CCCD và số lý lịch đảng viên không được trùng khi có; chuỗi rỗng nghĩa là không có (null).")


class EmptyKeysAsNullMixin:
    """National ID and record number are unique when present: an empty string means none (null)."""

    def validate_national_id(self, value):
        return value or None

    def validate_record_number(self, value):
        return value or None


@extend_schema_serializer(description=UNIQUE_KEYS)
class MemberCreateSerializer(EmptyKeysAsNullMixin, serializers.ModelSerializer):
    organization = VisibleOrganizationField(label=_("Chi bộ sinh hoạt"))
    decision_number = serializers.CharField(label=_("Số quyết định kết nạp"), required=False, allow_blank=True)
    reason = serializers.CharField(label=_("Lý do"), required=False, allow_blank=True)

    class Meta:
        model = Member
        fields = ["organization", *PROFILE_FIELDS, *PARTY_DATE_FIELDS, "decision_number", "reason"]
        extra_kwargs = {
            "admission_date": {"required": True, "allow_null": False},
            "national_id": {"validators": []},  # uniqueness and the CCCD rules are member_validate's
            "record_number": {"validators": []},
        }


@extend_schema_serializer(description=UNIQUE_KEYS)
class MemberUpdateSerializer(EmptyKeysAsNullMixin, serializers.ModelSerializer):
    reason = serializers.CharField(label=_("Lý do đính chính"), help_text=_("Bắt buộc: lý do sửa hồ sơ đảng viên."))
    version = serializers.CharField(
        label=_("Phiên bản"),
        required=False,
        write_only=True,
        help_text=_("Phiên bản hồ sơ khi bắt đầu sửa (hoặc gửi trong If-Match); hồ sơ đã bị sửa sau đó thì trả 409."),
    )

    class Meta:
        model = Member
        fields = [*PROFILE_FIELDS, *PARTY_DATE_FIELDS, "reason", "version"]
        extra_kwargs = {"national_id": {"validators": []}, "record_number": {"validators": []}}


# --- events --------------------------------------------------------------------------------------------
class MembershipEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = MembershipEvent
        fields = [
            "id",
            "member",
            "kind",
            "effective_date",
            "decision_number",
            "decision_date",
            "issued_by",
            "from_organization",
            "to_organization",
            "external_organization",
            "reason",
            "note",
            "recorded_at",
        ]
        read_only_fields = fields
