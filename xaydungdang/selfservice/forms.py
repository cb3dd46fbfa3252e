from django import forms
from django.utils.translation import gettext_lazy as _

from xaydungdang.core.forms import ServiceForm
from xaydungdang.members.choices import EducationLevel, Qualification, TheoryLevel
from xaydungdang.selfservice.choices import RequestKind


class CorrectionForm(ServiceForm):
    """The member's proposed values, filled with the current ones: only what differs is proposed."""

    address = forms.CharField(label=_("Nơi cư trú"), max_length=255, required=False)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    email = forms.CharField(label=_("Thư điện tử"), max_length=254, required=False)
    education_level = forms.ChoiceField(
        label=_("Giáo dục phổ thông"), choices=[("", "—"), *EducationLevel.choices], required=False
    )
    qualification = forms.ChoiceField(label=_("Chuyên môn nghiệp vụ"), choices=Qualification.choices)
    theory_level = forms.ChoiceField(label=_("Lý luận chính trị"), choices=TheoryLevel.choices)
    certificate = forms.FileField(
        label=_("Bằng, chứng chỉ kèm theo"),
        required=False,
        help_text=_("Bắt buộc khi đính chính chuyên môn hoặc lý luận chính trị: tệp PDF, JPG hoặc PNG, tối đa 10 MB."),
    )
    note = forms.CharField(label=_("Lý do đề nghị"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    PAYLOAD = ("address", "phone", "email", "education_level", "qualification", "theory_level")
    field_map = {"payload": "address"}

    def payload(self) -> dict:
        return {name: self.cleaned_data.get(name) or "" for name in self.PAYLOAD}


class DocumentForm(ServiceForm):
    addressee = forms.CharField(
        label=_("Giới thiệu đến"), max_length=255, required=False, help_text=_("Cơ quan, tổ chức nơi đến")
    )
    purpose = forms.CharField(label=_("Mục đích xin cấp giấy"), max_length=255, required=False)
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, kind: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if kind != RequestKind.INTRODUCTION:
            del self.fields["addressee"]

    def payload(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in ("addressee", "purpose") if name in self.fields}


class ApproveForm(ServiceForm):
    document_number = forms.CharField(label=_("Số giấy"), max_length=50, required=False)


class ReturnForm(ServiceForm):
    reason = forms.CharField(label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
