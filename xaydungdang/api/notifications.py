"""The user's own notifications (the inbox), and marking them read. Nobody reads another user's inbox."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from xaydungdang.api.views import ScopedViewSetMixin
from xaydungdang.notifications.models import Notification
from xaydungdang.notifications.selectors import inbox
from xaydungdang.notifications.services import notification_mark_read, notifications_mark_all_read


class NotificationSerializer(serializers.ModelSerializer):
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "created_at", "read_at", "is_read"]
        read_only_fields = fields


class NotificationFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(label=_("Chỉ thông báo chưa đọc"), field_name="read_at", lookup_expr="isnull")
    kind = django_filters.CharFilter(label=_("Loại thông báo"))

    class Meta:
        model = Notification
        fields: list[str] = []


@extend_schema(tags=[_("Thông báo")])
class NotificationViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The signed-in user's notifications, newest first (`unread=true` for the unread ones)."""

    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter

    def get_queryset(self):
        return inbox(self.request.user)

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        """Mark one notification read (the first reading time is kept)."""
        notification = notification_mark_read(actor=request.user, notification=self.get_object())
        return Response(NotificationSerializer(notification).data)

    @extend_schema(request=None, responses={200: {"type": "object", "properties": {"marked": {"type": "integer"}}}})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        """Mark every unread notification of the user read; answers how many were unread."""
        return Response({"marked": notifications_mark_all_read(actor=request.user)}, status=status.HTTP_200_OK)
