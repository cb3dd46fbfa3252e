"""One form per lifecycle event kind; each hands its cleaned data to the kind's service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from xaydungdang.access.choices import Action
from xaydungdang.core.forms import ServiceForm
from xaydungdang.members.choices import EventKind, Gender, MemberStatus
from xaydungdang.members.lifecycle import services as svc
from xaydungdang.members.lifecycle.choices import DisciplineForm, StrikeOffGround, TemporaryPurpose
from xaydungdang.organizations.choices import MEMBER_HOLDING_KINDS
from xaydungdang.organizations.models import Organization

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def date_field(label, required=True):
    return forms.DateField(label=label, required=required, input_formats=DATE_FORMATS)


class LifecycleForm(ServiceForm):
    """A lifecycle form of one event kind; by default it hands its cleaned data to the kind's service (the
    services call the effective date of a letter `issued_on`)."""

    field_map = {"issued_on": "effective_date"}
    event_kind: str = ""

    @property
    def service(self):
        """The kind's service, from the one map (`lifecycle.services.EVENT_SERVICES`)."""
        return svc.EVENT_SERVICES[self.event_kind]

    def call(self, actor, member):
        return self.service(actor=actor, member=member, **self.cleaned_data)


class EventForm(LifecycleForm):
    """Fields every decision carries."""

    effective_date = date_field(_("Ngày hiệu lực"))
    decision_number = forms.CharField(label=_("Số quyết định"), required=False, max_length=100)
    decision_date = date_field(_("Ngày quyết định"), required=False)
    issued_by = forms.CharField(label=_("Cơ quan ban hành"), required=False, max_length=255)
    reason = forms.CharField(label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if "to_organization" in self.fields:
            # The destination may lie outside the sender's scope (that is what a transfer is), so it is typed
            # by its code and resolved among every active cell; nothing is listed to the user.
            self.fields["to_organization"].queryset = Organization.objects.active().filter(
                kind__in=MEMBER_HOLDING_KINDS
            )


class RecognizeForm(EventForm):
    event_kind = EventKind.RECOGNIZED_OFFICIAL
    effective_date = None
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=100)
    decision_date = date_field(_("Ngày quyết định"))

    def call(self, actor, member):
        data = self.cleaned_data
        return self.service(
            actor=actor,
            member=member,
            **{k: data[k] for k in ("decision_number", "decision_date", "issued_by", "reason", "note")},
        )


def _simple(kind: EventKind) -> type[EventForm]:
    """A kind whose service takes the decision fields and nothing else."""
    name = "".join(part.title() for part in kind.value.split("_")) + "Form"
    return type(name, (EventForm,), {"event_kind": kind})


class DisciplineEventForm(EventForm):
    event_kind = EventKind.DISCIPLINED
    form = forms.ChoiceField(label=_("Hình thức kỷ luật"), choices=DisciplineForm.choices)


class StrikeOffForm(EventForm):
    event_kind = EventKind.STRUCK_OFF
    ground = forms.ChoiceField(label=_("Căn cứ xóa tên"), choices=StrikeOffGround.choices)


class TemporaryStartForm(EventForm):
    event_kind = EventKind.TEMPORARY_STARTED
    to_organization = forms.ModelChoiceField(
        label=_("Mã chi bộ sinh hoạt tạm thời (trong hệ thống)"),
        queryset=Organization.objects.none(),
        required=False,
        to_field_name="code",
        widget=forms.TextInput,
    )
    external_organization = forms.CharField(label=_("Hoặc tổ chức đảng ngoài hệ thống"), required=False, max_length=255)
    purpose = forms.ChoiceField(label=_("Lý do sinh hoạt tạm thời"), choices=TemporaryPurpose.choices)
    until = date_field(_("Dự kiến đến ngày"))
    exception = forms.CharField(
        label=_("Văn bản cho phép của cấp ủy (khi ngoài thời hạn quy định)"), required=False, max_length=100
    )


class TransferForm(EventForm):
    event_kind = EventKind.TRANSFERRED_OUT
    effective_date = date_field(_("Ngày cấp giấy giới thiệu"))
    decision_number = forms.CharField(label=_("Số giấy giới thiệu"), max_length=100)
    decision_date = date_field(_("Ngày quyết định hoặc thay đổi nơi cư trú"), required=False)
    to_organization = forms.ModelChoiceField(
        label=_("Mã chi bộ chuyển đến (trong hệ thống)"),
        queryset=Organization.objects.none(),
        required=False,
        to_field_name="code",
        widget=forms.TextInput,
        error_messages={"invalid_choice": _("Không có chi bộ đang hoạt động với mã này.")},
    )
    external_organization = forms.CharField(label=_("Hoặc tổ chức đảng ngoài hệ thống"), required=False, max_length=255)
    field_map = {"issued_on": "effective_date", "letter_number": "decision_number", "cause_date": "decision_date"}
    # (service argument -> form field) for putting the service's errors on the right field

    def call(self, actor, member):
        data = self.cleaned_data
        return self.service(
            actor=actor,
            member=member,
            issued_on=data["effective_date"],
            letter_number=data["decision_number"],
            cause_date=data["decision_date"],
            issued_by=data["issued_by"],
            to_organization=data["to_organization"],
            external_organization=data["external_organization"],
            reason=data["reason"],
            note=data["note"],
        )


