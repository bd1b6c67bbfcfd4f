"""The program page's results: each indicator's baseline, targets and approved actuals over time.

Built from `results.selectors.PublicIndicator` rows, in which an actual
exists only once approved, so the chart, its data table, its text
alternative and the CSV can only show approved values.
"""

from collections.abc import Sequence

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from results.attainment import period_attainment
from results.formatting import format_value
from results.selectors import PublicIndicator, PublicResult

from .figures import base_layout, figure_json

TARGET_COLOR = "#9aa3ad"
ACTUAL_COLOR = "#1f6f8b"
BASELINE_COLOR = "#b2182b"


def attainment_label(indicator: PublicIndicator, target, actual) -> str:
    """ "75%" of the target achieved (direction-aware, capped), or "" when there is nothing to compare."""
    if not indicator.is_quantitative or target is None or actual is None:
        return ""
    return f"{period_attainment(float(target), float(actual), ascending=indicator.ascending):.0%}"


def indicator_chart(indicator: PublicIndicator) -> str:
    """Targets (dashed) and approved actuals by period end, with the baseline as a horizontal line."""
    periods = indicator.periods
    traces: list = [
        go.Scatter(
            _validate=False,
            x=[p.end for p in periods if p.target is not None],
            y=[float(p.target) for p in periods if p.target is not None],
            mode="lines+markers",
            name=_("Target"),
            line={"color": TARGET_COLOR, "dash": "dash"},
            marker={"symbol": "circle-open", "size": 9},
            hovertemplate="%{x|%b %Y}: %{y}<extra>" + _("target") + "</extra>",
        ),
        go.Scatter(
            _validate=False,
            x=[p.end for p in periods if p.actual is not None],
            y=[float(p.actual) for p in periods if p.actual is not None],
            mode="lines+markers",
            name=_("Actual (approved)"),
            line={"color": ACTUAL_COLOR, "width": 2.5},
            marker={"size": 9},
            hovertemplate="%{x|%b %Y}: %{y}<extra>" + _("actual") + "</extra>",
        ),
    ]
    shapes = []
    if indicator.baseline_value is not None:
        shapes.append(
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": float(indicator.baseline_value),
                "y1": float(indicator.baseline_value),
                "line": {"color": BASELINE_COLOR, "width": 1.5, "dash": "dot"},
            }
        )
    layout = base_layout(
        height=300,
        shapes=shapes,
        yaxis={"title": {"text": indicator.unit}, "gridcolor": "#eceff2", "rangemode": "tozero"},
        xaxis={"type": "date", "gridcolor": "#eceff2"},
    )
    return figure_json(traces, layout)


def indicator_alt(indicator: PublicIndicator) -> str:
    """What the chart shows in words: baseline, and the latest approved actual against its target."""
    unit = indicator.unit
    parts = [
        _("%(title)s, in %(unit)s, over %(n)d periods.")
        % {"title": indicator.title, "unit": unit, "n": len(indicator.periods)}
    ]
    if indicator.baseline_value is not None:
        parts.append(_("Baseline %(value)s.") % {"value": format_value(indicator.baseline_value, unit)})
    approved = indicator.approved_periods
    if approved:
        last = approved[-1]
        parts.append(
            _("Latest approved actual: %(actual)s against a target of %(target)s (period ending %(end)s).")
            % {"actual": format_value(last.actual, unit), "target": format_value(last.target, unit), "end": last.end}
        )
    else:
        parts.append(_("No approved actual yet."))
    return " ".join(parts)


def public_indicators(results: Sequence[PublicResult]) -> list[dict]:
    """One entry per indicator of the program page: the indicator, its result, chart and text alternative."""
    shown = []
    for result in results:
        for indicator in result.indicators:
            quantitative = indicator.is_quantitative and bool(indicator.periods)
            shown.append(
                {
                    "result": result,
                    "indicator": indicator,
                    "chart_id": f"indicator-{indicator.pk}",
                    "rows": [(p, attainment_label(indicator, p.target, p.actual)) for p in indicator.periods],
                    "chart_json": indicator_chart(indicator) if quantitative else "",
                    "alt": indicator_alt(indicator),
                    "evidence": [p for p in indicator.approved_periods if p.evidence_url or p.has_document],
                    "breakdowns": [(p, b) for p in indicator.approved_periods for b in p.breakdowns],
                }
            )
    return shown


RESULT_CSV_HEADER = [
    "result_type",
    "result",
    "indicator",
    "unit",
    "higher_is_better",
    "cumulative",
    "baseline",
    "baseline_date",
    "period_start",
    "period_end",
    "target",
    "actual",
    "attainment",
    "dimension",
    "category",
]


def _num(value) -> str:
    return "" if value is None else format_value(value)


def result_csv_rows(results: Sequence[PublicResult]) -> list[list]:
    """One row per period (actual empty until approved), then one per approved breakdown value."""
    rows = []
    for result in results:
        for i in result.indicators:
            head = [result.type, result.title, i.title, i.unit, i.ascending, i.cumulative, _num(i.baseline_value)]
            head.append(i.baseline_date or "")
            for p in i.periods:
                attained = attainment_label(i, p.target, p.actual)
                rows.append([*head, p.start, p.end, _num(p.target), _num(p.actual), attained, "", ""])
                rows += [[*head, p.start, p.end, "", _num(b.value), "", b.dimension, b.category] for b in p.breakdowns]
    return rows
