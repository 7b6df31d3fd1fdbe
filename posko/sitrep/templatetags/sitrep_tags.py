"""Number formatting for situation reports: Indonesian separators unless English is active."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

register = template.Library()


def _english() -> bool:
    return (get_language() or "id").startswith("en")


@register.filter
def num(value: object, decimals: int = 0) -> str:
    """1234567 -> '1.234.567' (id) or '1,234,567' (en); decimals with the other mark."""
    if value is None or value == "":
        return "—"
    number = float(str(value)) if decimals else int(float(str(value)))
    text = f"{number:,.{decimals}f}"
    if _english():
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


@register.filter
def signed(value: object) -> str:
    """A change with its sign: '+3,5' / '-1,0' / '0,0'."""
    number = float(str(value))
    sign = "+" if number > 0 else ""
    return sign + num(number, 1)


@register.filter
def css_string(value: object) -> str:
    """Text safe inside a double-quoted CSS string in a <style> block."""
    from django.utils.safestring import mark_safe

    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return mark_safe(" ".join(text.split()))  # noqa: S308 - escaped for CSS above
