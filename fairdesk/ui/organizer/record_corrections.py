"""The record's two weighty corrections, each a small window-modal dialog:
merge a duplicate (pick it by searching the roster; the dialog says what moves)
and erase the person (a reason, and the ref typed to confirm)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fairdesk.ui.common.table_model import RowsModel
from fairdesk.ui.common.widgets import label
from fairdesk.ui.organizer.presenters.merge_picker import COLUMNS, MergePicker
from fairdesk.ui.organizer.presenters.record import RecordPresenter


def _buttons(dialog: QDialog, text: str) -> tuple[QDialogButtonBox, QPushButton]:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    go = box.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
    go.setProperty("danger", True)
    go.setEnabled(False)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box, go


class MergeDialog(QDialog):
    """Search the roster for the duplicate; the question below names both refs
    and counts what moves; the button merges."""

    def __init__(self, record: RecordPresenter, picker: MergePicker,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record, self.picker = record, picker
        ref = record.record["ref"]
        self.setWindowTitle(f"Merge a duplicate of {ref}")
        self.resize(720, 520)
        box = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText("The duplicate's name, ref, e-mail or phone")
        self.search.setAccessibleName("Search the duplicate")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(picker.set_text)
        box.addWidget(self.search)
        self.summary = label("")
        box.addWidget(self.summary)
        self.model = RowsModel(COLUMNS)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Possible duplicates")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        box.addWidget(self.table, 1)
        self.keep_this = QRadioButton(f"Keep this record ({ref}); the duplicate is dropped")
        self.keep_other = QRadioButton("Keep the duplicate; this record is dropped")
        self.keep_this.setChecked(True)
        self.keep_this.toggled.connect(lambda _on: self._explain())
        box.addWidget(self.keep_this)
        box.addWidget(self.keep_other)
        self.question = label("", wrap=True)
        self.question.setAccessibleName("What the merge does")
        box.addWidget(self.question)
        buttons, self.merge_button = _buttons(self, "&Merge")
        box.addWidget(buttons)
        picker.on_change = self.redraw
        picker.load()
        self.search.setFocus()

    def redraw(self) -> None:
        self.model.set_rows(self.picker.rows)
        self.summary.setText(self.picker.summary)
        if self.picker.chosen is None:
            self.table.clearSelection()
        self._explain()

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.picker.choose(rows[0].row() if rows else -1)
        self._explain()

    def _explain(self) -> None:
        chosen = self.picker.chosen
        self.question.setText(
            self.record.merge_question(chosen, self.keep_this.isChecked()) if chosen
            else "Pick the duplicate in the list.")
        self.merge_button.setEnabled(chosen is not None)


class EraseDialog(QDialog):
    """The erasure explained; the reason and the typed ref unlock the button."""

    def __init__(self, record: RecordPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.setWindowTitle(f"Erase {record.record['ref']}")
        self.resize(560, 330)
        box = QVBoxLayout(self)
        box.addWidget(label(record.erase_question, wrap=True))
        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason")
        self.reason.setPlaceholderText("e.g. asked by e-mail on 20 August")
        self.typed = QLineEdit()
        self.typed.setAccessibleName("Type the ref to confirm")
        self.typed.setPlaceholderText(record.record["ref"])
        form.addRow("&Reason (audit log)", self.reason)
        form.addRow("&Type the ref", self.typed)
        box.addLayout(form)
        buttons, self.erase_button = _buttons(self, "&Erase this person")
        box.addWidget(buttons)
        for edit in (self.reason, self.typed):
            edit.textChanged.connect(lambda _text: self._check())

    def _check(self) -> None:
        self.erase_button.setEnabled(
            self.record.erase_ready(self.reason.text(), self.typed.text()))
