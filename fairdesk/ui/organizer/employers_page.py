"""Organizer: the employers table with add and edit."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fairdesk.ui.common.table_model import RowsModel
from fairdesk.ui.common.widgets import button, label
from fairdesk.ui.organizer.presenters.employers import COLUMNS, EmployerForm, EmployersPresenter

_FIELDS = (("name", "Employer name"), ("booth", "Booth"), ("sector", "Sector"),
           ("contact_name", "Contact person"), ("contact_email", "Contact e-mail"),
           ("contact_phone", "Contact phone"), ("tags", "Booth tags (comma-separated)"))


class EmployersPage(QWidget):
    def __init__(self, presenter: EmployersPresenter) -> None:
        super().__init__()
        self.presenter = presenter
        box = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(label("Employers", "title"))
        top.addStretch(1)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by name, booth, sector or tag")
        self.filter.setAccessibleName("Filter employers")
        self.filter.textChanged.connect(presenter.set_filter)
        top.addWidget(self.filter)
        top.addWidget(button("&Add employer…", self.add, shortcut="Ctrl+N", primary=True))
        top.addWidget(button("&Edit…", self.edit, shortcut="Ctrl+E"))
        box.addLayout(top)
        self.model = RowsModel(COLUMNS)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Employers")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        box.addWidget(self.table, 1)
        self.empty = label("", "empty", wrap=True)
        box.addWidget(self.empty)
        presenter.on_change = self.redraw

    def redraw(self) -> None:
        rows = self.presenter.rows
        self.model.set_rows(rows)
        self.empty.setText(self.presenter.empty_text)
        self.empty.setVisible(not rows)

    def add(self) -> None:
        EmployerDialog(self.presenter, self.presenter.new_form(), self).exec()

    def edit(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        visible = self.presenter.visible()
        if not selected or selected[0].row() >= len(visible):
            self.presenter.say("warning", "Select an employer to edit.")
            return
        form = EmployerForm.of(visible[selected[0].row()])
        EmployerDialog(self.presenter, form, self).exec()


class EmployerDialog(QDialog):
    def __init__(self, presenter: EmployersPresenter, form: EmployerForm,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.form = form
        self.setWindowTitle("Add employer" if form.employer_id is None else "Edit employer")
        self.setMinimumWidth(480)
        layout = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        for field, text in _FIELDS:
            edit = QLineEdit(str(getattr(form, field)))
            edit.setAccessibleName(text)
            layout.addRow(text, edit)
            self.edits[field] = edit
        self.error = label("", "error", wrap=True)
        layout.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def _save(self) -> None:
        for field, edit in self.edits.items():
            setattr(self.form, field, edit.text())
        errors: list[str] = []
        previous = self.presenter.on_message
        self.presenter.on_message = lambda m: errors.append(m.text) if m.level == "error" else None
        try:
            ok = self.presenter.save(self.form)
        finally:
            self.presenter.on_message = previous
        if ok:
            self.accept()
        else:
            self.error.setText(" ".join(errors))
