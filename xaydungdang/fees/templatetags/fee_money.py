from django import template

register = template.Library()


@register.filter
def dong(value) -> str:
    """Whole đồng the Vietnamese way: 1.234.567 (no decimals)."""
    if value in (None, ""):
        return ""
    return f"{int(value):,}".replace(",", ".")
