"""Bar charts for the event report, drawn with reportlab.graphics (vector, no images)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import Color, HexColor

from fairdesk.exports.book_style import ACCENT, INK, MUTED, REGULAR

SECOND = HexColor("#e0a43a")
FONT_SIZE = 7.5
MAX_PLOT = 600  # points: a bar chart, its title and note fit a letter page


def nice_step(largest: float, ticks: int = 5) -> int:
    """A whole step of 1, 2 or 5 × 10ⁿ that gives about ``ticks`` grid lines."""
    raw = max(1.0, largest / ticks)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)  # pragma: no cover


def _axis_max(values: Sequence[Sequence[int]]) -> tuple[int, int]:
    largest = max((max(series, default=0) for series in values), default=0)
    step = nice_step(largest)
    return step * max(1, math.ceil(largest / step + 0.15)), step


def _style_axes(chart: VerticalBarChart | HorizontalBarChart,
                data: Sequence[Sequence[int]]) -> None:
    top, step = _axis_max(data)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = FONT_SIZE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = HexColor("#dde3e6")
    chart.valueAxis.strokeColor = MUTED
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = FONT_SIZE
    chart.categoryAxis.strokeColor = MUTED
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = FONT_SIZE - 1
    chart.barLabels.fillColor = INK


def _colour(chart: VerticalBarChart | HorizontalBarChart, series: int) -> None:
    colours: tuple[Color, ...] = (ACCENT, SECOND)
    for index in range(series):
        chart.bars[index].fillColor = colours[index % 2]
        chart.bars[index].strokeColor = None


def column_chart(labels: Sequence[str], values: Sequence[int], width: float, *,
                 height: float = 170, every: int = 1, caption: str = "") -> Drawing:
    """Vertical bars, one series; label every ``every``-th category."""
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    rotated = every == 1 and len(labels) > 12  # upright labels would overlap
    below = (46 if rotated else 26) + (12 if caption else 0)  # tick labels, then caption
    chart.x, chart.y, chart.width, chart.height = 34, below, width - 44, height - below - 16
    chart.data = [list(values)]
    chart.categoryAxis.categoryNames = [
        label if index % every == 0 else "" for index, label in enumerate(labels)
    ]
    _style_axes(chart, chart.data)
    chart.barLabels.nudge = 6
    chart.categoryAxis.labels.angle = 90 if rotated else 0
    chart.categoryAxis.labels.boxAnchor = "n" if chart.categoryAxis.labels.angle == 0 else "e"
    _colour(chart, 1)
    chart.groupSpacing = 2
    drawing.add(chart)
    if caption:
        drawing.add(String(width - 10, 4, caption, fontName=REGULAR, fontSize=FONT_SIZE,
                           fillColor=MUTED, textAnchor="end"))
    return drawing


def bar_chart(labels: Sequence[str], series: Sequence[Sequence[int]], width: float,
              names: Sequence[str] = (), label_width: float = 150) -> Drawing:
    """Horizontal bars, first label at the top; one or two series with a legend.

    At most ``MAX_PLOT`` tall so the chart fits a page: with many rows (60
    employers, 30 districts) the rows and their labels get smaller."""
    row = 13 * len(series) + 5
    plot = min(max(row * len(labels), 20), MAX_PLOT)
    legend = 18 if names else 0
    drawing = Drawing(width, plot + 30 + legend)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = label_width, 20, width - label_width - 30, plot
    chart.data = [list(reversed(s)) for s in series]
    chart.categoryAxis.categoryNames = [_short(t) for t in reversed(labels)]
    _style_axes(chart, chart.data)
    chart.barLabels.nudge = 8
    chart.barLabels.boxAnchor = "w"
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.barSpacing = 1
    chart.groupSpacing = 4
    _colour(chart, len(series))
    per_row = plot / max(1, len(labels))
    if per_row < row:  # squeezed: labels shrink with the rows (never below 5 pt)
        size = max(5.0, min(FONT_SIZE, per_row * 0.75))
        chart.categoryAxis.labels.fontSize = size
        chart.barLabels.fontSize = max(4.5, min(FONT_SIZE - 1, per_row / len(series) * 0.8))
        chart.groupSpacing = max(1.0, per_row * 0.15)
    drawing.add(chart)
    if names:
        drawing.add(_legend(names, label_width, plot + 34))
    return drawing


def _legend(names: Sequence[str], x: float, y: float) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName = REGULAR
    legend.fontSize = FONT_SIZE + 0.5
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 110
    legend.dx = legend.dy = 7
    legend.colorNamePairs = list(zip((ACCENT, SECOND), names, strict=False))
    return legend


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
