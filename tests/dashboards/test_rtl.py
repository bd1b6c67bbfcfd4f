"""Charts on right-to-left pages: time and values run from the right, axes and legend on the right."""

import json

from django.utils import translation

from dashboards import figures


def test_a_mirrored_layout_reverses_the_horizontal_axis_and_moves_axis_legend_and_notes_right():
    layout = figures.base_layout(
        margin={"l": 48, "r": 16},
        xaxis={"type": "date", "range": ["2020-01-01", "2024-12-31"]},
        xaxis2={"autorange": "reversed"},
        yaxis={"title": {"text": "Index"}},
        annotations=[{"x": "2023-03-10", "text": "Thaw", "xanchor": "left"}],
    )
    mirrored = figures.mirror_layout(layout)
    assert mirrored["xaxis"]["range"] == ["2024-12-31", "2020-01-01"]
    assert mirrored["xaxis2"]["autorange"] is True
    assert mirrored["yaxis"] == {"title": {"text": "Index"}, "side": "right"}
    assert (mirrored["margin"]["l"], mirrored["margin"]["r"]) == (16, 48)
    assert (mirrored["legend"]["x"], mirrored["legend"]["xanchor"]) == (1, "right")
    assert mirrored["annotations"][0]["xanchor"] == "right"
    assert layout["xaxis"]["range"] == ["2020-01-01", "2024-12-31"]  # the original is left alone


def test_a_chart_without_an_x_axis_setting_still_runs_right_to_left_and_maps_stay_as_they_are():
    assert figures.mirror_layout(figures.base_layout(yaxis={}))["xaxis"] == {"autorange": "reversed"}
    geo = figures.mirror_layout(figures.base_layout(geo={"projection": {"type": "natural earth"}}))
    assert "xaxis" not in geo and "yaxis" not in geo


def test_figures_are_mirrored_only_in_arabic_and_persian():
    def layout(language: str) -> dict:
        with translation.override(language):
            return json.loads(figures.method_weights({"delivery": 0.5, "evaluation": 0.5}))["layout"]

    assert layout("fa")["xaxis"]["autorange"] == "reversed" and layout("ar")["yaxis"]["side"] == "right"
    assert "side" not in layout("en")["yaxis"] and "autorange" not in layout("zh-hans")["xaxis"]
