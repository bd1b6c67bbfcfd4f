"""Indicator values as people write them: 150, not 150.0000; 62.5, not 62.5000."""

from decimal import Decimal

from django import template

register = template.Library()


def format_value(value: Decimal | float | None, unit: str = "") -> str:
    """A value without trailing zeros, with its unit; an en dash when there is none."""
    if value is None:
        return "–"
    text = f"{Decimal(str(value)):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text} {unit}".strip()


@register.filter(name="value")
def value_filter(value, unit: str = "") -> str:
    return format_value(value, unit)


@register.filter
def late_on(period, today) -> bool:
    """Whether the period's actual is late on `today` (see REPORTING_DAYS)."""
    return period.is_late(today)
