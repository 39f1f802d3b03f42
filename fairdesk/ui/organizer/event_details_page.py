"""Organizer: event details, the counts of the day, and the booth exit PIN."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from fairdesk.ui.common.widgets import button, label
from fairdesk.ui.organizer.presenters.event_details import EventDetailsPresenter

FIGURES = (("candidates", "Registered"), ("checked_in", "Checked in"),
           ("walk_ins", "Walk-ins"), ("visits", "Booth visits"), ("employers", "Employers"),
           ("resumes", "Résumés"), ("badges_printed", "Badges printed"),
           ("shortlisted", "Phase Two"))


Confirm = Callable[[QWidget, str], bool]


def ask_yes_no(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(parent, "FairDesk", question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def _pin_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(12)
    edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly
                             | Qt.InputMethodHint.ImhSensitiveData)
    edit.setAccessibleName(name)
    return edit


class PinDialog(QDialog):
    """The new PIN typed twice, masked; a bad PIN is explained beside the fields."""

    def __init__(self, presenter: EventDetailsPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.setWindowTitle("Booth exit PIN")
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        form.addRow(label("Booths ask for this PIN before they leave booth mode.",
                          "subtitle", wrap=True))
        self.first = _pin_edit("New PIN")
        self.again = _pin_edit("New PIN again")
        form.addRow("&New PIN", self.first)
        form.addRow("PIN &again", self.again)
        form.addRow("", label("4 to 12 digits (0–9).", "subtitle"))
        self.error = label("", "error", wrap=True)
        self.error.setAccessibleName("PIN problem")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        problem = self.presenter.set_pin(self.first.text(), self.again.text())
        if not problem:
            self.accept()
            return
        self.error.setText(problem)
        self.again.clear()
        (self.again if self.first.text() else self.first).setFocus()


class EventDetailsPage(QWidget):
    def __init__(self, presenter: EventDetailsPresenter, confirm: Confirm = ask_yes_no) -> None:
        super().__init__()
        self.presenter = presenter
        self.confirm = confirm
        self.pin_dialog: PinDialog | None = None
        box = QVBoxLayout(self)
        box.addWidget(label("Event", "title"))
        box.addWidget(self._figures())
        box.addWidget(self._form())
        box.addStretch(1)
        presenter.on_change = self.redraw

    def _figures(self) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        grid = QGridLayout(card)
        self.figures = {}
        for index, (key, text) in enumerate(FIGURES):
            value = label("0", "figure")
            value.setAccessibleName(text)
            grid.addWidget(value, (index // 4) * 2, index % 4)
            grid.addWidget(label(text, "subtitle"), (index // 4) * 2 + 1, index % 4)
            self.figures[key] = value
        return card

    def _form(self) -> QWidget:
        holder = QWidget()
        form = QFormLayout(holder)
        self.name = QLineEdit()
        self.venue = QLineEdit()
        self.timezone = label("", "subtitle")
        self.name.textEdited.connect(lambda t: self.presenter.edit("name", t))
        self.venue.textEdited.connect(lambda t: self.presenter.edit("venue", t))
        self.days = QListWidget()
        self.days.setMaximumHeight(110)
        self.new_day = QDateEdit(QDate.currentDate())
        self.new_day.setDisplayFormat("ddd d MMM yyyy")
        self.new_day.setCalendarPopup(True)
        day_row = QHBoxLayout()
        day_row.addWidget(self.new_day)
        day_row.addWidget(button("Add day", self._add_day))
        day_row.addWidget(button("Remove day", self._remove_day))
        for text, widget in (("Event name", self.name), ("Venue", self.venue)):
            widget.setAccessibleName(text)
            form.addRow(text, widget)
        form.addRow("Time zone", self.timezone)
        form.addRow("Fair days", self.days)
        form.addRow("", day_row)
        actions = QHBoxLayout()
        self.save = button("&Save", self._save, shortcut="Ctrl+S", primary=True)
        self.revert = button("Revert", self.presenter.revert)
        actions.addStretch(1)
        actions.addWidget(self.revert)
        actions.addWidget(self.save)
        form.addRow(actions)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        form.addRow(line)
        caption = QLabel("Booth exit PIN")
        form.addRow(caption, self._pin_row(caption))
        return holder

    def _pin_row(self, caption: QLabel) -> QHBoxLayout:
        self.pin_state = label("", "subtitle")
        self.pin_state.setAccessibleName("Booth exit PIN")
        self.pin_button = button("Set PIN…", self._ask_pin)
        self.remove_pin_button = button("Remove PIN", self._remove_pin)
        caption.setBuddy(self.pin_button)
        row = QHBoxLayout()
        row.addWidget(self.pin_state, 1)
        row.addWidget(self.pin_button)
        row.addWidget(self.remove_pin_button)
        return row

    def redraw(self) -> None:
        p = self.presenter
        for key, widget in self.figures.items():
            widget.setText(f"{p.info.get(key, 0):,}")
        if self.name.text() != p.draft.get("name"):
            self.name.setText(p.draft.get("name", ""))
        if self.venue.text() != p.draft.get("venue"):
            self.venue.setText(p.draft.get("venue", ""))
        self.timezone.setText(p.draft.get("timezone", ""))
        self.days.clear()
        for day in p.draft.get("days", []):
            self.days.addItem(day.strftime("%A %d %B %Y"))
        self.save.setEnabled(p.dirty)
        self.revert.setEnabled(p.dirty)
        self.pin_state.setText(p.pin_text)
        self.pin_state.setAccessibleDescription(p.pin_text)
        self.pin_button.setText(p.pin_action)
        self.pin_button.setAccessibleName(p.pin_action.rstrip("…"))
        self.remove_pin_button.setEnabled(p.pin_set)

    def _save(self) -> None:
        self.presenter.save()

    def _add_day(self) -> None:
        q = self.new_day.date()
        self.presenter.add_day(date(q.year(), q.month(), q.day()))

    def _remove_day(self) -> None:
        row = self.days.currentRow()
        days = self.presenter.draft.get("days", [])
        if 0 <= row < len(days):
            self.presenter.remove_day(days[row])

    def _ask_pin(self) -> None:
        """Window-modal, not ``exec()``: the console keeps repainting behind it."""
        self.pin_dialog = PinDialog(self.presenter, self)
        self.pin_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.pin_dialog.open()

    def _remove_pin(self) -> None:
        if self.presenter.pin_set and self.confirm(self, self.presenter.remove_question):
            self.presenter.remove_pin()
