"""Organizer: the event's audit log (who, which device, what, when), filtered
and exported to CSV."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fairdesk.ui.common.presenters.base import Message
from fairdesk.ui.common.table_model import RowsModel
from fairdesk.ui.common.widgets import button, label
from fairdesk.ui.organizer.presenters.audit import COLUMNS, EMPTY, AuditPresenter


def _combo(name: str, every: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setProperty("every", every)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def _fill(combo: QComboBox, values: list[str]) -> None:
    """The choices, the first meaning "any"; the current one kept when it still exists."""
    current = combo.currentData() or ""
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(str(combo.property("every")), "")
    for value in values:
        combo.addItem(value, value)
    combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
    combo.blockSignals(False)


class AuditPage(QWidget):
    def __init__(self, presenter: AuditPresenter,
                 messages: Callable[[Message], None] = lambda m: None) -> None:
        super().__init__()
        self.presenter = presenter
        presenter.on_message = messages
        box = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(label("Audit", "title"))
        top.addStretch(1)
        self.export_button = button("&Export CSV…", self.export, shortcut="Ctrl+E",
                                    tip="The entries shown, as a spreadsheet")
        top.addWidget(self.export_button)
        box.addLayout(top)
        box.addLayout(self._filters())
        self.model = RowsModel(COLUMNS)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Audit log")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        subject = COLUMNS.index("Subject")  # a ref, or an export's whole path: cut mid-way
        header.setSectionResizeMode(subject, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(subject, 240)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.empty = label(EMPTY, "empty", wrap=True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        box.addWidget(self.stack, 1)
        presenter.on_change = self.redraw
        self.destroyed.connect(lambda *_: presenter.close())

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter: a ref, a file, a word of the detail")
        self.search.setAccessibleName("Filter the audit log")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.presenter.set_filter(text=text))
        row.addWidget(self.search, 1)
        self.action = _combo("Action", "Every action")
        self.device = _combo("Device", "Every device")
        self.first_day = _combo("From day", "From the first day")
        self.last_day = _combo("To day", "To the last day")
        for combo, field in ((self.action, "action"), (self.device, "device"),
                             (self.first_day, "first_day"), (self.last_day, "last_day")):
            combo.currentIndexChanged.connect(
                lambda _i, c=combo, f=field: self.presenter.set_filter(**{f: c.currentData()
                                                                          or ""}))
            row.addWidget(combo)
        self.summary = label("")
        row.addWidget(self.summary)
        return row

    def redraw(self) -> None:
        p = self.presenter
        _fill(self.action, p.actions)
        _fill(self.device, p.devices)
        _fill(self.first_day, p.days)
        _fill(self.last_day, p.days)
        self.model.set_rows(p.rows)
        self.summary.setText("" if not p.entries else p.summary)
        self.stack.setCurrentWidget(self.table if p.entries else self.empty)
        self.export_button.setEnabled(p.can_export)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.presenter.set_active(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.presenter.set_active(False)

    def export(self) -> None:
        if not self.presenter.can_export:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export the audit log",
                                              self.presenter.file_name, "CSV (*.csv)")
        if path:
            self.presenter.export(Path(path))
