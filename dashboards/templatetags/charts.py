"""The plotly.js configuration every page with charts embeds, in the page's language."""

import json

from django import template
from django.templatetags.static import static
from django.utils import formats
from django.utils.dates import MONTHS, MONTHS_3, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from dashboards import sharing
from dashboards.figures import JSON_SCRIPT_ESCAPES

register = template.Library()


@register.simple_tag
def plotly_config() -> SafeString:
    """plotly.js config as JSON: no logo, no send-to-cloud button, local map data, and the language's
    month names and number marks from Django's own catalogues (the axes then agree with the page's dates;
    plotly's Persian locale, for one, gives Gregorian dates Persian solar month names)."""
    config = {
        "displaylogo": False,
        "responsive": True,
        # plotly.js 4 would add a "Share chart" button sending the chart to Plotly's cloud.
        "showSendToCloud": False,
        "plotlyServerURL": "",
        "topojsonURL": static("vendor/topojson/"),
        # dashboards.js puts its own image button in place of plotly's: the image carries title, source and date.
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "toImage", "sendChartToCloud"],
        "localeFormat": locale_format(),
    }
    return mark_safe(json.dumps(config, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))  # <, >, & escaped


SUNDAY_FIRST = (6, 0, 1, 2, 3, 4, 5)  # Django counts weekdays from Monday, d3 from Sunday


def locale_format() -> dict:
    """A complete d3/plotly.js locale format (plotly replaces a locale's format whole) in the active language."""
    return {
        "days": [str(WEEKDAYS[d]) for d in SUNDAY_FIRST],
        "shortDays": [str(WEEKDAYS_ABBR[d]) for d in SUNDAY_FIRST],
        "months": [str(MONTHS[m]) for m in range(1, 13)],
        "shortMonths": [capfirst(str(MONTHS_3[m])) for m in range(1, 13)],
        "periods": ["AM", "PM"],
        "dateTime": "%a %b %e %X %Y",
        "date": "%Y-%m-%d",
        "time": "%H:%M:%S",
        "decimal": formats.get_format("DECIMAL_SEPARATOR"),
        "thousands": formats.get_format("THOUSAND_SEPARATOR"),
        "grouping": [3],
        "currency": ["", ""],
        # Axis tick formats: day before month, as the pages write dates ("31 Dec 2024").
        "year": "%Y",
        "month": "%b %Y",
        "dayMonth": "%-d %b",
        "dayMonthYear": "%-d %b %Y",
    }


@register.simple_tag(takes_context=True)
def chart_share(context, chart_id: str, title: str = "") -> sharing.ChartShare | None:
    """The permalink, embed view, title, source and date of a chart, for the dyad or program the page shows."""
    return sharing.chart_share(chart_id, dyad=context.get("dyad"), program=context.get("program"), title=title)
