from django import forms
from django.utils.translation import gettext_lazy as _

from xaydungdang.core.forms import DateField as VnDateField
from xaydungdang.core.forms import ServiceForm


class ReportFilterForm(forms.Form):
    org = forms.IntegerField(required=False, widget=forms.HiddenInput)
    on = VnDateField(label=_("Số liệu đến ngày"), required=False)
    since = VnDateField(label=_("Biến động kể từ ngày"), required=False)


class CompareForm(forms.Form):
    org = forms.IntegerField(required=False, widget=forms.HiddenInput)
    a = VnDateField(label=_("Ngày thứ nhất"), required=False)
    b = VnDateField(label=_("Ngày thứ hai"), required=False)
    year_a = forms.IntegerField(label=_("hoặc năm thứ nhất"), required=False, min_value=1930, max_value=2100)
    year_b = forms.IntegerField(label=_("năm thứ hai"), required=False, min_value=1930, max_value=2100)


class NarrativeForm(forms.Form):
    org = forms.IntegerField(required=False, widget=forms.HiddenInput)
    start = VnDateField(label=_("Từ ngày"), required=False)
    end = VnDateField(label=_("Đến ngày"), required=False)


class AdmissionPlanForm(ServiceForm):
    organization = forms.TypedChoiceField(label=_("Tổ chức đảng"), coerce=int)
    year = forms.IntegerField(label=_("Năm"), min_value=1930, max_value=2100)
    planned = forms.IntegerField(label=_("Số đảng viên dự kiến kết nạp"), min_value=0)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=255)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(o.pk, f"{'— ' * (o.depth - 1)}{o.name}") for o in organizations]
        for field in self.fields.values():
            field.widget.attrs["class"] = (
                "form-select form-select-sm" if isinstance(field, forms.ChoiceField) else "form-control form-control-sm"
            )
