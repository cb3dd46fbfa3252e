"""Recording lifecycle events through the API: one request serializer per event kind, each calling the same
lifecycle service as the page's form (`members.lifecycle.forms.EVENT_FORMS`).

Field names are the service's own arguments, so its errors land on the field that was sent; where the
service reports a date under a generic name (`effective_date` for a letter's date), `renamed` puts it back.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_serializer
from rest_framework import serializers

from xaydungdang.access.choices import Action
from xaydungdang.api.exceptions import as_detail
from xaydungdang.api.fields import KindField, OrganizationRefField
from xaydungdang.api.serializers import MembershipEventSerializer
from xaydungdang.members.choices import EventKind
from xaydungdang.members.lifecycle import services as svc
from xaydungdang.members.lifecycle.choices import DisciplineForm, StrikeOffGround, TemporaryPurpose
from xaydungdang.members.models import Member, MembershipEvent
from xaydungdang.organizations.choices import MEMBER_HOLDING_KINDS
from xaydungdang.organizations.models import Organization

UNKNOWN_KIND = _("Loại sự kiện «%(kind)s» không ghi được qua API. Các loại được ghi: %(kinds)s.")
MISSING_KIND = _("Phải ghi loại sự kiện (kind). Các loại được ghi: %(kinds)s.")


def _text(label, max_length: int | None = None, **kwargs) -> serializers.CharField:
    kwargs.setdefault("default", "")
    return serializers.CharField(label=label, required=False, allow_blank=True, max_length=max_length, **kwargs)


def _date(label, required: bool = True, **kwargs) -> serializers.DateField:
    if not required:
        kwargs.update(required=False, allow_null=True, default=None)
    return serializers.DateField(label=label, **kwargs)


def _active_cells(request):
    """A destination may lie outside the sender's scope (that is what a transfer is): any active cell."""
    return Organization.objects.active().filter(kind__in=MEMBER_HOLDING_KINDS)


def _cells_user_may_change(request):
    return _active_cells(request).visible_to(request.user, Action.CHANGE)


def _destination(label):
    return OrganizationRefField(
        queryset=_active_cells,
        label=label,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Mã số hoặc mã tổ chức của chi bộ trong hệ thống; để trống nếu ghi tổ chức ngoài hệ thống."),
    )


class EventRequest(serializers.Serializer):
    """A request recording one event of `event_kind`; its fields are passed to the kind's service, read from
    the one map of kinds to services (`lifecycle.services.EVENT_SERVICES`)."""

    event_kind: str = ""
    renamed: dict[str, str] = {}  # the service's name for an error -> this request's field

    def record(self, *, actor, member: Member):
        data = {name: value for name, value in self.validated_data.items() if name != "kind"}
        try:
            return svc.EVENT_SERVICES[self.event_kind](actor=actor, member=member, **data)
        except DjangoValidationError as exc:
            detail = as_detail(exc)
            raise serializers.ValidationError({self.renamed.get(k, k): v for k, v in detail.items()}) from exc


class DecisionRequest(EventRequest):
    """What every decision carries (the fields of the page's `EventForm`)."""

    effective_date = _date(_("Ngày hiệu lực"))
    decision_number = _text(_("Số quyết định"), 100)
    decision_date = _date(_("Ngày quyết định"), required=False)
    issued_by = _text(_("Cơ quan ban hành"), 255)
    reason = _text(_("Lý do"))
    note = _text(_("Ghi chú"))


def _decision(kind: EventKind) -> type[DecisionRequest]:
    """A kind whose service takes the decision fields and nothing else (the page's `_simple` forms)."""
    name = "".join(part.title() for part in kind.value.split("_")) + "Event"
    attrs = {"kind": KindField(kind), "event_kind": kind, "__doc__": f"The decision of `{kind.value}`."}
    return extend_schema_serializer(description=kind.label)(type(name, (DecisionRequest,), attrs))


@extend_schema_serializer(
    description=_(
        "Công nhận đảng viên chính thức: ngày trở thành đảng viên chính thức là ngày lễ kết nạp cộng 12 tháng "
        "(Điều lệ Đảng, Điều 5)."
    )
)
class RecognizedOfficialEvent(EventRequest):
    """Công nhận đảng viên chính thức: the official date is the ceremony date + 12 months (Điều lệ Điều 5)."""

    kind = KindField(EventKind.RECOGNIZED_OFFICIAL)
    event_kind = EventKind.RECOGNIZED_OFFICIAL
    decision_number = serializers.CharField(label=_("Số quyết định"), max_length=100)
    decision_date = _date(_("Ngày quyết định"))
    issued_by = _text(_("Cơ quan ban hành"), 255)
    reason = _text(_("Lý do"))
    note = _text(_("Ghi chú"))


