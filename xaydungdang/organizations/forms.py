"""Forms of the organization pages. They only collect input: the services validate and write."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from xaydungdang.core.forms import date_error_messages
from xaydungdang.organizations.models import Organization
from xaydungdang.organizations.services import EDITABLE_FIELDS

DATE_PLACEHOLDER = "dd/mm/yyyy"
CHOOSE = _("— Chọn —")


def vn_date_field(field: forms.Field) -> forms.Field:
    """A date typed as dd/mm/yyyy in a plain text box (no browser date picker with its own format)."""
    field.widget = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": DATE_PLACEHOLDER, "inputmode": "numeric"})
    field.input_formats = ["%d/%m/%Y"]
    field.error_messages["invalid"] = _("Nhập ngày theo dạng dd/mm/yyyy.")
    return field


def bootstrap(form: forms.BaseForm) -> None:
    """Bootstrap classes on every widget, and `is-invalid` on those with errors."""
    for name, field in form.fields.items():
        widget = field.widget
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        if form.is_bound and name in form.errors:
            css += " is-invalid"
        widget.attrs["class"] = css


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: each message on its field, the rest on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    by_field = error.message_dict
    on_fields = {m for field, messages in by_field.items() if field in form.fields for m in messages}
    for field, messages in by_field.items():
        if field in form.fields:
            form.add_error(field, messages)
        else:
            # A database constraint repeats a rule already shown on its field: say it once.
            rest = [m for m in messages if m not in on_fields]
            if rest:
                form.add_error(None, rest)
    bootstrap(form)


def choose_label(field: forms.Field) -> None:
    """Say "— Chọn —" instead of Django's "---------" on an empty choice."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None:
            field.empty_label = CHOOSE
    elif isinstance(field, forms.ChoiceField):
        field.choices = [(value, CHOOSE if value == "" else label) for value, label in field.choices]


class VNForm(forms.Form):
    """A form whose dates are typed dd/mm/yyyy and whose widgets are styled with Bootstrap.

    Subclasses add their fields in `build_fields()`, so the styling here sees every field.
    """

    def __init__(self, *args, **kwargs) -> None:
        options = {name: kwargs.pop(name) for name in self.build_options if name in kwargs}
        super().__init__(*args, **kwargs)
        self.build_fields(**options)
        for field in self.fields.values():
            choose_label(field)
            if isinstance(field, forms.DateField):
                vn_date_field(field)
            if field.label:
                field.label = str(field.label)[:1].upper() + str(field.label)[1:]
        bootstrap(self)

    build_options: tuple[str, ...] = ()

    def build_fields(self, **options) -> None:
        """Add or adjust fields (called once the declared fields exist)."""

    def full_clean(self) -> None:
        super().full_clean()
        bootstrap(self)

    def add_error(self, field, error) -> None:
        super().add_error(field, date_error_messages(self, field, error))


class OrganizationForm(VNForm):
    """The data of an organization: create (with its kind) and edit (the kind is fixed once created)."""

    reason = forms.CharField(
        label=_("Lý do, căn cứ"), required=False, max_length=255, help_text=_("Ví dụ: Quyết định số 12-QĐ/TU")
    )
    build_options = ("with_kind",)

    def build_fields(self, with_kind: bool = True) -> None:
        names = ["code", "name", *(["kind"] if with_kind else []), *EDITABLE_FIELDS[2:]]
        model_fields = fields_for_model(Organization, fields=names)
        reason = self.fields.pop("reason")
        self.fields.update({name: model_fields[name] for name in names})
        self.fields["reason"] = reason
        if not with_kind:  # an edit: the version it started from (core.versions)
            self.fields["version"] = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("reason")
        data.pop("version", None)
        return data

    def show_conflict(self, conflict) -> None:
        """A stale edit: what changed since, one line a field; the form now carries the stored version."""
        for line in conflict.conflicts:
            self.add_error(None, str(line))
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = conflict.version
