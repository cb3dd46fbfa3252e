"""API v1: the same scoping as the pages (`visible_to`), writes through the same services."""

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import policy_for
from xaydungdang.access.services import log_personal_read
from xaydungdang.api import filters, serializers
from xaydungdang.api.events import EVENT_REQUEST_SCHEMA, RecordedEventSerializer, event_record, request_for
from xaydungdang.api.exceptions import exception_handler, refuse_unknown_fields
from xaydungdang.api.ids import LOOKUP_REGEX
from xaydungdang.core.history import SENSITIVE_FIELDS
from xaydungdang.core.versions import expected_version
from xaydungdang.members.models import Member, MembershipEvent
from xaydungdang.members.services import member_create, member_update
from xaydungdang.organizations.models import Organization
from xaydungdang.organizations.services import organization_create, organization_update
from xaydungdang.reorganizations.services import organization_move


class ScopedViewSetMixin:
    """Rows the user may see (others are 404); service errors as JSON (ValidationError → 400, the policy's
    refusal of a write → 404, as on the pages)."""

    lookup_value_regex = LOOKUP_REGEX

    def get_exception_handler(self):
        return exception_handler

    def get_serializer_class(self):
        return getattr(self, "write_serializers", {}).get(self.action, self.serializer_class)

    def respond(self, instance, code=status.HTTP_200_OK) -> Response:
        instance = self.get_queryset().get(pk=instance.pk)
        return Response(self.serializer_class(instance, context=self.get_serializer_context()).data, status=code)


class PersonalReadLogMixin:
    """Lists and records whose rows carry `personal_data_visible`: the rows returned with their personal
    fields unmasked are logged, one access-log row per response (any page, any page size)."""

    personal_fields: tuple[str, ...] = ()

    def list(self, request, *args, **kwargs):
        return self._logged(request, super().list(request, *args, **kwargs))

    def retrieve(self, request, *args, **kwargs):
        return self._logged(request, super().retrieve(request, *args, **kwargs))

    def _logged(self, request, response: Response) -> Response:
        data = response.data
        rows = data.get("results", [data]) if isinstance(data, dict) else data
        shown = [row for row in rows if isinstance(row, dict) and row.get("personal_data_visible")]
        fields = [name for name in self.personal_fields if any(row.get(name) for row in shown)]
        if shown and fields:
            log_personal_read(request, f"API {request.get_full_path()}", len(shown), fields)
        return response


class VersionedMixin:
    """Records carrying a `version` (core.versions): given as the ETag of a read and of a write's answer; a
    write takes it back from its body's `version` or If-Match (a stale one answers 409)."""

    def retrieve(self, request, *args, **kwargs):
        return _with_etag(super().retrieve(request, *args, **kwargs))

    def respond(self, instance, code=status.HTTP_200_OK) -> Response:
        return _with_etag(super().respond(instance, code))

    def expected_version(self, data: dict) -> str | None:
        return data.pop("version", None) or expected_version(self.request.headers.get("If-Match"))


def _with_etag(response: Response) -> Response:
    if isinstance(response.data, dict) and response.data.get("version"):
        response["ETag"] = f'"{response.data["version"]}"'
    return response


class WriteMixin(mixins.CreateModelMixin, mixins.UpdateModelMixin):
    """Create and update call the services; responses show the object as it is read back."""

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        refuse_unknown_fields(serializer, request.data)
        serializer.is_valid(raise_exception=True)
        return self.respond(self.perform_service_create(serializer.validated_data), status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=kwargs.pop("partial", False))
        refuse_unknown_fields(serializer, request.data)
        serializer.is_valid(raise_exception=True)
        return self.respond(self.perform_service_update(instance, serializer.validated_data))


_PARENT = Organization.objects.filter(
    path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Organization.steplen)
).values("pk")[:1]