@extend_schema_serializer(
    description=_("Kỷ luật (khiển trách, cảnh cáo, cách chức); khai trừ là một loại riêng, `expelled`.")
)
class DisciplinedEvent(DecisionRequest):
    """Kỷ luật (khiển trách, cảnh cáo, cách chức); khai trừ is its own kind, `expelled`."""

    kind = KindField(EventKind.DISCIPLINED)
    event_kind = EventKind.DISCIPLINED
    form = serializers.ChoiceField(label=_("Hình thức kỷ luật"), choices=DisciplineForm.choices)


@extend_schema_serializer(description=_("Xóa tên, theo một trong các căn cứ của QĐ 24 §8.1."))
class StruckOffEvent(DecisionRequest):
    """Xóa tên, on one of the grounds of QĐ 24 §8.1."""

    kind = KindField(EventKind.STRUCK_OFF)
    event_kind = EventKind.STRUCK_OFF
    ground = serializers.ChoiceField(label=_("Căn cứ xóa tên"), choices=StrikeOffGround.choices)


@extend_schema_serializer(
    description=_(
        "Bắt đầu sinh hoạt tạm thời: tại một chi bộ trong hệ thống, hoặc tại một tổ chức đảng ngoài hệ thống."
    )
)
class TemporaryStartedEvent(DecisionRequest):
    """Bắt đầu sinh hoạt tạm thời: at a cell of the system, or at an organization outside it."""

    kind = KindField(EventKind.TEMPORARY_STARTED)
    event_kind = EventKind.TEMPORARY_STARTED
    to_organization = _destination(_("Chi bộ sinh hoạt tạm thời (trong hệ thống)"))
    external_organization = _text(_("Hoặc tổ chức đảng ngoài hệ thống"), 255)
    purpose = serializers.ChoiceField(
        label=_("Lý do sinh hoạt tạm thời"), choices=TemporaryPurpose.choices, default=TemporaryPurpose.WORK
    )
    until = _date(_("Dự kiến đến ngày"))
    exception = _text(_("Văn bản cho phép của cấp ủy (khi ngoài thời hạn quy định)"), 100)


@extend_schema_serializer(
    description=_(
        "Chuyển sinh hoạt đảng đi: giấy giới thiệu sinh hoạt đảng. Trong hệ thống, đảng viên chuyển đến khi "
        "chi bộ nơi đến tiếp nhận (`POST /api/v1/transfers/{id}/accept/`); ra ngoài hệ thống, từ ngày cấp "
        "giấy."
    )
)
class TransferredOutEvent(EventRequest):
    """Chuyển sinh hoạt đảng đi: the introduction letter. Inside the system the member moves when the
    receiving cell accepts it (`POST /api/v1/transfers/{id}/accept/`); outside it, on the letter's date."""

    kind = KindField(EventKind.TRANSFERRED_OUT)
    event_kind = EventKind.TRANSFERRED_OUT
    issued_on = _date(_("Ngày cấp giấy giới thiệu"))
    letter_number = serializers.CharField(label=_("Số giấy giới thiệu"), max_length=100)
    cause_date = _date(
        _("Ngày quyết định hoặc thay đổi nơi cư trú"),
        required=False,
        help_text=_("Thời hạn chuyển sinh hoạt được tính từ ngày này."),
    )
    to_organization = _destination(_("Chi bộ chuyển đến (trong hệ thống)"))
    external_organization = _text(_("Hoặc tổ chức đảng ngoài hệ thống"), 255)
    issued_by = _text(_("Cơ quan cấp giấy"), 255)
    reason = _text(_("Lý do"))
    note = _text(_("Ghi chú"))
    renamed = {"effective_date": "issued_on", "decision_date": "cause_date"}


@extend_schema_serializer(description=_("Cấp thẻ đảng viên cho một đảng viên chính thức."))
class PartyCardIssuedEvent(EventRequest):
    """Cấp thẻ đảng viên, to an official member."""

    kind = KindField(EventKind.PARTY_CARD_ISSUED)
    event_kind = EventKind.PARTY_CARD_ISSUED
    card_number = serializers.CharField(label=_("Số thẻ đảng viên"), max_length=20)
    issued_on = _date(_("Ngày phát thẻ"))
    decision_number = _text(_("Số quyết định"), 100)
    issued_by = _text(_("Cơ quan ban hành"), 255)
    renamed = {"effective_date": "issued_on"}


@extend_schema_serializer(
    description=_("Tặng Huy hiệu Đảng khi đủ mốc tuổi Đảng; tặng sớm chỉ khi ốm nặng, hoặc truy tặng.")
)
class BadgeAwardedEvent(EventRequest):
    """Tặng Huy hiệu Đảng at a milestone of party age; early only for serious illness, or posthumously."""

    kind = KindField(EventKind.BADGE_AWARDED)
    event_kind = EventKind.BADGE_AWARDED
    years = serializers.IntegerField(label=_("Mốc tuổi Đảng (năm)"), min_value=1, max_value=100)
    awarded_on = _date(_("Ngày trao tặng"))
    decision_number = _text(_("Số quyết định"), 100)
    issued_by = _text(_("Cơ quan ban hành"), 255)
    badge_number = _text(_("Số huy hiệu"), 20)
    serious_illness = serializers.BooleanField(label=_("Ốm nặng (xét tặng sớm)"), required=False, default=False)
    renamed = {"effective_date": "awarded_on"}


