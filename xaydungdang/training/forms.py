from django import forms
from django.utils.translation import gettext_lazy as _

from xaydungdang.access.choices import Action
from xaydungdang.candidates.choices import CandidateStatus
from xaydungdang.candidates.models import Candidate
from xaydungdang.core.forms import ServiceForm, ServiceModelForm
from xaydungdang.members.choices import ACTIVE_STATUSES, MemberStatus
from xaydungdang.members.models import Member
from xaydungdang.training.choices import Purpose, Result
from xaydungdang.training.models import CourseKind, TrainingClass, TrainingPlan

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
PEOPLE_LISTED = 500  # a longer list is an import (Excel) job, not a drop-down


def date_field(label, required=True):
    return forms.DateField(label=label, required=required, input_formats=DATE_FORMATS)


class ClassForm(ServiceModelForm):
    starts_on = date_field(_("Ngày khai giảng"))
    ends_on = date_field(_("Ngày bế giảng"))

    class Meta:
        model = TrainingClass
        fields = ["course_kind", "name", "organizer", "starts_on", "ends_on", "place", "capacity"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course_kind"].queryset = CourseKind.objects.filter(active=True)


class EnrollForm(ServiceForm):
    """Who may join: candidates (awareness course) or members of the class organization's subtree in scope."""

    def __init__(self, *args, training_class: TrainingClass, user, **kwargs):
        super().__init__(*args, **kwargs)
        path = training_class.organization.path
        taken = training_class.enrollments.values("member_id", "candidate_id")
        if training_class.course_kind.purpose == Purpose.AWARENESS:
            people = (
                Candidate.objects.visible_to(user, Action.CHANGE)
                .filter(organization__path__startswith=path, status=CandidateStatus.IN_PROGRESS)
                .exclude(pk__in=[t["candidate_id"] for t in taken if t["candidate_id"]])
            )
            self.fields["candidate"] = forms.ModelChoiceField(label=_("Quần chúng ưu tú"), queryset=people)
        else:
            statuses = (
                [MemberStatus.PROBATIONARY]
                if training_class.course_kind.purpose == Purpose.NEW_MEMBER
                else list(ACTIVE_STATUSES)
            )
            people = (
                Member.objects.visible_to(user, Action.CHANGE)
                .filter(organization__path__startswith=path, status__in=statuses)
                .exclude(pk__in=[t["member_id"] for t in taken if t["member_id"]])
            )
            self.fields["member"] = forms.ModelChoiceField(label=_("Đảng viên"), queryset=people)
        field = next(iter(self.fields.values()))
        field.queryset = field.queryset.select_related("organization").order_by("full_name", "id")
        field.label_from_instance = lambda person: f"{person.full_name} — {person.organization.name}"
        field.widget.attrs["class"] = "form-select"


class SessionForm(ServiceForm):
    held_on = date_field(_("Ngày học"))
    topic = forms.CharField(label=_("Chuyên đề"), max_length=255)


class ResultForm(ServiceForm):
    result = forms.ChoiceField(label=_("Kết quả"), choices=Result.choices)
    score = forms.DecimalField(label=_("Điểm"), required=False, max_digits=4, decimal_places=2, localize=True)
    certificate_number = forms.CharField(label=_("Số giấy chứng nhận"), required=False, max_length=100)
    certificate_date = date_field(_("Ngày cấp giấy chứng nhận"), required=False)
    issued_by = forms.CharField(label=_("Nơi cấp (mặc định: đơn vị tổ chức lớp)"), required=False, max_length=255)


class PlanForm(ServiceModelForm):
    class Meta:
        model = TrainingPlan
        fields = ["year", "course_kind", "planned_classes", "planned_trainees", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp danh sách lớp và kết quả (.xlsx, .csv)"))
    commit = forms.BooleanField(label=_("Ghi vào hệ thống (bỏ chọn: chỉ kiểm tra)"), required=False)
