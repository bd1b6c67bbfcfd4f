"""Template filters for indicator values and reporting periods."""

from django import template

from results.formatting import format_value

register = template.Library()


@register.filter(name="value")
def value_filter(value, unit: str = "") -> str:
    """`{{ period.actual_value|value:indicator.unit }}`: 150 students, not 150.0000."""
    return format_value(value, unit)


@register.filter
def late_on(period, today) -> bool:
    """Whether the period's actual is late on `today` (see REPORTING_DAYS)."""
    return period.is_late(today)
