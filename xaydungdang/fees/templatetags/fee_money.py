from django import template

from xaydungdang.core.numbers import vn_int

register = template.Library()


@register.filter
def dong(value) -> str:
    """Whole đồng the Vietnamese way: 1.234.567 (no decimals)."""
    if value in (None, ""):
        return ""
    return vn_int(value)
