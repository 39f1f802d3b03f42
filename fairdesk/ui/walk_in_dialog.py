"""The walk-in form (and "edit details"), built from the form presenter's field list.

Keyboard alone: Tab moves through the fields, Space ticks consent, Enter
saves, Esc cancels, Alt+U takes the offered existing person instead,
Alt+R attaches a résumé file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from fairdesk.ui.presenters.walk_in import FIELDS, CandidateForm
from fairdesk.ui.widgets import button, label


class CandidateDialog(QDialog):
    def __init__(self, form: CandidateForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.setWindowTitle(form.title)
        self.setMinimumWidth(640)
        box = QVBoxLayout(self)
        box.addWidget(label(form.title, "title"))
        layout = QFormLayout()
        self.inputs: dict[str, QWidget] = {}
        for field in FIELDS:
            widget = self._input(field.key, field.kind, field.label)
            self.inputs[field.key] = widget
            if field.kind == "bool":
                layout.addRow(widget)
            else:
                layout.addRow(field.label, widget)
        box.addLayout(layout)
        box.addLayout(self._extras())
        self.error = label("", "error", wrap=True)
        box.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Save && print badge" if form.is_walk_in else "Save")
        self.save_button.setAccessibleName(self.save_button.text().replace("&&", "and"))
        self.save_button.setDefault(True)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        form.on_change = self.refresh
        form.on_message = lambda m: self.error.setText(m.text)
        self.refresh()

    def _input(self, key: str, kind: str, text: str) -> QWidget:
        value = self.form.values[key]
        widget: QWidget
        if kind == "bool":
            check = QCheckBox(text)
            check.setChecked(bool(value))
            check.toggled.connect(lambda on, k=key: self.form.set(k, on))
            widget = check
        elif kind == "choice":
            combo = QComboBox()
            combo.setEditable(True)
            combo.addItems(["", *self.form.districts])
            combo.setCurrentText(str(value))
            combo.currentTextChanged.connect(lambda t, k=key: self.form.set(k, t))
            widget = combo
        else:
            edit = QLineEdit(str(value))
            edit.textEdited.connect(lambda t, k=key: self.form.set(k, t))
            widget = edit
        widget.setAccessibleName(text.split(" (", maxsplit=1)[0])
        return widget

    def _extras(self) -> QVBoxLayout:
        box = QVBoxLayout()
        self.dup_title = label("Already registered? Use the existing person instead:",
                               "error", wrap=True)
        self.duplicates = QListWidget()
        self.duplicates.setAccessibleName("Possible duplicates")
        self.duplicates.setMaximumHeight(96)
        self.duplicates.itemActivated.connect(lambda _item: self._use())
        self.use_button = button("&Use this person", self._use,
                                 tip="Show the existing person instead (Alt+U)")
        self.resume_button = button("Attach &résumé…", self._attach,
                                    tip="A PDF from a USB stick (Alt+R)")
        self.resume_label = label("", "subtitle")
        for extra in (self.use_button, self.resume_button):
            extra.setAutoDefault(False)  # Enter always saves; these have Alt+U / Alt+R
            extra.setDefault(False)
        for widget in (self.dup_title, self.duplicates, self.use_button,
                       self.resume_button, self.resume_label):
            box.addWidget(widget)
        return box

    def refresh(self) -> None:
        lines = self.form.duplicate_lines
        self.duplicates.clear()
        self.duplicates.addItems(lines)
        if lines:
            self.duplicates.setCurrentRow(0)
        for widget in (self.dup_title, self.duplicates, self.use_button):
            widget.setVisible(bool(lines))
        resume = self.form.resume
        self.resume_label.setText(f"Résumé: {resume.name}" if resume else "")
        for key, field in self.inputs.items():
            field.setProperty("invalid", key == self.form.error_field)
            field.style().unpolish(field)
            field.style().polish(field)

    def _use(self) -> None:
        row = self.duplicates.currentRow()
        self.form.use_existing(max(row, 0))
        self.accept()

    def _attach(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Attach a résumé", str(Path.home()),
                                              "Résumés (*.pdf);;All files (*)")
        if path:
            self.form.attach(Path(path))

    def _save(self) -> None:
        if self.form.save() is not None:
            self.accept()
        elif self.form.error_field in self.inputs:
            self.inputs[self.form.error_field].setFocus()
