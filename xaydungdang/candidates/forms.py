from django import forms
from django.utils.translation import gettext_lazy as _

from xaydungdang.access.choices import Action
from xaydungdang.candidates.choices import Step
from xaydungdang.candidates.models import Candidate
from xaydungdang.core.forms import ServiceForm, ServiceModelForm
from xaydungdang.members.choices import MemberStatus
from xaydungdang.members.models import Member

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class CandidateForm(ServiceModelForm):
    recorded_on = forms.DateField(label=_("Ngày ghi nhận"), input_formats=DATE_FORMATS)

    class Meta:
        model = Candidate
        fields = [
            "full_name", "gender", "birth_date", "ethnicity", "religion", "national_id", "hometown", "address",
            "education_level", "education_exception_area", "qualification", "occupation", "over_age_decision",
        ]  # fmt: skip
        field_classes = {"birth_date": forms.DateField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_date"].input_formats = DATE_FORMATS


class StepForm(ServiceForm):
    done_on = forms.DateField(label=_("Ngày"), input_formats=DATE_FORMATS)
    document_number = forms.CharField(label=_("Số văn bản"), required=False, max_length=100)
    issued_by = forms.CharField(label=_("Cơ quan ban hành"), required=False, max_length=255)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, candidate=None, user=None, step=None, **kwargs):
        super().__init__(*args, **kwargs)
        if step == Step.CELL_RESOLUTION:
            self.fields["votes_for"] = forms.IntegerField(label=_("Số đảng viên chính thức tán thành"), min_value=0)
        if step == Step.SPONSORS:
            officials = (
                Member.objects.visible_to(user, Action.VIEW)
                .filter(organization=candidate.organization, status=MemberStatus.OFFICIAL)
                .order_by("full_name")
            )
            for n in (1, 2):
                self.fields[f"sponsor_{n}"] = forms.ModelChoiceField(
                    label=_("Đảng viên giới thiệu %(n)s") % {"n": n}, queryset=officials, required=n == 1
                )
                self.fields[f"since_{n}"] = forms.DateField(
                    label=_("Cùng công tác từ ngày"), input_formats=DATE_FORMATS, required=n == 1
                )
            self.fields["union_resolution"] = forms.CharField(
                label=_("Nghị quyết giới thiệu của Đoàn TNCS Hồ Chí Minh hoặc công đoàn cơ sở (khi có)"),
                help_text=_("Khi có nghị quyết này, chỉ cần một đảng viên chính thức giới thiệu."),
                required=False,
                max_length=100,
            )
        if step == Step.CEREMONY:
            self.fields["late_approval"] = forms.CharField(
                label=_("Văn bản đồng ý của cấp ủy cấp trên (nếu quá hạn)"), required=False, max_length=100
            )
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        sponsors = []
        for n in (1, 2):
            if f"sponsor_{n}" in data:
                member, since = data.pop(f"sponsor_{n}"), data.pop(f"since_{n}")
                if member is not None:
                    sponsors.append((member, since))
        if sponsors:
            data["sponsors"] = sponsors
        return data
