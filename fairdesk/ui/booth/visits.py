"""Today's visitors, newest first: filter by rating, tag and Phase Two; search; tap to edit."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fairdesk.ui.booth.card import TOUCH
from fairdesk.ui.booth.presenters.booth import BoothPresenter
from fairdesk.ui.common.table_model import RowsModel
from fairdesk.ui.common.widgets import label

RATINGS = (("Any rating", None), ("Not rated", 0), ("★ 5", 5), ("★ 4 and up", 4),
           ("★ 3 and up", 3), ("★ 2 and up", 2))


class _Visitors(RowsModel):
    """The rows, with "clash: rebook" in red."""

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            text = super().data(index, Qt.ItemDataRole.DisplayRole)
            return QBrush(QColor("#b3141c")) if str(text).startswith("clash") else None
        return super().data(index, role)


class VisitList(QWidget):
    def __init__(self, presenter: BoothPresenter) -> None:
        super().__init__()
        self.presenter = presenter
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.counts = label("", "section")
        box.addWidget(self.counts)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search name, ref, notes, tags")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(TOUCH - 8)
        self.search.setAccessibleName("Search visitors")
        self.search.textChanged.connect(lambda t: presenter.set_filter(text=t))
        box.addWidget(self.search)
        box.addLayout(self._filters())
        self.model = _Visitors(("Time", "Visitor", "Rating", "Tags", ""))
        self.table = self._table()
        self.empty = label("", "empty", wrap=True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        box.addWidget(self.stack, 1)
        self._ids: list[str] = []

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.rating = QComboBox()
        for text, value in RATINGS:
            self.rating.addItem(text, value)
        self.rating.currentIndexChanged.connect(
            lambda i: self.presenter.set_filter(rating=self.rating.itemData(i)))
        self.tag = QComboBox()
        # as wide as "Any tag", not as the longest tag: a long one widened the window
        self.tag.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.tag.setMinimumContentsLength(8)
        self.tag.addItem("Any tag", None)
        for tag in self.presenter.employer.tags:
            self.tag.addItem(tag, tag)
        self.tag.currentIndexChanged.connect(
            lambda i: self.presenter.set_filter(tag=self.tag.itemData(i)))
        self.phase_two = QPushButton("Phase Two only")
        self.phase_two.setCheckable(True)
        self.phase_two.toggled.connect(lambda on: self.presenter.set_filter(phase_two=on))
        self.all_days = QPushButton("All days")
        self.all_days.setCheckable(True)
        self.all_days.toggled.connect(lambda on: self.presenter.set_filter(today_only=not on))
        for widget in (self.rating, self.tag, self.phase_two, self.all_days):
            widget.setMinimumHeight(TOUCH - 8)
            row.addWidget(widget)
        return row

    def _table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(TOUCH - 8)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, 110)
        table.clicked.connect(self._picked)
        table.setAccessibleName("Visitors")
        return table

    def _picked(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self._ids):
            self.presenter.select_visit(self._ids[index.row()])

    def refresh(self) -> None:
        shown = self.presenter.shown_visits()
        self._ids = [v.visit_id for v in shown]
        self.model.set_rows([self.presenter.row(v) for v in shown])
        self.counts.setText(self.presenter.counts_text)
        self.empty.setText(self.presenter.empty_text)
        self.stack.setCurrentIndex(0 if shown else 1)
        card = self.presenter.card
        if card is not None and card.visit_id in self._ids:
            self.table.selectRow(self._ids.index(card.visit_id))
