"""The SVG charts' value axis counts disputes: every tick is a whole number."""

from __future__ import annotations

import pytest

from reports.charts import column_chart, count_axis


def axis_labels(maximum: int) -> list[str]:
    chart = column_chart(id="c", title="t", categories=["a", "b"], series=[("s", [maximum, 0])],
                         category_header="h")
    return [tick["label"] for tick in chart.ticks]


@pytest.mark.parametrize(("maximum", "labels"), [
    (0, ["0", "1"]),
    (1, ["0", "1"]),
    (2, ["0", "1", "2"]),
    (3, ["0", "1", "2", "3"]),
    (5, ["0", "1", "2", "3", "4", "5"]),
    (6, ["0", "2", "4", "6"]),
    (10, ["0", "2", "4", "6", "8", "10"]),
    (23, ["0", "5", "10", "15", "20", "25"]),
    (480, ["0", "100", "200", "300", "400", "500"]),
])
def test_ticks_are_whole_numbers_up_to_at_least_the_largest_value(maximum, labels):
    assert axis_labels(maximum) == labels


@pytest.mark.parametrize("maximum", range(0, 130))
def test_no_tick_is_ever_fractional_and_the_bars_fit(maximum):
    top, step = count_axis(maximum)
    assert isinstance(top, int) and isinstance(step, int)
    assert top >= maximum and top % step == 0 and 1 <= top // step <= 5
    chart = column_chart(id="c", title="t", categories=["a"], series=[("s", [maximum])], category_header="h")
    for tick in chart.ticks:
        assert "." not in tick["label"] and int(tick["label"]) == tick["value"]
    assert chart.ticks[-1]["value"] == top
    assert chart.groups[0]["bars"][0]["height"] <= 180  # never taller than the plot
