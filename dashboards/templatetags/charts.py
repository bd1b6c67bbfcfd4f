"""The plotly.js configuration every page with charts embeds, in the page's language."""

import json

from django import template
from django.templatetags.static import static
from django.utils import formats
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

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
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
        "localeFormat": {
            "months": [str(MONTHS[m]) for m in range(1, 13)],
            "shortMonths": [capfirst(str(MONTHS_3[m])) for m in range(1, 13)],
            "decimal": formats.get_format("DECIMAL_SEPARATOR"),
            "thousands": formats.get_format("THOUSAND_SEPARATOR"),
        },
    }
    return mark_safe(json.dumps(config, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))  # <, >, & escaped
