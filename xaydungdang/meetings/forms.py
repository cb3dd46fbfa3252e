"""Forms of the meeting pages; each hands its cleaned data to a service (core.forms.ServiceForm)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from xaydungdang.core import forms as core_forms
from xaydungdang.core.forms import ServiceForm
from xaydungdang.meetings import rules
from xaydungdang.meetings.choices import GuestKind, MeetingKind, Presence

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def date_field(label, required=True):
    return core_forms.DateField(label=label, required=required, input_formats=DATE_FORMATS)


def time_field(label):
    return forms.TimeField(label=label, required=False, input_formats=["%H:%M"], widget=forms.TimeInput(format="%H:%M"))


class PlanForm(ServiceForm):
    kind = forms.ChoiceField(label=_("Loại sinh hoạt"), choices=MeetingKind.choices)
    topic = forms.CharField(label=_("Chuyên đề (sinh hoạt chuyên đề)"), required=False, max_length=500)
    planned_on = date_field(_("Ngày dự kiến"))
    planned_time = time_field(_("Giờ bắt đầu (hh:mm)"))
    place = forms.CharField(label=_("Địa điểm"), required=False, max_length=255)
    online = forms.BooleanField(label=_("Sinh hoạt trực tuyến"), required=False)
    period_start = date_field(_("Tính cho kỳ bắt đầu ngày (để trống: kỳ của ngày dự kiến)"), required=False)

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = {r.kind for r in rules.requirements_for(organization.kind)} | {MeetingKind.EXTRAORDINARY}
        self.fields["kind"].choices = [(k, label) for k, label in MeetingKind.choices if k in kinds]


class RescheduleForm(ServiceForm):
    planned_on = date_field(_("Ngày mới"))
    planned_time = time_field(_("Giờ bắt đầu (hh:mm)"))
    place = forms.CharField(label=_("Địa điểm"), required=False, max_length=255)
    online = forms.BooleanField(label=_("Sinh hoạt trực tuyến"), required=False)
    reason = forms.CharField(label=_("Lý do đổi lịch"), widget=forms.Textarea(attrs={"rows": 2}))


class CancelForm(ServiceForm):
    reason = forms.CharField(label=_("Lý do hủy"), widget=forms.Textarea(attrs={"rows": 2}))


class GuestForm(ServiceForm):
    kind = forms.ChoiceField(label=_("Loại khách mời"), choices=GuestKind.choices)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    post = forms.CharField(label=_("Chức vụ"), required=False, max_length=255)
    email = forms.EmailField(label=_("Thư điện tử (nhận thông báo)"), required=False)


class AttendanceForm(ServiceForm):
    """One presence and reason per member of the roster, and a checkbox per guest."""

    held_on = date_field(_("Ngày sinh hoạt"))

    def __init__(self, *args, rows=(), guests=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            pk = row.member.pk
            self.fields[f"m{pk}"] = forms.ChoiceField(
                label=row.member.full_name,
                choices=Presence.choices,
                initial=row.default_presence,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.fields[f"r{pk}"] = forms.CharField(
                label=_("Lý do"),
                required=False,
                max_length=255,
                widget=forms.TextInput(attrs={"class": "form-control", "placeholder": _("Lý do (khi vắng)")}),
            )
        self.guests = list(guests)
        for guest in self.guests:
            self.fields[f"g{guest.pk}"] = forms.BooleanField(
                label=str(guest),
                required=False,
                initial=guest.present,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )

    def member_fields(self):
        return [(row, self[f"m{row.member.pk}"], self[f"r{row.member.pk}"]) for row in self.rows]

    def guest_fields(self):
        return [self[f"g{guest.pk}"] for guest in self.guests]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        entries = {row.member.pk: (data[f"m{row.member.pk}"], data[f"r{row.member.pk}"]) for row in self.rows}
        present = [guest.pk for guest in self.guests if data.get(f"g{guest.pk}")]
        return {"held_on": data["held_on"], "entries": entries, "guests_present": present}


class MinutesForm(ServiceForm):
    chair = forms.CharField(label=_("Chủ trì"), max_length=150)
    secretary = forms.CharField(label=_("Thư ký"), max_length=150)
    started_at = time_field(_("Bắt đầu lúc (hh:mm)"))
    ended_at = time_field(_("Kết thúc lúc (hh:mm)"))

    def __init__(self, *args, agenda=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.agenda = list(agenda)
        for item in self.agenda:
            self.fields[f"s_{item.key}"] = forms.CharField(
                label=item.title, required=False, widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
            )
        self.fields["conclusion"] = forms.CharField(
            label=_("Kết luận của chủ trì"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
        )

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        sections = {item.key: data.pop(f"s_{item.key}") for item in self.agenda}
        return {**data, "sections": sections}


class TaskForm(ServiceForm):
    title = forms.CharField(label=_("Nhiệm vụ"), max_length=500)
    owner = forms.ModelChoiceField(label=_("Đảng viên thực hiện"), required=False, queryset=None)
    owner_name = forms.CharField(label=_("Hoặc bộ phận, người thực hiện"), required=False, max_length=150)
    due_on = date_field(_("Hạn hoàn thành"), required=False)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members


class TaskDoneForm(ServiceForm):
    done_on = date_field(_("Ngày hoàn thành"))
    result = forms.CharField(label=_("Kết quả"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AttachmentForm(ServiceForm):
    title = forms.CharField(label=_("Tên tài liệu"), required=False, max_length=255)
    file = forms.FileField(label=_("Tệp"))


class AssessmentForm(ServiceForm):
    criteria_met = forms.ModelMultipleChoiceField(
        label=_("Tiêu chí đạt"), required=False, queryset=None, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, criteria=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteria_met"].queryset = criteria
        self.fields["criteria_met"].label_from_instance = lambda c: (
            _("%(text)s (%(points)s điểm)")
            % {
                "text": c.text,
                "points": c.points,
            }
        )


class PeriodForm(forms.Form):
    """The period of the statistics page (GET)."""

    start = date_field(_("Từ ngày"))
    end = date_field(_("Đến ngày"))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("Đến ngày phải sau Từ ngày."))
        return data