class CardForm(LifecycleForm):
    event_kind = EventKind.PARTY_CARD_ISSUED
    card_number = forms.CharField(label=_("Số thẻ đảng viên"), max_length=20)
    issued_on = date_field(_("Ngày phát thẻ"))
    decision_number = forms.CharField(label=_("Số quyết định"), required=False, max_length=100)
    issued_by = forms.CharField(label=_("Cơ quan ban hành"), required=False, max_length=255)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class BadgeForm(LifecycleForm):
    event_kind = EventKind.BADGE_AWARDED
    years = forms.IntegerField(label=_("Mốc tuổi Đảng (năm)"), min_value=1)
    awarded_on = date_field(_("Ngày trao tặng"))
    decision_number = forms.CharField(label=_("Số quyết định"), required=False, max_length=100)
    issued_by = forms.CharField(label=_("Cơ quan ban hành"), required=False, max_length=255)
    badge_number = forms.CharField(label=_("Số huy hiệu"), required=False, max_length=20)
    serious_illness = forms.BooleanField(label=_("Ốm nặng (xét tặng sớm)"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class BadgeReturnForm(LifecycleForm):
    event_kind = EventKind.BADGE_RETURNED
    field_map = {"effective_date": "returned_on"}
    returned_on = date_field(_("Ngày nộp lại"))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class ReadmitForm(LifecycleForm):
    event_kind = EventKind.READMITTED
    organization = forms.ModelChoiceField(
        label=_("Mã chi bộ kết nạp lại"),
        queryset=Organization.objects.none(),
        to_field_name="code",
        widget=forms.TextInput,
        error_messages={"invalid_choice": _("Không có chi bộ đang hoạt động với mã này.")},
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=100)
    decision_date = date_field(_("Ngày quyết định"))
    issued_by = forms.CharField(label=_("Cơ quan ban hành"), max_length=255)
    ceremony_date = date_field(_("Ngày lễ kết nạp lại"))
    reason = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only cells the user may change: an out-of-scope code reads as unknown, revealing nothing.
        cells = Organization.objects.visible_to(user, Action.CHANGE).active().filter(kind__in=MEMBER_HOLDING_KINDS)
        self.fields["organization"].queryset = cells


# Built from the one map of kinds to services: a kind with fields of its own has its form here.
_FORMS_WITH_FIELDS = {
    form.event_kind: form
    for form in (
        RecognizeForm,
        TransferForm,
        TemporaryStartForm,
        DisciplineEventForm,
        StrikeOffForm,
        CardForm,
        BadgeForm,
        ReadmitForm,
        BadgeReturnForm,
    )
}
EVENT_FORMS = {kind: _FORMS_WITH_FIELDS.get(kind) or _simple(kind) for kind in svc.EVENT_SERVICES}


# Which forms make sense for a member in each state (the services still decide).
def applicable_kinds(member) -> list[str]:
    from xaydungdang.members.choices import ACTIVE_STATUSES
    from xaydungdang.members.lifecycle.rules import LEFT_STATUSES

    if member.status in ACTIVE_STATUSES:
        leaving_only = (EventKind.READMITTED, EventKind.EXPULSION_CLEARED, EventKind.BADGE_RETURNED)
        kinds = [k for k in EVENT_FORMS if k not in leaving_only]
        if member.status == MemberStatus.OFFICIAL:
            kinds = [k for k in kinds if k not in (EventKind.RECOGNIZED_OFFICIAL, EventKind.ADMISSION_ANNULLED)]
        else:
            kinds = [k for k in kinds if k not in (EventKind.PARTY_CARD_ISSUED, EventKind.EXPELLED)]
        return [k for k in kinds if k != (EventKind.EXEMPTED if member.is_exempted else EventKind.EXEMPTION_ENDED)]
    if member.status in LEFT_STATUSES:
        kinds = [EventKind.READMITTED, EventKind.BADGE_RETURNED]
        return [EventKind.EXPULSION_CLEARED, *kinds] if member.status == MemberStatus.EXPELLED else kinds
    if member.status == MemberStatus.DECEASED:
        return [EventKind.BADGE_AWARDED]
    return []


class ArrivalForm(LifecycleForm):
    """A member arriving from outside the deployment with an introduction letter."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=Gender.choices)
    birth_date = date_field(_("Ngày sinh"))
    national_id = forms.CharField(label=_("Số CCCD"), max_length=12, required=False)
    status = forms.ChoiceField(
        label=_("Tình trạng"),
        choices=[(s, MemberStatus(s).label) for s in (MemberStatus.OFFICIAL, MemberStatus.PROBATIONARY)],
    )
    admission_decision_date = date_field(_("Ngày quyết định kết nạp"))
    admission_date = date_field(_("Ngày vào Đảng (lễ kết nạp)"))
    official_date = date_field(_("Ngày chính thức"), required=False)
    from_organization = forms.CharField(label=_("Tổ chức đảng chuyển đi"), max_length=255)
    letter_number = forms.CharField(label=_("Số giấy giới thiệu"), max_length=100)
    letter_date = date_field(_("Ngày cấp giấy giới thiệu"))
    arrived_on = date_field(_("Ngày tiếp nhận"))

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["national_id"] = data["national_id"] or None
        return data


class TransferAcceptForm(LifecycleForm):
    accepted_on = date_field(_("Ngày tiếp nhận"))
    note = forms.CharField(
        label=_("Ghi chú, giải trình (nếu quá hạn)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
