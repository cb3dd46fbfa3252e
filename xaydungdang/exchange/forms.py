from django import forms
from django.utils.translation import gettext_lazy as _

from xaydungdang.core.forms import BootstrapFormMixin, ServiceForm
from xaydungdang.exchange.models import ImportBatch
from xaydungdang.fees.choices import PaymentMethod

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
EXTENSIONS = (".xlsx", ".csv")


class UploadForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại dữ liệu"), choices=ImportBatch.Kind.choices, initial=ImportBatch.Kind.MEMBERS
    )
    file = forms.FileField(label=_("Tệp Excel (.xlsx) hoặc CSV"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Tệp lớn hơn 50 MB; hãy chia thành nhiều tệp."))
        return upload


class FeeStatementForm(ServiceForm):
    """A payment statement of party fees (sao kê ngân hàng or the portal's list)."""

    method = forms.ChoiceField(label=_("Nguồn"), choices=PaymentMethod.choices[1:], initial=PaymentMethod.BANK)
    file = forms.FileField(label=_("Tệp sao kê Excel (.xlsx) hoặc CSV"))

    clean_file = UploadForm.clean_file  # one rule for every upload: .xlsx or .csv, at most 50 MB


class AttendanceUploadForm(ServiceForm):
    held_on = forms.DateField(label=_("Ngày sinh hoạt"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    file = forms.FileField(label=_("Tệp điểm danh (.xlsx hoặc .csv)"))

    clean_file = UploadForm.clean_file  # one rule for every upload: .xlsx or .csv, at most 50 MB


class FeeBasisUploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("Tệp căn cứ đóng đảng phí Excel (.xlsx) hoặc CSV"))
    commit = forms.BooleanField(label=_("Ghi vào cơ sở dữ liệu (bỏ chọn: chỉ kiểm tra)"), required=False)

    clean_file = UploadForm.clean_file