@extend_schema(tags=[_("Tổ chức đảng")])
class OrganizationViewSet(VersionedMixin, ScopedViewSetMixin, WriteMixin, viewsets.ReadOnlyModelViewSet):
    """Party organizations the user may see, in tree order."""

    serializer_class = serializers.OrganizationSerializer
    write_serializers = {
        "create": serializers.OrganizationCreateSerializer,
        "update": serializers.OrganizationUpdateSerializer,
        "partial_update": serializers.OrganizationUpdateSerializer,
        "move": serializers.OrganizationMoveSerializer,
    }
    filterset_class = filters.OrganizationFilter

    def get_queryset(self):
        visible = Organization.objects.visible_to(self.request.user)
        return visible.annotate(parent_id=Subquery(_PARENT)).order_by("path")

    def perform_service_create(self, data):
        return organization_create(actor=self.request.user, **data)

    def perform_service_update(self, instance, data):
        version = self.expected_version(data)
        return organization_update(actor=self.request.user, organization=instance, expected_version=version, **data)

    @extend_schema(request=serializers.OrganizationMoveSerializer, responses=serializers.OrganizationSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Put the organization, with its subtree, under another parent (both must be changeable)."""
        organization = self.get_object()
        serializer = self.get_serializer(data=request.data)
        refuse_unknown_fields(serializer, request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        effective_date = data.pop("on")
        organization_move(actor=request.user, organization=organization, effective_date=effective_date, **data)
        return self.respond(Organization.objects.get(pk=organization.pk))


@extend_schema(tags=[_("Đảng viên")])
class MemberViewSet(
    VersionedMixin, ScopedViewSetMixin, PersonalReadLogMixin, WriteMixin, viewsets.ReadOnlyModelViewSet
):
    """Members the user may see. National ID, address and phone are masked unless the user may change
    the record (or it is their own). Filters and `q` (name without diacritics) are those of /members/."""

    serializer_class = serializers.MemberSerializer
    personal_fields = tuple(sorted(SENSITIVE_FIELDS))
    write_serializers = {
        "create": serializers.MemberCreateSerializer,
        "update": serializers.MemberUpdateSerializer,
        "partial_update": serializers.MemberUpdateSerializer,
    }
    filterset_class = filters.ApiMemberFilter

    def get_queryset(self):
        visible = Member.objects.visible_to(self.request.user).select_related("organization")
        return visible.order_by(F("sort_name").asc(), "pk")

    def perform_service_create(self, data):
        return member_create(actor=self.request.user, **data)

    def perform_service_update(self, instance, data):
        data.setdefault("reason", "")  # a PATCH without a reason gets the service's own message
        version = self.expected_version(data)
        return member_update(actor=self.request.user, member=instance, expected_version=version, **data)

    @extend_schema(
        request=EVENT_REQUEST_SCHEMA,
        responses={201: RecordedEventSerializer},
        tags=[_("Sự kiện đảng tịch")],
    )
    @action(detail=True, methods=["post"])
    def events(self, request, pk=None):
        """Record one lifecycle event through its service, as the member's timeline page does. The body's
        `kind` chooses the event and its fields (see the schema's variants); dates as dd/mm/yyyy or ISO;
        a cell by its id or its code. A refusal of the service is a 400 naming the field and the rule."""
        member = self.get_object()
        policy_for(request.user).require(Action.CHANGE, member)  # seen but read-only: refused before the body
        request_serializer = request_for(request.data, self.get_serializer_context())
        request_serializer.is_valid(raise_exception=True)
        event = event_record(request_serializer=request_serializer, actor=request.user, member=member)
        data = RecordedEventSerializer(event, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)


@extend_schema(tags=[_("Sự kiện đảng tịch")])
class MembershipEventViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Events of the members the user may see, by date; filter by member, kind and date range."""

    serializer_class = serializers.MembershipEventSerializer
    filterset_class = filters.EventFilter

    def get_queryset(self):
        return MembershipEvent.objects.visible_to(self.request.user).order_by("-effective_date", "-id")
