"""Forms of the reorganization pages: each collects the decision and the action's own data."""

from django import forms
from django.utils.translation import gettext_lazy as _

from xaydungdang.core.dates import today
from xaydungdang.core.forms import BootstrapFormMixin
from xaydungdang.organizations.choices import OrganizationKind
from xaydungdang.organizations.forms import VNForm
from xaydungdang.organizations.models import Organization


class OrganizationMoveForm(VNForm):
    """The organization page's move: to another parent from a date, with the decision when there is one."""

    new_parent = forms.ModelChoiceField(label=_("Tổ chức cấp trên mới"), queryset=Organization.objects.none())
    on = forms.DateField(label=_("Ngày hiệu lực"), required=False, help_text=_("Để trống: hôm nay."))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=100, required=False)
    reason = forms.CharField(label=_("Lý do, căn cứ"), required=False, max_length=255)
    build_options = ("targets",)

    def build_fields(self, targets=None) -> None:
        self.fields["new_parent"].queryset = targets
        self.fields["new_parent"].label_from_instance = lambda org: f"{'— ' * (org.depth - 1)}{org.name} ({org.code})"
        self.fields["on"].initial = today()


class DecisionForm(BootstrapFormMixin, forms.Form):
    effective_date = forms.DateField(label=_("Ngày hiệu lực"), help_text=_("dd/mm/yyyy"))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=100)
    decision_date = forms.DateField(label=_("Ngày quyết định"), required=False)
    issued_by = forms.CharField(label=_("Cơ quan ban hành"), max_length=255, required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def decision(self) -> dict:
        data = self.cleaned_data
        return {key: data[key] for key in ("decision_number", "decision_date", "issued_by", "note")}


class RenameForm(DecisionForm):
    name = forms.CharField(label=_("Tên mới"), max_length=255)
    field_order = ["name"]


class RelocateForm(DecisionForm):
    """The same move as OrganizationMoveForm, given by the new parent's code, with the whole decision."""

    new_parent_code = forms.CharField(label=_("Mã tổ chức cấp trên mới"), max_length=32)
    field_order = ["new_parent_code"]


class DissolveForm(DecisionForm):
    pass


class SiblingsForm(DecisionForm):
    """Absorb and merge act on this organization and some of its siblings."""

    sources = forms.ModelMultipleChoiceField(
        label=_("Các tổ chức cùng cấp"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    field_order = ["sources"]

    def __init__(self, *args, siblings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].queryset = siblings


class AbsorbForm(SiblingsForm):
    pass


class MergeForm(SiblingsForm):
    code = forms.CharField(label=_("Mã tổ chức mới"), max_length=32)
    name = forms.CharField(label=_("Tên tổ chức mới"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại tổ chức mới"), choices=OrganizationKind.choices)
    field_order = ["sources", "code", "name", "kind"]


class SplitForm(DecisionForm):
    parts = forms.CharField(
        label=_("Các tổ chức mới"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một tổ chức: Mã | Tên"),
    )
    field_order = ["parts"]

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        choices = [(str(i), _("Tổ chức mới thứ %(n)s") % {"n": i + 1}) for i in range(10)]
        for member in self.members:
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(label=member.full_name, choices=choices, initial="0")

    def clean_parts(self) -> list[tuple[str, str]]:
        parts = []
        for number, line in enumerate(self.cleaned_data["parts"].splitlines(), start=1):
            if not line.strip():
                continue
            code, sep, name = line.partition("|")
            if not sep or not code.strip() or not name.strip():
                raise forms.ValidationError(_("Dòng %(n)s phải có dạng: Mã | Tên") % {"n": number})
            parts.append((code.strip(), name.strip()))
        return parts

    def clean(self):
        data = super().clean()
        parts = data.get("parts") or []
        for member in self.members:
            index = int(data.get(f"member_{member.pk}", 0))
            if parts and index >= len(parts):
                self.add_error(f"member_{member.pk}", _("Chỉ có %(count)s tổ chức mới.") % {"count": len(parts)})
        return data

    def member_part(self, member) -> int:
        return int(self.cleaned_data[f"member_{member.pk}"])
