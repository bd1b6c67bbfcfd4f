"""Indicator values as people write them: 150, not 150.0000; 62.5, not 62.5000."""

from decimal import Decimal


def format_value(value: Decimal | float | None, unit: str = "") -> str:
    """A value without trailing zeros, with its unit; an en dash when there is none."""
    if value is None:
        return "–"
    text = f"{Decimal(str(value)):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text} {unit}".strip()
