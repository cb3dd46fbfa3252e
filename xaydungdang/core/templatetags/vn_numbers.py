"""The template side of core/numbers.py: {% load vn_numbers %} then |vn_int, |vn_percent, |vn_rate…"""

from django import template

from xaydungdang.core.numbers import share, vn_count_share, vn_decimal, vn_int, vn_percent, vn_rate

register = template.Library()

register.filter("vn_int", vn_int)
register.filter("vn_percent", vn_percent)
register.filter("vn_rate", vn_rate)
register.filter("vn_decimal", vn_decimal)
register.filter("vn_count_share", vn_count_share)


@register.filter
def vn_share(part: int, whole: int) -> str:
    """{{ part|vn_share:whole }} -> "29,4%"."""
    return vn_percent(share(part, whole))


@register.filter
def get_item(mapping, key):
    return mapping.get(key, 0) if mapping else 0
