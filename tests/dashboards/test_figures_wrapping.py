"""Long legend entries and axis titles are broken into lines: plotly never wraps them."""

from dashboards.figures import LEGEND_WIDTH, wrapped, wrapped_labels


def test_a_long_translated_legend_entry_is_broken_at_spaces():
    label = "Контрольные точки с наступившим сроком"
    lines = wrapped(label, LEGEND_WIDTH).split("<br>")
    assert len(lines) == 2 and all(len(line) <= LEGEND_WIDTH for line in lines)
    assert " ".join(lines) == label


def test_short_labels_and_axis_titles_stay_as_they_are_and_long_titles_wrap():
    figure = {
        "data": [{"name": "Trust index"}, {"type": "bar"}],
        "layout": {"yaxis": {"title": {"text": "Index"}}, "xaxis": {"title": "Index without the component, by month"}},
    }
    wrapped_labels(figure)
    assert figure["data"][0]["name"] == "Trust index"
    assert figure["layout"]["yaxis"]["title"]["text"] == "Index"
    assert "<br>" in figure["layout"]["xaxis"]["title"]
