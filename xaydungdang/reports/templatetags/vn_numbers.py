from django import template

from xaydungdang.reports.numbers import share, vn_decimal, vn_int, vn_percent

register = template.Library()

register.filter("vn_int", vn_int)
register.filter("vn_percent", vn_percent)
register.filter("vn_decimal", vn_decimal)


@register.filter
def vn_share(part: int, whole: int) -> str:
    """{{ part|vn_share:whole }} -> "29,4%"."""
    return vn_percent(share(part, whole))


@register.filter
def get_item(mapping, key):
    return mapping.get(key, 0) if mapping else 0
