"""Form helpers shared by the apps: Bootstrap styling, and a service's refusal shown on the form.

Forms only collect input; the services validate and write. A service refuses with a ValidationError keyed by
its own argument names: `ServiceForm.run(service, **kwargs)` calls it and puts each message on the field of
that name (or on the field `field_map` names for it), the rest on top of the form.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy

from xaydungdang.core.dates import MAX_YEAR, MIN_YEAR, in_bounds

INVALID = "is-invalid"
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
INVALID_DATE = gettext_lazy("Ngày phải viết theo dạng ngày/tháng/năm, ví dụ 31/12/2025.")
DATE_OUT_OF_BOUNDS = gettext_lazy("Năm của ngày phải từ %(min)s đến %(max)s.")


def date_in_bounds(value) -> None:
    """Years outside MIN_YEAR..MAX_YEAR are typos, and would overflow the rules' date arithmetic."""
    if value and not in_bounds(value):
        raise ValidationError(DATE_OUT_OF_BOUNDS % {"min": MIN_YEAR, "max": MAX_YEAR}, code="date_out_of_bounds")


class DateField(forms.DateField):
    """A date typed as dd/mm/yyyy (or ISO), its year within bounds."""

    input_formats = DATE_FORMATS
    default_validators = [date_in_bounds]
    default_error_messages = {"invalid": INVALID_DATE}


def date_error_messages(form: forms.BaseForm, field, error):
    """A date field's "invalid" error, said precisely when the typed date does not exist (31/02/1990)."""
    from xaydungdang.core.dates import impossible_date_error

    if not field or field not in form.fields or not isinstance(form.fields[field], forms.DateField):
        return error
    codes = [getattr(e, "code", None) for e in (error.error_list if isinstance(error, ValidationError) else [])]
    if "invalid" not in codes:
        return error
    message = impossible_date_error(form.data.get(form.add_prefix(field)) if form.is_bound else None)
    return ValidationError(message, code="invalid") if message else error


class BootstrapFormMixin:
    """Give every widget its Bootstrap 5 class, so templates can render fields plainly."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            classes = widget.attrs.get("class", "").split()
            if css not in classes:
                widget.attrs["class"] = " ".join([*classes, css])
            if isinstance(field, forms.DateField):
                widget.attrs.setdefault("placeholder", "dd/mm/yyyy")
                if date_in_bounds not in field.validators:
                    field.validators.append(date_in_bounds)

    def add_error(self, field, error) -> None:
        super().add_error(field, date_error_messages(self, field, error))
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                classes = widget.attrs.get("class", "").split()
                if INVALID not in classes:
                    widget.attrs["class"] = " ".join([*classes, INVALID])


def add_service_errors(form: forms.BaseForm, error: ValidationError, field_map: dict[str, str] | None = None) -> None:
    """Show a service's ValidationError on `form`: each message on its field (renamed through `field_map`
    where the form calls it otherwise), the rest on top, a message already shown on a field not repeated."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    renamed = field_map or {}
    placed: dict[str | None, list[str]] = {}
    for name, messages in error.message_dict.items():
        target = name if name in form.fields else renamed.get(name)
        if target not in form.fields or name == NON_FIELD_ERRORS:
            target = None
        placed.setdefault(target, []).extend(str(m) for m in messages)
    on_fields = {m for target, messages in placed.items() if target for m in messages}
    for target, messages in placed.items():
        # A database constraint repeats a rule already shown on its field: say it once.
        unique = list(dict.fromkeys(m for m in messages if target or m not in on_fields))
        if unique:
            form.add_error(target, unique)


class ServiceFormMixin(BootstrapFormMixin):
    """`run(service, **kwargs)`: the service's result, or None with its ValidationError on the form."""

    # Service argument name → form field name, where the form names a field differently.
    field_map: dict[str, str] = {}

    def run(self, service, /, **kwargs):
        """`service(**kwargs)`; None when it refused (services return the object they wrote, never None)."""
        try:
            return service(**kwargs)
        except ValidationError as exc:
            self.add_service_errors(exc)
            return None

    def add_service_errors(self, error: ValidationError) -> None:
        add_service_errors(self, error, self.field_map)


class ServiceForm(ServiceFormMixin, forms.Form):
    """A plain form whose input one service writes."""


class ServiceModelForm(ServiceFormMixin, forms.ModelForm):
    """A model form (for its fields and labels) whose input one service writes; it never saves itself."""
