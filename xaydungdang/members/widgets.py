"""A <select> rendered in Python: the markup of Django's select templates without one template per option
(the member list's filter offers some hundred options, which cost a page more than its SQL)."""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict) -> SafeString:
    """django/forms/widgets/attrs.html: False left out, True as a bare name."""
    parts = [
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False
    ]
    return mark_safe("".join(parts))  # noqa: S308 - each part is built by format_html


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        options = []
        for group_name, group, _index in widget["optgroups"]:
            rows = format_html_join(
                "",
                '\n  <option value="{}"{}>{}</option>',
                ((option["value"], _attrs(option["attrs"]), option["label"]) for option in group),
            )
            if group_name:
                rows = format_html('\n  <optgroup label="{}">{}\n  </optgroup>', group_name, rows)
            options.append(rows)
        body = mark_safe("".join(options))  # noqa: S308 - each group is built by format_html
        return format_html('<select name="{}"{}>{}\n</select>', widget["name"], _attrs(widget["attrs"]), body)
