"""Forms of the committee pages: they collect input; the committees services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from xaydungdang.access.choices import Action
from xaydungdang.committees.choices import CongressKind, EndReason, ObtainedBy, TermOrigin
from xaydungdang.committees.models import PostKind
from xaydungdang.core.forms import ServiceForm
from xaydungdang.members.choices import ACTIVE_STATUSES
from xaydungdang.members.models import Member

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date(label, required=True):
    return forms.DateField(label=label, input_formats=DATE_FORMATS, required=required)


def members_for(organization, user):
    """Active members of the organization's subtree the user may change (the committee is elected from them)."""
    return (
        Member.objects.visible_to(user, Action.CHANGE)
        .filter(organization__path__startswith=organization.path, status__in=ACTIVE_STATUSES)
        .order_by("sort_name")
    )


class PostKindChoice(forms.ModelChoiceField):
    def __init__(self, organization, **kwargs):
        kinds = [
            k.pk
            for k in PostKind.objects.all()
            if not k.organization_kinds or organization.kind in k.organization_kinds
        ]
        super().__init__(queryset=PostKind.objects.filter(pk__in=kinds).order_by("order"), label=_("Chức vụ"), **kwargs)


class TermForm(ServiceForm):
    starts_on = _date(_("Nhiệm kỳ từ ngày"))
    ends_on = _date(_("Đến ngày (để trống: 5 năm)"), required=False)
    origin = forms.ChoiceField(label=_("Hình thành"), choices=TermOrigin.choices[:2])
    congress_date = _date(_("Ngày đại hội"), required=False)
    congress_kind = forms.ChoiceField(
        label=_("Hình thức đại hội"), choices=[("", "—"), *CongressKind.choices], required=False
    )
    delegates_called = forms.IntegerField(label=_("Số đại biểu được triệu tập"), min_value=0, required=False)
    delegates_present = forms.IntegerField(label=_("Số đại biểu có mặt"), min_value=0, required=False)
    decision_number = forms.CharField(label=_("Số quyết định (chỉ định, chuẩn y)"), max_length=100, required=False)
    decision_date = _date(_("Ngày quyết định"), required=False)
    issued_by = forms.CharField(label=_("Cơ quan ban hành"), max_length=255, required=False)


class HoldingForm(ServiceForm):
    started_on = _date(_("Từ ngày"))
    obtained_by = forms.ChoiceField(label=_("Hình thức"), choices=ObtainedBy.choices[:3])
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=100, required=False)
    decision_date = _date(_("Ngày quyết định"), required=False)

    def __init__(self, *args, organization, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "member": forms.ModelChoiceField(label=_("Đảng viên"), queryset=members_for(organization, user)),
            "post_kind": PostKindChoice(organization),
            **self.fields,
        }
        for name in ("member", "post_kind"):
            self.fields[name].widget.attrs["class"] = "form-select"


class HoldingEndForm(ServiceForm):
    ended_on = _date(_("Thôi giữ chức vụ từ ngày (ngày cuối cùng giữ)"))
    reason = forms.ChoiceField(label=_("Lý do"), choices=EndReason.choices)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=100, required=False)


class PlanEntryForm(ServiceForm):
    added_on = _date(_("Ngày đưa vào quy hoạch"))
    reason = forms.CharField(label=_("Lý do bổ sung"), max_length=255, required=False)

    def __init__(self, *args, organization, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "member": forms.ModelChoiceField(label=_("Đảng viên"), queryset=members_for(organization, user)),
            "post_kind": PostKindChoice(organization),
            **self.fields,
        }
        for name in ("member", "post_kind"):
            self.fields[name].widget.attrs["class"] = "form-select"


class CongressCheckForm(ServiceForm):
    congress_date = _date(_("Ngày đại hội"))

    def __init__(self, *args, organization, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"] = forms.ModelMultipleChoiceField(
            label=_("Danh sách đề cử cấp ủy"),
            queryset=members_for(organization, user),
            widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 12}),
        )
