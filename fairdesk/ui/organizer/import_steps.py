"""The widgets of the import wizard's steps (the page in ``import_page`` drives them).

Each step is a passive widget with a ``redraw(wizard)``; buttons call back into
the page, which talks to the presenter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QProgressBar,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fairdesk.ui.common.table_model import RowsModel
from fairdesk.ui.common.widgets import label
from fairdesk.ui.organizer.presenters.import_wizard import REPORT_COLUMNS, ImportWizard

FORMULA_TIP = "Kept and shown as text: a spreadsheet would have run it as a formula."
_FORMULA_BRUSH = QBrush(QColor("#fff4cc"))


def buttons_row(*widgets: QWidget, lead: QWidget | None = None,
                left: bool = False) -> QHBoxLayout:
    """Buttons at their natural size: right-aligned (or ``left``), after ``lead``."""
    row = QHBoxLayout()
    if lead is not None:
        row.addWidget(lead)
    if not left:
        row.addStretch(1)
    for widget in widgets:
        row.addWidget(widget)
    if left:
        row.addStretch(1)
    return row


class ReportTable(QWidget):
    """Rows not taken, warnings and résumé files with a note; an empty state."""

    def __init__(self, empty_text: str) -> None:
        super().__init__()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.model = RowsModel([c.capitalize() for c in REPORT_COLUMNS])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Import report")
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.table, 1)
        self.empty = label(empty_text, "empty", wrap=True)
        box.addWidget(self.empty)

    def show_rows(self, rows: list[dict[str, Any]]) -> None:
        self.model.set_rows([[r[c] for c in REPORT_COLUMNS] for r in rows])
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)


class MappingTable(QTableWidget):
    """First row: a menu per column (what it is imported as); then the preview rows."""

    def __init__(self, on_target: Callable[[int, str], None]) -> None:
        super().__init__()
        self.on_target = on_target
        self.combos: list[QComboBox] = []
        self._shape: tuple[Any, ...] = ()
        self.setAccessibleName("Column mapping and preview")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.horizontalHeader().setDefaultSectionSize(170)

    def redraw(self, wizard: ImportWizard) -> None:
        shape = (wizard.path, wizard.sheet, wizard.headers, len(wizard.preview))
        if shape != self._shape:
            self._build(wizard)
            self._shape = shape
        for combo, target in zip(self.combos, wizard.mapping, strict=True):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(target)))
            combo.blockSignals(False)

    def _build(self, wizard: ImportWizard) -> None:
        self.clear()
        self.combos = []
        self.setColumnCount(len(wizard.headers))
        self.setRowCount(1 + len(wizard.preview))
        self.setHorizontalHeaderLabels(list(wizard.headers))
        self.setVerticalHeaderLabels(["Import as"] + [str(n) for n, _ in wizard.preview])
        for column in range(len(wizard.headers)):
            combo = QComboBox()
            combo.setAccessibleName(f"Import column {wizard.headers[column]} as")
            for target, text in wizard.target_choices:
                combo.addItem(text, target)
            combo.currentIndexChanged.connect(
                lambda _i, c=column, box=combo: self.on_target(c, box.currentData()))
            self.setCellWidget(0, column, combo)
            self.combos.append(combo)
        for row, (_number, cells) in enumerate(wizard.preview, start=1):
            for column, cell in enumerate(cells):
                self.setItem(row, column, self._cell(cell, wizard))
        self.setRowHeight(0, 40)

    @staticmethod
    def _cell(text: str, wizard: ImportWizard) -> QTableWidgetItem:
        item = QTableWidgetItem(" ".join(text.split()))
        item.setToolTip(text)
        if wizard.shows_as_formula(text):
            item.setBackground(_FORMULA_BRUSH)
            item.setToolTip(f"{text}\n{FORMULA_TIP}")
        return item


class ProgressPanel(QWidget):
    """A caption, a progress bar and the Cancel button the page gives it."""

    def __init__(self, cancel: QWidget) -> None:
        super().__init__()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.caption = label("", "subtitle", wrap=True)
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Progress")
        box.addWidget(self.caption)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(cancel)
        box.addLayout(row)

    def show_progress(self, caption: str, done: int, total: int) -> None:
        self.caption.setText(caption)
        self.bar.setRange(0, max(total, 0))
        self.bar.setValue(min(done, total) if total else 0)


class ReviewPanel(QWidget):
    """Files that fit several candidates: pick one, or leave the file for later."""

    def __init__(self) -> None:
        super().__init__()
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.files = QListWidget()
        self.files.setAccessibleName("Files to review")
        self.files.currentRowChanged.connect(self._show_choices)
        box.addWidget(self.files, 1)
        holder = QWidget()
        holder.setFixedWidth(460)
        right = QVBoxLayout(holder)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(label("Belongs to", "subtitle"))
        self.choices = QComboBox()
        self.choices.setAccessibleName("Candidate the file belongs to")
        right.addWidget(self.choices)
        self.action_box = QVBoxLayout()
        right.addLayout(self.action_box)
        right.addStretch(1)
        box.addWidget(holder)
        self._pending: list[dict[str, Any]] = []

    def show_pending(self, pending: list[dict[str, Any]]) -> None:
        current = self.current_file
        self._pending = list(pending)
        self.files.blockSignals(True)
        self.files.clear()
        for entry in self._pending:
            self.files.addItem(f"{entry['file']}  ({len(entry['choices'])} possible)")
        names = [e["file"] for e in self._pending]
        self.files.setCurrentRow(names.index(current) if current in names else 0)
        self.files.blockSignals(False)
        self._show_choices(self.files.currentRow())

    @property
    def current_file(self) -> str:
        row = self.files.currentRow()
        return self._pending[row]["file"] if 0 <= row < len(self._pending) else ""

    @property
    def current_choice(self) -> str:
        return str(self.choices.currentData() or "")

    def _show_choices(self, row: int) -> None:
        self.choices.clear()
        if not 0 <= row < len(self._pending):
            return
        for choice in self._pending[row]["choices"]:
            self.choices.addItem(f"{choice['ref']}  {choice['name']}  "
                                 f"({choice.get('confidence', '?')}% sure)", choice["id"])
