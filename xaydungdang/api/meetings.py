"""Meetings (sinh hoạt chi bộ): read the organizations' meetings, plan, reschedule, send the notice and
record the attendance, through `meetings.services` and with the pages' scope. A member reads their cell's
meetings and only their own attendance; a refusal of a service is a 400 naming the field and the rule."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.api.fields import OrganizationRefField
from xaydungdang.api.filters import SubtreeFilterSet
from xaydungdang.api.views import ScopedViewSetMixin
from xaydungdang.meetings import services
from xaydungdang.meetings.choices import MeetingKind, MeetingState, Presence
from xaydungdang.meetings.models import Attendance, Guest, Meeting
from xaydungdang.organizations.models import Organization

MAX_ENTRIES = 2000  # members of one meeting's roster (a grassroots committee's whole membership)


class AttendanceSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)

    class Meta:
        model = Attendance
        fields = ["member", "member_name", "presence", "reason"]
        read_only_fields = fields


class GuestSerializer(serializers.ModelSerializer):
    class Meta:
        model = Guest
        fields = ["id", "kind", "full_name", "post", "present"]
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):
    organization_code = serializers.CharField(source="organization.code", read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id", "organization", "organization_code", "kind", "period_start", "topic", "planned_on",
            "planned_time", "place", "online", "state", "held_on", "cancel_reason", "invited_at",
        ]  # fmt: skip
        read_only_fields = fields


@extend_schema_serializer(
    description=_(
        "Buổi sinh hoạt kèm khách mời và các dòng điểm danh người dùng được xem (đảng viên: dòng của chính mình)."
    )
)
class MeetingDetailSerializer(MeetingSerializer):
    """A meeting with its guests and the attendance rows the user may see (a member: their own)."""

    attendance = serializers.SerializerMethodField()
    guests = GuestSerializer(many=True, read_only=True)

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "attendance", "guests"]
        read_only_fields = fields

    @extend_schema(responses=AttendanceSerializer(many=True))
    def get_attendance(self, meeting) -> list:
        rows = Attendance.objects.visible_to(self.context["request"].user).filter(meeting=meeting)
        return AttendanceSerializer(rows.select_related("member").order_by("member__sort_name"), many=True).data


def _changeable(request):
    return Organization.objects.visible_to(request.user, Action.CHANGE)


class MeetingPlanSerializer(serializers.Serializer):
    organization = OrganizationRefField(queryset=_changeable)
    kind = serializers.ChoiceField(choices=MeetingKind.choices)
    planned_on = serializers.DateField()
    planned_time = serializers.TimeField(required=False, allow_null=True, default=None)
    place = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)
    online = serializers.BooleanField(required=False, default=False)
    topic = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    period_start = serializers.DateField(required=False, allow_null=True, default=None)


class MeetingRescheduleSerializer(serializers.Serializer):
    planned_on = serializers.DateField()
    planned_time = serializers.TimeField(required=False, allow_null=True, default=None)
    place = serializers.CharField(required=False, allow_null=True, default=None, max_length=255)
    online = serializers.BooleanField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(max_length=1000)


class AttendanceEntrySerializer(serializers.Serializer):
    member = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    presence = serializers.ChoiceField(choices=Presence.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)


@extend_schema_serializer(
    description=_(
        "Buổi sinh hoạt đã họp vào ngày `held_on`; đảng viên không có trong `entries` giữ điểm danh mặc định."
    )
)
class AttendanceRecordSerializer(serializers.Serializer):
    """The meeting was held on `held_on`; members left out of `entries` keep their default."""

    held_on = serializers.DateField()
    entries = AttendanceEntrySerializer(many=True, max_length=MAX_ENTRIES)
    guests_present = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1), required=False, default=list,
        max_length=100,
    )  # fmt: skip

    def validate_entries(self, entries):
        members = [e["member"] for e in entries]
        if len(members) != len(set(members)):
            raise serializers.ValidationError(_("Mỗi đảng viên chỉ ghi một lần."))
        return entries


class NoticeSerializer(serializers.Serializer):
    sent = serializers.IntegerField(read_only=True)


class MeetingFilter(SubtreeFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Loại sinh hoạt"), choices=MeetingKind.choices)
    state = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=MeetingState.choices)
    since = django_filters.DateFilter(label=_("Từ ngày"), field_name="planned_on", lookup_expr="gte")
    until = django_filters.DateFilter(label=_("Đến ngày"), field_name="planned_on", lookup_expr="lte")

    class Meta:
        model = Meeting
        fields: list[str] = []


@extend_schema(tags=[_("Sinh hoạt chi bộ")])
class MeetingViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Meetings of the organizations the user may see, by day; filter by `org` (its subtree), `kind`,
    `state` and the planned day (`since`, `until`)."""

    serializer_class = MeetingSerializer
    write_serializers = {
        "create": MeetingPlanSerializer,
        "reschedule": MeetingRescheduleSerializer,
        "attendance": AttendanceRecordSerializer,
    }
    filterset_class = MeetingFilter

    def get_serializer_class(self):
        if self.action == "retrieve":
            return MeetingDetailSerializer
        return super().get_serializer_class()

    def get_queryset(self):
        meetings = Meeting.objects.visible_to(self.request.user).select_related("organization")
        if self.action == "retrieve":
            meetings = meetings.prefetch_related("guests")
        return meetings.order_by("planned_on", "id")

    def _done(self, meeting, code=status.HTTP_200_OK) -> Response:
        meeting = Meeting.objects.select_related("organization").prefetch_related("guests").get(pk=meeting.pk)
        return Response(MeetingDetailSerializer(meeting, context=self.get_serializer_context()).data, status=code)

    def _writable(self):
        meeting = self.get_object()
        policy_for(self.request.user).require_in_organization(Action.CHANGE, meeting.organization)
        return meeting

    @extend_schema(request=MeetingPlanSerializer, responses={201: MeetingDetailSerializer})
    def create(self, request, *args, **kwargs):
        """Put a meeting on an organization's plan (the organization by id or code)."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = services.meeting_plan(actor=request.user, **serializer.validated_data)
        return self._done(meeting, status.HTTP_201_CREATED)

    @extend_schema(request=MeetingRescheduleSerializer, responses=MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    def reschedule(self, request, pk=None):
        """Move a planned meeting, with the reason; those invited get a new notice."""
        meeting = self._writable()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._done(services.meeting_reschedule(actor=request.user, meeting=meeting, **serializer.validated_data))

    @extend_schema(request=None, responses=NoticeSerializer)
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        """Send the notice (inbox and e-mail with an .ics) to the members and guests."""
        meeting = self._writable()
        return Response({"sent": services.meeting_invite(actor=request.user, meeting=meeting)})

    @extend_schema(request=AttendanceRecordSerializer, responses=MeetingDetailSerializer)
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        """Record the meeting as held and each member's attendance; all or nothing."""
        meeting = self._writable()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        entries = {e["member"]: (e["presence"], e["reason"]) for e in data["entries"]}
        meeting = services.attendance_record(
            actor=request.user, meeting=meeting, held_on=data["held_on"], entries=entries,
            guests_present=data["guests_present"],
        )  # fmt: skip
        return self._done(meeting)
