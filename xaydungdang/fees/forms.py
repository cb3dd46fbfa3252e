"""Forms of the fees: they collect input; the services validate and write."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from xaydungdang.core.forms import ServiceForm
from xaydungdang.fees.choices import Category, PaymentMethod, ReliefKind, ReliefReason, Zone

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
MONTH_FORMATS = ["%m/%Y", "%Y-%m"]
BAD_MONTH = _("Tháng phải nhập theo dạng mm/yyyy, ví dụ 03/2026.")


class MonthField(forms.DateField):
    """A month typed mm/yyyy (or yyyy-mm, the month input of phones), as its first day."""

    default_error_messages = {"invalid": BAD_MONTH}

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("input_formats", MONTH_FORMATS)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("placeholder", "mm/yyyy")

    def prepare_value(self, value):
        return value.strftime("%m/%Y") if isinstance(value, dt.date) else value


class FeeBasisForm(ServiceForm):
    category = forms.ChoiceField(label=_("Đối tượng"), choices=Category.choices)
    amount = forms.IntegerField(label=_("Số tiền làm căn cứ (đồng/tháng)"), min_value=0, required=False)
    zone = forms.TypedChoiceField(
        label=_("Vùng lương tối thiểu"),
        choices=[("", "—"), *Zone.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    valid_from = forms.DateField(label=_("Áp dụng từ ngày"), input_formats=DATE_FORMATS)
    voluntary_amount = forms.IntegerField(
        label=_("Mức tự nguyện đóng cao hơn (đồng/tháng)"), min_value=0, required=False
    )
    voluntary_approval = forms.CharField(label=_("Văn bản chấp thuận mức tự nguyện"), max_length=100, required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


class ReliefForm(ServiceForm):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=ReliefKind.choices)
    reason = forms.ChoiceField(label=_("Lý do"), choices=ReliefReason.choices)
    reduction_percent = forms.TypedChoiceField(
        label=_("Tỷ lệ giảm (%)"),
        choices=[("", "—"), (30, "30%"), (50, "50%"), (70, "70%")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    valid_from = MonthField(label=_("Từ tháng"))
    valid_to = MonthField(label=_("Đến tháng"))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=100)
    decision_date = forms.DateField(label=_("Ngày quyết định"), input_formats=DATE_FORMATS)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


class PaymentForm(ServiceForm):
    member = forms.TypedChoiceField(label=_("Đảng viên"), coerce=int)
    first_month = MonthField(label=_("Từ tháng"))
    months = forms.IntegerField(label=_("Số tháng đóng"), min_value=1, initial=1)
    amount = forms.IntegerField(
        label=_("Số tiền mỗi tháng (đồng)"),
        min_value=0,
        required=False,
        help_text=_("Để trống: theo mức đóng tính được của từng tháng."),
    )
    paid_on = forms.DateField(label=_("Ngày nộp"), input_formats=DATE_FORMATS)
    method = forms.ChoiceField(label=_("Hình thức nộp"), choices=PaymentMethod.choices)
    receipt_number = forms.CharField(label=_("Số biên lai"), max_length=50, required=False)

    def __init__(self, *args, members=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, m.full_name) for m in members]


class CorrectionForm(ServiceForm):
    amount = forms.IntegerField(label=_("Số tiền (đồng)"), min_value=0)
    paid_on = forms.DateField(label=_("Ngày nộp"), input_formats=DATE_FORMATS)
    method = forms.ChoiceField(label=_("Hình thức nộp"), choices=PaymentMethod.choices)
    receipt_number = forms.CharField(label=_("Số biên lai"), max_length=50, required=False)
    reason = forms.CharField(label=_("Lý do sửa"), max_length=255)


class RemittanceForm(ServiceForm):
    period_start = MonthField(label=_("Từ tháng"))
    period_end = MonthField(label=_("Đến tháng"))
    amount = forms.IntegerField(label=_("Số tiền (đồng)"), min_value=0)
    remitted_on = forms.DateField(label=_("Ngày nộp"), input_formats=DATE_FORMATS)
    reference = forms.CharField(label=_("Số chứng từ"), max_length=100, required=False)


class PeriodForm(forms.Form):
    """The report's period: months typed mm/yyyy."""

    start = MonthField(label=_("Từ tháng"))
    end = MonthField(label=_("Đến tháng"))


class LineMatchForm(ServiceForm):
    """Match an unmatched statement line by hand."""

    line = forms.IntegerField(widget=forms.HiddenInput)
    member = forms.TypedChoiceField(label=_("Đảng viên"), coerce=int)
    first_month = MonthField(label=_("Từ tháng"))
    months = forms.IntegerField(label=_("Số tháng"), min_value=1, initial=1)

    def __init__(self, *args, members=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, m.full_name) for m in members]
