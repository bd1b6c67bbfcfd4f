"""Dashboard charts, built server-side with plotly's Python API.

Each function takes plain rows (already filtered to published data) and
returns a plotly JSON string for `Plotly.newPlot`. Nothing here queries the
database, so what a chart embeds is exactly what the page's tables show.
"""

import itertools
from collections.abc import Sequence
from datetime import date, timedelta

import plotly.graph_objects as go
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from plotly.io.json import to_json_plotly

from evaluation.scoring import DAC_CRITERIA
from programs.models import Normalisation, Rupture
from trustindex.models import IndexSnapshot

from .labels import COMPONENT_LABELS, DAC_LABELS
from .queries import QuarterDelivery

INDEX_COLORSCALE: list[tuple[float, str]] = [
    (0.0, "#b2182b"),
    (0.35, "#ef8a62"),
    (0.5, "#f4d166"),
    (0.65, "#91cf60"),
    (1.0, "#1a9850"),
]
NO_DATA_COLOR = "#9aa3ad"
EVENT_LOOKBACK = timedelta(days=3 * 365)
FONT = {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 13, "color": "#1d2733"}
STATUS_COLORS = {"on_time": "#1a9850", "late": "#f4a93b", "missed": "#b2182b", "open": "#1f6f8b", "other": "#9aa3ad"}


def base_layout(**extra) -> dict:
    base = {
        "font": FONT,
        "margin": {"l": 48, "r": 16, "t": 40, "b": 40},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "#ffffff",
        "hovermode": "closest",
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "xanchor": "left", "yanchor": "bottom"},
    }
    base.update(extra)
    return base


def figure_json(traces: list, layout: dict, phone: dict | None = None) -> str:
    """The figure as JSON, safe to embed in a <script type="application/json"> element.

    Traces are plotly graph objects built with `_validate=False` and the layout
    a plain dict: plotly's validation and default template cost ~20 ms a chart,
    which the dyad page's time budget cannot afford. Tests validate the figures.
    `phone` holds layout changes dashboards.js applies on narrow screens. In a
    right-to-left language the layout is mirrored (see `mirror_layout`).
    """
    if get_language_bidi():
        layout = mirror_layout(layout)
    figure: dict = {"data": [trace.to_plotly_json() for trace in traces], "layout": layout}
    if phone:
        figure["phone"] = phone
    text = to_json_plotly(translated(figure))
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))  # <, > and & are escaped above


