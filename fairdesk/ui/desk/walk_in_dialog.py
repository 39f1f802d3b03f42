"""The walk-in form (and "edit details"), built from the form presenter's field list.

Keyboard alone: Tab moves through the fields, Space ticks consent, Enter
saves, Esc cancels, Alt+U takes the offered existing person instead,
Alt+R attaches a résumé file (a USB stick), Alt+P photographs a paper résumé
with the webcam, Alt+M takes the attached résumé off the form.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from fairdesk.ui.common import jobs
from fairdesk.ui.common.camera import FrameSource
from fairdesk.ui.common.widgets import button, label
from fairdesk.ui.desk.photo_dialog import PhotoDialog
from fairdesk.ui.desk.presenters.photo import NO_CAMERA, PhotoPages
from fairdesk.ui.desk.presenters.walk_in import FIELDS, RESUME_FILTER, CandidateForm, usb_folder

CameraFactory = Callable[[], FrameSource]
_RUNNING: set[jobs.Job] = set()  # a job outlives a dialog closed while it runs


def in_background(work: Callable[[], Any], done: Callable[[Any], None],
                  failed: Callable[[Exception], None]) -> None:
    """The form's runner: a résumé is checked (maybe converted) off the GUI thread."""
    holder: list[jobs.Job] = []

    def finished(result: Any) -> None:
        _RUNNING.discard(holder[0])
        done(result)

    def broke(error: Exception) -> None:
        _RUNNING.discard(holder[0])
        failed(error)

    holder.append(jobs.start(lambda _progress, _cancelled: work(), finished, broke))
    _RUNNING.add(holder[0])


class CandidateDialog(QDialog):
    """``camera`` makes the frame source of "Photo of a paper résumé" (``None``: no camera)."""

    def __init__(self, form: CandidateForm, parent: QWidget | None = None,
                 camera: CameraFactory | None = None) -> None:
        super().__init__(parent)
        self.form = form
        form.runner = in_background
        self.source = camera() if camera is not None else None
        self.choose_file: Callable[[], Path | None] = self._choose_file
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
        form.on_message = lambda m: self.error.setText(m.text if m.level != "info" else "")
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
        self.use_button.setAutoDefault(False)  # Enter always saves; this has Alt+U
        for widget in (self.dup_title, self.duplicates, self.use_button):
            box.addWidget(widget)
        box.addLayout(self._resume_row())
        return box

    def _resume_row(self) -> QVBoxLayout:
        row = QVBoxLayout()
        buttons = QHBoxLayout()
        self.resume_button = button("Attach &résumé file…", self._attach,
                                    tip="A PDF, Word file or photo from a USB stick (Alt+R)")
        problem = self.source.problem if self.source is not None else NO_CAMERA
        self.photo_button = button("&Photo of a paper résumé…", self._photo,
                                   tip=problem or "Take a photo of each page with the "
                                   "webcam (Alt+P)")
        self.photo_button.setEnabled(not problem)
        self.remove_button = button("Re&move résumé", self.form.remove_resume,
                                    tip="Take the attached résumé off the form (Alt+M)")
        for extra in (self.resume_button, self.photo_button, self.remove_button):
            extra.setAutoDefault(False)  # Enter always saves; these have Alt+R / P / M
            buttons.addWidget(extra)
        buttons.addStretch(1)
        row.addLayout(buttons)
        self.resume_label = label("", "subtitle", wrap=True)
        self.resume_label.setAccessibleName("Résumé")
        row.addWidget(self.resume_label)
        if problem:
            self.camera_note = label(problem, "", wrap=True)
            row.addWidget(self.camera_note)
        return row

    def refresh(self) -> None:
        lines = self.form.duplicate_lines
        self.duplicates.clear()
        self.duplicates.addItems(lines)
        if lines:
            self.duplicates.setCurrentRow(0)
        for widget in (self.dup_title, self.duplicates, self.use_button):
            widget.setVisible(bool(lines))
        self.resume_label.setText(self.form.resume_line)
        self.remove_button.setEnabled(self.form.resume is not None or bool(self.form.checking))
        for key, field in self.inputs.items():
            field.setProperty("invalid", key == self.form.error_field)
            field.style().unpolish(field)
            field.style().polish(field)

    def _use(self) -> None:
        row = self.duplicates.currentRow()
        self.form.use_existing(max(row, 0))
        self.accept()

    def _choose_file(self) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(self, "Attach a résumé", str(usb_folder()),
                                              RESUME_FILTER)
        return Path(path) if path else None

    def _attach(self) -> None:
        path = self.choose_file()
        if path is not None:
            self.form.attach(path)

    def _photo(self) -> None:
        if self.source is None or not self.source.available:
            return
        pages = PhotoPages(self.source.problem)
        pages.on_done = self.form.attach_resume
        PhotoDialog(pages, self.source, self).exec()
        self.photo_button.setFocus()

    def _save(self) -> None:
        if self.form.save() is not None:
            self.accept()
        elif self.form.error_field in self.inputs:
            self.inputs[self.form.error_field].setFocus()
