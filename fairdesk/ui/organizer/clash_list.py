"""The Devices page's list of Phase Two bookings in clash (issue 15 item 4)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from fairdesk.ui.common.table_model import RowsModel
from fairdesk.ui.common.widgets import label
from fairdesk.ui.organizer.presenters.devices import CLASH_COLUMNS

MAX_HEIGHT = 180


class ClashList(QWidget):
    """A warning line and a table, hidden while no booking is in clash."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.line = label("", "parked", wrap=True)
        self.line.setAccessibleName("Booking clashes")
        box.addWidget(self.line)
        self.model = RowsModel(CLASH_COLUMNS)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Bookings in clash")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CLASH_COLUMNS.index("Lost to"),
                                    QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.table)

    def show_clashes(self, text: str, rows: list[tuple[str, ...]]) -> None:
        self.setVisible(bool(rows))
        self.line.setText(text)
        self.model.set_rows(rows)
        table = self.table
        height = (table.horizontalHeader().height() + table.verticalHeader().length()
                  + 2 * table.frameWidth() + 2)
        table.setFixedHeight(min(height, MAX_HEIGHT))