@extend_schema_serializer(description=_("Kết nạp lại người đã ra khỏi Đảng, vào một chi bộ người dùng được sửa."))
class ReadmittedEvent(EventRequest):
    """Kết nạp lại someone who left the Party, into a cell the user may change."""

    kind = KindField(EventKind.READMITTED)
    event_kind = EventKind.READMITTED
    organization = OrganizationRefField(
        queryset=_cells_user_may_change,
        label=_("Chi bộ kết nạp lại"),
        help_text=_("Mã số hoặc mã tổ chức của chi bộ."),
    )
    decision_number = serializers.CharField(label=_("Số quyết định"), max_length=100)
    decision_date = _date(_("Ngày quyết định"))
    issued_by = serializers.CharField(label=_("Cơ quan ban hành"), max_length=255)
    ceremony_date = _date(_("Ngày lễ kết nạp lại"))
    reason = _text(_("Lý do"))
    note = _text(_("Ghi chú"))
    renamed = {"effective_date": "ceremony_date"}


@extend_schema_serializer(
    description=_("Nộp lại Huy hiệu Đảng: người đã ra khỏi Đảng nộp lại huy hiệu đã được tặng (HD 01-HD/TW §18).")
)
class BadgeReturnedEvent(EventRequest):
    """Nộp lại Huy hiệu Đảng: someone who left the Party hands their badges back (HD 01-HD/TW §18)."""

    kind = KindField(EventKind.BADGE_RETURNED)
    event_kind = EventKind.BADGE_RETURNED
    returned_on = _date(_("Ngày nộp lại"))
    note = _text(_("Ghi chú"))
    renamed = {"effective_date": "returned_on"}


# The kinds recorded on an existing member: every kind of the one map (`EVENT_SERVICES`), in its order.
# Admission is `POST /api/v1/members/`, the arrival of a transfer is its acceptance, corrections are `PATCH`.
_REQUESTS_WITH_FIELDS = {
    request.event_kind: request
    for request in (
        RecognizedOfficialEvent,
        TransferredOutEvent,
        TemporaryStartedEvent,
        DisciplinedEvent,
        StruckOffEvent,
        PartyCardIssuedEvent,
        BadgeAwardedEvent,
        ReadmittedEvent,
        BadgeReturnedEvent,
    )
}
EVENT_REQUESTS: dict[str, type[EventRequest]] = {
    kind: _REQUESTS_WITH_FIELDS.get(kind) or _decision(kind) for kind in svc.EVENT_SERVICES
}

EVENT_REQUEST_SCHEMA = PolymorphicProxySerializer(
    component_name="EventRequest",
    serializers={str(kind): request for kind, request in EVENT_REQUESTS.items()},
    resource_type_field_name="kind",
)


def request_for(data, context) -> EventRequest:
    """The kind's request serializer; an unknown kind is a 400 listing the kinds."""
    kind = data.get("kind") if hasattr(data, "get") else None
    request_class = EVENT_REQUESTS.get(kind) if isinstance(kind, str) else None
    if request_class is None:
        kinds = ", ".join(EVENT_REQUESTS)
        known = isinstance(kind, str) and kind.strip()
        message = UNKNOWN_KIND % {"kind": kind, "kinds": kinds} if known else MISSING_KIND % {"kinds": kinds}
        raise serializers.ValidationError({"kind": [message]})
    return request_class(data=data, context=context)


@extend_schema_serializer(
    description=_(
        "Sự kiện vừa ghi, tình trạng đảng viên sau sự kiện, và giấy giới thiệu chuyển sinh hoạt sự kiện mở ra "
        "(để tiếp nhận)."
    )
)
class RecordedEventSerializer(MembershipEventSerializer):
    """The event just recorded, the member's status after it, and the transfer it opened (to accept it)."""

    member_status = serializers.CharField(source="member.status", read_only=True)
    transfer = serializers.SerializerMethodField()

    class Meta(MembershipEventSerializer.Meta):
        fields = [*MembershipEventSerializer.Meta.fields, "member_status", "transfer"]
        read_only_fields = fields

    def get_transfer(self, event) -> int | None:
        return event.data.get("transfer_id")


def event_record(*, request_serializer: EventRequest, actor, member: Member) -> MembershipEvent:
    """Call the kind's service and return the event it appended. The service locks the member row, and the
    lock holds until this outer transaction ends, so the newest event of the member is the one recorded."""
    with transaction.atomic():
        request_serializer.record(actor=actor, member=member)
        return MembershipEvent.objects.select_related("member").filter(member=member).latest("id")