def translated(value):
    """The figure with lazy translations (choice labels, gettext_lazy texts) read in the current
    language: plotly's JSON encoder knows plain strings only."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {key: translated(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [translated(item) for item in value]
    return value


JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
ANCHOR_MIRROR = {"left": "right", "right": "left"}


def mirror_layout(layout: dict) -> dict:
    """The layout for a right-to-left page: time and values run from the right, axes and legend on the right.

    Arabic and Persian readers start at the right, so a horizontal axis runs
    right to left (an explicit range is reversed), the vertical axis and its
    title stand on the right, and the legend and annotations hang from the right.
    """
    mirrored = {**layout}
    margin = layout.get("margin", {})
    mirrored["margin"] = {**margin, "l": margin.get("r", 80), "r": margin.get("l", 80)}
    if "legend" in layout:
        legend = layout["legend"]
        mirrored["legend"] = {
            **legend,
            "x": 1 - legend.get("x", 1.02),
            "xanchor": ANCHOR_MIRROR.get(legend.get("xanchor", "left"), legend.get("xanchor")),
        }
    cartesian = any(key.startswith(("xaxis", "yaxis")) for key in layout)
    for key, axis in {**({"xaxis": {}} if cartesian else {}), **layout}.items():
        if key.startswith("xaxis"):
            mirrored[key] = _reversed_axis(axis)
        elif key.startswith("yaxis"):
            mirrored[key] = {**axis, "side": "right"}
    if "annotations" in layout:
        mirrored["annotations"] = [
            {**note, "xanchor": ANCHOR_MIRROR.get(note.get("xanchor", "auto"), note.get("xanchor", "auto"))}
            for note in layout["annotations"]
        ]
    return mirrored


def _reversed_axis(axis: dict) -> dict:
    if "range" in axis:
        return {**axis, "range": list(reversed(axis["range"]))}
    return {**axis, "autorange": True if axis.get("autorange") == "reversed" else "reversed"}


def sparkline_path(values: Sequence[float | None], width: int = 120, height: int = 28) -> str:
    """An SVG path drawing `values` (gaps where None), scaled to their own range (at least 10 points)."""
    present = [v for v in values if v is not None]
    if len(values) < 2 or not present:
        return ""
    low, high = min(present), max(present)
    if high - low < 10:
        middle = (high + low) / 2
        low, high = middle - 5, middle + 5
    step = width / (len(values) - 1)
    parts, pen_down = [], False
    for i, v in enumerate(values):
        if v is None:
            pen_down = False
            continue
        y = height - 2 - (v - low) / (high - low) * (height - 4)
        parts.append(f"{'L' if pen_down else 'M'}{i * step:.1f},{y:.1f}")
        pen_down = True
    return " ".join(parts)


def index_color(value: float | None) -> str:
    """The colour of an index value on the red–amber–green scale (grey when missing)."""
    if value is None:
        return NO_DATA_COLOR
    x = max(0.0, min(1.0, value / 100))
    for (lo, lo_color), (hi, hi_color) in itertools.pairwise(INDEX_COLORSCALE):
        if x <= hi:
            t = (x - lo) / (hi - lo)
            a, b = _rgb(lo_color), _rgb(hi_color)
            return "#" + "".join(f"{round(p + (q - p) * t):02x}" for p, q in zip(a, b, strict=True))
    return INDEX_COLORSCALE[-1][1]


def _rgb(hex_color: str) -> tuple[int, int, int]:
    return int(hex_color[1:3], 16), int(hex_color[3:5], 16), int(hex_color[5:7], 16)


def overview_map(rows: Sequence) -> str:
    """A world map with a line between the two states of each dyad, coloured by its current index."""
    traces: list = []
    for row in rows:
        value = row.value
        label = f"{row.dyad}: {value:.1f}" if value is not None else f"{row.dyad}: {row.value_label}"
        traces.append(
            go.Scattergeo(
                _validate=False,
                locations=[row.dyad.state_a.alpha3, row.dyad.state_b.alpha3],
                locationmode="ISO-3",
                mode="lines+markers",
                line={"width": 4, "color": index_color(value)},
                marker={"size": 9, "color": index_color(value), "line": {"width": 1, "color": "#ffffff"}},
                name=str(row.dyad),
                text=[label, label],
                hoverinfo="text",
                showlegend=False,
            )
        )
    # An invisible trace carries the colour bar explaining the line colours.
    traces.append(
        go.Scattergeo(
            _validate=False,
            lon=[None],
            lat=[None],
            mode="markers",
            marker={
                "color": [0],
                "cmin": 0,
                "cmax": 100,
                "colorscale": INDEX_COLORSCALE,
                "showscale": True,
                "colorbar": {
                    "title": {"text": _("Trust index"), "side": "top"},
                    "orientation": "h",
                    "thickness": 10,
                    "len": 0.5,
                    "x": 0.5,
                    "y": -0.02,
                    "yanchor": "top",
                },
            },
            hoverinfo="skip",
            showlegend=False,
        )
    )
    layout = base_layout(
        margin={"l": 0, "r": 0, "t": 0, "b": 60},
        height=420,
        geo={
            "projection": {"type": "natural earth"},
            "showcountries": True,
            "countrycolor": "#c7ccd3",
            "landcolor": "#eef0ea",
            "showocean": True,
            "oceancolor": "#f4f8fb",
            "lataxis": {"range": [-5, 70]},
            "lonaxis": {"range": [-100, 160]},
        },
    )
    return figure_json(traces, layout)


def index_history(
    snapshots: Sequence[IndexSnapshot],
    ruptures: Sequence[Rupture],
    normalisations: Sequence[Normalisation],
    extra: Sequence = (),
) -> str:
    """The index over time with its 90% sensitivity band and the dyad's ruptures and thaws marked.

    Thin values are left out of the solid line: `extra` traces (explained_figures.py) draw them
    dashed, and mark the revised values."""
    dates = [s.as_of for s in snapshots]
    traces: list = []
    traces.append(
        go.Scatter(
            _validate=False,
            x=dates,
            y=[s.band_low for s in snapshots],
            mode="lines",
            line={"width": 0},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    traces.append(
        go.Scatter(
            _validate=False,
            x=dates,
            y=[s.band_high for s in snapshots],
            mode="lines",
            line={"width": 0},
            fill="tonexty",
            fillcolor="rgba(31,111,139,0.18)",
            # xgettext:no-python-format (a percent sign, not a placeholder)
            name=_("90% sensitivity band"),
            hoverinfo="skip",
        )
    )
    traces.append(
        go.Scatter(
            _validate=False,
            x=dates,
            y=[None if s.thin else s.value for s in snapshots],
            mode="lines",
            line={"color": "#1f6f8b", "width": 2.5},
            name=_("Trust index"),
            hovertemplate="%{x|%b %Y}: %{y:.1f}<extra></extra>",
        )
    )
    traces += extra
    shapes, annotations = [], []
    events = [(r.date, r.get_kind_display(), "#b2182b") for r in ruptures]
    events += [(n.date, n.get_kind_display(), "#1a9850") for n in normalisations]
    # Events long before the first index would squeeze the series to a sliver: the
    # chart marks those up to EVENT_LOOKBACK earlier; the page lists them all.
    shown = sorted(e for e in events if dates[0] - EVENT_LOOKBACK <= e[0] <= dates[-1])
    x_start = min([dates[0], *(day for day, _, _ in shown)]) - timedelta(days=45)
    for i, (day, text, color) in enumerate(shown):
        shapes.append(
            {
                "type": "line",
                "x0": day,
                "x1": day,
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "line": {"color": color, "width": 1.5, "dash": "dot"},
            }
        )
        annotations.append(
            {
                "x": day,
                "yref": "paper",
                "y": 1 - 0.09 * (i % 3),
                "text": text,
                "showarrow": False,
                "xanchor": "left",
                "font": {"size": 11, "color": color},
                "bgcolor": "rgba(255,255,255,0.8)",
            }
        )
    layout = base_layout(
        height=360,
        # Room on the right for half of the last date label, which is centred on its tick.
        margin={"l": 48, "r": 36, "t": 40, "b": 40},
        shapes=shapes,
        annotations=annotations,
        yaxis={"range": [0, 100], "title": {"text": _("Index (0–100)")}, "gridcolor": "#eceff2"},
        xaxis={"type": "date", "gridcolor": "#eceff2", "range": [x_start, dates[-1] + timedelta(days=45)]},
    )
    return figure_json(traces, layout)


def components_radar(components: dict) -> str:
    """The six components of the latest index (0–100) on a radar chart; missing ones at zero, hollow."""
    keys = list(COMPONENT_LABELS)
    values = [_component_value(components, key) for key in keys]
    labels = [COMPONENT_LABELS[key].replace(" ", "<br>") for key in keys]
    hover = [
        _("%(component)s: %(value).0f (based on %(count)d)")
        % {"component": COMPONENT_LABELS[key], "value": v * 100, "count": _component_count(components, key)}
        if v is not None
        else _("%(component)s: no data") % {"component": COMPONENT_LABELS[key]}
        for v, key in zip(values, keys, strict=True)
    ]
    radii = [round(v * 100, 1) if v is not None else 0 for v in values]
    traces = [
        go.Scatterpolar(
            _validate=False,
            r=[*radii, radii[0]],
            theta=[*labels, labels[0]],
            fill="toself",
            fillcolor="rgba(31,111,139,0.25)",
            line={"color": "#1f6f8b"},
            text=[*hover, hover[0]],
            hoverinfo="text",
            name=_("Components"),
        )
    ]
    layout = base_layout(
        height=340,
        margin={"l": 80, "r": 80, "t": 30, "b": 30},
        showlegend=False,
        polar={
            "radialaxis": {"range": [0, 100], "angle": 90, "tickfont": {"size": 10}},
            "angularaxis": {"tickfont": {"size": 11}},
            "bgcolor": "#ffffff",
        },
    )
    return figure_json(traces, layout)


def _component_value(components: dict, key: str) -> float | None:
    entry = components.get(key) or {}
    return entry.get("value")


def _component_count(components: dict, key: str) -> int:
    entry = components.get(key) or {}
    return int(entry.get("count") or 0)


def delivery_by_quarter(quarters: Sequence[QuarterDelivery]) -> str:
    """Milestones due per quarter, stacked: on time, late, missed."""
    x = [_quarter_label(q.quarter) for q in quarters]
    traces: list = []
    for attr, name in (("on_time", _("On time")), ("late", _("Late")), ("missed", _("Missed or overdue"))):
        traces.append(
            go.Bar(
                _validate=False,
                x=x,
                y=[getattr(q, attr) for q in quarters],
                name=name,
                marker={"color": STATUS_COLORS[attr]},
            )
        )
    layout = base_layout(
        height=320,
        barmode="stack",
        yaxis={"title": {"text": _("Milestones due")}, "gridcolor": "#eceff2"},
        xaxis={"type": "category", "automargin": True},
    )
    # On a phone, every quarter's label would be turned on its side; every third one, upright, reads better.
    return figure_json(traces, layout, phone={"xaxis": {"nticks": 6, "tickangle": 0}})


def _quarter_label(day: date) -> str:
    return _("%(year)d Q%(quarter)d") % {"year": day.year, "quarter": (day.month - 1) // 3 + 1}


def programs_by_domain(domains: Sequence[tuple[str, int]]) -> str:
    """Published programs per domain, from (domain label, count) pairs."""
    traces = [
        go.Bar(
            _validate=False,
            x=[n for _, n in domains],
            y=[label for label, _ in domains],
            orientation="h",
            marker={"color": "#1f6f8b"},
        )
    ]
    layout = base_layout(
        height=240,
        margin={"l": 16, "r": 16, "t": 10, "b": 30},
        xaxis={
            "title": {"text": _("Programs")},
            "rangemode": "tozero",
            "gridcolor": "#eceff2",
            **({"dtick": 1} if max((n for _, n in domains), default=0) <= 10 else {}),
        },
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return figure_json(traces, layout)


def dac_ratings(means: Sequence[float | None]) -> str:
    """Mean rating (1–4) of each OECD DAC criterion over the published evaluations."""
    traces = [
        go.Bar(
            _validate=False,
            x=[DAC_LABELS[c] for c in DAC_CRITERIA],
            y=list(means),
            marker={"color": "#5b8fa8"},
            name=_("Mean rating"),
        )
    ]
    layout = base_layout(
        height=280,
        yaxis={"range": [0, 4], "dtick": 1, "title": {"text": _("Mean rating (1–4)")}, "gridcolor": "#eceff2"},
        xaxis={"automargin": True},
    )
    return figure_json(traces, layout)


def method_weights(weights: dict[str, float]) -> str:
    """The weights in force, one bar per component."""
    keys = [k for k in COMPONENT_LABELS if k in weights]
    traces = [
        go.Bar(
            _validate=False,
            x=[round(weights[k] * 100, 1) for k in keys],
            y=[COMPONENT_LABELS[k] for k in keys],
            orientation="h",
            marker={"color": "#1f6f8b"},
            hovertemplate="%{y}: %{x}%<extra></extra>",
        )
    ]
    layout = base_layout(
        height=260,
        margin={"l": 16, "r": 16, "t": 10, "b": 40},
        xaxis={"title": {"text": _("Weight (%)")}, "gridcolor": "#eceff2"},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return figure_json(traces, layout)
