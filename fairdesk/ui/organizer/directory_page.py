"""Organizer: the candidate directory (search, filters) opening a candidate's record."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fairdesk.services.directory import FILTERS
from fairdesk.services.session import EventSession
from fairdesk.ui.common.presenters.base import Message
from fairdesk.ui.common.table_model import RowsModel
from fairdesk.ui.common.widgets import button, label
from fairdesk.ui.organizer.presenters.directory import COLUMNS, DirectoryPresenter
from fairdesk.ui.organizer.presenters.record import RecordPresenter
from fairdesk.ui.organizer.record_dialog import RecordDialog


class DirectoryPage(QWidget):
    def __init__(self, presenter: DirectoryPresenter,
                 messages: Callable[[Message], None] = lambda m: None) -> None:
        super().__init__()
        self.presenter = presenter
        self.messages = messages
        self.dialog: RecordDialog | None = None
        box = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(label("Candidates", "title"))
        self.search = QLineEdit()
        self.search.setPlaceholderText("Name, ref, e-mail or phone, as at the desk")
        self.search.setAccessibleName("Search candidates")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(presenter.set_text)
        self.search.returnPressed.connect(self.open_selected)
        top.addWidget(self.search, 1)
        top.addWidget(button("&Open record…", self.open_selected, shortcut="Ctrl+O",
                             primary=True))
        box.addLayout(top)
        filters = QHBoxLayout()
        self.filter_boxes: dict[str, QCheckBox] = {}
        for name, text in FILTERS.items():
            check = QCheckBox(text)
            check.toggled.connect(partial(presenter.set_filter, name))
            filters.addWidget(check)
            self.filter_boxes[name] = check
        filters.addStretch(1)
        self.summary = label("")
        filters.addWidget(self.summary)
        box.addLayout(filters)
        self.model = RowsModel(COLUMNS)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Candidates")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        box.addWidget(self.table, 1)
        # typing is searching: the box has the focus when the page opens, the
        # arrows move through the matches from it, and a key typed in the table
        # goes on in the box instead of being lost to the table's type-ahead
        self.search.installEventFilter(self)
        self.table.installEventFilter(self)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        presenter.on_change = self.redraw
        self.destroyed.connect(lambda *_: presenter.close())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.focus_search)  # after the click that chose the page

    def focus_search(self) -> None:
        if self.isVisible():
            self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if watched is self.search and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down,
                                                      Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self._move(event.key())
            return True
        if watched is self.table and event.text().isprintable() and event.text().strip() \
                and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                             | Qt.KeyboardModifier.AltModifier):
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)
            self.search.insert(event.text())
            return True
        return False

    def _move(self, key: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        selected = self.table.selectionModel().selectedRows()
        row = selected[0].row() if selected else 0
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -10,
                Qt.Key.Key_PageDown: 10}[Qt.Key(key)]
        row = max(0, min(rows - 1, row + step))
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def redraw(self) -> None:
        self.model.set_rows(self.presenter.rows)
        self.summary.setText(self.presenter.summary)
        if self.model.rowCount():
            self.table.selectRow(0)

    def open_selected(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        self.open_row(selected[0].row() if selected else 0)

    def open_row(self, row: int) -> None:
        candidate_id = self.presenter.candidate_at(row)
        if candidate_id is None:
            self.presenter.say("warning", "Search for a candidate, then open their record.")
            return
        self.dialog = open_record(self.presenter.session, candidate_id, self, self.messages)


def open_record(session: EventSession, candidate_id: str, parent: QWidget,
                messages: Callable[[Message], None]) -> RecordDialog:
    presenter = RecordPresenter(session, candidate_id)
    presenter.on_message = messages
    dialog = RecordDialog(presenter, parent)
    presenter.load()
    dialog.show()
    return dialog
