"""Charts that explain the index: what a dyad's value leans on, and how the weight scenarios spread.

Built like figures.py (plotly graph objects without validation, a plain layout dict);
tests validate the figures.
"""

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
from django.utils import formats
from django.utils.translation import gettext as _

from .figures import base_layout, figure_json

HOLDS_UP = "#1f6f8b"  # the value would be lower without it
HOLDS_DOWN = "#8fbccc"  # the value would be higher without it


def remove_one_bars(rows: Sequence, value: float) -> str:
    """One bar per component, from the index now to the index without that component."""
    shown = [r for r in rows if r.value is not None]
    # Zoomed on the values (at least 20 points wide): the differences are what the chart is for.
    values = [value, *(r.value for r in shown)]
    low, high = max(0.0, min(values) - 5), min(100.0, max(values) + 5)
    if high - low < 20:
        middle = (low + high) / 2
        low, high = max(0.0, middle - 10), min(100.0, middle + 10)
    traces = [
        go.Bar(
            _validate=False,
            x=[r.value - value for r in shown],
            base=value,
            y=[r.label for r in shown],
            customdata=[r.value for r in shown],
            orientation="h",
            marker={"color": [HOLDS_UP if (r.difference or 0) < 0 else HOLDS_DOWN for r in shown]},
            text=[f"{r.value:.1f}" for r in shown],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=_("Without %{y}: %{customdata:.1f}") + "<extra></extra>",
            name=_("Without this component"),
        )
    ]
    layout = base_layout(
        height=60 + 34 * max(1, len(shown)),
        margin={"l": 16, "r": 40, "t": 30, "b": 40},
        showlegend=False,
        xaxis={"range": [low, high], "title": {"text": _("Index without the component")}, "gridcolor": "#eceff2"},
        yaxis={"autorange": "reversed", "automargin": True},
        shapes=[
            {
                "type": "line",
                "x0": value,
                "x1": value,
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "line": {"color": "#1d2733", "width": 2, "dash": "dash"},
            }
        ],
        annotations=[
            {
                "x": value,
                "yref": "paper",
                "y": 1,
                "yanchor": "bottom",
                "text": _("Index now: %(value).1f") % {"value": value},
                "showarrow": False,
                "font": {"size": 11},
            }
        ],
    )
    return figure_json(traces, layout)


def scenario_spread(rows: Sequence) -> str:
    """Each component's weight in force, with its median and 5th–95th percentile weight over the scenarios."""
    labels = [r.label for r in rows]
    traces = [
        go.Bar(
            _validate=False,
            x=[r.in_force for r in rows],
            y=labels,
            orientation="h",
            marker={"color": "#c9dde5"},
            name=_("Weight in force"),
            hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
        ),
        go.Scatter(
            _validate=False,
            x=[r.median for r in rows],
            y=labels,
            mode="markers",
            marker={"color": "#1f6f8b", "size": 9},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [r.high - r.median for r in rows],
                "arrayminus": [r.median - r.low for r in rows],
                "color": "#1f6f8b",
                "thickness": 2,
                "width": 6,
            },
            # xgettext:no-python-format (a percent sign, not a placeholder)
            name=_("Scenarios: median and 90% range"),
            hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
        ),
    ]
    layout = base_layout(
        height=320,
        margin={"l": 16, "r": 16, "t": 40, "b": 40},
        xaxis={"title": {"text": _("Weight (%)")}, "rangemode": "tozero", "gridcolor": "#eceff2"},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return figure_json(traces, layout)


def thin_trace(snapshots: Sequence) -> list:
    """The thin stretches of a history as a dashed, lighter line (joined to the solid line on either side)."""
    x: list = []
    y: list = []
    n = len(snapshots)
    i = 0
    while i < n:
        if not snapshots[i].thin:
            i += 1
            continue
        start = i
        while i < n and snapshots[i].thin:
            i += 1
        for s in snapshots[max(0, start - 1) : min(n, i + 1)]:
            x.append(s.as_of)
            y.append(s.value)
        x.append(snapshots[i - 1].as_of)
        y.append(None)  # a gap before the next stretch
    if not x:
        return []
    return [
        go.Scatter(
            _validate=False,
            x=x,
            y=y,
            mode="lines",
            line={"color": "#6fa3b8", "width": 2, "dash": "dash"},
            name=_("Thin data (read with care)"),
            hovertemplate="%{x|%b %Y}: %{y:.1f} " + _("(thin data)") + "<extra></extra>",
        )
    ]


def revision_markers(latest: Mapping) -> list:
    """A marker on each month-end value that was revised, saying from what to what and when."""
    points = [(as_of, r) for as_of, r in sorted(latest.items()) if r.new_value is not None]
    if not points:
        return []
    texts = [
        _("%(month)s revised on %(day)s: %(old)s → %(new)s")
        % {
            "month": formats.date_format(as_of, "M Y"),
            "day": formats.date_format(r.created_at, "j M Y"),
            "old": _("insufficient data") if r.old_value is None else formats.number_format(r.old_value, 1),
            "new": formats.number_format(r.new_value, 1),
        }
        for as_of, r in points
    ]
    return [
        go.Scatter(
            _validate=False,
            x=[as_of for as_of, _r in points],
            y=[r.new_value for _as_of, r in points],
            mode="markers",
            marker={"symbol": "diamond-open", "size": 10, "color": "#b35806", "line": {"width": 2}},
            name=_("Revised value"),
            text=texts,
            hovertemplate="%{text}<extra></extra>",
        )
    ]
