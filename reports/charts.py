"""Bar charts as plain geometry for server-rendered SVG (templates/reports/_*_chart.html): no JavaScript.

Each chart carries its title, a one-sentence description for screen readers, and the rows of the data
table shown with it, so that every figure has a text alternative."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

BAR_COLOUR = "#0b4f8a"  # --brand; white-on-brand and brand-on-white both pass WCAG AA
SECOND_COLOUR = "#8a4b00"  # --warn


@dataclass
class Chart:
    id: str
    title: str
    desc: str
    width: int
    height: int
    kind: str  # "bars" (horizontal) or "columns" (grouped, vertical)
    headers: list[str]
    rows: list[list[object]]
    bars: list[dict] = field(default_factory=list)
    ticks: list[dict] = field(default_factory=list)
    groups: list[dict] = field(default_factory=list)
    legend: list[dict] = field(default_factory=list)
    empty: bool = False


def count_axis(value: int, *, max_ticks: int = 5) -> tuple[int, int]:
    """(top, step) of an axis of counts: a whole-number step of 1, 2 or 5 times a power of ten, so that every
    tick is an integer, with at most `max_ticks` intervals up to `top` >= `value` (e.g. 3 -> 0, 1, 2, 3)."""
    value = max(value, 1)
    power = 1
    while True:
        for step in (power, 2 * power, 5 * power):
            if step * max_ticks >= value:
                return step * math.ceil(value / step), step
        power *= 10


def bar_chart(*, id: str, title: str, items: list[tuple[str, int]], label_header: str,
              value_header: str | None = None) -> Chart:
    """Horizontal bars, one per (label, value): each label above its bar and the value after it, so that long
    labels never squeeze the bars and the chart fits a phone's width without scrolling."""
    value_header = value_header or _("Disputes")
    bar_w, row_h, bar_h, top = 290, 40, 16, 4
    top_value = max((v for _l, v in items), default=0)
    bars = []
    for i, (label, value) in enumerate(items):
        y = top + i * row_h
        width = round(bar_w * value / top_value, 1) if top_value else 0
        bars.append({"label": label, "value": value, "x": 0, "y": y + 18, "width": width, "height": bar_h,
                     "label_x": 0, "label_y": y + 13, "text_y": y + 18 + bar_h - 3, "value_x": width + 6})
    total = sum(v for _l, v in items)
    desc = "; ".join(f"{label}: {value}" for label, value in items) or _("No data.")
    return Chart(id=id, title=title, desc=desc, width=bar_w + 70, height=top * 2 + row_h * max(len(items), 1),
                 kind="bars", headers=[label_header, value_header],
                 rows=[[label, value] for label, value in items], bars=bars, empty=total == 0)


def column_chart(*, id: str, title: str, categories: list[str], series: list[tuple[str, list[int]]],
                 category_header: str) -> Chart:
    """Grouped vertical bars: for each category one bar per series, with a value axis and a legend."""
    colours = [BAR_COLOUR, SECOND_COLOUR]
    left, right, top, bottom, plot_h = 44, 8, 30, 26, 180
    group_w = 50
    plot_w = group_w * len(categories)
    bar_w = (group_w - 10) / max(len(series), 1)
    top_value, step = count_axis(max((v for _n, values in series for v in values), default=0))
    ticks = []
    for value in range(0, top_value + 1, step):
        y = top + plot_h - plot_h * value / top_value
        ticks.append({"y": round(y, 1), "text_y": round(y + 4, 1), "value": value, "label": str(value)})
    groups = []
    for c, category in enumerate(categories):
        x0 = left + c * group_w + 5
        bars = []
        for s, (name, values) in enumerate(series):
            h = plot_h * values[c] / top_value
            bars.append({"x": round(x0 + s * bar_w, 1), "y": round(top + plot_h - h, 1), "width": round(bar_w - 2, 1),
                         "height": round(h, 1), "colour": colours[s % len(colours)], "value": values[c],
                         "series": name})
        groups.append({"label": category, "label_x": x0 + (group_w - 10) / 2, "bars": bars})
    legend = [{"name": name, "colour": colours[s % len(colours)], "x": left + s * 160, "text_x": left + s * 160 + 18}
              for s, (name, _values) in enumerate(series)]
    desc = "; ".join(
        f"{category}: " + ", ".join(f"{name} {values[c]}" for name, values in series)
        for c, category in enumerate(categories)
    )
    rows = [[category, *[values[c] for _n, values in series]] for c, category in enumerate(categories)]
    empty = not any(v for _n, values in series for v in values)
    return Chart(id=id, title=title, desc=desc, width=left + plot_w + right, height=top + plot_h + bottom,
                 kind="columns", headers=[category_header, *[name for name, _v in series]], rows=rows,
                 ticks=[{**t, "x1": left, "x2": left + plot_w} for t in ticks], groups=groups, legend=legend,
                 empty=empty)
