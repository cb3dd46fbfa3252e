from decimal import Decimal

from django import template

from xaydungdang.core.numbers import vn_rate
from xaydungdang.reviews.choices import Level

register = template.Library()

LEVEL_CLASS = {
    Level.EXCELLENT: "text-bg-success",
    Level.GOOD: "text-bg-primary",
    Level.COMPLETED: "text-bg-warning",
    Level.FAILED: "text-bg-danger",
}


register.filter("vn_rate", vn_rate)  # core/numbers.py owns how a rate reads: 15.38 → "15,4%"


@register.filter
def vn_points(value) -> str:
    if value in (None, ""):
        return "—"
    from xaydungdang.reviews.rules import format_points

    return format_points(Decimal(value))


@register.filter
def level_label(value: str) -> str:
    return str(Level(value).label) if value else ""


@register.filter
def level_class(value: str) -> str:
    return LEVEL_CLASS.get(value, "text-bg-secondary")


@register.filter
def get_item(mapping: dict, key):
    return (mapping or {}).get(key, [])
