"""Forms of the member registry. They collect and shape input; member_create / member_update decide."""

from django import forms
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from xaydungdang.core.forms import ServiceFormMixin
from xaydungdang.core.text import normalize_name, title_case_name
from xaydungdang.core.versions import EditConflict
from xaydungdang.members.models import Member
from xaydungdang.members.services import PARTY_DATE_FIELDS, PROFILE_FIELDS
from xaydungdang.organizations.forms import VNForm
from xaydungdang.organizations.models import Organization

IDENTITY = ("full_name", "gender", "birth_date", "ethnicity", "religion", "national_id", "hometown", "address", "phone")
PARTY = ("admission_decision_date", "admission_date", "official_date", "party_card_number", "record_number")
EDUCATION = ("education_level", "qualification", "theory_level", "occupation")
CCCD_HELP = _("12 chữ số: 3 số đầu là mã tỉnh, số thứ 4 là mã giới tính và thế kỷ, số 5–6 là năm sinh.")


class MemberForm(ServiceFormMixin, VNForm):
    """A member's record. `mode` "create" adds the cell and the admission decision; "edit" the reason."""

    organization = forms.ModelChoiceField(label=_("Chi bộ sinh hoạt"), queryset=Organization.objects.none())
    decision_number = forms.CharField(label=_("Số quyết định kết nạp"), max_length=100, required=False)
    reason = forms.CharField(
        label=_("Lý do đính chính"),
        required=False,  # required by member_update, whose message names the rule
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bắt buộc: căn cứ, văn bản cho phép đính chính hồ sơ."),
    )

    build_options = ("mode", "organizations")

    def build_fields(self, mode: str = "create", organizations=None) -> None:
        self.mode = mode
        model_fields = fields_for_model(Member, fields=[*IDENTITY, *PARTY, *EDUCATION])
        extra = {name: self.fields.pop(name) for name in ("organization", "decision_number", "reason")}
        if mode == "create":
            extra["organization"].queryset = organizations
            extra["organization"].label_from_instance = lambda org: f"{org.name} ({org.code})"
            self.fields["organization"] = extra["organization"]
        self.fields.update({name: model_fields[name] for name in (*IDENTITY, *PARTY, *EDUCATION)})
        self.fields["national_id"].help_text = CCCD_HELP
        self.fields["admission_date"].required = mode == "create"
        if mode == "create":
            self.fields["decision_number"] = extra["decision_number"]
        else:
            self.fields["reason"] = extra["reason"]
            # The version the edit started from (core.versions): a record changed since is not overwritten.
            self.fields["version"] = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
        self.conflicts = []

    @property
    def sections(self) -> list[tuple[str, list]]:
        party = [*PARTY, "decision_number"] if self.mode == "create" else list(PARTY)
        first = ["organization", *IDENTITY] if self.mode == "create" else list(IDENTITY)
        groups = [
            (_("Thông tin cá nhân"), first),
            (_("Thông tin đảng viên"), party),
            (_("Học vấn, nghề nghiệp"), list(EDUCATION)),
        ]
        if self.mode == "edit":
            groups.append((_("Căn cứ đính chính"), ["reason"]))
        return [(title, [self[name] for name in names if name in self.fields]) for title, names in groups]

    def add_service_errors(self, error) -> None:
        super().add_service_errors(error)
        if isinstance(error, EditConflict):
            # Show what changed; the form now carries the stored version, so saving again is deliberate.
            self.conflicts = error.conflicts
            self.data = self.data.copy()
            self.data[self.add_prefix("version")] = error.version

    def update_kwargs_with_version(self) -> dict:
        return {**self.update_kwargs(), "expected_version": self.cleaned_data.get("version") or None}

    def clean_full_name(self) -> str:
        """Stored in Vietnamese title case; a name typed otherwise is corrected, with a warning."""
        typed = normalize_name(self.cleaned_data.get("full_name") or "")
        name = title_case_name(typed)
        if name != typed:
            self.warnings.append(
                _("Họ và tên đã được viết lại cho đúng chữ hoa đầu mỗi tiếng: “%(typed)s” → “%(name)s”.")
                % {"typed": typed, "name": name}
            )
        return name

    @property
    def warnings(self) -> list[str]:
        return self.__dict__.setdefault("_warnings", [])

    def create_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("reason", None)
        return data

    def update_kwargs(self) -> dict:
        allowed = set(PROFILE_FIELDS) | set(PARTY_DATE_FIELDS)
        return {name: value for name, value in self.cleaned_data.items() if name in allowed}
