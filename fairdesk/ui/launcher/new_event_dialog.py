"""Create an event: name, venue, time zone, first fair day and number of days, file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import available_timezones

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from fairdesk.domain.roles import DEFAULT_TIMEZONE
from fairdesk.ui.common.widgets import button, label
from fairdesk.ui.launcher.presenters.launcher import LauncherPresenter


class NewEventDialog(QDialog):
    def __init__(self, presenter: LauncherPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.setWindowTitle("New event")
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. National BPO Career Fair 2026")
        self.venue = QLineEdit()
        self.timezone = QComboBox()
        self.timezone.addItems(sorted(available_timezones()))
        self.timezone.setCurrentText(DEFAULT_TIMEZONE)
        self.first_day = QDateEdit(QDate.currentDate())
        self.first_day.setDisplayFormat("ddd d MMM yyyy")
        self.first_day.setCalendarPopup(True)
        self.days = QSpinBox()
        self.days.setRange(1, 14)
        self.path = QLineEdit(str(Path.home() / "career-fair.fairdesk"))
        browse = QHBoxLayout()
        browse.addWidget(self.path, 1)
        browse.addWidget(button("Browse…", self._browse))
        for text, widget in (("Event name", self.name), ("Venue", self.venue),
                             ("Time zone", self.timezone), ("First fair day", self.first_day),
                             ("Fair days", self.days)):
            widget.setAccessibleName(text)
            form.addRow(text, widget)
        form.addRow("Save as", browse)
        self.error = label("", "error", wrap=True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the event as", self.path.text(),
                                              "FairDesk events (*.fairdesk)")
        if path:
            self.path.setText(path)

    def _create(self) -> None:
        qdate = self.first_day.date()
        messages: list[str] = []
        previous = self.presenter.on_message
        self.presenter.on_message = lambda m: messages.append(m.text)
        try:
            ok = self.presenter.create(
                Path(self.path.text()).expanduser(), self.name.text(), self.venue.text(),
                date(qdate.year(), qdate.month(), qdate.day()), self.days.value(),
                self.timezone.currentText())
        finally:
            self.presenter.on_message = previous
        if ok:
            self.accept()
        else:
            self.error.setText(" ".join(messages))
