import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from xaydungdang.core.forms import ServiceForm, ServiceModelForm
from xaydungdang.organizations.choices import OrganizationKind
from xaydungdang.reviews.choices import Level, PeriodKind, TaskProgress
from xaydungdang.reviews.models import SelfReview

DEADLINE_KINDS = (
    OrganizationKind.CELL,
    OrganizationKind.PARTIAL_COMMITTEE,
    OrganizationKind.GRASSROOTS_CELL,
    OrganizationKind.GRASSROOTS_COMMITTEE,
    OrganizationKind.UPPER_GRASSROOTS,
)
DATE_WIDGET = forms.DateInput(attrs={"class": "form-control", "placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y")


class PeriodForm(ServiceForm):
    organization = forms.ModelChoiceField(
        queryset=None, label=_("Tổ chức mở kỳ"), widget=forms.Select(attrs={"class": "form-select"})
    )
    kind = forms.ChoiceField(
        label=_("Loại kỳ"), choices=PeriodKind.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    year = forms.IntegerField(
        label=_("Năm"), min_value=2000, max_value=2100, widget=forms.NumberInput(attrs={"class": "form-control"})
    )
    quarter = forms.IntegerField(
        label=_("Quý"),
        min_value=1,
        max_value=4,
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    term_label = forms.CharField(
        label=_("Nhiệm kỳ"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "2025–2030"}),
    )
    starts_on = forms.DateField(label=_("Từ ngày"), required=False, widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Đến ngày"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        for kind in DEADLINE_KINDS:
            self.fields[f"deadline_{kind}"] = forms.DateField(
                label=_("Hạn trình: %(kind)s") % {"kind": OrganizationKind(kind).label},
                required=False,
                widget=DATE_WIDGET,
            )

    def deadline_fields(self):
        return [self[f"deadline_{kind}"] for kind in DEADLINE_KINDS]

    def deadlines(self) -> dict[str, dt.date]:
        return {
            kind: self.cleaned_data[f"deadline_{kind}"]
            for kind in DEADLINE_KINDS
            if self.cleaned_data.get(f"deadline_{kind}")
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"class": "form-control", "rows": 2})
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"class": "form-control", "rows": 2})
    )


class OverrideForm(forms.Form):
    """The deciding level changes one row's level; the reason is required and kept in history."""

    level = forms.ChoiceField(label=_("Mức xếp loại mới"), choices=Level.choices)
    reason = forms.CharField(
        label=_("Lý do điều chỉnh"),
        max_length=500,
        error_messages={"required": _("Phải ghi lý do khi cấp trên điều chỉnh mức xếp loại.")},
    )


SMALL = {"class": "form-control form-control-sm"}


class RowForm(forms.Form):
    """One row of the grid; prefixed by the row id so every input on the page has its own name and id."""

    task_progress = forms.ChoiceField(
        choices=TaskProgress.choices, widget=forms.Select(attrs={"class": "form-select form-select-sm"})
    )
    serious_violation = forms.BooleanField(
        required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )
    disciplined = forms.BooleanField(required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
    unit_disciplined = forms.BooleanField(
        required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )
    sick_leave_months = forms.IntegerField(
        min_value=0, max_value=60, required=False, widget=forms.NumberInput(attrs={**SMALL, "style": "width:4.5rem"})
    )
    shortcomings_fixed = forms.BooleanField(
        required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )
    self_assessed = forms.BooleanField(required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
    chosen_level = forms.ChoiceField(
        choices=[("", _("— Theo đề xuất —")), *Level.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args, review, groups, editable: bool = True, **kwargs):
        initial = {
            "task_progress": review.task_progress,
            "serious_violation": review.serious_violation,
            "disciplined": review.disciplined,
            "unit_disciplined": review.unit_disciplined,
            "sick_leave_months": review.sick_leave_months,
            "shortcomings_fixed": review.shortcomings_fixed,
            "self_assessed": review.self_assessed,
            "chosen_level": review.chosen_level,
            **{f"score_{g.code}": (review.scores or {}).get(g.code, "") for g in groups},
        }
        super().__init__(*args, prefix=f"r{review.pk}", initial=initial, **kwargs)
        self.review, self.groups = review, groups
        for group in groups:
            self.fields[f"score_{group.code}"] = forms.CharField(
                required=False,
                label=group.name,
                widget=forms.TextInput(
                    attrs={
                        **SMALL,
                        "inputmode": "decimal",
                        "style": "width:4.5rem",
                        "aria-label": f"{group.name} — {review.subject_name}",
                    }
                ),
            )
        if review.member_id:  # a member's discipline is read from the registry
            del self.fields["disciplined"], self.fields["unit_disciplined"]
        if review.not_rated:  # exempt, on sick leave…: not rated, so no level to choose
            self.fields["chosen_level"].disabled = True
            self.fields["chosen_level"].widget.attrs["title"] = str(review.get_not_rated_display())
        if not editable:  # submitted, approved or locked: shown, not typed into (the server refuses too)
            for field in self.fields.values():
                field.disabled = True

    def score_fields(self):
        return [self[f"score_{g.code}"] for g in self.groups]

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        scores = {g.code: data.pop(f"score_{g.code}", "").strip() for g in self.groups}
        data["sick_leave_months"] = data.get("sick_leave_months") or 0
        return {**data, "scores": scores}


class SelfReviewEntryForm(ServiceModelForm):
    """The member's self-review (Mẫu 2A/2B/2C of HD 43-HD/BTCTW): the five parts and the level they propose."""

    class Meta:
        model = SelfReview
        fields = [
            "political_ideology",
            "ethics_lifestyle",
            "discipline",
            "task_results",
            "limitations",
            "proposed_level",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ["political_ideology", "ethics_lifestyle", "discipline", "task_results", "limitations"]
        }
