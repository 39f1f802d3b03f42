"""Organizer: the live dashboard (the console's first page)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCharts import (
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fairdesk.ui.common import jobs
from fairdesk.ui.common.table_model import RowsModel
from fairdesk.ui.common.widgets import label
from fairdesk.ui.organizer.presenters.dashboard import (
    BOARD_COLUMNS,
    DEVICE_COLUMNS,
    PHASE_TWO_COLUMNS,
    DashboardPresenter,
)

TICK_MS = 3000
_MARK_COLOURS = {"crowded": "#f8d7a8", "empty": "#e4e7eb", "silent": "#f6c6c6"}


class MarkedRowsModel(RowsModel):
    """Rows with a mark each ("crowded", "empty", "silent"): a background colour."""

    def __init__(self, columns: Sequence[str]) -> None:
        super().__init__(columns)
        self.marks: list[str] = []

    def set_marked(self, rows: Sequence[Sequence[Any]], marks: list[str]) -> None:
        self.marks = list(marks)
        self.set_rows(rows)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            colour = _MARK_COLOURS.get(self.marks[index.row()]) \
                if index.row() < len(self.marks) else None
            return QColor(colour) if colour else None
        return super().data(index, role)


def _table(model: RowsModel, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return table


def _group(title: str, *widgets: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    for widget in widgets:
        layout.addWidget(widget)
    return box


class DashboardPage(QWidget):
    def __init__(self, presenter: DashboardPresenter) -> None:
        super().__init__()
        self.presenter = presenter
        presenter.runner = self._run
        self.job: jobs.Job | None = None
        grid = QGridLayout(self)
        top = QHBoxLayout()
        top.addWidget(label("Today at the fair", "title"))
        top.addStretch(1)
        self.day_box = QComboBox()
        self.day_box.setAccessibleName("Fair day shown in the chart")
        self.day_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.day_box.activated.connect(self._day_chosen)
        top.addWidget(self.day_box)
        grid.addLayout(top, 0, 0, 1, 2)
        self.pace = label("", "big", wrap=True)
        self.queue = label("", wrap=True)
        self.no_visit = label("", wrap=True)
        self.error = label("", "error", wrap=True)
        self.chart = QChart()
        self.chart.setTitle("Arrivals per 15 minutes, by desk")
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(260)
        grid.addWidget(_group("Arrivals", self.pace, self.queue, self.chart_view), 1, 0)
        self.board = MarkedRowsModel(BOARD_COLUMNS)
        grid.addWidget(_group("Booth traffic", self.no_visit,
                              _table(self.board, "Booth traffic")), 1, 1)
        self.phase_two = RowsModel(PHASE_TWO_COLUMNS)
        grid.addWidget(_group("Phase Two", _table(self.phase_two, "Phase Two")), 2, 0)
        self.devices = MarkedRowsModel(DEVICE_COLUMNS)
        self.devices_empty = label("", "empty", wrap=True)
        self.devices_table = _table(self.devices, "Devices")
        grid.addWidget(_group("Devices", self.devices_empty, self.devices_table), 2, 1)
        grid.addWidget(self.error, 3, 0, 1, 2)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(2, 2)
        presenter.on_change = self.redraw
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(presenter.tick)
        self.timer.start()
        self.destroyed.connect(lambda *_: presenter.close())

    def _run(self, work: Any, on_done: Any, on_failed: Any) -> None:
        self.job = jobs.start(work, on_done, on_failed)

    def _day_chosen(self, index: int) -> None:
        self.presenter.day = self.day_box.itemData(index)
        self._draw_chart()

    def redraw(self) -> None:
        p = self.presenter
        self.pace.setText(p.pace_text)
        self.queue.setText(p.queue_text)
        self.no_visit.setText(p.no_visit_text)
        self.error.setText(p.error)
        self.error.setVisible(bool(p.error))
        self.board.set_marked(*p.board_rows())
        self.phase_two.set_rows(p.phase_two_rows())
        self.devices.set_marked(*p.device_rows())
        self.devices_empty.setText(p.devices_empty_text)
        self.devices_empty.setVisible(bool(p.devices_empty_text))
        self.devices_table.setVisible(not p.devices_empty_text)  # no empty grid under it
        self._fill_days()
        self._draw_chart()

    def _fill_days(self) -> None:
        days = self.presenter.days
        if [self.day_box.itemData(i) for i in range(self.day_box.count())] == days:
            return
        self.day_box.clear()
        for day in days:
            self.day_box.addItem(day, day)
        shown = self.presenter.chart().day
        if shown in days:
            self.day_box.setCurrentIndex(days.index(shown))

    def _draw_chart(self) -> None:
        data = self.presenter.chart()
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        series = QStackedBarSeries()
        for name, counts in data.series:
            bar = QBarSet(name)
            bar.append([float(c) for c in counts])
            series.append(bar)
        self.chart.addSeries(series)
        x_axis = QCategoryAxis()  # labels at chosen bars only: each hour of a long day
        x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        x_axis.setStartValue(-0.5)
        x_axis.setRange(-0.5, max(len(data.slots), 1) - 0.5)
        for index, text in data.marks:
            x_axis.append(text, index)
        x_axis.setGridLineVisible(False)
        y_axis = QValueAxis()
        totals = [sum(c) for c in zip(*(s[1] for s in data.series), strict=True)]
        y_axis.setRange(0, max([*totals, 4]))
        y_axis.applyNiceNumbers()  # 0, 25, 50 … rather than 0, 25.75, 51.5 …
        y_axis.setLabelFormat("%d")
        self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
